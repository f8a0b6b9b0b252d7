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
  /** The 1-based line the problem is on, when one line caused it (an unclosed quote). */
  readonly line: number | undefined;
  constructor(message: string, format: DetectedFormat, line?: number) {
    super(message);
    this.format = format;
    this.line = line;
  }
}

/** Detects the byte format from the file's first bytes. */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

/**
 * Documents that people save under a spreadsheet's name but that hold no table socval can read: a PDF
 * report, a web page (what many finance systems export as "Excel"), an Excel 2003 XML spreadsheet.
 * Looks at the first bytes (`head`, a BOM and leading whitespace allowed).
 */
export function recogniseOtherDocument(name: string, head: Uint8Array): TableFormatError | undefined {
  const start = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf)?\s*/, '');
  const refuse = (what: string, todo: string) =>
    new TableFormatError(`${name} is ${what}, not a CSV file or an Excel workbook: ${todo}`, 'unknown');
  if (start.startsWith('%PDF-')) {
    return refuse(
      'a PDF document',
      'export the ledger as CSV or .xlsx from the finance system, not as a PDF report',
    );
  }
  if (/^<\?xml[^>]*>\s*(<\?mso-application[^>]*>\s*)?<Workbook\b/i.test(start)) {
    return refuse(
      'an Excel 2003 XML spreadsheet',
      'open it in Excel and save it as .xlsx or CSV, then upload that',
    );
  }
  if (/^<(!doctype\s+html|html|head|body|table|meta)\b/i.test(start)) {
    return refuse(
      'a web page (HTML), as some finance systems export "Excel" files',
      'open it in Excel and save it as .xlsx or CSV, then upload that',
    );
  }
  return undefined;
}

/** The error for a legacy Excel 97–2003 workbook, which no reader here can open. */
export function legacyWorkbookError(name: string): TableFormatError {
  return new TableFormatError(
    `${name} is a legacy Excel 97–2003 workbook (.xls), which cannot be read: open it in Excel and save it as .xlsx or CSV, then upload that`,
    'xls',
  );
}
