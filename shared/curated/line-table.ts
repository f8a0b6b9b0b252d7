import { ownCopy } from '../table/own-copy.ts';
import type { IsoDate, LedgerLine, LedgerLines, Pence } from '../types.ts';

/**
 * Ledger lines held as columns rather than as one object per line: what a report holds for every accepted
 * line of every upload it reads back.
 *
 * - Text columns with few distinct values (file, date, supplier, supplier ID, company number, postcode,
 *   expense type, expense area, description) are codes into a {@link LineStrings} dictionary, shared by
 *   the tables of one report: 1 byte per line while a column has at most 255 distinct texts, 2 bytes up to
 *   65,535, else 4. Code 0 is an absent field.
 * - The transaction reference, nearly unique per line, is held as its ASCII bytes in one growing buffer
 *   with each line's end offset and a kind byte (a non-ASCII reference, rare, is kept as a string on the
 *   side). Like the optional coded columns, it holds no array while every line lacks one.
 * - The line number and the amount are `Int32Array`s until a value is not a 32-bit integer (or is -0),
 *   then `Float64Array`s; `redacted` is one byte.
 *
 * Columns grow by doubling (give `capacity` when the line count is known, as a manifest says it).
 * Iterating, `at` and the `…At` accessors build nothing but the values asked for: the iterator yields a
 * fresh `LedgerLine` per line, equal (`toStrictEqual`, the same keys present and absent) to the one pushed.
 *
 * Measured on the benchmark's 999,920 curated lines (20,001 suppliers, 1,826 dates, 7-digit transaction
 * references, 9k amounts above 2^31 pence so the amount column is `Float64Array`), Node 20, 2 vCPUs,
 * what reading the file back leaves held (heap and array buffers, after GC):
 *
 * | held as | held | per line |
 * | --- | ---: | ---: |
 * | `LedgerLine` objects, strings interned per column (the reader this table replaced) | 157 MiB | 165 B |
 * | this table, sized from the line count (`capacity`) | 37 MiB | 39 B |
 * | this table, grown by doubling to 2^20 lines | 38 MiB | 40 B |
 *
 * Of the table's 39 B: 25 B of fixed columns (file 1, line 4, date 2, supplier 2, amount 8, expense type 1,
 * expense area 1, redacted 1, transaction kind 1 and end 4; the absent supplier ID, company number,
 * postcode and description columns hold no array), 7–8 B of transaction bytes, and the dictionaries' 5 MiB.
 *
 * The transaction column alone: 1M 7-digit references as strings in an array cost 32 MB (a 24-byte string
 * and an 8-byte slot each); as bytes, 12 MB. Building the string again costs about 40 ms per million lines
 * for 7 characters and up to 90 ms for 10–24 (`String.fromCharCode` with the bytes as arguments; per-line
 * `TextDecoder.decode` took 230 ms and `fromCharCode.apply` on a view 190 ms), paid on each pass that builds
 * whole lines. A whole pass building every line costs 65–120 ms per million (iterating an array of objects:
 * 25 ms), so the report builds whole lines once (grouping suppliers); the passes that need only dates and
 * amounts read the columns ({@link forEachDateAndAmount}). Reading the file back is faster than into objects:
 * 2.8–3.3 s against 3.8–5.0 s, as no object is built per line.
 */

/** The distinct texts of one column, shared by the tables that use one {@link LineStrings}. */
export class LineDictionary {
  readonly #codes = new Map<string, number>();
  /** By code; code 0 is "absent". */
  readonly texts: readonly (string | undefined)[] = [undefined];

  /**
   * The text coded last (the dictionary's own copy: the caller's may be a piece of a whole chunk of the
   * file, which holding it would keep alive), and its code: a column's texts come in runs (a file's
   * name, a date).
   */
  #lastText: string | undefined;
  #lastCode = 0;

  code(text: string): number {
    // Comparing with the last text is cheaper than hashing a new string, and decides most lines of some columns.
    if (text === this.#lastText) return this.#lastCode;
    let code = this.#codes.get(text);
    if (code === undefined) {
      code = this.texts.length;
      const own = ownCopy(text);
      this.#codes.set(own, code);
      (this.texts as (string | undefined)[]).push(own);
    }
    this.#lastText = this.texts[code];
    this.#lastCode = code;
    return code;
  }

  get size(): number {
    return this.texts.length - 1;
  }
}

/**
 * One copy of each distinct file name, date, supplier spelling, supplier ID, company number, postcode,
 * expense type, expense area and description, for every table built with it: share one between the
 * uploads of one report.
 */
export interface LineStrings {
  readonly file: LineDictionary;
  readonly date: LineDictionary;
  readonly supplier: LineDictionary;
  readonly supplierId: LineDictionary;
  readonly companyNumber: LineDictionary;
  readonly postcode: LineDictionary;
  readonly expenseType: LineDictionary;
  readonly expenseArea: LineDictionary;
  readonly description: LineDictionary;
}

export function createLineStrings(): LineStrings {
  return {
    file: new LineDictionary(),
    date: new LineDictionary(),
    supplier: new LineDictionary(),
    supplierId: new LineDictionary(),
    companyNumber: new LineDictionary(),
    postcode: new LineDictionary(),
    expenseType: new LineDictionary(),
    expenseArea: new LineDictionary(),
    description: new LineDictionary(),
  };
}

type Codes = Uint8Array | Uint16Array | Int32Array;

/**
 * Gives up `view`'s memory without waiting for the view to be collected: its buffer is transferred to a
 * clone nothing holds (the view is left empty), which the next minor GC frees. A typed array that lived
 * long enough to reach V8's old generation is otherwise freed only by a major GC, which may not come
 * before a report's rendering has asked for as much again.
 */
export function releaseBuffer(view: ArrayBufferView | undefined): void {
  const buffer = view?.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
  structuredClone(buffer, { transfer: [buffer] });
}

/** Capacity of a table given none, and of one released. */
const MIN_CAPACITY = 16;

const ABSENT = 0;
const ASCII = 1;
const OTHER = 2;

/**
 * Codes in the narrowest array that holds them, widened when a larger one comes; no array at all while
 * every code is 0 (an optional column the file does not have).
 */
class CodeColumn {
  values: Codes | undefined;
  #max = 0xff;
  #capacity: number;
  readonly #eager: boolean;

  constructor(capacity: number, eager: boolean) {
    this.#capacity = capacity;
    this.#eager = eager;
    this.values = eager ? new Uint8Array(capacity) : undefined;
  }

  /** Frees the codes (see {@link releaseBuffer}), leaving an empty column of `capacity`. */
  release(capacity: number): void {
    releaseBuffer(this.values);
    this.#capacity = capacity;
    this.#max = 0xff;
    this.values = this.#eager ? new Uint8Array(capacity) : undefined;
  }

  set(at: number, code: number): void {
    if (this.values === undefined) {
      if (code === ABSENT) return;
      this.values = new Uint8Array(this.#capacity);
    }
    if (code > this.#max) this.#widen(code);
    (this.values as Codes)[at] = code;
  }

  grow(capacity: number, length: number): void {
    this.#capacity = capacity;
    if (this.values === undefined) return;
    const next =
      this.#max === 0xff
        ? new Uint8Array(capacity)
        : this.#max === 0xffff
          ? new Uint16Array(capacity)
          : new Int32Array(capacity);
    next.set(this.values.subarray(0, length));
    releaseBuffer(this.values);
    this.values = next;
  }

  get byteLength(): number {
    return this.values?.byteLength ?? 0;
  }

  #widen(code: number): void {
    const old = this.values as Codes;
    const next = code <= 0xffff ? new Uint16Array(old.length) : new Int32Array(old.length);
    next.set(old);
    releaseBuffer(old);
    this.values = next;
    this.#max = code <= 0xffff ? 0xffff : 0x7fffffff;
  }
}

/** Numbers as `Int32Array` while every one is a 32-bit integer other than -0, else `Float64Array`. */
class NumberColumn {
  values: Int32Array | Float64Array;

  constructor(capacity: number) {
    this.values = new Int32Array(capacity);
  }

  /** Frees the numbers (see {@link releaseBuffer}), leaving an empty column of `capacity`. */
  release(capacity: number): void {
    releaseBuffer(this.values);
    this.values = new Int32Array(capacity);
  }

  set(at: number, value: number): void {
    if (this.values instanceof Int32Array && ((value | 0) !== value || Object.is(value, -0))) {
      const old = this.values;
      this.values = Float64Array.from(old);
      releaseBuffer(old);
    }
    this.values[at] = value;
  }

  get byteLength(): number {
    return this.values.byteLength;
  }

  grow(capacity: number, length: number): void {
    const next = this.values instanceof Int32Array ? new Int32Array(capacity) : new Float64Array(capacity);
    next.set(this.values.subarray(0, length));
    releaseBuffer(this.values);
    this.values = next;
  }
}

const char = String.fromCharCode;

/** The text of ASCII `bytes[from, to)`: `fromCharCode` with up to 8 arguments at a time. */
function asciiText(bytes: Uint8Array, from: number, to: number): string {
  const b = bytes as unknown as number[];
  const a = from;
  switch (to - from) {
    case 0:
      return '';
    case 1:
      return char(b[a] as number);
    case 2:
      return char(b[a] as number, b[a + 1] as number);
    case 3:
      return char(b[a] as number, b[a + 1] as number, b[a + 2] as number);
    case 4:
      return char(b[a] as number, b[a + 1] as number, b[a + 2] as number, b[a + 3] as number);
    case 5:
      return char(
        b[a] as number,
        b[a + 1] as number,
        b[a + 2] as number,
        b[a + 3] as number,
        b[a + 4] as number,
      );
    case 6:
      return char(
        b[a] as number,
        b[a + 1] as number,
        b[a + 2] as number,
        b[a + 3] as number,
        b[a + 4] as number,
        b[a + 5] as number,
      );
    case 7:
      return char(
        b[a] as number,
        b[a + 1] as number,
        b[a + 2] as number,
        b[a + 3] as number,
        b[a + 4] as number,
        b[a + 5] as number,
        b[a + 6] as number,
      );
    default: {
      let text = '';
      let at = from;
      while (to - at >= 8) {
        text += char(
          b[at] as number,
          b[at + 1] as number,
          b[at + 2] as number,
          b[at + 3] as number,
          b[at + 4] as number,
          b[at + 5] as number,
          b[at + 6] as number,
          b[at + 7] as number,
        );
        at += 8;
      }
      return text + asciiText(bytes, at, to);
    }
  }
}

/**
 * A text column of mostly distinct values: ASCII bytes in one buffer, each line's end offset, and a kind.
 * No arrays at all while every value is absent (a file with no such column).
 */
class BytesColumn {
  kinds: Uint8Array | undefined;
  ends: Int32Array | undefined;
  bytes = new Uint8Array(0);
  /** By line: the texts that are not ASCII. */
  readonly others = new Map<number, string>();
  #used = 0;
  #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Frees the texts (see {@link releaseBuffer}), leaving an empty column of `capacity`. */
  release(capacity: number): void {
    releaseBuffer(this.kinds);
    releaseBuffer(this.ends);
    releaseBuffer(this.bytes);
    this.kinds = undefined;
    this.ends = undefined;
    this.bytes = new Uint8Array(0);
    this.others.clear();
    this.#used = 0;
    this.#capacity = capacity;
  }

  set(at: number, text: string | undefined): void {
    if (this.kinds === undefined || this.ends === undefined) {
      if (text === undefined) return;
      // Every line before this one is absent: kind 0, ending at 0.
      this.kinds = new Uint8Array(this.#capacity);
      this.ends = new Int32Array(this.#capacity);
      this.bytes = new Uint8Array(1024);
    }
    if (text === undefined) {
      this.kinds[at] = ABSENT;
    } else {
      const start = this.#used;
      if (start + text.length > this.bytes.length) {
        const next = new Uint8Array(Math.max(this.bytes.length * 2, start + text.length));
        next.set(this.bytes.subarray(0, start));
        releaseBuffer(this.bytes);
        this.bytes = next;
      }
      const bytes = this.bytes;
      let ascii = true;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code > 0x7f) {
          ascii = false;
          break;
        }
        bytes[start + i] = code;
      }
      if (ascii) {
        this.kinds[at] = ASCII;
        this.#used = start + text.length;
      } else {
        this.kinds[at] = OTHER;
        this.others.set(at, ownCopy(text));
      }
    }
    this.ends[at] = this.#used;
  }

  get(at: number): string | undefined {
    const kinds = this.kinds;
    const ends = this.ends;
    if (kinds === undefined || ends === undefined) return undefined;
    const kind = kinds[at];
    if (kind === ASCII)
      return asciiText(this.bytes, at === 0 ? 0 : (ends[at - 1] as number), ends[at] as number);
    return kind === OTHER ? this.others.get(at) : undefined;
  }

  grow(capacity: number, length: number): void {
    this.#capacity = capacity;
    if (this.kinds === undefined || this.ends === undefined) return;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds.subarray(0, length));
    releaseBuffer(this.kinds);
    this.kinds = kinds;
    const ends = new Int32Array(capacity);
    ends.set(this.ends.subarray(0, length));
    releaseBuffer(this.ends);
    this.ends = ends;
  }

  get byteLength(): number {
    return (this.kinds?.byteLength ?? 0) + (this.ends?.byteLength ?? 0) + this.bytes.byteLength;
  }
}

/**
 * Ledger lines in columns (see the module's comment): push lines, then iterate or index them as an array
 * of `LedgerLine` would be. An array of lines and a table both satisfy `LedgerLines`.
 *
 * @example
 * const table = new LineTable({ strings: createLineStrings() });
 * for (const line of lines) table.push(line);
 * [...table] // → lines, each equal to the one pushed
 */
export class LineTable implements LedgerLines {
  readonly strings: LineStrings;
  #length = 0;
  #capacity: number;
  readonly #file: CodeColumn;
  readonly #line: NumberColumn;
  readonly #date: CodeColumn;
  readonly #supplier: CodeColumn;
  readonly #supplierId: CodeColumn;
  readonly #companyNumber: CodeColumn;
  readonly #postcode: CodeColumn;
  readonly #amount: NumberColumn;
  readonly #transaction: BytesColumn;
  readonly #expenseType: CodeColumn;
  readonly #expenseArea: CodeColumn;
  readonly #description: CodeColumn;
  #redacted: Uint8Array;

  constructor(options: { strings?: LineStrings; capacity?: number } = {}) {
    this.strings = options.strings ?? createLineStrings();
    // A hint: a wrong one (beyond 2^24 lines) costs only a doubling more, not a vast array.
    const capacity = Math.min(Math.max(Math.floor(options.capacity ?? 0), MIN_CAPACITY), 2 ** 24);
    this.#capacity = capacity;
    this.#file = new CodeColumn(capacity, true);
    this.#line = new NumberColumn(capacity);
    this.#date = new CodeColumn(capacity, true);
    this.#supplier = new CodeColumn(capacity, true);
    this.#supplierId = new CodeColumn(capacity, false);
    this.#companyNumber = new CodeColumn(capacity, false);
    this.#postcode = new CodeColumn(capacity, false);
    this.#amount = new NumberColumn(capacity);
    this.#transaction = new BytesColumn(capacity);
    this.#expenseType = new CodeColumn(capacity, false);
    this.#expenseArea = new CodeColumn(capacity, false);
    this.#description = new CodeColumn(capacity, false);
    this.#redacted = new Uint8Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Adds a line. */
  push(line: LedgerLine): void {
    this.pushFields(
      line.file,
      line.line,
      line.date,
      line.supplier,
      line.supplierId,
      line.companyNumber,
      line.postcode,
      line.amount,
      line.transaction,
      line.expenseType,
      line.expenseArea,
      line.description,
      line.redacted,
    );
  }

  /** Adds a line from its fields, in `LedgerLine`'s order, without an object for it (as a reader has them). */
  pushFields(
    file: string,
    line: number,
    date: IsoDate,
    supplier: string,
    supplierId: string | undefined,
    companyNumber: string | undefined,
    postcode: string | undefined,
    amount: Pence,
    transaction: string | undefined,
    expenseType: string | undefined,
    expenseArea: string | undefined,
    description: string | undefined,
    redacted: boolean,
  ): void {
    const at = this.#length;
    if (at === this.#capacity) this.#grow();
    const s = this.strings;
    this.#file.set(at, s.file.code(file));
    this.#line.set(at, line);
    this.#date.set(at, s.date.code(date));
    this.#supplier.set(at, s.supplier.code(supplier));
    this.#supplierId.set(at, supplierId === undefined ? ABSENT : s.supplierId.code(supplierId));
    this.#companyNumber.set(at, companyNumber === undefined ? ABSENT : s.companyNumber.code(companyNumber));
    this.#postcode.set(at, postcode === undefined ? ABSENT : s.postcode.code(postcode));
    this.#amount.set(at, amount);
    this.#transaction.set(at, transaction);
    this.#expenseType.set(at, expenseType === undefined ? ABSENT : s.expenseType.code(expenseType));
    this.#expenseArea.set(at, expenseArea === undefined ? ABSENT : s.expenseArea.code(expenseArea));
    this.#description.set(at, description === undefined ? ABSENT : s.description.code(description));
    this.#redacted[at] = redacted ? 1 : 0;
    this.#length = at + 1;
  }

  /**
   * Empties the table and frees its columns' memory now (at the next minor GC), rather than when the
   * table is collected: for a caller done with the lines while it goes on to need memory, as the report
   * function is once the report is built. Lines built from the table before stay as they are; the
   * table can be filled again. Its `strings` are kept (other tables may share them).
   */
  release(): void {
    for (const column of this.#columns()) column.release(MIN_CAPACITY);
    this.#transaction.release(MIN_CAPACITY);
    releaseBuffer(this.#redacted);
    this.#redacted = new Uint8Array(MIN_CAPACITY);
    this.#length = 0;
    this.#capacity = MIN_CAPACITY;
  }

  /** The `index`-th line (from the end when negative), built afresh; `undefined` outside the table, as `Array.at`. */
  at(index: number): LedgerLine | undefined {
    const whole = Math.trunc(index) || 0;
    const at = whole < 0 ? whole + this.#length : whole;
    return at >= 0 && at < this.#length ? this.#lineAt(at) : undefined;
  }

  /** The date of the `at`-th line (0 ≤ at < length), without building the line. */
  dateAt(at: number): IsoDate {
    return this.strings.date.texts[(this.#date.values as Codes)[at] as number] as string;
  }

  /** The amount of the `at`-th line (0 ≤ at < length), without building the line. */
  amountAt(at: number): Pence {
    return this.#amount.values[at] as number;
  }

  /** Calls `visit` with each line's date, amount and index, in order, building no line. */
  forEachDateAndAmount(visit: (date: IsoDate, amount: Pence, at: number) => void): void {
    const dates = this.strings.date.texts;
    const codes = this.#date.values as Codes;
    const amounts = this.#amount.values;
    for (let at = 0; at < this.#length; at++)
      visit(dates[codes[at] as number] as string, amounts[at] as number, at);
  }

  /**
   * Calls `visit` with each line's supplier, supplier ID, company number and postcode as codes into
   * `strings` (0: absent) and whether it is redacted, building no line; `table.at(at)` builds it.
   */
  forEachSupplierCode(visit: SupplierCodeVisitor): void {
    const suppliers = this.#supplier.values as Codes;
    const ids = this.#supplierId.values;
    const companies = this.#companyNumber.values;
    const postcodes = this.#postcode.values;
    const redacted = this.#redacted;
    for (let at = 0; at < this.#length; at++) {
      visit(
        this,
        at,
        suppliers[at] as number,
        ids === undefined ? ABSENT : (ids[at] as number),
        companies === undefined ? ABSENT : (companies[at] as number),
        postcodes === undefined ? ABSENT : (postcodes[at] as number),
        redacted[at] === 1,
      );
    }
  }

  [Symbol.iterator](): Iterator<LedgerLine> {
    let at = 0;
    return {
      next: (): IteratorResult<LedgerLine> =>
        at < this.#length ? { value: this.#lineAt(at++), done: false } : { value: undefined, done: true },
    };
  }

  /** Bytes held by the columns (their capacity, not only the lines pushed), for measuring. */
  get byteLength(): number {
    return (
      this.#columns().reduce((sum, column) => sum + column.byteLength, 0) +
      this.#transaction.byteLength +
      this.#redacted.byteLength
    );
  }

  #lineAt(at: number): LedgerLine {
    const s = this.strings;
    const line: LedgerLine = {
      file: s.file.texts[(this.#file.values as Codes)[at] as number] as string,
      line: this.#line.values[at] as number,
      date: s.date.texts[(this.#date.values as Codes)[at] as number] as string,
      supplier: s.supplier.texts[(this.#supplier.values as Codes)[at] as number] as string,
      amount: this.#amount.values[at] as number,
      redacted: this.#redacted[at] === 1,
    };
    // The optional fields in the order the curated reader sets them. Each column is read here, not through
    // a shared method, so V8 sees one array type at each read (a shared `get` ran this 60% slower).
    const supplierIdCodes = this.#supplierId.values;
    const supplierId = supplierIdCodes === undefined ? ABSENT : (supplierIdCodes[at] as number);
    if (supplierId !== ABSENT) line.supplierId = s.supplierId.texts[supplierId] as string;
    const companyNumberCodes = this.#companyNumber.values;
    const companyNumber = companyNumberCodes === undefined ? ABSENT : (companyNumberCodes[at] as number);
    if (companyNumber !== ABSENT) line.companyNumber = s.companyNumber.texts[companyNumber] as string;
    const postcodeCodes = this.#postcode.values;
    const postcode = postcodeCodes === undefined ? ABSENT : (postcodeCodes[at] as number);
    if (postcode !== ABSENT) line.postcode = s.postcode.texts[postcode] as string;
    const transaction = this.#transaction.get(at);
    if (transaction !== undefined) line.transaction = transaction;
    const expenseTypeCodes = this.#expenseType.values;
    const expenseType = expenseTypeCodes === undefined ? ABSENT : (expenseTypeCodes[at] as number);
    if (expenseType !== ABSENT) line.expenseType = s.expenseType.texts[expenseType] as string;
    const expenseAreaCodes = this.#expenseArea.values;
    const expenseArea = expenseAreaCodes === undefined ? ABSENT : (expenseAreaCodes[at] as number);
    if (expenseArea !== ABSENT) line.expenseArea = s.expenseArea.texts[expenseArea] as string;
    const descriptionCodes = this.#description.values;
    const description = descriptionCodes === undefined ? ABSENT : (descriptionCodes[at] as number);
    if (description !== ABSENT) line.description = s.description.texts[description] as string;
    return line;
  }

  /** Every column but the transaction's. */
  #columns(): (CodeColumn | NumberColumn)[] {
    return [
      this.#file,
      this.#line,
      this.#date,
      this.#supplier,
      this.#supplierId,
      this.#companyNumber,
      this.#postcode,
      this.#amount,
      this.#expenseType,
      this.#expenseArea,
      this.#description,
    ];
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const length = this.#length;
    for (const column of [
      this.#file,
      this.#line,
      this.#date,
      this.#supplier,
      this.#supplierId,
      this.#companyNumber,
      this.#postcode,
      this.#amount,
      this.#transaction,
      this.#expenseType,
      this.#expenseArea,
      this.#description,
    ]) {
      column.grow(capacity, length);
    }
    const redacted = new Uint8Array(capacity);
    redacted.set(this.#redacted.subarray(0, length));
    releaseBuffer(this.#redacted);
    this.#redacted = redacted;
    this.#capacity = capacity;
  }
}

/** What {@link LineTable.forEachSupplierCode} calls for each line. */
export type SupplierCodeVisitor = (
  table: LineTable,
  at: number,
  supplier: number,
  supplierId: number,
  companyNumber: number,
  postcode: number,
  redacted: boolean,
) => void;

/**
 * Lines that can give each one's supplier fields as codes into one {@link LineStrings} without building
 * it: a {@link LineTable}, or tables that share their strings.
 */
export interface SupplierCodes {
  readonly strings: LineStrings;
  forEachSupplierCode(visit: SupplierCodeVisitor): void;
}

/** Lines that can give each one's date and amount without building it (a {@link LineTable}). */
export interface DatesAndAmounts {
  forEachDateAndAmount(visit: (date: IsoDate, amount: Pence, at: number) => void): void;
}

/**
 * Calls `visit` with each line's date, amount and index (from 0, in iteration order): from the columns
 * when the lines can give them so (a {@link LineTable}), else from each line.
 */
export function forEachDateAndAmount(
  lines: LedgerLines | (LedgerLines & DatesAndAmounts),
  visit: (date: IsoDate, amount: Pence, at: number) => void,
): void {
  if ('forEachDateAndAmount' in lines) {
    lines.forEachDateAndAmount(visit);
    return;
  }
  let at = 0;
  for (const line of lines) visit(line.date, line.amount, at++);
}

/** The sum of the lines' amounts. */
export function sumAmounts(lines: LedgerLines): Pence {
  let total = 0;
  forEachDateAndAmount(lines, (_date, amount) => {
    total += amount;
  });
  return total;
}

/**
 * Several files' lines as one `LedgerLines`, in order, without copying them (`flatMap` would put a
 * table in whole, as one element): with `masks`, only each part's lines whose flag is 1 (`'all'`: every
 * line). Tables that share one `LineStrings` give their dates, amounts and suppliers' codes as one table
 * does.
 */
export function concatLines(
  parts: readonly LedgerLines[],
  masks: readonly ('all' | Uint8Array)[] = parts.map(() => 'all'),
): LedgerLines & Partial<DatesAndAmounts> & Partial<SupplierCodes> {
  const counts = (mask: 'all' | Uint8Array | undefined, at: number): boolean =>
    mask === 'all' || mask?.[at] === 1;
  let length = 0;
  parts.forEach((part, index) => {
    const mask = masks[index];
    if (mask === 'all') length += part.length;
    else if (mask !== undefined) for (let at = 0; at < part.length; at++) length += mask[at] === 1 ? 1 : 0;
  });
  const lines: LedgerLines & DatesAndAmounts = {
    length,
    *[Symbol.iterator]() {
      for (let index = 0; index < parts.length; index++) {
        const mask = masks[index];
        if (mask === 'all') {
          yield* parts[index] as LedgerLines;
          continue;
        }
        let at = 0;
        for (const line of parts[index] as LedgerLines) if (counts(mask, at++)) yield line;
      }
    },
    forEachDateAndAmount(visit) {
      let position = 0;
      parts.forEach((part, index) => {
        const mask = masks[index];
        forEachDateAndAmount(part, (date, amount, at) => {
          if (counts(mask, at)) visit(date, amount, position++);
        });
      });
    },
  };
  const first = parts[0];
  if (
    !(first instanceof LineTable) ||
    !parts.every((part) => part instanceof LineTable && part.strings === first.strings)
  ) {
    return lines;
  }
  return {
    ...lines,
    strings: first.strings,
    forEachSupplierCode(visit) {
      parts.forEach((part, index) => {
        const mask = masks[index];
        if (mask === 'all') (part as LineTable).forEachSupplierCode(visit);
        else {
          (part as LineTable).forEachSupplierCode(
            (source, at, supplier, supplierId, companyNumber, postcode, redacted) => {
              if (counts(mask, at))
                visit(source, at, supplier, supplierId, companyNumber, postcode, redacted);
            },
          );
        }
      });
    },
  };
}
