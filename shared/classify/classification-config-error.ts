/** The classification configuration cannot be used (e.g. no euro exchange rate for the EU SME definition). */
export class ClassificationConfigError extends Error {
  override name = 'ClassificationConfigError';
}
