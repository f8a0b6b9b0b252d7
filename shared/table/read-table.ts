import type { InputFile } from '../types.ts';
import { singleChunk } from './byte-reader.ts';
import { streamTable } from './stream-table.ts';
import { type Cell, detectFormat, legacyWorkbookError, type TableRow } from './table-types.ts';
import type { SheetInfo } from './xlsx-rows.ts';

export {
  type Cell,
  type DetectedFormat,
  detectFormat,
  TableFormatError,
  type TableRow,
} from './table-types.ts';

export interface Table {
  format: 'csv' | 'xlsx';
  /** Text encoding the CSV bytes were read as (`utf-8`, `utf-8-bom`, `windows-1252`, …). */
  encoding?: string;
  /** Worksheet the rows come from (XLSX only). */
  sheet?: string;
  /** Field delimiter (CSV only). */
  delimiter?: string;
  /** XLSX only: the workbook counts serial dates from 1904 (old Mac Excel) instead of 1900. */
  date1904?: boolean;
  rows: TableRow[];
}

export interface ReadTableOptions {
  /**
   * XLSX only: the first visible worksheet for which this returns true is read (files come with empty
   * Sheet2/Sheet3 or a cover sheet). Default: the first visible worksheet with any non-empty cell.
   */
  selectSheet?: (rows: TableRow[], sheetName: string) => boolean;
}

/**
 * Reads a CSV or XLSX file into rows of cells, deciding the format from the bytes. Both go through the
 * streaming readers (`streamTable`), with their limits: a workbook is never loaded whole, so a damaged
 * or hostile one (a zip bomb, a merged range over the whole sheet) is refused, not inflated.
 *
 * @example
 * const table = await readTable({ name: 'april.csv', bytes });
 * const header = findHeaderRow(table.rows, (texts) => texts.includes('supplier'));
 */
export async function readTable(file: InputFile, options: ReadTableOptions = {}): Promise<Table> {
  const format = detectFormat(file.bytes);
  if (format === 'xls') throw legacyWorkbookError(file.name);
  const csvRows: TableRow[] = [];
  const sheetRows = new Map<number, TableRow[]>();
  const plan = await streamTable(file.name, () => singleChunk(file.bytes), {
    rows: (batch, sheet) => {
      let rows = csvRows;
      if (sheet !== undefined) {
        rows = sheetRows.get(sheet.index) ?? [];
        sheetRows.set(sheet.index, rows);
      }
      for (const row of batch) rows.push(row);
    },
    restart: () => {
      csvRows.length = 0;
    },
  });
  if (plan.format === 'csv') {
    const { decoding, delimiter } = plan.csv;
    return { format: 'csv', encoding: decoding.encoding, delimiter, rows: csvRows };
  }
  const date1904 = plan.xlsx.date1904;
  const visible = plan.sheets.filter((sheet) => !sheet.hidden);
  const sheets = (visible.length > 0 ? visible : [...plan.sheets])
    .sort(byTabOrder)
    .map((sheet) => ({ name: sheet.name, rows: sheetRows.get(sheet.index) ?? [] }));
  const hasContent = (rows: TableRow[]) => rows.some((row) => !isBlankRow(row));
  const select = options.selectSheet ?? hasContent;
  // When no sheet qualifies, the first non-empty one is returned so the caller can say what it found.
  const chosen =
    sheets.find((sheet) => select(sheet.rows, sheet.name)) ??
    sheets.find((sheet) => hasContent(sheet.rows)) ??
    sheets[0];
  if (chosen === undefined) return { format: 'xlsx', date1904, rows: [] };
  return { format: 'xlsx', sheet: chosen.name, date1904, rows: chosen.rows };
}

function byTabOrder(a: SheetInfo, b: SheetInfo): number {
  return a.position - b.position || a.index - b.index;
}

/**
 * A cell as trimmed text: numbers as JavaScript prints them, Dates as ISO `YYYY-MM-DD`, `null` as ''.
 * Strips the leading apostrophe Excel uses to force text (`'0123`).
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  }
  if (isTidyText(cell)) return cell;
  const text = cell.replace(/[\u00a0\u2007\u202f\ufeff]/g, ' ').trim();
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

/**
 * True when `cellText` would return the text as it is: no space to trim at either end (the end
 * characters are printable ASCII, or in U+00A1–U+167F, where there is no white space), no leading
 * apostrophe and no no-break space or BOM inside. A scan, not a regex, as it runs on every cell.
 */
function isTidyText(text: string): boolean {
  const last = text.length - 1;
  if (last < 0) return true;
  const first = text.charCodeAt(0);
  if (first === APOSTROPHE || !isNeverTrimmed(first) || !isNeverTrimmed(text.charCodeAt(last))) return false;
  for (let at = 1; at < last; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0xa0 && (code === 0xa0 || code === 0x2007 || code === 0x202f || code === 0xfeff))
      return false;
  }
  return true;
}

const APOSTROPHE = 0x27;

function isNeverTrimmed(code: number): boolean {
  return (code > 0x20 && code < 0x7f) || (code > 0xa0 && code < 0x1680);
}

/** True when every cell of the row is empty or whitespace. */
export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((cell) => cellText(cell) === '');
}

/**
 * The first row among the first `maxRows` rows for which `matches` is true, given the row's cells as
 * lower-case, space-collapsed text. Titles and blank rows above a header are skipped this way.
 */
export function findHeaderRow(
  rows: readonly TableRow[],
  matches: (texts: string[], row: TableRow) => boolean,
  maxRows = 30,
): { index: number; row: TableRow } | undefined {
  const limit = Math.min(rows.length, maxRows);
  for (let index = 0; index < limit; index++) {
    const row = rows[index];
    if (row === undefined) continue;
    if (matches(row.cells.map(normaliseHeaderText), row)) return { index, row };
  }
  return undefined;
}

/** Lower-case, single-spaced, trimmed header text (`' Amount  (£) '` → `'amount (£)'`). */
export function normaliseHeaderText(cell: Cell | undefined): string {
  return cellText(cell).toLowerCase().replace(/\s+/g, ' ').trim();
}
