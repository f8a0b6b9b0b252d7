/** One JSON line per event on stdout, as CloudWatch Logs Insights reads them. */
export type LogFields = Record<string, unknown>;

export function logInfo(message: string, fields: LogFields = {}): void {
  console.log(JSON.stringify({ level: 'INFO', message, ...fields }));
}

export function logWarn(message: string, fields: LogFields = {}): void {
  console.warn(JSON.stringify({ level: 'WARN', message, ...fields }));
}
