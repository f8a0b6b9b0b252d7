/** One CSV record: the line it starts on and its fields as written (line ends inside fields as `\n`). */
export interface CsvRow {
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;

type SplitState = 'field-start' | 'unquoted' | 'quoted' | 'after-quote';

/**
 * Splits comma-separated text (line ends already `\n`) into records as it arrives, resuming mid-field
 * across chunks. Reads exactly as csv-parse does with `relax_quotes` and `relax_column_count` (a test
 * holds it to that), about ten times faster, which counts on a 2–3 GB register: a field opening with
 * `"` runs to the matching `"` (`""` inside is one quote, line ends are kept); a quote elsewhere is
 * kept as written; a quoted field followed by anything but `,`, a line end or the end is re-read as
 * written text, quotes included. An empty line is a record of one empty field.
 */
export class CsvSplitter {
  /** The line the next record starts on. */
  nextLine = 1;
  readonly #maxRecord: number;
  readonly #fail: (line: number, problem: string) => Error;
  #state: SplitState = 'field-start';
  #fields: string[] = [];
  #fieldsLength = 0;
  #field = '';

  /** `fail` makes the error thrown for text that is not CSV, given the line its record starts on. */
  constructor(maxRecord: number, fail: (line: number, problem: string) => Error) {
    this.#maxRecord = maxRecord;
    this.#fail = fail;
  }

  /** The records the text completes. */
  write(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    const length = text.length;
    let at = 0;
    while (at < length) {
      switch (this.#state) {
        case 'field-start':
          if (text.charCodeAt(at) === QUOTE) {
            this.#state = 'quoted';
            at++;
          } else {
            this.#state = 'unquoted';
          }
          break;
        case 'unquoted': {
          let end = at;
          while (end < length) {
            const char = text.charCodeAt(end);
            if (char === COMMA || char === NEWLINE) break;
            end++;
          }
          this.#field += text.slice(at, end);
          if (end < length) this.#endField(text.charCodeAt(end), rows);
          at = end + 1;
          break;
        }
        case 'quoted': {
          const quote = text.indexOf('"', at);
          if (quote === -1) {
            this.#field += text.slice(at);
            at = length;
          } else {
            this.#field += text.slice(at, quote);
            this.#state = 'after-quote';
            at = quote + 1;
          }
          break;
        }
        case 'after-quote': {
          const char = text.charCodeAt(at);
          if (char === QUOTE) {
            this.#field += '"';
            this.#state = 'quoted';
            at++;
          } else if (char === COMMA || char === NEWLINE) {
            this.#endField(char, rows);
            at++;
          } else {
            this.#field = `"${this.#field}"`;
            this.#state = 'unquoted';
          }
          break;
        }
      }
    }
    if (this.#fieldsLength + this.#field.length > this.#maxRecord) {
      throw this.#fail(
        this.nextLine,
        `a record runs on for more than ${this.#maxRecord.toLocaleString('en-GB')} characters (a quote that never closes?)`,
      );
    }
    return rows;
  }

  /** The last record, at the end of the text. */
  end(): CsvRow[] {
    if (this.#state === 'quoted')
      throw this.#fail(this.nextLine, 'a quoted field in this record never closes');
    if (this.#state === 'field-start' && this.#fields.length === 0) return [];
    const rows: CsvRow[] = [];
    this.#endField(NEWLINE, rows);
    return rows;
  }

  #endField(endedBy: number, rows: CsvRow[]): void {
    this.#fields.push(this.#field);
    this.#fieldsLength += this.#field.length;
    this.#field = '';
    this.#state = 'field-start';
    if (endedBy !== NEWLINE) return;
    const fields = this.#fields;
    rows.push({ line: this.nextLine, fields });
    let lines = 1;
    for (const field of fields) {
      for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) lines++;
    }
    this.nextLine += lines;
    this.#fields = [];
    this.#fieldsLength = 0;
  }
}
