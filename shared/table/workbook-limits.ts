/** Excel's last row and column: a cell beyond them is not from a workbook Excel can open. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Most cells the merged ranges of one worksheet may cover (a title across a row is a handful). */
export const MAX_MERGED_CELLS = 1_048_576;
/**
 * Most cells one worksheet may give, counting the empty ones before a row's last value: Excel's last
 * row times eight columns, far beyond any ledger (a stray value in column XFD on every row is not one).
 */
export const MAX_SHEET_CELLS = 8_388_608;

/** A workbook too large, or too malformed, to read safely; the message completes "<file name> …". */
export class WorkbookLimitError extends Error {
  override name = 'WorkbookLimitError';
}

/** What to do about a workbook refused as damaged, ending its message. */
export const TODO = 'Open it in Excel and save it as .xlsx or CSV';

/** The zip holds no `xl/workbook.xml`: it is some other zip (a zipped CSV), or cut short. */
export function notAWorkbook(entries: readonly string[]): WorkbookLimitError {
  if (entries.length === 0) {
    return new WorkbookLimitError(
      'is a zip file with nothing in it (it may have been cut short): open the ledger in Excel, save it as .xlsx or CSV and upload that',
    );
  }
  if (isOpenDocument(entries)) {
    return new WorkbookLimitError(
      'is an OpenDocument spreadsheet (.ods, saved by LibreOffice or OpenOffice), not an Excel workbook: open it there, save it as .xlsx or CSV (File > Save As) and upload that',
    );
  }
  const shown = entries.slice(0, 5).map((entry) => `"${entry}"`);
  if (entries.length > 5) shown.push(`${entries.length - 5} more`);
  return new WorkbookLimitError(
    `is a zip file but not an Excel workbook (it holds ${shown.join(', ')}): unzip it and upload the ledger inside, or open the ledger in Excel and save it as .xlsx or CSV`,
  );
}

/** Whether a zip's entries are an OpenDocument file's: its `mimetype` first entry and its `content.xml`. */
function isOpenDocument(entries: readonly string[]): boolean {
  return entries.includes('mimetype') && entries.includes('content.xml');
}

/** Whether the zip's entries include the workbook part every .xlsx has. */
export function hasWorkbookPart(entries: readonly string[]): boolean {
  return entries.some((entry) => entry.toLowerCase() === 'xl/workbook.xml');
}

export function rowBeyondExcel(sheet: string, row: number): WorkbookLimitError {
  return new WorkbookLimitError(
    `has a row numbered ${row.toLocaleString('en-GB')} in sheet "${sheet}", beyond Excel's last row (${MAX_ROWS.toLocaleString('en-GB')}): the workbook is damaged. ${TODO}`,
  );
}

export function tooManyCells(sheet: string, row: number, columns: number): WorkbookLimitError {
  return new WorkbookLimitError(
    `has more than ${MAX_SHEET_CELLS.toLocaleString('en-GB')} cells in sheet "${sheet}" (row ${row.toLocaleString('en-GB')} reaches column ${columns.toLocaleString('en-GB')}), more than any ledger holds: delete the unused rows and columns in Excel, save it as .xlsx or CSV and upload that`,
  );
}
