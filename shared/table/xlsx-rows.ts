import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ByteReader } from './byte-reader.ts';
import { type Cell, TableFormatError, type TableRow } from './table-types.ts';
import { dateFromSerial, isDateFormat, toCell } from './xlsx-cell.ts';

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

type WorkbookReaderOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1];

const MERGE_CELL = /<mergeCell\s[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?["']/g;

/**
 * First pass over a workbook: shared strings, styles, sheet names and states, the 1904 flag and each
 * sheet's merged ranges. Reads `reader` to the end.
 */
export async function readXlsxLayout(name: string, reader: ByteReader): Promise<XlsxLayout> {
  const merges: MergeRange[][] = [];
  const parts = await readWorkbook(
    name,
    reader,
    { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache' },
    // Placeholders so that sheets met before the shared strings are read here, not spooled to disk.
    { sharedStrings: [], workbookRels: [], model: { sheets: [] } },
    async (worksheet) => {
      merges.push(await findMerges(worksheet.iterator));
    },
  );
  return { parts, date1904: parts.properties?.model?.date1904 === true, merges };
}

/**
 * Streams the rows of a workbook's worksheets (or only sheet `onlySheet`), in batches, as the in-memory
 * reader would give them: every row from 1 to the last (blank ones included), cells typed, merged
 * ranges filled with their top-left value, formula results in date-formatted cells as Dates. Reads
 * `reader` to the end and returns every worksheet it saw.
 */
export async function streamXlsxRows(
  name: string,
  reader: ByteReader,
  layout: XlsxLayout,
  onRows: (rows: TableRow[], sheet: SheetInfo) => void | Promise<void>,
  onlySheet?: number,
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
      const rows = new SheetRows(layout.merges[sheet.index] ?? [], layout.date1904);
      const events = worksheet.parse();
      for (let batch = await next(events.next()); batch.done !== true; batch = await next(events.next())) {
        const out: TableRow[] = [];
        for (const { eventType, value } of batch.value) {
          if (eventType === 'row') rows.add(value as ExcelJS.Row, out);
        }
        if (out.length > 0) await deliver(onRows, out, sheet);
      }
      const rest: TableRow[] = [];
      rows.finish(rest);
      if (rest.length > 0) await deliver(onRows, rest, sheet);
    },
  );
  return sheets;
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
): Promise<WorkbookParts> {
  const source = Readable.from(buffers(reader));
  // exceljs pipes the source into its unzipper without passing errors on: a source that fails (a
  // network error) would leave it waiting for bytes forever, so each step also waits for that failure.
  // (Not `Promise.race` against one pending promise: every race would stay attached to it, holding
  // its result — every batch of rows — until the end.)
  let sourceError: unknown;
  const waiting = new Set<(error: unknown) => void>();
  source.once('error', (error) => {
    sourceError = error;
    for (const reject of waiting) reject(error);
    waiting.clear();
  });
  const next = <T>(step: Promise<T>): Promise<T> => {
    if (sourceError !== undefined) return Promise.reject(sourceError);
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
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
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
    const reason = error instanceof Error ? error.message : String(error);
    throw new TableFormatError(
      `${name} looks like a zip/XLSX file but could not be opened as an Excel workbook (${reason}): open it in Excel and save it as .xlsx or CSV`,
      'xlsx',
    );
  } finally {
    source.destroy();
  }
  const { sharedStrings, workbookRels, model, properties, styles } = workbook;
  return { sharedStrings, workbookRels, model, properties, styles };
}

async function* buffers(reader: ByteReader): AsyncGenerator<Buffer> {
  for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** The `<mergeCell ref="A1:C1"/>` ranges of one worksheet's XML, read as it streams past. */
async function findMerges(xml: AsyncIterable<Uint8Array>): Promise<MergeRange[]> {
  const decoder = new TextDecoder();
  const merges: MergeRange[] = [];
  let carry = '';
  for await (const chunk of xml) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let end = 0;
    MERGE_CELL.lastIndex = 0;
    for (let match = MERGE_CELL.exec(text); match !== null; match = MERGE_CELL.exec(text)) {
      end = MERGE_CELL.lastIndex;
      const [, leftLetters = '', top = '', rightLetters, bottom] = match;
      if (rightLetters === undefined || bottom === undefined) continue;
      merges.push({
        top: Number(top),
        left: columnNumber(leftLetters),
        bottom: Number(bottom),
        right: columnNumber(rightLetters),
      });
    }
    // Keep a tag cut off by the chunk's end for the next chunk.
    const open = text.lastIndexOf('<');
    carry = open >= end && !text.includes('>', open) ? text.slice(open) : '';
  }
  return merges.map(({ top, left, bottom, right }) => ({
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  }));
}

function columnNumber(letters: string): number {
  let number = 0;
  for (const char of letters.toUpperCase()) number = number * 26 + (char.charCodeAt(0) - 64);
  return number;
}

/**
 * Turns streamed rows into the rows `Worksheet.eachRow({ includeEmpty: true })` gives after a full
 * load: numbered from 1 with no gaps, merged ranges filled, down to the last row or merged range.
 */
class SheetRows {
  readonly #waiting: MergeRange[];
  readonly #active: { range: MergeRange; master: Cell }[] = [];
  readonly #date1904: boolean;
  #next = 1;

  constructor(merges: readonly MergeRange[], date1904: boolean) {
    this.#waiting = [...merges].sort((a, b) => b.top - a.top);
    this.#date1904 = date1904;
  }

  add(row: ExcelJS.Row, out: TableRow[]): void {
    while (this.#next < row.number) this.#emit(this.#next, [], out);
    this.#emit(row.number, this.#cells(row), out);
  }

  finish(out: TableRow[]): void {
    const lastMerged = Math.max(0, ...this.#active.map(({ range }) => range.bottom));
    const lastWaiting = Math.max(0, ...this.#waiting.map((range) => range.bottom));
    while (this.#next <= Math.max(lastMerged, lastWaiting)) this.#emit(this.#next, [], out);
  }

  #emit(line: number, cells: Cell[], out: TableRow[]): void {
    this.#next = line + 1;
    if (this.#waiting.length > 0 || this.#active.length > 0) this.#merge(line, cells);
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

  #cells(row: ExcelJS.Row): Cell[] {
    const values = row.values as (ExcelJS.CellValue | undefined)[];
    const cells: Cell[] = [];
    for (let column = 1; column < values.length; column++) {
      const value = values[column];
      if (value !== null && typeof value === 'object' && 'formula' in value && value.result !== undefined) {
        // A full load turns the cached result of a formula in a date-formatted cell into a Date; the
        // streaming reader leaves it a number.
        if (isDateFormat(row.getCell(column).numFmt)) {
          cells.push(dateFromSerial(value.result, this.#date1904));
          continue;
        }
      }
      cells.push(toCell(value));
    }
    return cells;
  }
}
