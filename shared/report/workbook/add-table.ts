import type ExcelJS from 'exceljs';
import { hasShares } from '../../money/format-share.ts';
import type { Pence } from '../../types.ts';
import type { DeferredRows } from './deferred-rows.ts';

export const POUNDS = '£#,##0.00;[Red]-£#,##0.00';
export const PERCENT = '0.0%';
export const POINTS = '+0.0" pp";[Red]-0.0" pp";0.0" pp"';

export type Cell = string | number | null;
export type Row = Cell[];

/**
 * A table's rows by index: an array, or rows made only when each is asked for ({@link lazyRows}), so that
 * a table of thousands need not be held whole while the workbook is made. Asked for one index twice, it
 * gives equal rows.
 */
export interface Rows {
  readonly length: number;
  at(index: number): Row | undefined;
}

/**
 * `length` rows, the `index`-th made by `row(index)` each time it is asked for and held by nothing here.
 *
 * @example lazyRows(report.suppliers.length, (index) => supplierCells(report.suppliers[index]))
 */
export function lazyRows(length: number, row: (index: number) => Row): Rows {
  return { length, at: (index) => (index >= 0 && index < length ? row(index) : undefined) };
}

export interface Column {
  header: string;
  width: number;
  format?: string;
  wrap?: boolean;
  /** Centred (a short word or number between wider columns) rather than as text or numbers go. */
  centre?: boolean;
  /** For a table added below another: the sheet columns its cells take, merged (default 1). */
  span?: number;
}

export function pounds(pence: Pence): number {
  return pence / 100;
}

/** `part / total` for a percent cell; null (an empty cell) when the total has no shares (`hasShares`). */
export function share(part: Pence, total: Pence): number | null {
  return hasShares(total) ? part / total : null;
}

/** Change in percentage points between two shares; null when either total has no shares. */
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

/** A table below a bold heading, for a sheet that holds more than one. */
export interface Table {
  heading: string;
  columns: Column[];
  rows: Rows;
}

/** Where a table was written: its header row and last row (1-based). */
export interface TablePlace {
  header: number;
  last: number;
}

const FONT = 'Calibri';
/** The first title line of a sheet. */
const TITLE_FONT = { name: FONT, size: 14, bold: true };
/** A heading above a table or a block of text. */
const HEADING_FONT = { name: FONT, size: 12, bold: true };
const BOLD_FONT = { name: FONT, size: 11, bold: true };
const PLAIN_FONT = { name: FONT, size: 11 };
/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;
/**
 * Characters of 11-point text a column-width unit holds, on the small side: Excel's Calibri is
 * narrower than the font LibreOffice puts in its place, and a row cut short hides text while a tall
 * one only leaves space. Bold text is wider.
 */
const CHARS_PER_UNIT = 1.1;
const BOLD_CHARS_PER_UNIT = 0.9;

/** The lines a text takes wrapped word by word in a column (or merged columns) `width` units wide. */
export function countLines(text: string, width: number, bold = false): number {
  const capacity = Math.max(1, Math.floor(width * (bold ? BOLD_CHARS_PER_UNIT : CHARS_PER_UNIT)));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = -1; // characters on the line so far; -1 before its first word
    for (const word of paragraph.split(' ')) {
      if (used >= 0 && used + 1 + word.length <= capacity) {
        used += 1 + word.length;
        continue;
      }
      if (used >= 0) lines += 1;
      const extra = Math.max(0, Math.ceil(word.length / capacity) - 1); // a word longer than a line breaks
      lines += extra;
      used = word.length - extra * capacity;
    }
  }
  return lines;
}

/** Where a table column's cells are on the sheet: its first sheet column (1-based), how many, how wide. */
export interface ColumnPlace {
  start: number;
  span: number;
  width: number;
}

/** Where each column's cells start on the sheet (1-based), how many sheet columns and how wide. */
function layOut(sheet: ExcelJS.Worksheet, columns: Column[]): ColumnPlace[] {
  let next = 1;
  return columns.map((column) => {
    const start = next;
    const span = column.span ?? 1;
    next += span;
    let width = 0;
    for (let c = start; c < start + span; c++) width += sheet.getColumn(c).width ?? column.width;
    return { start, span, width };
  });
}

/**
 * The height (points) each row of a table needs for its wrapped text, or undefined for one line: a
 * header's cells, or a body row's wrapping columns, word by word in the column's width. Each column's
 * lines are counted once per distinct text (a column of labels repeats a few).
 */
function rowHeights(
  columns: readonly Column[],
  places: readonly ColumnPlace[],
  header: boolean,
): (cells: Row) => number | undefined {
  const counted = columns.map(() => new Map<string, number>());
  return (cells) => {
    let lines = 1;
    for (let index = 0; index < places.length; index++) {
      const value = cells[index];
      if (!(header || columns[index]?.wrap === true) || typeof value !== 'string') continue;
      const seen = counted[index] as Map<string, number>;
      let count = seen.get(value);
      if (count === undefined) {
        count = countLines(value, (places[index] as ColumnPlace).width, header);
        seen.set(value, count);
      }
      if (count > lines) lines = count;
    }
    return lines > 1 ? LINE_HEIGHT * lines : undefined;
  };
}

/**
 * Writes a header row and its rows at the end of the sheet, styling cell by cell (a sheet column may
 * hold two tables): text at the top of its row, numbers and their headers to the right, and each row
 * as tall as its wrapped text. Spreadsheet programs do not all size such rows themselves when they
 * open a file (LibreOffice leaves some one line high, the text overlapping).
 *
 * With `deferred`, exceljs gets the header and only the first row, the template whose cells' styles
 * the rest copy: the rows are written as XML when the workbook is (`deferred-rows.ts`). The place
 * returned is where the rows will be once written, so it can be used for filters and text as usual.
 */
function writeTable(
  sheet: ExcelJS.Worksheet,
  columns: Column[],
  rows: Rows,
  deferred?: DeferredRows,
): TablePlace {
  const places = layOut(sheet, columns);
  // One style object per column for the header and one for its cells, shared by every cell that has
  // it: exceljs files a style it has seen before by the object's identity, and otherwise renders each
  // cell's style to XML to find it among the workbook's styles. Nothing changes a table cell's style
  // once written, which sharing relies on (and so do deferred rows, which copy the template's styles).
  const styleOf = (column: Column, header: boolean): Partial<ExcelJS.Style> => {
    const wrap = header || column.wrap === true;
    const horizontal = column.centre ? 'center' : header && column.format ? 'right' : undefined;
    const style: Partial<ExcelJS.Style> = {
      alignment: {
        vertical: 'top',
        ...(wrap && { wrapText: true }),
        ...(horizontal && { horizontal }),
      },
    };
    if (header) style.font = BOLD_FONT;
    else if (column.format) style.numFmt = column.format;
    return style;
  };
  const headerStyles = columns.map((column) => styleOf(column, true));
  const bodyStyles = columns.map((column) => styleOf(column, false));
  const headerHeight = rowHeights(columns, places, true);
  const bodyHeight = rowHeights(columns, places, false);
  const write = (cells: Row, header: boolean): number => {
    const values: Cell[] = [];
    places.forEach(({ start }, index) => {
      values[start - 1] = cells[index] ?? null;
    });
    const row = sheet.addRow(values);
    const styles = header ? headerStyles : bodyStyles;
    places.forEach(({ start, span }, index) => {
      const cell = row.getCell(start);
      cell.style = styles[index] as Partial<ExcelJS.Style>;
      if (span > 1) sheet.mergeCells(row.number, start, row.number, start + span - 1);
    });
    const height = (header ? headerHeight : bodyHeight)(cells);
    if (height !== undefined) row.height = height;
    return row.number;
  };
  // Rows of tables above this one that exceljs has not been given: its row numbers lag by as many.
  const lag = deferred?.lagOf(sheet) ?? 0;
  const header =
    lag +
    write(
      columns.map((c) => c.header),
      true,
    );
  if (deferred !== undefined && rows.length > 0) {
    const template = write(rows.at(0) as Row, false);
    deferred.defer(sheet, {
      template,
      rows,
      columns,
      places,
      height: bodyHeight,
    });
    return { header, last: header + rows.length };
  }
  for (let index = 0; index < rows.length; index++) write(rows.at(index) as Row, false);
  return { header, last: header + rows.length };
}

/** Adds a bold heading row at the end of the sheet. */
export function addHeading(sheet: ExcelJS.Worksheet, text: string): void {
  sheet.addRow([text]).font = HEADING_FONT;
}

/**
 * A sheet holding title lines, one header row and its rows (below a bold heading when given): header
 * frozen, filterable, printed on A4 landscape one page wide with the title and header rows on every
 * page, the sheet's name and page number at the foot. With `deferred`, the rows below the first are
 * written as XML when the workbook is written, not by exceljs (for a table that grows with the data).
 */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string[],
  columns: Column[],
  rows: Rows,
  heading?: string,
  deferred?: DeferredRows,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  title.forEach((line, index) => {
    sheet.addRow([line]).font = index === 0 ? TITLE_FONT : PLAIN_FONT;
  });
  if (title.length > 0) sheet.addRow([]);
  if (heading !== undefined) addHeading(sheet, heading);
  const place = writeTable(sheet, columns, rows, deferred);
  sheet.views = [{ state: 'frozen', ySplit: place.header }];
  sheet.autoFilter = {
    from: { row: place.header, column: 1 },
    to: { row: place.last, column: columns.length },
  };
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${place.header}`,
    margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&L&A&RPage &P of &N' };
  return sheet;
}

/**
 * Adds a further table below the sheet's last row, after a blank row and its bold heading. It keeps
 * the sheet's column widths (lay its columns out to suit them), and has no filter or frozen header of
 * its own: a sheet has one of each, for its first table. On a sheet with deferred rows, pass the same
 * `deferred` (whether or not this table's rows are to be deferred too), so that the place returned
 * counts them.
 */
export function appendTable(sheet: ExcelJS.Worksheet, table: Table, deferred?: DeferredRows): TablePlace {
  sheet.addRow([]);
  addHeading(sheet, table.heading);
  return writeTable(sheet, table.columns, table.rows, deferred);
}
