import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader.js';
import type { ByteReader } from './byte-reader.ts';
import { columnNumber } from './column-letters.ts';
import { SheetXmlReader, type SheetXmlRow } from './sheet-xml-rows.ts';
import { type Cell, TableFormatError, type TableRow } from './table-types.ts';
import {
  hasWorkbookPart,
  MAX_COLUMNS,
  MAX_MERGED_CELLS,
  MAX_ROWS,
  MAX_SHEET_CELLS,
  notAWorkbook,
  rowBeyondExcel,
  tooManyCells,
  WorkbookLimitError,
} from './workbook-limits.ts';
import { dateFromSerial, isDateFormat, toCell } from './xlsx-cell.ts';
import { watchZipParser } from './zip-guard.ts';

/** Rows handed over at most at once (a gap of empty rows is handed over in pieces). */
const ROW_BATCH = 8192;

/**
 * What one pass over a workbook learns before its worksheets can be streamed: Excel writes the shared
 * strings and styles *after* the sheets, and exceljs' streaming reader would otherwise spool every
 * sheet to a temporary file until it has them. Merged ranges are listed after a sheet's rows, so they
 * are collected here too.
 */
export interface XlsxLayout {
  /** The workbook-level parts, as exceljs' `WorkbookReader` holds them. */
  parts: WorkbookParts;
  date1904: boolean;
  /** Merged ranges of each worksheet, in the order the worksheets are stored in the zip. */
  merges: MergeRange[][];
}

/** A worksheet of a workbook, as stored. */
export interface SheetInfo {
  /** Position of the worksheet in the zip (the order sheets are streamed in). */
  index: number;
  name: string;
  hidden: boolean;
  /** Position of the sheet in the workbook's tab order (as Excel shows the tabs). */
  position: number;
  /** The workbook counts serial dates from 1904 (old Mac Excel) instead of 1900. */
  date1904: boolean;
}

/** What reads a worksheet's XML: `xml`, this package's reader; `exceljs`, exceljs' (the reference). */
export type SheetParser = 'xml' | 'exceljs';

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface WorkbookParts {
  sharedStrings?: unknown;
  workbookRels?: unknown;
  model?: { sheets?: { id: number; name: string; state?: string }[] } | undefined;
  properties?: { model?: { date1904?: boolean } } | undefined;
  styles?: unknown;
}

/** The parts of exceljs' streaming reader this module uses (its typings declare fewer). */
interface StreamingWorkbook extends WorkbookParts {
  parse(): AsyncIterator<{ eventType: string; value: unknown }>;
}

interface StreamingWorksheet {
  id: number;
  name: string;
  state?: string;
  iterator: AsyncIterable<Uint8Array>;
  parse(): AsyncIterator<{ eventType: string; value: unknown }[]>;
}

type WorkbookReaderOptions = ConstructorParameters<typeof WorkbookReader>[1];

const MERGE_CELL_TAG = Buffer.from('<mergeCell');
const LT = 0x3c;
const EMPTY = Buffer.alloc(0);
const MERGE_CELL = /<mergeCell\s[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?["']/g;

/**
 * First pass over a workbook: shared strings, styles, sheet names and states, the 1904 flag and each
 * sheet's merged ranges. Reads `reader` to the end.
 */
export async function readXlsxLayout(name: string, reader: ByteReader): Promise<XlsxLayout> {
  const merges: MergeRange[][] = [];
  const { parts, entries } = await readWorkbook(
    name,
    reader,
    { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache' },
    // Placeholders so that sheets met before the shared strings are read here, not spooled to disk.
    { sharedStrings: [], workbookRels: [], model: { sheets: [] } },
    async (worksheet, next) => {
      merges.push(await findMerges(worksheet, next));
    },
  );
  if (!hasWorkbookPart(entries))
    throw new TableFormatError(`${name} ${notAWorkbook(entries).message}`, 'xlsx');
  return { parts, date1904: parts.properties?.model?.date1904 === true, merges };
}

/**
 * Streams the rows of a workbook's worksheets (or only sheet `onlySheet`), in batches, as the in-memory
 * reader would give them: every row from 1 to the last (blank ones included), cells typed, merged
 * ranges filled with their top-left value, formula results in date-formatted cells as Dates. Reads
 * `reader` to the end and returns every worksheet it saw. `sheetParser`: read the worksheets' XML
 * with {@link SheetXmlReader} (the default: a sixth of the CPU per read of the bench's 200,000-line
 * workbook) or with exceljs' own worksheet reader, which gives the same rows (the reference tests use).
 */
export async function streamXlsxRows(
  name: string,
  reader: ByteReader,
  layout: XlsxLayout,
  onRows: (rows: TableRow[], sheet: SheetInfo) => void | Promise<void>,
  onlySheet?: number,
  sheetParser: SheetParser = 'xml',
): Promise<SheetInfo[]> {
  const sheets: SheetInfo[] = [];
  await readWorkbook(
    name,
    reader,
    { worksheets: 'emit', sharedStrings: 'ignore', styles: 'ignore' },
    layout.parts,
    async (worksheet, next) => {
      const sheet: SheetInfo = {
        index: sheets.length,
        name: worksheet.name,
        hidden: worksheet.state === 'hidden' || worksheet.state === 'veryHidden',
        position: (layout.parts.model?.sheets ?? []).findIndex((entry) => entry.id === worksheet.id),
        date1904: layout.date1904,
      };
      sheets.push(sheet);
      if (onlySheet !== undefined && onlySheet !== sheet.index) return;
      const rows = new SheetRows(sheet.name, layout.merges[sheet.index] ?? []);
      let out: TableRow[] = [];
      const fillTo = async (line: number) => {
        while (rows.next < line) {
          rows.fillTo(Math.min(line, rows.next + ROW_BATCH), out);
          if (out.length >= ROW_BATCH) {
            await deliver(onRows, out, sheet);
            out = [];
          }
        }
      };
      const parsed =
        sheetParser === 'xml' ? readSheetXml(worksheet, layout) : readSheetExceljs(worksheet, layout);
      for (let batch = await next(parsed.next()); batch.done !== true; batch = await next(parsed.next())) {
        for (const row of batch.value) {
          const line = rows.lineOf(row.number);
          await fillTo(line);
          rows.add(row.cells, line, out);
        }
        if (out.length > 0) {
          await deliver(onRows, out, sheet);
          out = [];
        }
      }
      await fillTo(rows.lastLine + 1);
      if (out.length > 0) await deliver(onRows, out, sheet);
    },
  );
  return sheets;
}

/** A worksheet's rows, a chunk's worth at a time, read from its XML by {@link SheetXmlReader}. */
async function* readSheetXml(
  worksheet: StreamingWorksheet,
  layout: XlsxLayout,
): AsyncGenerator<SheetXmlRow[]> {
  const reader = new SheetXmlReader(worksheet.name, {
    sharedStrings: layout.parts.sharedStrings,
    styles: layout.parts.styles,
    date1904: layout.date1904,
  });
  for await (const chunk of worksheet.iterator) {
    const rows: SheetXmlRow[] = [];
    reader.write(chunk, rows);
    if (rows.length > 0) yield rows;
  }
  reader.end();
}

/** A worksheet's rows, as exceljs' streaming worksheet reader makes them. */
async function* readSheetExceljs(
  worksheet: StreamingWorksheet,
  layout: XlsxLayout,
): AsyncGenerator<SheetXmlRow[]> {
  for await (const events of { [Symbol.asyncIterator]: () => worksheet.parse() }) {
    const rows: SheetXmlRow[] = [];
    for (const { eventType, value } of events) {
      if (eventType !== 'row') continue;
      const row = value as ExcelJS.Row;
      rows.push({ number: row.number, cells: cellsOfRow(row, layout.date1904) });
    }
    yield rows;
  }
}

let date1904Fixed = false;

/**
 * exceljs 4.4 takes a workbook for the 1904 date system only when `<workbookPr date1904="1">`, but the
 * attribute is an XML boolean and LibreOffice writes `date1904="true"`: read so, every date of such a
 * workbook came out 1,462 days (four years) early, without a word. Its parser of `<workbookPr>` then
 * takes "true" too. (Its prototype, once: the parser is made inside exceljs's reader.)
 */
async function readDate1904AsXmlDoes(): Promise<void> {
  if (date1904Fixed) return;
  const { default: Xform } = await import('exceljs/lib/xlsx/xform/book/workbook-properties-xform.js');
  const parseOpen = Xform.prototype.parseOpen;
  Xform.prototype.parseOpen = function (this: InstanceType<typeof Xform>, node) {
    const opened = parseOpen.call(this, node);
    if (opened && this.model !== undefined) {
      const date1904 = node.attributes.date1904?.trim();
      this.model.date1904 = date1904 === '1' || date1904 === 'true';
    }
    return opened;
  };
  date1904Fixed = true;
}

let dateFormatsFixed = false;

/**
 * exceljs 4.4 reads a `<numFmt>`'s code with each `\x` unescaped to `x`, then takes a code for a date
 * when any of `ymdhMsb` is left after removing `[…]` and `"…"`: the literal M of an amount shown as
 * `#,##0,,\M` (millions) made it a date. Its parser then keeps the code as written, and its readers
 * ask {@link isDateFormat}, as {@link SheetXmlReader} does, so both read a cell alike. (Its prototype
 * and helpers, once: the parsers are made inside exceljs's reader.)
 */
async function readNumberFormatsAsWritten(): Promise<void> {
  if (dateFormatsFixed) return;
  const { default: Xform } = await import('exceljs/lib/xlsx/xform/style/numfmt-xform.js');
  const { default: utils } = await import('exceljs/lib/utils/utils.js');
  const parseOpen = Xform.prototype.parseOpen;
  Xform.prototype.parseOpen = function (this: InstanceType<typeof Xform>, node) {
    const opened = parseOpen.call(this, node);
    const written = node.attributes.formatCode;
    if (opened && this.model !== undefined && written !== undefined) this.model.formatCode = written;
    return opened;
  };
  utils.isDateFmt = isDateFormat;
  dateFormatsFixed = true;
}

/** An error thrown by the caller's row handler, carried through the reader untouched. */
class HandlerError extends Error {
  override name = 'HandlerError';
}

async function deliver(
  onRows: (rows: TableRow[], sheet: SheetInfo) => void | Promise<void>,
  rows: TableRow[],
  sheet: SheetInfo,
): Promise<void> {
  try {
    await onRows(rows, sheet);
  } catch (error) {
    throw new HandlerError('the row handler failed', { cause: error });
  }
}

/**
 * Runs exceljs' streaming reader over the bytes, calling `onWorksheet` for each worksheet, then reads
 * the bytes to their end. A source that fails (a network error) rejects with its own error; bytes
 * that are not a workbook reject with a `TableFormatError`.
 */
async function readWorkbook(
  name: string,
  reader: ByteReader,
  options: WorkbookReaderOptions,
  parts: WorkbookParts,
  onWorksheet: (worksheet: StreamingWorksheet, next: <T>(step: Promise<T>) => Promise<T>) => Promise<void>,
): Promise<{ parts: WorkbookParts; entries: string[] }> {
  const source = Readable.from(buffers(reader));
  // exceljs pipes the source into its unzipper without passing errors on: a source that fails (a
  // network error), or bytes the unzipper cannot inflate, would leave it waiting for bytes forever, so
  // each step also waits for either failure. (Not `Promise.race` against one pending promise: every
  // race would stay attached to it, holding its result — every batch of rows — until the end.)
  let sourceError: unknown;
  let bytesError: Error | undefined;
  const waiting = new Set<(error: unknown) => void>();
  const stop = (error: unknown) => {
    for (const reject of waiting) reject(error);
    waiting.clear();
  };
  source.once('error', (error) => {
    sourceError = error;
    stop(error);
  });
  const entries: string[] = [];
  watchZipParser(
    source,
    (error) => {
      bytesError ??= error;
      stop(error);
    },
    (path) => entries.push(path),
  );
  const next = <T>(step: Promise<T>): Promise<T> => {
    if (sourceError !== undefined) return Promise.reject(sourceError);
    if (bytesError !== undefined) return Promise.reject(bytesError);
    return new Promise<T>((resolve, reject) => {
      waiting.add(reject);
      step.then(
        (value) => {
          waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          waiting.delete(reject);
          reject(error);
        },
      );
    });
  };
  // Loaded here, not at the top: a bundle that never reads a workbook (the report) then leaves the reader,
  // unzipper and bluebird out, since esbuild keeps any CommonJS module a reachable file imports.
  const { default: Reader } = await import('exceljs/lib/stream/xlsx/workbook-reader.js');
  await readDate1904AsXmlDoes();
  await readNumberFormatsAsWritten();
  const workbook = new Reader(source, {
    ...options,
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as StreamingWorkbook;
  Object.assign(workbook, parts);
  try {
    const events = workbook.parse();
    for (let event = await next(events.next()); event.done !== true; event = await next(events.next())) {
      if (event.value.eventType === 'worksheet') {
        await onWorksheet(event.value.value as StreamingWorksheet, next);
      }
    }
    source.unpipe();
    source.resume();
    await finished(source);
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    if (error instanceof HandlerError) throw error.cause;
    // Whatever went wrong came from the bytes, not from reading them: the caller still needs their hash.
    source.destroy();
    await reader.drain();
    const problem = bytesError ?? error;
    if (problem instanceof WorkbookLimitError)
      throw new TableFormatError(`${name} ${problem.message}`, 'xlsx');
    // Which of the zip's or the XML's faults is met first depends on how the bytes arrive, so no
    // detail of it is given: the same file gets the same message however it is read.
    throw new TableFormatError(
      `${name} looks like a zip/XLSX file but is damaged (cut short, or changed after it was saved) and could not be opened as an Excel workbook: open it in Excel and save it as .xlsx or CSV`,
      'xlsx',
    );
  } finally {
    source.destroy();
  }
  const { sharedStrings, workbookRels, model, properties, styles } = workbook;
  return { parts: { sharedStrings, workbookRels, model, properties, styles }, entries };
}

async function* buffers(reader: ByteReader): AsyncGenerator<Buffer> {
  for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/**
 * The `<mergeCell ref="A1:C1"/>` ranges of one worksheet's XML, read as it streams past, each step
 * through `next` (so a damaged zip stops it).
 */
async function findMerges(
  worksheet: StreamingWorksheet,
  next: <T>(step: Promise<T>) => Promise<T>,
): Promise<MergeRange[]> {
  const merges: MergeRange[] = [];
  let area = 0;
  // The start of a tag cut off by the previous chunk's end.
  let carry: Buffer = Buffer.alloc(0);
  const xml = worksheet.iterator[Symbol.asyncIterator]();
  for (let step = await next(xml.next()); step.done !== true; step = await next(xml.next())) {
    const chunk = Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength);
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    // Most chunks are rows: looked at as bytes, never decoded (a sheet can be a gigabyte of them).
    if (!bytes.includes(MERGE_CELL_TAG)) {
      const open = bytes.lastIndexOf(LT);
      carry =
        open !== -1 && open > bytes.length - MERGE_CELL_TAG.length
          ? Buffer.from(bytes.subarray(open))
          : EMPTY;
      continue;
    }
    // Tags are ASCII: Latin-1 keeps one character per byte, whatever the cells hold.
    const text = bytes.toString('latin1');
    let end = 0;
    MERGE_CELL.lastIndex = 0;
    for (let match = MERGE_CELL.exec(text); match !== null; match = MERGE_CELL.exec(text)) {
      end = MERGE_CELL.lastIndex;
      const [, leftLetters = '', top = '', rightLetters, bottom] = match;
      if (rightLetters === undefined || bottom === undefined) continue;
      const range = {
        top: Math.min(Number(top), Number(bottom)),
        left: Math.min(mergeColumn(leftLetters), mergeColumn(rightLetters)),
        bottom: Math.max(Number(top), Number(bottom)),
        right: Math.max(mergeColumn(leftLetters), mergeColumn(rightLetters)),
      };
      const ref = `${leftLetters}${top}:${rightLetters}${bottom}`;
      if (range.top < 1 || range.bottom > MAX_ROWS || range.left < 1 || range.right > MAX_COLUMNS) {
        throw new WorkbookLimitError(
          `merges cells ${ref} in sheet "${worksheet.name}", beyond Excel's last row (${MAX_ROWS.toLocaleString('en-GB')}) or column (XFD): the workbook is damaged. Open it in Excel and save it as .xlsx or CSV`,
        );
      }
      area += (range.bottom - range.top + 1) * (range.right - range.left + 1);
      if (area > MAX_MERGED_CELLS) {
        throw new WorkbookLimitError(
          `merges more than ${MAX_MERGED_CELLS.toLocaleString('en-GB')} cells in sheet "${worksheet.name}" (up to ${ref}), which no ledger needs: unmerge the cells in Excel (Home › Merge & Center), save it as .xlsx or CSV and upload that`,
        );
      }
      merges.push(range);
    }
    // Keep a tag cut off by the chunk's end for the next chunk.
    const open = text.lastIndexOf('<');
    carry = open >= end && !text.includes('>', open) ? Buffer.from(bytes.subarray(open)) : EMPTY;
  }
  return merges;
}

/** A merged range's column; past three letters, beyond any sheet (the range is then refused). */
function mergeColumn(letters: string): number {
  return letters.length > 3 ? MAX_COLUMNS + 1 : columnNumber(letters);
}

/**
 * Turns streamed rows into the rows `Worksheet.eachRow({ includeEmpty: true })` gives after a full
 * load: numbered from 1 with no gaps, merged ranges filled, down to the last row or merged range.
 * Refuses (with a `WorkbookLimitError`) rows out of order or beyond Excel's limits, and more cells
 * than {@link MAX_SHEET_CELLS}, so a damaged or hostile sheet cannot make it run on.
 */
class SheetRows {
  readonly #sheet: string;
  readonly #waiting: MergeRange[];
  readonly #active: { range: MergeRange; master: Cell }[] = [];
  readonly #lastMerged: number;
  #next = 1;
  #cells = 0;

  constructor(sheet: string, merges: readonly MergeRange[]) {
    this.#sheet = sheet;
    this.#waiting = [...merges].sort((a, b) => b.top - a.top);
    this.#lastMerged = merges.reduce((last, range) => Math.max(last, range.bottom), 0);
  }

  /** The line the next row gets. */
  get next(): number {
    return this.#next;
  }

  /** The last line to give: the last row given, or the bottom of the lowest merged range. */
  get lastLine(): number {
    return Math.max(this.#next - 1, this.#lastMerged);
  }

  /** The row's line: its number (a row without one follows the last), checked against Excel's rules. */
  lineOf(number: number | undefined): number {
    const line = number !== undefined && Number.isInteger(number) && number > 0 ? number : this.#next;
    if (line > MAX_ROWS) throw rowBeyondExcel(this.#sheet, line);
    if (line < this.#next) {
      throw new WorkbookLimitError(
        `lists row ${line} of sheet "${this.#sheet}" again after row ${this.#next - 1}, which Excel never does: the workbook is damaged. Open it in Excel and save it as .xlsx or CSV`,
      );
    }
    return line;
  }

  /** Blank rows up to (not including) `line`. */
  fillTo(line: number, out: TableRow[]): void {
    while (this.#next < line) this.#emit(this.#next, [], out);
  }

  /** The row itself, at `line` (from {@link lineOf}, with the rows before it already given). */
  add(cells: Cell[], line: number, out: TableRow[]): void {
    this.#emit(line, cells, out);
  }

  #emit(line: number, cells: Cell[], out: TableRow[]): void {
    this.#next = line + 1;
    if (this.#waiting.length > 0 || this.#active.length > 0) this.#merge(line, cells);
    this.#cells += cells.length;
    if (this.#cells > MAX_SHEET_CELLS) throw tooManyCells(this.#sheet, line, cells.length);
    out.push({ line, cells });
  }

  #merge(line: number, cells: Cell[]): void {
    for (
      let last = this.#waiting.at(-1);
      last !== undefined && last.top <= line;
      last = this.#waiting.at(-1)
    ) {
      this.#waiting.pop();
      if (last.bottom >= line) this.#active.push({ range: last, master: cells[last.left - 1] ?? null });
    }
    for (let i = this.#active.length - 1; i >= 0; i--) {
      const merge = this.#active[i];
      if (merge === undefined) continue;
      const { range, master } = merge;
      if (range.bottom < line) {
        this.#active.splice(i, 1);
        continue;
      }
      for (let column = range.left; column <= range.right; column++) {
        if (line === range.top && column === range.left) continue;
        while (cells.length < column - 1) cells.push(null);
        cells[column - 1] = master;
      }
    }
  }
}

/** An exceljs row's cells, as a full load would give them. */
function cellsOfRow(row: ExcelJS.Row, date1904: boolean): Cell[] {
  const values = row.values as (ExcelJS.CellValue | undefined)[];
  const cells: Cell[] = [];
  for (let column = 1; column < values.length; column++) {
    const value = values[column];
    if (value !== null && typeof value === 'object' && 'formula' in value && value.result !== undefined) {
      // A full load turns the cached result of a formula in a date-formatted cell into a Date; the
      // streaming reader leaves it a number.
      if (isDateFormat(row.getCell(column).numFmt)) {
        cells.push(dateFromSerial(value.result, date1904));
        continue;
      }
    }
    cells.push(toCell(value));
  }
  return cells;
}
