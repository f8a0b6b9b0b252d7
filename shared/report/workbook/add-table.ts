import type ExcelJS from 'exceljs';
import type { Pence } from '../../types.ts';

export const POUNDS = '£#,##0.00;[Red]-£#,##0.00';
export const PERCENT = '0.0%';
export const POINTS = '+0.0" pp";[Red]-0.0" pp";0.0" pp"';

export type Cell = string | number | null;
export type Row = Cell[];

export interface Column {
  header: string;
  width: number;
  format?: string;
  wrap?: boolean;
}

export function pounds(pence: Pence): number {
  return pence / 100;
}

export function share(part: Pence, total: Pence): number | null {
  return total === 0 ? null : part / total;
}

/** Change in percentage points between two shares; null when either total is zero. */
export function changeInPoints(
  part: Pence,
  total: Pence,
  earlierPart: Pence,
  earlierTotal: Pence,
): number | null {
  const now = share(part, total);
  const before = share(earlierPart, earlierTotal);
  return now === null || before === null ? null : Math.round((now - before) * 1000) / 10;
}

/**
 * A sheet holding title lines, one header row and its rows: header frozen, filterable,
 * printed landscape one page wide with the title and header rows on every page.
 */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string[],
  columns: Column[],
  rows: Row[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  for (const line of title) sheet.addRow([line]).font = { bold: line === title[0] };
  if (title.length > 0) sheet.addRow([]);
  const headerRow = sheet.addRow(columns.map((c) => c.header));
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows) sheet.addRow(row);
  columns.forEach((column, index) => {
    const col = sheet.getColumn(index + 1);
    col.width = column.width;
    if (column.format) col.numFmt = column.format;
    if (column.wrap) col.alignment = { wrapText: true, vertical: 'top' };
  });
  const headerNumber = headerRow.number;
  sheet.views = [{ state: 'frozen', ySplit: headerNumber }];
  sheet.autoFilter = {
    from: { row: headerNumber, column: 1 },
    to: { row: headerNumber + rows.length, column: columns.length },
  };
  sheet.pageSetup = {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${headerNumber}`,
  };
  return sheet;
}
