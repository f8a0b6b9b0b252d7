/** One cell: XLSX gives numbers, booleans and Dates; CSV gives strings. Empty XLSX cells are `null`. */
export type Cell = string | number | boolean | Date | null;

/** One physical row. `line` is the 1-based line (CSV, where a record starts) or row number (XLSX). */
export interface TableRow {
  line: number;
  cells: Cell[];
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

/** Detects the byte format from the file's first bytes. */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

/** The error for a legacy Excel 97–2003 workbook, which no reader here can open. */
export function legacyWorkbookError(name: string): TableFormatError {
  return new TableFormatError(
    `${name} is a legacy Excel 97–2003 workbook (.xls), which cannot be read: open it in Excel and save it as .xlsx or CSV, then upload that`,
    'xls',
  );
}
