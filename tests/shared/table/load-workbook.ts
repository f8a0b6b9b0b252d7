import ExcelJS from 'exceljs';
import { isBlankRow, type ReadTableOptions, type Table, type TableRow } from '../../../shared/table/index.ts';
import { toCell } from '../../../shared/table/xlsx-cell.ts';
import type { InputFile } from '../../../shared/types.ts';

/**
 * A workbook loaded whole by exceljs and read with `eachRow({ includeEmpty: true })`: how `readTable`
 * read workbooks before it streamed them, kept as the reference the streaming reader must match
 * (on trusted test workbooks only — loading whole is what a hostile workbook exploits).
 */
export async function loadWorkbookTable(file: InputFile, options: ReadTableOptions = {}): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  const buffer = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
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
    const cells = [];
    for (let column = 1; column < values.length; column++) cells.push(toCell(values[column]));
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}
