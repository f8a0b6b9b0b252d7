/**
 * One JSON line per event on stdout, as CloudWatch Logs Insights reads them. Fields are counts, keys,
 * hashes and IDs only: no ledger cell, supplier name or email address (issue 7). A message that may
 * quote one (a rejection reason, an SES error) goes to the manifest or email, which are access-controlled.
 */
export type LogFields = Record<string, unknown>;

export function logInfo(message: string, fields: LogFields = {}): void {
  console.log(JSON.stringify({ level: 'INFO', message, ...fields }));
}

export function logWarn(message: string, fields: LogFields = {}): void {
  console.warn(JSON.stringify({ level: 'WARN', message, ...fields }));
}

export function logError(message: string, fields: LogFields = {}): void {
  console.error(JSON.stringify({ level: 'ERROR', message, ...fields }));
}

/** The name and code of an error, never its message (which may quote a cell, a key or an address). */
export function describeError(error: unknown): { errorName: string; errorCode?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const code = (error as { code?: unknown; Code?: unknown }).code ?? (error as { Code?: unknown }).Code;
  return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
}

/** Our own errors whose messages hold only months, keys, hashes and byte counts. */
const ERRORS_WITH_SAFE_MESSAGES = new Set([
  'NoDataForMonthError',
  'ReportNotSentError',
  'EmailTooLargeError',
  'ArchiveIntegrityError',
  'RawCopyMismatchError',
]);

/** What the Lambda runtime logs (and the failure queue records) in place of an error whose message may hold data. */
export class HandlerFailedError extends Error {
  override name = 'HandlerFailedError';
  readonly errorName: string;
  readonly errorCode: string | undefined;
  constructor(what: string, described: { errorName: string; errorCode?: string }) {
    const code = described.errorCode ? ` (${described.errorCode})` : '';
    super(`${what} failed: ${described.errorName}${code}; its message is withheld from the logs`);
    this.errorName = described.errorName;
    this.errorCode = described.errorCode;
  }
}

/**
 * Runs a handler body; a failure is logged as one JSON line (error name and code, with `fields`) and
 * rethrown — as itself when its message is known to hold no data, else as a `HandlerFailedError` — since
 * the Lambda runtime writes an uncaught error's message and stack to the log.
 *
 * @example return withSafeFailures('ingest', { records: event.Records.length }, () => ingestS3Event(deps, event));
 */
export async function withSafeFailures<T>(
  what: string,
  fields: LogFields,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const described = describeError(error);
    logError(`${what} failed`, { ...fields, ...described });
    if (error instanceof Error && ERRORS_WITH_SAFE_MESSAGES.has(error.name)) throw error;
    throw new HandlerFailedError(what, described);
  }
}
