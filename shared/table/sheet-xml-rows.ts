import { columnLetters, columnNumber } from './column-letters.ts';
import type { Cell } from './table-types.ts';
import { MAX_COLUMNS, TODO, WorkbookLimitError } from './workbook-limits.ts';
import { dateFromSerial, isDateFormat, toCell } from './xlsx-cell.ts';
import { decodeXmlEntities, XML_ENTITIES } from './xml-entities.ts';
import { MAX_XML_RUN } from './zip-guard.ts';

/** One `<row>` of a worksheet: its `r` (undefined when absent or not a row number) and its cells. */
export interface SheetXmlRow {
  number: number | undefined;
  cells: Cell[];
}

/** The workbook-level parts a worksheet's cells refer to, as exceljs' `WorkbookReader` holds them. */
export interface SheetXmlParts {
  sharedStrings: unknown;
  styles: unknown;
  date1904: boolean;
}

interface StyleModels {
  getStyleModel(id: number): { numFmt?: unknown } | null | undefined;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const CR = 0x0d;
const DOLLAR = 0x24;
const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');
const COMMENT_START = Buffer.from('<!--');
const CDATA_START = Buffer.from('<![CDATA[');
/** Most bytes of one comment, tag or text held while waiting for its end (runs are bounded by the zip guard). */
const MAX_PENDING = 4 * MAX_XML_RUN;

const Tag = { Other: 0, Worksheet: 1, SheetData: 2, Row: 3, C: 4, F: 5, V: 6, Is: 7, T: 8 } as const;
type Tag = (typeof Tag)[keyof typeof Tag];
/** A cell's `t`, as exceljs tells them apart (anything else is a number), and `d`, which it does not. */
const Type = { Number: 0, Shared: 1, Str: 2, Inline: 3, Bool: 4, Error: 5, IsoDate: 6 } as const;
type Type = (typeof Type)[keyof typeof Type];
/** Where text read now goes: exceljs appends it to the cell's last opened `<f>`, or `<v>`/`<is>`/`<t>`. */
const Text = { None: 0, Formula: 1, Value: 2 } as const;
type Text = (typeof Text)[keyof typeof Text];

/** An ISO 8601 date, with a time or not, in UTC (`Z`) or with no zone: what a `t="d"` cell holds. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z?)?$/;

/**
 * A number as XML Schema writes a double (`-1234.5`, `.5`, `1.2345678901234E+20`), with any XML
 * whitespace around it a pretty-printer may add (`xs:double` collapses it); not `INF` or `NaN`, which
 * Excel never writes (it stores `#NUM!`), nor `12,5` or `1 234`, which `parseFloat` cuts short.
 */
const XML_NUMBER = /^[ \t\n\r]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r]*$/;
const XML_BLANK = /^[ \t\n\r]*$/;
const XML_BOOLEAN = /^[ \t\n\r]*(1|0|true|false)[ \t\n\r]*$/;

/**
 * Reads a worksheet's XML (`xl/worksheets/sheetN.xml`) as its bytes arrive, giving each `<row>` when
 * it closes, with the cells exceljs' streaming worksheet reader (4.4) makes of it, converted as
 * `toCell` converts them: shared strings by index, `str` and `inlineStr` text XML-decoded a second
 * time, booleans (`1`/`0`, and `true`/`false`, which exceljs read as true), errors as their code,
 * numbers by `parseFloat` (a Date when the cell's, or else its row's, style has a date format),
 * formulas by their cached result (a result exceljs drops as falsy gives null, except in a
 * formula-less shared-formula cell), an inline string as the text of its last `<t>` plus any text
 * after it, empty cells absent. A row or cell without
 * `r` follows the one before (exceljs refuses those). Unlike exceljs, a number or boolean with no text
 * (`<v/>`) is no value, and one whose text is not a whole number or boolean (`12,5`, which exceljs read
 * as 12) is given as that text, for its column's reader to judge. Holds one row and at most one unfinished tag or text run; throws a
 * `WorkbookLimitError` for what it does not understand.
 */
export class SheetXmlReader {
  readonly #sheet: string;
  readonly #sharedStrings: readonly unknown[];
  readonly #styles: StyleModels | undefined;
  readonly #date1904: boolean;
  readonly #dateStyles = new Map<number, boolean | undefined>();
  #pending: Buffer | undefined;
  /** 0 before the root element, 1 inside it, 2 after it. */
  #root = 0;
  #inSheetData = false;
  #inRow = false;
  #rowNumber: number | undefined;
  #rowDate = false;
  #slots: (Cell | undefined)[] = [];
  #column = 0;
  #inCell = false;
  #cellColumn = 0;
  #cellType: Type = Type.Number;
  #cellDate = false;
  #hasFormula = false;
  #formulaText = false;
  #hasValue = false;
  #valueText = '';
  /** The value's only text so far, as a range of `#valueBytes` (read before the chunk is let go). */
  #valueBytes: Buffer | undefined;
  #valueAt = 0;
  #valueEnd = 0;
  #text: Text = Text.None;
  // The attributes of the tag being read, as byte ranges (-1: absent).
  #rAt = -1;
  #rEnd = -1;
  #sAt = -1;
  #sEnd = -1;
  #tAt = -1;
  #tEnd = -1;

  constructor(sheet: string, parts: SheetXmlParts) {
    this.#sheet = sheet;
    this.#sharedStrings = Array.isArray(parts.sharedStrings) ? parts.sharedStrings : [];
    const styles = parts.styles as Partial<StyleModels> | undefined;
    this.#styles = typeof styles?.getStyleModel === 'function' ? (styles as StyleModels) : undefined;
    this.#date1904 = parts.date1904;
  }

  /** Reads the next bytes of the sheet, appending the rows they complete to `out`. */
  write(chunk: Uint8Array, out: SheetXmlRow[]): void {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const bytes = this.#pending === undefined ? view : Buffer.concat([this.#pending, view]);
    this.#pending = undefined;
    const end = bytes.length;
    let at = 0;
    while (at < end) {
      const open = findByte(bytes, LT, at);
      if (open === -1) {
        // Text cut off by the chunk's end: only a cell's text is kept.
        if (this.#text !== Text.None) this.#hold(bytes.subarray(at));
        break;
      }
      if (open > at && this.#text !== Text.None) this.#addText(bytes, at, open);
      const after = this.#readTag(bytes, open, out);
      if (after === -1) {
        this.#hold(bytes.subarray(open));
        break;
      }
      at = after;
    }
    this.#keepValueText();
  }

  /** The sheet's bytes have all been read. */
  end(): void {
    if (this.#root === 1 || (this.#pending !== undefined && this.#pending.length > 0)) {
      throw this.#damaged('ends before its last tag is closed');
    }
  }

  #hold(bytes: Buffer): void {
    if (bytes.length > MAX_PENDING) {
      throw new WorkbookLimitError(
        `has over ${Math.round(MAX_PENDING / 1024 / 1024)} MB of one tag, comment or cell text in sheet "${this.#sheet}"${this.#near()}, which Excel never writes, so it is damaged or was not made by Excel. ${TODO}`,
      );
    }
    this.#pending = Buffer.from(bytes);
  }

  /** Reads the tag at `open`; returns the index after it, or -1 when the bytes end first. */
  #readTag(bytes: Buffer, open: number, out: SheetXmlRow[]): number {
    const end = bytes.length;
    if (open + 1 >= end) return -1;
    const first = bytes[open + 1];
    if (first === SLASH) {
      const close = findByte(bytes, GT, open + 2);
      if (close === -1) return -1;
      let nameEnd = open + 2;
      while (nameEnd < close && !isSpace(bytes[nameEnd] as number)) nameEnd++;
      this.#close(tagOf(bytes, open + 2, nameEnd), out);
      return close + 1;
    }
    if (first === QUESTION) {
      const close = bytes.indexOf(PI_END, open + 2);
      return close === -1 ? -1 : close + 2;
    }
    if (first === BANG) return this.#readMarkup(bytes, open);
    let at = open + 1;
    while (at < end) {
      const byte = bytes[at] as number;
      if (isSpace(byte) || byte === GT || byte === SLASH) break;
      at++;
    }
    if (at >= end) return -1;
    const tag = tagOf(bytes, open + 1, at);
    const wanted = tag === Tag.Row || tag === Tag.C;
    this.#rAt = this.#sAt = this.#tAt = -1;
    for (;;) {
      while (at < end && isSpace(bytes[at] as number)) at++;
      if (at >= end) return -1;
      const byte = bytes[at];
      if (byte === GT) {
        this.#open(tag, bytes);
        return at + 1;
      }
      if (byte === SLASH) {
        if (at + 1 >= end) return -1;
        if (bytes[at + 1] !== GT) throw this.#damaged('has a tag with a stray "/"');
        this.#open(tag, bytes);
        this.#close(tag, out);
        return at + 2;
      }
      const nameAt = at;
      while (at < end) {
        const next = bytes[at] as number;
        if (next === EQUALS || isSpace(next) || next === GT || next === SLASH) break;
        at++;
      }
      const nameEnd = at;
      while (at < end && isSpace(bytes[at] as number)) at++;
      if (at >= end) return -1;
      if (bytes[at] !== EQUALS) throw this.#damaged('has an attribute without a value');
      at++;
      while (at < end && isSpace(bytes[at] as number)) at++;
      if (at >= end) return -1;
      const quote = bytes[at];
      if (quote !== QUOTE && quote !== APOSTROPHE)
        throw this.#damaged('has an attribute value without quotes');
      const valueEnd = findByte(bytes, quote, at + 1);
      if (valueEnd === -1) return -1;
      if (wanted && nameEnd === nameAt + 1) {
        const name = bytes[nameAt];
        if (name === 0x72) {
          this.#rAt = at + 1;
          this.#rEnd = valueEnd;
        } else if (name === 0x73) {
          this.#sAt = at + 1;
          this.#sEnd = valueEnd;
        } else if (name === 0x74) {
          this.#tAt = at + 1;
          this.#tEnd = valueEnd;
        }
      }
      at = valueEnd + 1;
    }
  }

  /** A comment, CDATA section or declaration at `open` (`<!`). */
  #readMarkup(bytes: Buffer, open: number): number {
    const end = bytes.length;
    if (startsWith(bytes, open, COMMENT_START)) {
      const close = bytes.indexOf(COMMENT_END, open + 4);
      return close === -1 ? -1 : close + 3;
    }
    if (startsWith(bytes, open, CDATA_START)) {
      // exceljs' reader drops CDATA, so a cell's value in one would be misread.
      if (this.#text !== Text.None) {
        throw new WorkbookLimitError(
          `has cell ${this.#cellRef()} of sheet "${this.#sheet}" written as a CDATA section, which Excel never writes and this reader does not read. ${TODO}`,
        );
      }
      const close = bytes.indexOf(CDATA_END, open + 9);
      return close === -1 ? -1 : close + 3;
    }
    if (end - open < CDATA_START.length) return -1;
    throw new WorkbookLimitError(
      `has a document type declaration in sheet "${this.#sheet}", which Excel never writes and this reader does not read. ${TODO}`,
    );
  }

  #open(tag: Tag, bytes: Buffer): void {
    if (this.#root === 0) {
      if (tag !== Tag.Worksheet) {
        throw new WorkbookLimitError(
          `has sheet "${this.#sheet}" written in a form this reader does not understand (its XML does not start with <worksheet>, as Excel writes it). ${TODO}`,
        );
      }
      this.#root = 1;
      return;
    }
    switch (tag) {
      case Tag.SheetData:
        this.#inSheetData = true;
        return;
      case Tag.Row:
        if (!this.#inSheetData || this.#inRow)
          throw this.#damaged('has a row inside another or outside the sheet data');
        this.#startRow(bytes);
        return;
      case Tag.C:
        if (this.#inRow) this.#startCell(bytes);
        return;
      case Tag.F:
        if (!this.#inCell) return;
        this.#hasFormula = true;
        this.#formulaText = false;
        this.#text = Text.Formula;
        return;
      case Tag.V:
      case Tag.Is:
      case Tag.T:
        if (!this.#inCell) return;
        this.#hasValue = true;
        this.#valueText = '';
        this.#valueBytes = undefined;
        this.#text = Text.Value;
        return;
      default:
        return;
    }
  }

  #close(tag: Tag, out: SheetXmlRow[]): void {
    switch (tag) {
      case Tag.Worksheet:
        this.#root = 2;
        return;
      case Tag.SheetData:
        this.#inSheetData = false;
        return;
      case Tag.Row:
        if (!this.#inRow) throw this.#damaged('closes a row it never opened');
        if (this.#inCell) throw this.#damaged('closes a row inside a cell it never closed');
        out.push({ number: this.#rowNumber, cells: this.#rowCells() });
        this.#inRow = false;
        return;
      case Tag.C:
        if (!this.#inCell) return;
        this.#endCell();
        return;
      default:
        return;
    }
  }

  #startRow(bytes: Buffer): void {
    this.#inRow = true;
    this.#slots = [];
    this.#column = 0;
    this.#rowNumber = undefined;
    if (this.#rAt !== -1) {
      const number = this.#integer(bytes, this.#rAt, this.#rEnd);
      if (!Number.isInteger(number) || number <= 0) {
        throw this.#damaged(
          `has a row numbered "${this.#attribute(bytes, this.#rAt, this.#rEnd)}", which is not a row number`,
        );
      }
      this.#rowNumber = number;
    }
    // exceljs gives a row's style to each cell before the cell's own.
    this.#rowDate =
      this.#sAt !== -1 && this.#sEnd > this.#sAt
        ? (this.#isDateStyle(this.#integer(bytes, this.#sAt, this.#sEnd)) ?? false)
        : false;
  }

  #startCell(bytes: Buffer): void {
    if (this.#inCell) throw this.#damaged('opens a cell inside a cell it never closed');
    this.#inCell = true;
    this.#hasFormula = false;
    this.#formulaText = false;
    this.#hasValue = false;
    this.#valueText = '';
    this.#valueBytes = undefined;
    this.#text = Text.None;
    this.#cellColumn = this.#rAt === -1 ? this.#column + 1 : this.#columnOf(bytes);
    if (this.#cellColumn > MAX_COLUMNS) {
      throw new WorkbookLimitError(
        `has a cell beyond Excel's last column (XFD) in sheet "${this.#sheet}"${this.#near()}: the workbook is damaged. ${TODO}`,
      );
    }
    if (this.#cellColumn <= this.#column) {
      throw this.#damaged('has a cell at or before the cell before it in its row, which Excel never writes');
    }
    this.#column = this.#cellColumn;
    this.#cellType = this.#tAt === -1 ? Type.Number : this.#typeOf(bytes, this.#tAt, this.#tEnd);
    const style = this.#sAt === -1 ? 0 : this.#integer(bytes, this.#sAt, this.#sEnd);
    this.#cellDate = (style ? this.#isDateStyle(style) : undefined) ?? this.#rowDate;
  }

  /** The column of a cell's `r` (`B7`, `$B$7`); the row's first cell gives a row without `r` its number. */
  #columnOf(bytes: Buffer): number {
    let at = this.#rAt;
    const end = this.#rEnd;
    if (bytes[at] === DOLLAR) at++;
    let column = 0;
    let letters = 0;
    for (; at < end; at++) {
      const byte = bytes[at] as number;
      if (byte < 0x41 || byte > 0x5a) break;
      column = column * 26 + byte - 0x40;
      letters++;
    }
    if (bytes[at] === DOLLAR) at++;
    let row = 0;
    let digits = 0;
    for (; at < end; at++) {
      const byte = bytes[at] as number;
      if (byte < 0x30 || byte > 0x39) break;
      row = row * 10 + byte - 0x30;
      digits++;
    }
    if (letters === 0 || letters > 3 || digits === 0 || at !== end) {
      return this.#columnOfText(this.#attribute(bytes, this.#rAt, end));
    }
    if (this.#rowNumber === undefined && this.#slots.length === 0 && this.#column === 0 && row > 0) {
      this.#rowNumber = row;
    }
    return column;
  }

  #columnOfText(ref: string): number {
    const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
    if (match === null) {
      throw new WorkbookLimitError(
        `has a cell at "${ref}" in sheet "${this.#sheet}"${this.#near()}, which is not a cell reference Excel writes: the workbook is damaged. ${TODO}`,
      );
    }
    const [, letters = '', row = ''] = match;
    if (this.#rowNumber === undefined && this.#column === 0 && Number(row) > 0) this.#rowNumber = Number(row);
    return columnNumber(letters);
  }

  #isDateStyle(id: number): boolean | undefined {
    if (this.#dateStyles.has(id)) return this.#dateStyles.get(id);
    const model = this.#styles?.getStyleModel(id);
    const date = model
      ? isDateFormat(typeof model.numFmt === 'string' ? model.numFmt : undefined)
      : undefined;
    this.#dateStyles.set(id, date);
    return date;
  }

  #addText(bytes: Buffer, start: number, end: number): void {
    if (this.#text === Text.Formula) {
      this.#formulaText = true;
      return;
    }
    if (this.#valueText === '' && this.#valueBytes === undefined) {
      this.#valueBytes = bytes;
      this.#valueAt = start;
      this.#valueEnd = end;
      return;
    }
    this.#keepValueText();
    this.#valueText += decodeText(bytes, start, end, this.#sheet);
    if (this.#valueText.length > MAX_PENDING) {
      throw new WorkbookLimitError(
        `has cell ${this.#cellRef()} of sheet "${this.#sheet}" holding over ${Math.round(MAX_PENDING / 1024 / 1024)} MB of text, far beyond Excel's 32,767 characters, so it is damaged or was not made by Excel. ${TODO}`,
      );
    }
  }

  /** Turns the value's bytes into text, before they are appended to or their chunk is let go. */
  #keepValueText(): void {
    const bytes = this.#valueBytes;
    if (bytes === undefined) return;
    this.#valueBytes = undefined;
    this.#valueText = decodeText(bytes, this.#valueAt, this.#valueEnd, this.#sheet);
  }

  #endCell(): void {
    this.#inCell = false;
    this.#text = Text.None;
    const index = this.#cellColumn - 1;
    const bytes = this.#valueBytes;
    if (bytes !== undefined && !this.#hasFormula) {
      // The usual cell: one run of text, read from the bytes.
      this.#valueBytes = undefined;
      const type = this.#cellType;
      if (type === Type.Number) {
        const number = parseDecimal(bytes, this.#valueAt, this.#valueEnd);
        if (number !== undefined) {
          this.#slots[index] = this.#cellDate ? dateFromSerial(number, this.#date1904) : number;
          return;
        }
      } else if (type === Type.Shared) {
        const entry = this.#sharedStrings[parseDigits(bytes, this.#valueAt, this.#valueEnd)];
        if (entry !== undefined) {
          this.#slots[index] = entry === null ? undefined : toCell(entry as Parameters<typeof toCell>[0]);
          return;
        }
      }
      this.#valueBytes = bytes;
    }
    this.#keepValueText();
    const text = this.#valueText;
    if (this.#hasFormula) {
      const result = !this.#hasValue
        ? undefined
        : this.#cellType === Type.Str
          ? decodeXmlEntities(text)
          : this.#cellType === Type.IsoDate
            ? this.#isoDate(text)
            : this.#cellType === Type.Number
              ? this.#number(text)
              : Number.parseFloat(text);
      // exceljs keeps a formula's result only when truthy; a shared formula's dependent cell (an
      // empty `<f>`) keeps its value object whole.
      const kept = this.#formulaText ? result || undefined : result;
      // A number result that is not one stays its text (see `#number`); other results convert as exceljs's do.
      const numberText = this.#cellType === Type.Number && typeof kept === 'string';
      this.#slots[index] =
        kept === undefined
          ? null
          : this.#cellDate && !(kept instanceof Date) && !numberText
            ? dateFromSerial(kept, this.#date1904)
            : kept;
      return;
    }
    if (!this.#hasValue) return;
    switch (this.#cellType) {
      case Type.Shared: {
        const entry = this.#sharedStrings[Number.parseInt(text, 10)];
        this.#slots[index] =
          entry === null || entry === undefined ? undefined : toCell(entry as Parameters<typeof toCell>[0]);
        return;
      }
      case Type.Str:
      case Type.Inline:
        // exceljs decodes `str` and `inlineStr` text a second time, named entities only.
        this.#slots[index] = decodeXmlEntities(text);
        return;
      case Type.Error:
        this.#slots[index] = text;
        return;
      case Type.Bool:
        this.#slots[index] = this.#boolean(text);
        return;
      case Type.IsoDate:
        this.#slots[index] = this.#isoDate(text);
        return;
      default: {
        const number = this.#number(text);
        if (number === undefined) return;
        this.#slots[index] =
          this.#cellDate && typeof number === 'number' ? dateFromSerial(number, this.#date1904) : number;
        return;
      }
    }
  }

  #rowCells(): Cell[] {
    const slots = this.#slots;
    let last = slots.length - 1;
    while (last >= 0 && slots[last] === undefined) last--;
    const cells: Cell[] = new Array(last + 1);
    for (let i = 0; i <= last; i++) cells[i] = slots[i] ?? null;
    return cells;
  }

  /** An attribute's value as `parseInt` reads it. */
  #integer(bytes: Buffer, start: number, end: number): number {
    const number = parseDigits(bytes, start, end);
    return number === -1 ? Number.parseInt(this.#attribute(bytes, start, end), 10) : number;
  }

  #typeOf(bytes: Buffer, start: number, end: number): Type {
    const length = end - start;
    const first = bytes[start];
    if (length === 1) {
      return first === 0x73
        ? Type.Shared
        : first === 0x62
          ? Type.Bool
          : first === 0x65
            ? Type.Error
            : first === 0x64
              ? Type.IsoDate
              : Type.Number;
    }
    if (length === 3 && first === 0x73 && bytes[start + 1] === 0x74 && bytes[start + 2] === 0x72) {
      return Type.Str;
    }
    return typeOf(this.#attribute(bytes, start, end));
  }

  /** An attribute's value, entities and whitespace as an XML parser reads them. */
  #attribute(bytes: Buffer, start: number, end: number): string {
    const raw = bytes.toString('utf8', start, end);
    if (!/[&\t\n\r]/.test(raw)) return raw;
    return decodeEntities(raw.replace(/\r\n?|[\t\n]/g, ' '), this.#sheet);
  }

  /**
   * A `t="d"` cell's ISO 8601 date and time (`2024-01-31`, `2024-01-31T13:45:00`, with `Z` or not) as the
   * Date a stored date is: its parts in UTC. exceljs read the text as a number (2024, a date in 1905);
   * anything else, an offset included, is refused.
   */
  #isoDate(text: string): Date {
    const match = ISO_DATE_TIME.exec(text.trim());
    if (match !== null) {
      const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
      const date = new Date(
        Date.UTC(
          Number(year),
          Number(month) - 1,
          Number(day),
          Number(hours),
          Number(minutes),
          Number(seconds),
          Math.round(Number(`0.${fraction || '0'}`) * 1000),
        ),
      );
      // A calendar date, not 2024-02-30 rolled over into March.
      if (date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)) return date;
    }
    throw new WorkbookLimitError(
      `has "${text}" in cell ${this.#cellRef()} of sheet "${this.#sheet}", marked as an ISO 8601 date but not one (write it like 2024-01-31 or 2024-01-31T13:45:00). ${TODO}`,
    );
  }

  /**
   * A number cell's text as `parseFloat` reads it, when it is all a number; undefined when blank; else the
   * text itself (`12,5`, `N/A`), for the reader of its column to judge as it judges a CSV's text: an
   * amount or date column reports it by line, column and value, and a column nobody reads ignores it.
   * Never a guess (`parseFloat` reads `12,5` as 12), and never the whole workbook refused for one cell.
   */
  #number(text: string): number | string | undefined {
    const number = Number.parseFloat(text);
    if (Number.isFinite(number) && XML_NUMBER.test(text)) return number;
    if (XML_BLANK.test(text)) return undefined;
    return text;
  }

  /** A boolean cell's `1`/`0` or `true`/`false` (XML Schema's booleans); undefined when blank; else its text, as {@link #number}. */
  #boolean(text: string): boolean | string | undefined {
    const match = XML_BOOLEAN.exec(text);
    if (match !== null) return match[1] === '1' || match[1] === 'true';
    if (XML_BLANK.test(text)) return undefined;
    return text;
  }

  #cellRef(): string {
    return `${columnLetters(this.#cellColumn)}${this.#rowNumber ?? '?'}`;
  }

  #near(): string {
    return this.#inRow && this.#rowNumber !== undefined ? ` (row ${this.#rowNumber})` : '';
  }

  #damaged(what: string): WorkbookLimitError {
    return new WorkbookLimitError(
      `${what} in sheet "${this.#sheet}"${this.#near()}, so its XML is damaged or was not made by Excel. ${TODO}`,
    );
  }
}

/** `bytes.indexOf(byte, from)`, quicker for the few bytes to a tag's or value's end than a call into Node. */
function findByte(bytes: Buffer, byte: number, from: number): number {
  const end = bytes.length;
  for (let at = from; at < end; at++) if (bytes[at] === byte) return at;
  return -1;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
}

function startsWith(bytes: Buffer, at: number, prefix: Buffer): boolean {
  if (bytes.length - at < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function tagOf(bytes: Buffer, start: number, end: number): Tag {
  const length = end - start;
  const first = bytes[start];
  switch (length) {
    case 1:
      return first === 0x63
        ? Tag.C
        : first === 0x76
          ? Tag.V
          : first === 0x66
            ? Tag.F
            : first === 0x74
              ? Tag.T
              : Tag.Other;
    case 2:
      return first === 0x69 && bytes[start + 1] === 0x73 ? Tag.Is : Tag.Other;
    case 3:
      return first === 0x72 && bytes[start + 1] === 0x6f && bytes[start + 2] === 0x77 ? Tag.Row : Tag.Other;
    case 9:
      if (bytes.toString('latin1', start, end) === 'sheetData') return Tag.SheetData;
      return bytes.toString('latin1', start, end) === 'worksheet' ? Tag.Worksheet : Tag.Other;
    default:
      return Tag.Other;
  }
}

/** The number of up to 15 ASCII digits, or -1. */
function parseDigits(bytes: Buffer, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let number = 0;
  for (let at = start; at < end; at++) {
    const digit = (bytes[at] as number) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, power) => 10 ** power);

/**
 * `parseFloat` of a plain decimal (`-12.50`) of up to 15 digits, or undefined for any other text:
 * the digits and the power of ten are then exact doubles, and one division rounds as `parseFloat`
 * does.
 */
function parseDecimal(bytes: Buffer, start: number, end: number): number | undefined {
  let at = start;
  const negative = bytes[at] === 0x2d;
  if (negative) at++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; at < end; at++) {
    const byte = bytes[at] as number;
    if (byte === 0x2e && decimals === -1) {
      decimals = 0;
      continue;
    }
    const digit = byte - 0x30;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
    if (decimals !== -1) decimals++;
  }
  if (at !== end || digits === 0 || digits > 15 || decimals === 0) return undefined;
  const value = decimals > 0 ? mantissa / (POWERS_OF_TEN[decimals] as number) : mantissa;
  return negative ? -value : value;
}

function typeOf(type: string): Type {
  switch (type) {
    case 's':
      return Type.Shared;
    case 'str':
      return Type.Str;
    case 'inlineStr':
      return Type.Inline;
    case 'b':
      return Type.Bool;
    case 'e':
      return Type.Error;
    case 'd':
      return Type.IsoDate;
    default:
      return Type.Number;
  }
}

/** A run of text between tags, as an XML parser gives it: UTF-8, line ends as `\n`, references resolved. */
function decodeText(bytes: Buffer, start: number, end: number, sheet: string): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x80 || byte === AMPERSAND || byte === CR) {
      plain = false;
      break;
    }
  }
  if (plain) return bytes.toString('latin1', start, end);
  let text = bytes.toString('utf8', start, end);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return text.includes('&') ? decodeEntities(text, sheet) : text;
}

const REFERENCE = /&([^;&]*);?/g;

function decodeEntities(text: string, sheet: string): string {
  return text.replace(REFERENCE, (match, name: string) => {
    const known = match.endsWith(';') ? (XML_ENTITIES.get(name) ?? characterOf(name)) : undefined;
    if (known === undefined) {
      throw new WorkbookLimitError(
        `has "${match.slice(0, 20)}" in sheet "${sheet}", an XML reference Excel never writes: the workbook is damaged or was not made by Excel. ${TODO}`,
      );
    }
    return known;
  });
}

function characterOf(name: string): string | undefined {
  const code = /^#x[0-9a-fA-F]+$/.test(name)
    ? Number.parseInt(name.slice(2), 16)
    : /^#[0-9]+$/.test(name)
      ? Number.parseInt(name.slice(1), 10)
      : Number.NaN;
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}
