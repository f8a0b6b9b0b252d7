import { columnLetters } from '../table/column-letters.ts';
import { mapColumns, matchHeaderToAlias } from '../table/map-columns.ts';
import { type Cell, cellText } from '../table/read-table.ts';
import type { LineIssue } from '../types.ts';
import {
  REFERENCE_COLUMNS,
  REFERENCE_FIELD_LABELS,
  REFERENCE_HEADERS_TO_WRITE,
  type ReferenceField,
} from './reference-columns.ts';

/**
 * What a supplier reference issue means for the figures: a cell ignored (`cell`), a whole column not
 * read (`column`), or a later row of a supplier with another postcode, not used (`postcodes`).
 */
export type ReferenceIssueKind = 'cell' | 'column' | 'postcodes';

const COLUMN_NOTE = /^column ".*" \([A-Z]+\) was not read/s;
const POSTCODES_NOTE = /^postcode .* here is not on line \d+/s;

/** The kind of a supplier reference issue, told by how its reason begins (it survives the archive's JSON). */
export function describeReferenceIssue(issue: LineIssue): ReferenceIssueKind {
  if (COLUMN_NOTE.test(issue.reason)) return 'column';
  if (POSTCODES_NOTE.test(issue.reason)) return 'postcodes';
  return 'cell';
}

/**
 * Words of a header that may hold a fact the rules decide by (size, location, register numbers, a
 * declared category): such a column not read is noted; any other column the trust keeps is not.
 */
const SUPPLIER_FACT =
  /turnover|revenue|sales|income|employ|staff|headcount|head count|fte|balance|assets|post ?code|postal|zip|sme|small|medium|micro|size|vcse|voluntary|charit|social enterprise|cic\b|company|registration|reg\.? ?no|crn|branch|site|£|gbp/i;

/**
 * One note for each non-blank header cell no field took that may hold a supplier fact
 * ({@link SUPPLIER_FACT}), or looks mis-decoded: why it was not read and what to do — rename it, delete a
 * second column for one field, or, when the header looks mis-decoded (`Â£`, `â€™`), save the file again
 * as UTF-8.
 */
export function findUnreadColumns(
  fileName: string,
  line: number,
  headerCells: readonly Cell[],
  columns: Partial<Record<ReferenceField, { index: number; header: string }>>,
): LineIssue[] {
  const taken = new Map<number, ReferenceField>();
  for (const [field, column] of Object.entries(columns) as [ReferenceField, { index: number }][]) {
    taken.set(column.index, field);
  }
  const notes: LineIssue[] = [];
  headerCells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === '' || taken.has(index)) return;
    // A column of the trust's own (Category, Notes, Payment Terms) is no fact the rules use: not noted.
    if (!SUPPLIER_FACT.test(header) && repairMisDecodedText(header) === undefined) return;
    const start = `column "${header}" (${columnLetters(index + 1)}) was not read`;
    notes.push({
      file: fileName,
      line,
      column: header,
      value: '',
      reason: `${start}: ${whyUnread(header, columns)}`,
    });
  });
  return notes;
}

function whyUnread(
  header: string,
  columns: Partial<Record<ReferenceField, { index: number; header: string }>>,
): string {
  const repaired = repairMisDecodedText(header);
  if (repaired !== undefined) {
    const field = Object.keys(mapColumns([repaired], REFERENCE_COLUMNS).columns)[0] as
      | ReferenceField
      | undefined;
    const reads = field === undefined ? '' : ` (read as ${REFERENCE_FIELD_LABELS[field]})`;
    return (
      `the file looks mis-decoded: this header was probably "${repaired}"${reads}, garbled by opening UTF-8 text as ` +
      'Windows-1252 and saving it again, and other cells (names, £ signs) may be garbled too — export the supplier ' +
      'list again, or open the original in Excel with Data > From Text/CSV, File origin "65001: Unicode (UTF-8)", ' +
      'and save it as "CSV UTF-8" or .xlsx'
    );
  }
  for (const field of Object.keys(REFERENCE_COLUMNS) as ReferenceField[]) {
    const other = columns[field];
    if (other === undefined) continue;
    if (REFERENCE_COLUMNS[field].aliases.some((alias) => matchHeaderToAlias(header, alias) !== undefined)) {
      return (
        `column "${other.header}" (${columnLetters(other.index + 1)}) is read for ${REFERENCE_FIELD_LABELS[field]}: ` +
        'keep one of the two, or rename this one if it holds another fact'
      );
    }
  }
  return `no rule uses it — rename it to one of ${REFERENCE_HEADERS_TO_WRITE.join(', ')} if it holds a supplier fact`;
}

/** Windows-1252's characters for bytes 0x80–0x9F (those it defines). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * The text UTF-8 bytes read as Windows-1252 came from (`Turnover (Â£)` → `Turnover (£)`, `Supplierâ€™s`
 * → `Supplier’s`), or `undefined` when the text does not look mis-decoded.
 */
export function repairMisDecodedText(text: string): string | undefined {
  if (!/[\u0080-\uFFFF]/.test(text)) return undefined;
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const high = WINDOWS_1252_HIGH.indexOf(char);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (high >= 0) bytes.push(0x80 + high);
    else return undefined;
  }
  try {
    const repaired = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    return repaired === text ? undefined : repaired;
  } catch {
    return undefined;
  }
}

/** How each kind of supplier reference issue affects the figures, as the Data quality sheet's Effect says. */
export const REFERENCE_ISSUE_EFFECTS: Readonly<Record<ReferenceIssueKind, string>> = {
  cell: 'supplier reference cell ignored',
  column: 'supplier reference column not read',
  postcodes: "supplier reference: the earlier row's postcode counts",
};

/** Notes written out in full before they are only counted. */
const FULL_NOTES = 3;

/**
 * The text summary's lines about the supplier reference: how many cells were ignored, each column not
 * read (a mis-decoded file always in full) and each supplier whose rows give different postcodes.
 *
 * @example summariseReferenceIssues(issues) // ['Supplier reference suppliers.csv: column "Annual Turnover (Â£)" (H) was not read: …']
 */
export function summariseReferenceIssues(issues: readonly LineIssue[]): string[] {
  const byKind = (kind: ReferenceIssueKind) =>
    issues.filter((issue) => describeReferenceIssue(issue) === kind);
  const lines: string[] = [];
  const cells = byKind('cell');
  if (cells.length > 0) {
    lines.push(
      `Supplier reference: ${cells.length === 1 ? 'a cell' : `${cells.length} cells`} could not be read${cells.length > FULL_NOTES ? `, the first ${FULL_NOTES} below` : ''} — the Data quality sheet lists ${cells.length === 1 ? 'it' : 'them all'}.`,
    );
    for (const cell of cells.slice(0, FULL_NOTES)) {
      lines.push(`  ${cell.file} line ${cell.line}, column "${cell.column}": ${cell.reason}`);
    }
  }
  const columns = byKind('column');
  const misDecoded = columns.find((note) => repairMisDecodedText(note.column) !== undefined);
  if (columns.length <= FULL_NOTES) {
    for (const note of columns) lines.push(`Supplier reference ${note.file}: ${note.reason}.`);
  } else {
    if (misDecoded !== undefined) lines.push(`Supplier reference ${misDecoded.file}: ${misDecoded.reason}.`);
    const names = columns
      .slice(0, 10)
      .map((note) => note.reason.slice('column '.length, note.reason.indexOf(') ') + 1));
    const more = columns.length > names.length ? `, and ${columns.length - names.length} more` : '';
    lines.push(
      `Supplier reference ${columns[0]?.file ?? ''}: ${columns.length} columns were not read — ${names.join(', ')}${more}; ` +
        `if one holds a supplier fact, rename it to one of ${REFERENCE_HEADERS_TO_WRITE.join(', ')} — see the Data quality sheet.`,
    );
  }
  const postcodes = byKind('postcodes');
  if (postcodes.length <= FULL_NOTES) {
    for (const note of postcodes)
      lines.push(`Supplier reference ${note.file} line ${note.line}: ${note.reason}.`);
  } else {
    lines.push(
      `Supplier reference ${postcodes[0]?.file ?? ''}: ${postcodes.length} rows give a supplier another postcode than its earlier row ` +
        `(lines ${postcodes.map((note) => note.line).join(', ')}); the earlier row counts — see the Data quality sheet.`,
    );
  }
  return lines;
}
