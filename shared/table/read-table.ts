import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { InputFile } from '../types.ts';
import { decodeText } from './decode-text.ts';

/** One cell: XLSX gives numbers, booleans and Dates; CSV gives strings. Empty XLSX cells are `null`. */
export type Cell = string | number | boolean | Date | null;

/** One physical row. `line` is the 1-based line (CSV, where a record starts) or row number (XLSX). */
export interface TableRow {
  line: number;
  cells: Cell[];
}

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

/** Byte-level format of an input file, decided by its content, not its name. */
export type DetectedFormat = 'csv' | 'xlsx' | 'xls' | 'unknown';

/** The file cannot be read as a table at all. The message says what to do. */
export class TableFormatError extends Error {
  override name = 'TableFormatError';
  readonly format: DetectedFormat;
  constructor(message: string, format: DetectedFormat) {
    super(message);
    this.format = format;
  }
}

export interface ReadTableOptions {
  /**
   * XLSX only: the first visible worksheet for which this returns true is read (files come with empty
   * Sheet2/Sheet3 or a cover sheet). Default: the first visible worksheet with any non-empty cell.
   */
  selectSheet?: (rows: TableRow[], sheetName: string) => boolean;
}

/** Detects the byte format from the file's first bytes. */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

/**
 * Reads a CSV or XLSX file into rows of cells, deciding the format from the bytes.
 *
 * @example
 * const table = await readTable({ name: 'april.csv', bytes });
 * const header = findHeaderRow(table.rows, (texts) => texts.includes('supplier'));
 */
export async function readTable(file: InputFile, options: ReadTableOptions = {}): Promise<Table> {
  const format = detectFormat(file.bytes);
  if (format === 'xls') {
    throw new TableFormatError(
      `${file.name} is a legacy Excel 97–2003 workbook (.xls), which cannot be read: open it in Excel and save it as .xlsx or CSV, then upload that`,
      'xls',
    );
  }
  if (format === 'xlsx') return readXlsx(file, options);
  return readCsv(file);
}

function readCsv(file: InputFile): Table {
  const { text: decoded, encoding } = decodeText(file.bytes);
  if (decoded.includes('\u0000')) {
    throw new TableFormatError(
      `${file.name} is neither a CSV text file nor an XLSX workbook (it contains binary data): export the ledger as CSV or .xlsx`,
      'unknown',
    );
  }
  const text = decoded.replace(/\r\n?/g, '\n');
  const delimiter = guessDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TableFormatError(
      `${file.name} could not be read as CSV (${reason}): check the quotes around that line, or re-export the file as CSV or .xlsx`,
      'csv',
    );
  }
  const rows: TableRow[] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    rows.push({ line: previousEnd + 1, cells: record });
    previousEnd = info.lines;
  }
  return { format: 'csv', encoding, delimiter, rows };
}

function guessDelimiter(text: string): string {
  const sample = text.split('\n', 30).join('\n');
  const count = (char: string) => sample.split(char).length - 1;
  const commas = count(',');
  const tabs = count('\t');
  const semicolons = count(';');
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas * 2 && semicolons > tabs) return ';';
  return ',';
}

async function readXlsx(file: InputFile, options: ReadTableOptions): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TableFormatError(
      `${file.name} looks like a zip/XLSX file but could not be opened as an Excel workbook (${reason}): open it in Excel and save it as .xlsx or CSV`,
      'xlsx',
    );
  }
  const visible = workbook.worksheets.filter(
    (worksheet) => worksheet.state !== 'hidden' && worksheet.state !== 'veryHidden',
  );
  const sheets = (visible.length > 0 ? visible : workbook.worksheets).map((worksheet) => ({
    name: worksheet.name,
    rows: sheetRows(worksheet),
  }));
  const date1904 = workbook.properties.date1904 === true;
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

function sheetRows(worksheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: Cell[] = [];
    for (let column = 1; column < values.length; column++) {
      cells.push(toCell(values[column]));
    }
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

function toCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? null : toCell(result);
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : toCell(text as ExcelJS.CellValue);
  }
  return null;
}

/**
 * A cell as trimmed text: numbers as JavaScript prints them, Dates as ISO `YYYY-MM-DD`, `null` as ''.
 * Strips the leading apostrophe Excel uses to force text (`'0123`).
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  }
  const text = String(cell)
    .replace(/[\u00a0\u2007\u202f\ufeff]/g, ' ')
    .trim();
  return text.startsWith("'") ? text.slice(1).trim() : text;
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
