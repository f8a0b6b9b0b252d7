/** First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in a spreadsheet: text that starts like a formula gets a leading `'`,
 * so `-85.00` or `=HYPERLINK(…)` from a bad ledger line is shown as text and never run.
 *
 * @example neutraliseFormula('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
