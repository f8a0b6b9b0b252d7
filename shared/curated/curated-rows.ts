import { formatPence } from '../money/format-pence.ts';
import type { LedgerLine } from '../types.ts';

/**
 * The curated CSV: one accepted ledger line per physical line, so Athena (OpenCSVSerde, which does not
 * support line breaks inside fields) and a line reader both see one record per line.
 *
 * - Text is always written quoted; inside quotes `\` escapes `\`, `"`, and line breaks (`\n`, `\r`).
 * - An absent optional field is empty and unquoted; an empty string is `""` — so every `LedgerLine`
 *   round-trips exactly.
 * - `amount_pence` is the exact integer; `amount_gbp` is the same amount as GBP with two decimals.
 */
export const CURATED_COLUMNS = [
  'file',
  'line',
  'date',
  'supplier',
  'supplier_id',
  'company_number',
  'postcode',
  'amount_pence',
  'amount_gbp',
  'transaction',
  'expense_type',
  'expense_area',
  'description',
  'redacted',
] as const;

/** A curated CSV cannot be read back: names the line and what is wrong with it. */
export class CuratedRowsError extends Error {
  override name = 'CuratedRowsError';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The header line, without a line break. */
export function formatCuratedHeader(): string {
  return CURATED_COLUMNS.join(',');
}

const NEEDS_ESCAPE = /[\\"\n\r]/;
const ESCAPED = /[\\"\n\r]/g;
const escapeChar = (char: string): string => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\${char}`);

function quote(text: string): string {
  // Most text holds nothing to escape: test once rather than always running `replace`.
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, escapeChar)}"` : `"${text}"`;
}

const optional = (text: string | undefined): string => (text === undefined ? '' : quote(text));

/**
 * Memos of the last line written, which change nothing written: every line of an upload names the same
 * file, and its lines come in runs of one date.
 */
let lastFile = '';
let lastFileQuoted = '""';
/** The last date found to be YYYY-MM-DD. */
let lastDate: string | undefined;

/** One ledger line as a curated CSV line, without a line break. */
export function formatCuratedRow(line: LedgerLine): string {
  const date = line.date;
  if (date !== lastDate) {
    if (!ISO_DATE.test(date)) throw new CuratedRowsError(`line ${line.line}: "${date}" is not YYYY-MM-DD`);
    lastDate = date;
  }
  if (!Number.isSafeInteger(line.line))
    throw new CuratedRowsError(`line number ${line.line} is not an integer`);
  const file = line.file;
  if (file !== lastFile) {
    lastFileQuoted = quote(file);
    lastFile = file;
  }
  const amount = line.amount;
  const pence = String(amount);
  // `formatPence` refuses what is not a whole number of pence.
  const gbp = formatPence(amount);
  // Built by concatenation, not an array joined: no array per line.
  return (
    `${lastFileQuoted},${line.line},${date},${quote(line.supplier)},` +
    `${optional(line.supplierId)},${optional(line.companyNumber)},${optional(line.postcode)},` +
    `${pence},${gbp},${optional(line.transaction)},${optional(line.expenseType)},` +
    `${optional(line.expenseArea)},${optional(line.description)},${line.redacted ? 'true' : 'false'}`
  );
}

/**
 * One string for each distinct text a column holds, shared by every line read with it: a report's
 * million lines name a few thousand suppliers, files, dates, postcodes and expense types, so each line
 * points at the one copy rather than holding its own. Share one between the uploads of one report.
 */
export interface CuratedStrings {
  /** Distinct texts per column, by the column's index in `CURATED_COLUMNS`. */
  readonly byColumn: Map<string, string>[];
}

export function createCuratedStrings(): CuratedStrings {
  return { byColumn: CURATED_COLUMNS.map(() => new Map<string, string>()) };
}

/** Per column: kept as one string per distinct text (`transaction` is usually unique to its line). */
const SHARED_COLUMNS: readonly boolean[] = CURATED_COLUMNS.map(
  (column) =>
    column !== 'line' && column !== 'transaction' && !column.startsWith('amount') && column !== 'redacted',
);

/**
 * A copy of `text` that holds only its own characters. A piece of a line is a view into the whole
 * line (and the line into the chunk the stream decoded it from) when it is 13 characters or longer,
 * which would keep all of that alive for as long as the piece is.
 */
function ownCopy(text: string): string {
  // JSON keeps every code unit (a lone surrogate too), and parsing builds a new string.
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** The field's text as a string of its own: shared through `strings` for a shared column. */
function ownField(
  fields: readonly (string | undefined)[],
  column: number,
  strings: CuratedStrings | undefined,
): string | undefined {
  const text = fields[column];
  if (text === undefined) return undefined;
  if (strings === undefined || !SHARED_COLUMNS[column]) return ownCopy(text);
  const distinct = strings.byColumn[column] as Map<string, string>;
  let shared = distinct.get(text);
  if (shared === undefined) {
    shared = ownCopy(text);
    distinct.set(shared, shared);
  }
  return shared;
}

function malformed(lineNumber: number, at: number, what: string): CuratedRowsError {
  return new CuratedRowsError(`curated line ${lineNumber}, character ${at + 1}: ${what}`);
}

/**
 * Splits one curated line into fields: `undefined` for an empty unquoted field. Fields are pieces of
 * `text` (see `ownCopy`), except quoted fields with escapes, which are built.
 */
function splitFields(text: string, lineNumber: number): (string | undefined)[] {
  const fields: (string | undefined)[] = [];
  let i = 0;
  let backslash = text.indexOf('\\');
  // A quote at or after the field being read (-1: none), searched again only once it falls behind.
  let quote = text.indexOf('"');
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      i += 1;
      let close = text.indexOf('"', i);
      if (backslash >= 0 && backslash < i) backslash = text.indexOf('\\', i);
      if (backslash < 0 || (close >= 0 && backslash > close)) {
        if (close < 0) {
          i = text.length;
          throw malformed(lineNumber, i, 'a quoted field is not closed');
        }
        fields.push(text.slice(i, close));
      } else {
        let value = '';
        while (backslash >= 0 && (close < 0 || backslash < close)) {
          value += text.slice(i, backslash);
          i = backslash;
          const next = text[i + 1];
          if (next === 'n') value += '\n';
          else if (next === 'r') value += '\r';
          else if (next === '\\' || next === '"') value += next;
          else throw malformed(lineNumber, i, `"\\${next ?? ''}" is not an escape this format writes`);
          i += 2;
          if (close >= 0 && close < i) close = text.indexOf('"', i);
          backslash = text.indexOf('\\', i);
        }
        if (close < 0) {
          i = text.length;
          throw malformed(lineNumber, i, 'a quoted field is not closed');
        }
        fields.push(value + text.slice(i, close));
      }
      i = close + 1;
    } else {
      const end = text.indexOf(',', i);
      if (quote >= 0 && quote < i) quote = text.indexOf('"', i);
      if (quote >= 0 && (end < 0 || quote < end))
        throw malformed(lineNumber, i, 'a quote inside an unquoted field');
      const raw = end < 0 ? text.slice(i) : text.slice(i, end);
      fields.push(raw === '' ? undefined : raw);
      i = end < 0 ? text.length : end;
    }
    if (i >= text.length) return fields;
    if (text.charCodeAt(i) !== 44 /* , */)
      throw malformed(lineNumber, i, 'expected a comma after a quoted field');
    i += 1;
    if (i === text.length) {
      fields.push(undefined);
      return fields;
    }
  }
}

const INTEGER = /^-?\d+$/;

function invalidField(lineNumber: number, column: string, value: string | undefined): CuratedRowsError {
  return new CuratedRowsError(`curated line ${lineNumber}, column ${column}: "${value ?? ''}" is not valid`);
}

/**
 * Reads one curated data line (`lineNumber` is its 1-based place in the file, for messages). Its text
 * fields are strings of their own, taken from `strings` when given (see `CuratedStrings`).
 */
export function parseCuratedRow(text: string, lineNumber: number, strings?: CuratedStrings): LedgerLine {
  // `charCodeAt` rather than `endsWith`, which V8 runs several times slower here.
  const fields = splitFields(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, lineNumber);
  if (fields.length !== CURATED_COLUMNS.length) {
    throw new CuratedRowsError(
      `curated line ${lineNumber} has ${fields.length} fields; the format has ${CURATED_COLUMNS.length}`,
    );
  }
  const line = fields[1];
  const lineNo = Number(line);
  if (line === undefined || !INTEGER.test(line) || !Number.isSafeInteger(lineNo))
    throw invalidField(lineNumber, 'line', line);
  // A date already seen in this column was checked then.
  const date = fields[2];
  const seenDate = date === undefined ? undefined : strings?.byColumn[2]?.get(date);
  if (seenDate === undefined && (date === undefined || !ISO_DATE.test(date))) {
    throw invalidField(lineNumber, 'date', date);
  }
  const amountPence = fields[7];
  const amount = Number(amountPence);
  if (amountPence === undefined || !INTEGER.test(amountPence) || !Number.isSafeInteger(amount)) {
    throw invalidField(lineNumber, 'amount_pence', amountPence);
  }
  const amountGbp = fields[8];
  if (amountGbp !== formatPence(amount)) throw invalidField(lineNumber, 'amount_gbp', amountGbp);
  const redacted = fields[13];
  if (redacted !== 'true' && redacted !== 'false') throw invalidField(lineNumber, 'redacted', redacted);
  if (fields[0] === undefined) throw invalidField(lineNumber, 'file', fields[0]);
  if (fields[3] === undefined) throw invalidField(lineNumber, 'supplier', fields[3]);

  const result: LedgerLine = {
    file: ownField(fields, 0, strings) as string,
    line: lineNo,
    date: seenDate ?? (ownField(fields, 2, strings) as string),
    supplier: ownField(fields, 3, strings) as string,
    amount,
    redacted: redacted === 'true',
  };
  const supplierId = ownField(fields, 4, strings);
  if (supplierId !== undefined) result.supplierId = supplierId;
  const companyNumber = ownField(fields, 5, strings);
  if (companyNumber !== undefined) result.companyNumber = companyNumber;
  const postcode = ownField(fields, 6, strings);
  if (postcode !== undefined) result.postcode = postcode;
  const transaction = ownField(fields, 9, strings);
  if (transaction !== undefined) result.transaction = transaction;
  const expenseType = ownField(fields, 10, strings);
  if (expenseType !== undefined) result.expenseType = expenseType;
  const expenseArea = ownField(fields, 11, strings);
  if (expenseArea !== undefined) result.expenseArea = expenseArea;
  const description = ownField(fields, 12, strings);
  if (description !== undefined) result.description = description;
  return result;
}

function checkHeader(text: string | undefined): void {
  const header = text?.replace(/\r$/, '');
  if (header !== formatCuratedHeader()) {
    throw new CuratedRowsError(
      `the curated file's header is "${header ?? ''}"; expected "${formatCuratedHeader()}"`,
    );
  }
}

/**
 * Reads a whole curated CSV (header and lines, as written by `formatCuratedHeader`/`formatCuratedRow`).
 *
 * @example parseCuratedRows(`${formatCuratedHeader()}\n${formatCuratedRow(line)}\n`) // → [line]
 */
export function parseCuratedRows(text: string, strings = createCuratedStrings()): LedgerLine[] {
  const lines = text.split('\n');
  checkHeader(lines[0]);
  const rows: LedgerLine[] = [];
  lines.forEach((line, index) => {
    if (index > 0 && line !== '' && line !== '\r') rows.push(parseCuratedRow(line, index + 1, strings));
  });
  return rows;
}

/**
 * As `parseCuratedRows`, from the file's lines (without their line breaks) as a stream gives them: one by
 * one, or in batches (`splitLines`), which saves a promise per line. Pass one `strings` to every upload of
 * a report, so the uploads share their suppliers' spellings.
 */
export async function collectCuratedRows(
  lines: AsyncIterable<string | readonly string[]>,
  strings = createCuratedStrings(),
): Promise<LedgerLine[]> {
  const rows: LedgerLine[] = [];
  let lineNumber = 0;
  const read = (line: string) => {
    lineNumber += 1;
    if (lineNumber === 1) checkHeader(line);
    else if (line !== '' && line !== '\r') rows.push(parseCuratedRow(line, lineNumber, strings));
  };
  for await (const batch of lines) {
    if (typeof batch === 'string') read(batch);
    else for (const line of batch) read(line);
  }
  if (lineNumber === 0) checkHeader(undefined);
  return rows;
}
