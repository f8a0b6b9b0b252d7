import type { LineIssue } from '../types.ts';
import { neutraliseFormula } from './neutralise-formula.ts';

const HEADER = ['File', 'Line', 'Column', 'Value', 'Reason'] as const;

/** RFC 4180: a field holding a quote, comma or line break is quoted, its quotes doubled. */
function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(cells: readonly string[]): string {
  return cells.map((cell) => quoteField(neutraliseFormula(cell))).join(',');
}

/**
 * Finance's error report: one row per problem, as CSV text with a byte-order mark and CRLF line
 * endings, so Excel opens it as UTF-8 (showing `£` correctly) and never runs a cell as a formula.
 * A problem with the file as a whole (line 0) has an empty Line cell.
 *
 * The text of a withheld (redacted or individual) payee's cell arrives already replaced by
 * "(withheld)": the ledger reader leaves it out of every issue (`withholdIssue`), so it is not filtered
 * again here. Finance own the data and could be shown it, but this report is emailed and archived,
 * and the file, line and column find the cell in the file they hold.
 *
 * @example renderErrorReportCsv([{ file: 'may.csv', line: 14, column: 'Amount', value: '12,34.5', reason: '"12,34.5" is not a money amount' }])
 */
export function renderErrorReportCsv(problems: readonly LineIssue[]): string {
  const rows = problems.map((problem) =>
    csvRow([
      problem.file,
      problem.line > 0 ? String(problem.line) : '',
      problem.column,
      problem.value,
      problem.reason,
    ]),
  );
  return `\uFEFF${[csvRow(HEADER), ...rows].join('\r\n')}\r\n`;
}
