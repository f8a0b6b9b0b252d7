import { ownCopy } from './own-copy.ts';

/** One CSV record: the line it starts on and its fields as written (line ends inside fields as `\n`). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Why text could not be split into CSV records. */
export type CsvProblem = 'quote-not-closed' | 'record-too-long';

const QUOTE = 34;
const NEWLINE = 10;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3;
type SplitState = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof AFTER_QUOTE;

/** How a {@link CsvSplitter} gives its fields. */
export interface CsvSplitterOptions {
  /**
   * Fields of a line read whole are pieces of one copy of the line, not each a copy of its own: a field
   * kept keeps its line alive (not the chunk it came in), and a line costs one copy, not one a field.
   * For a reader that keeps few of its fields, or keeps them only briefly; off, a field kept holds only
   * its own characters.
   */
  linePieces?: boolean;
}

/** Longest unfinished line held before it is read as it stands (a line that long is rare, not wrong). */
const CARRY_LIMIT = 64 * 1024;

/**
 * Splits CSV text (line ends already `\n`) into records as it arrives, in chunks of any size. Reads
 * exactly as csv-parse 7 does with a one-character `delimiter`, `relax_quotes`, `relax_column_count`,
 * `skip_empty_lines: false` and `max_record_size` (tests hold it to that, errors included), five to ten
 * times faster: a field opening with `"` runs to the matching `"` (`""` inside is one quote, line ends
 * are kept); a quote elsewhere is kept as written; a quoted field followed by anything but the
 * delimiter, a line end or the end is re-read as written text, quotes included. An empty line is a
 * record of one empty field.
 *
 * A record is too long, as csv-parse counts, when the characters of its earlier fields and the UTF-8
 * bytes of one field, less one, exceed `maxRecord`. Each field is a string of its own, as csv-parse's
 * are, so one kept does not keep the chunk it came in alive; with `linePieces`, the fields of a line
 * read whole are pieces of one copy of that line instead (see {@link CsvSplitterOptions}).
 */
export class CsvSplitter {
  readonly delimiter: string;
  /** The line the next record starts on; once there is a {@link problem}, the line of its record. */
  nextLine = 1;
  /** Why the text is not CSV, once found: from then on nothing more is read. */
  problem: CsvProblem | undefined;
  readonly #delimiterCode: number;
  readonly #maxRecord: number;
  readonly #carryLimit: number;
  readonly #linePieces: boolean;
  /** Text after the last line end written, not yet read. */
  #carry = '';
  /** The line being read. */
  #line = 1;
  #state: SplitState = FIELD_START;
  #fields: string[] = [];
  /** Characters in `#fields`. */
  #recordLength = 0;
  #field = '';
  /** UTF-8 bytes of `#field`, counted once the field is long enough to pass the limit (until then -1). */
  #fieldBytes = -1;

  constructor(delimiter: string, maxRecord: number, options: CsvSplitterOptions = {}) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(
        `a CSV delimiter is one character other than a quote or a line end, not ${JSON.stringify(delimiter)}`,
      );
    }
    this.delimiter = delimiter;
    this.#delimiterCode = delimiter.charCodeAt(0);
    this.#maxRecord = maxRecord;
    this.#carryLimit = Math.min(CARRY_LIMIT, maxRecord);
    this.#linePieces = options.linePieces === true;
  }

  /** The records the text completes (before a problem, when it finds one). */
  write(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.problem !== undefined || text === '') return rows;
    const length = text.length;
    let start = 0;
    let end = text.indexOf('\n');
    if (end === -1) {
      this.#carry += text;
      if (this.#carry.length > this.#carryLimit) {
        const part = this.#carry;
        this.#carry = '';
        this.#read(part, rows);
      }
      return rows;
    }
    if (this.#carry !== '') {
      const line = this.#carry + text.slice(0, end + 1);
      this.#carry = '';
      if (!this.#readLine(line, 0, line.length - 1, line.indexOf('"') === -1, rows)) return rows;
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    let quoteAt = -1;
    while (end !== -1) {
      if (quoteAt < start) {
        quoteAt = text.indexOf('"', start);
        if (quoteAt === -1) quoteAt = length;
      }
      if (!this.#readLine(text, start, end, quoteAt > end, rows)) return rows;
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    if (start < length) this.#carry = text.slice(start);
    return rows;
  }

  /** The last record, at the end of the text (none when there is a problem). */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.problem !== undefined) return rows;
    if (this.#carry !== '') {
      const part = this.#carry;
      this.#carry = '';
      if (!this.#read(part, rows)) return rows;
    }
    if (this.#state === QUOTED) {
      this.problem = 'quote-not-closed';
    } else if (this.#state !== FIELD_START || this.#fields.length > 0) {
      this.#endField(true, rows);
    }
    return rows;
  }

  /** Reads the line of `text` from `start` to its line end at `end`; `quoteless` says it has no `"`. */
  #readLine(text: string, start: number, end: number, quoteless: boolean, rows: CsvRow[]): boolean {
    if (this.#state === FIELD_START && this.#fields.length === 0) {
      let fields: string[] | undefined;
      const linePieces = this.#linePieces;
      if (quoteless) {
        // With `linePieces`, one copy of the line, its fields pieces of it (see `ownCopy`).
        fields = (linePieces ? ownCopy(text.slice(start, end)) : text.slice(start, end)).split(
          this.delimiter,
        );
        if ((end - start) * 3 > this.#maxRecord + 1 && recordTooLong(fields, this.#maxRecord)) {
          this.problem = 'record-too-long';
          return false;
        }
      } else if ((end - start) * 3 <= this.#maxRecord + 1) {
        // Short enough that no field can pass the limit, however many bytes its characters take.
        if (linePieces) {
          const line = ownCopy(text.slice(start, end));
          fields = this.#splitQuotedLine(line, 0, line.length);
        } else {
          fields = this.#splitQuotedLine(text, start, end);
        }
      }
      if (fields !== undefined) {
        if (!linePieces) for (let i = 0; i < fields.length; i++) fields[i] = ownCopy(fields[i] as string);
        rows.push({ line: this.nextLine, fields });
        this.#line++;
        this.nextLine = this.#line;
        return true;
      }
    }
    if (!this.#read(text.slice(start, end + 1), rows)) return false;
    this.#line++;
    return true;
  }

  /**
   * The fields of a whole line that holds quotes, when each is either unquoted or quoted from its first
   * character to a closing `"` followed by the delimiter or the line end, with no `""` inside: what
   * `#read` makes of such a line, found with `indexOf` alone. `undefined` for any other line (a quoted
   * line end, `""`, text after a closing quote), which `#read` then reads.
   */
  #splitQuotedLine(text: string, start: number, end: number): string[] | undefined {
    const delimiter = this.delimiter;
    const fields: string[] = [];
    let at = start;
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        const close = text.indexOf('"', at + 1);
        if (close === -1 || close >= end) return undefined;
        fields.push(text.slice(at + 1, close));
        if (close + 1 === end) return fields;
        if (text.charCodeAt(close + 1) !== this.#delimiterCode) return undefined;
        at = close + 2;
      } else {
        const next = text.indexOf(delimiter, at);
        if (next === -1 || next >= end) {
          fields.push(text.slice(at, end));
          return fields;
        }
        fields.push(text.slice(at, next));
        at = next + 1;
      }
    }
  }

  /** Reads text that holds no line end, or one at its end; false when it finds a problem. */
  #read(text: string, rows: CsvRow[]): boolean {
    const length = text.length;
    let at = 0;
    while (at < length) {
      switch (this.#state) {
        case FIELD_START:
          if (text.charCodeAt(at) === QUOTE) {
            this.#state = QUOTED;
            at++;
          } else {
            this.#state = UNQUOTED;
          }
          break;
        case UNQUOTED: {
          let end = text.indexOf(this.delimiter, at);
          if (end === -1) end = text.charCodeAt(length - 1) === NEWLINE ? length - 1 : length;
          this.#add(text.slice(at, end));
          if (end === length) return this.#fits();
          if (!this.#endField(text.charCodeAt(end) === NEWLINE, rows)) return false;
          at = end + 1;
          break;
        }
        case QUOTED: {
          const quote = text.indexOf('"', at);
          if (quote === -1) {
            this.#add(text.slice(at));
            return this.#fits();
          }
          this.#add(text.slice(at, quote));
          this.#state = AFTER_QUOTE;
          at = quote + 1;
          break;
        }
        case AFTER_QUOTE: {
          const char = text.charCodeAt(at);
          if (char === QUOTE) {
            this.#add('"');
            this.#state = QUOTED;
            at++;
          } else if (char === this.#delimiterCode || char === NEWLINE) {
            if (!this.#endField(char === NEWLINE, rows)) return false;
            at++;
          } else {
            this.#field = `"${this.#field}"`;
            if (this.#fieldBytes >= 0) this.#fieldBytes += 2;
            this.#state = UNQUOTED;
          }
          break;
        }
      }
    }
    return this.#fits();
  }

  /** Whether the field read so far leaves the record within the limit (else notes the problem). */
  #fits(): boolean {
    if (!this.#exceeds()) return true;
    this.problem = 'record-too-long';
    return false;
  }

  #add(text: string): void {
    this.#field += text;
    if (this.#fieldBytes >= 0) this.#fieldBytes += Buffer.byteLength(text, 'utf8');
  }

  // csv-parse checks, before it adds each byte of a field, that the characters of the fields before
  // and the bytes of the field so far are within the limit. Bytes are counted only near the limit, and
  // from then on as they come (a field grown line by line is never counted again from its start).
  #exceeds(): boolean {
    const before = this.#recordLength - 1;
    if (this.#fieldBytes < 0) {
      if (before + 3 * this.#field.length <= this.#maxRecord) return false;
      this.#fieldBytes = Buffer.byteLength(this.#field, 'utf8');
    }
    return this.#field.length > 0 && before + this.#fieldBytes > this.#maxRecord;
  }

  /** Ends the field, and its record when `endsRecord` (at a line end, or the end of the text); false on a problem. */
  #endField(endsRecord: boolean, rows: CsvRow[]): boolean {
    if (!this.#fits()) return false;
    this.#fields.push(ownCopy(this.#field));
    this.#recordLength += this.#field.length;
    this.#field = '';
    this.#fieldBytes = -1;
    this.#state = FIELD_START;
    if (!endsRecord) return true;
    rows.push({ line: this.nextLine, fields: this.#fields });
    this.#fields = [];
    this.#recordLength = 0;
    this.nextLine = this.#line + 1;
    return true;
  }
}

/** Whether csv-parse would find a record of these fields (read without quotes) too long. */
function recordTooLong(fields: readonly string[], maxRecord: number): boolean {
  let before = -1;
  for (const field of fields) {
    if (field.length > 0 && before + Buffer.byteLength(field, 'utf8') > maxRecord) return true;
    before += field.length;
  }
  return false;
}
