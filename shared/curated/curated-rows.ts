import { formatPence } from '../money/format-pence.ts';
import { ownCopy } from '../table/own-copy.ts';
import type { LedgerLine } from '../types.ts';
import { createLineStrings, type LineStrings, LineTable } from './line-table.ts';

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
/** The last file, quoted, and the comma after it. */
let lastFilePrefix = '"",';
/** The last date found to be YYYY-MM-DD, and that date between the commas around it. */
let lastDate: string | undefined;
let lastDateInfix = '';

/** One ledger line as a curated CSV line, without a line break. */
export function formatCuratedRow(line: LedgerLine): string {
  const date = line.date;
  if (date !== lastDate) {
    if (!ISO_DATE.test(date)) throw new CuratedRowsError(`line ${line.line}: "${date}" is not YYYY-MM-DD`);
    lastDate = date;
    lastDateInfix = `,${date},`;
  }
  if (!Number.isSafeInteger(line.line))
    throw new CuratedRowsError(`line number ${line.line} is not an integer`);
  const file = line.file;
  if (file !== lastFile) {
    lastFilePrefix = `${quote(file)},`;
    lastFile = file;
  }
  const amount = line.amount;
  const pence = String(amount);
  // `formatPence` refuses what is not a whole number of pence. Past two digits, its pounds and pennies
  // are pieces of the pence's text: taken from this one rather than from the number turned into text again.
  const gbp =
    pence.length > (amount < 0 ? 3 : 2) && Number.isSafeInteger(amount)
      ? `${pence.slice(0, -2)}.${pence.slice(-2)}`
      : formatPence(amount);
  // Built by concatenation, not an array joined: no array per line. Each piece added is a string made
  // (most lines have no supplier ID, company number, postcode or description: their commas are one).
  const { supplierId, companyNumber, postcode, description } = line;
  const ids =
    supplierId === undefined && companyNumber === undefined && postcode === undefined
      ? ',,,,'
      : `,${optional(supplierId)},${optional(companyNumber)},${optional(postcode)},`;
  const end =
    description === undefined
      ? line.redacted
        ? ',,true'
        : ',,false'
      : `,${quote(description)},${line.redacted ? 'true' : 'false'}`;
  return (
    lastFilePrefix +
    line.line +
    lastDateInfix +
    quote(line.supplier) +
    ids +
    pence +
    ',' +
    gbp +
    ',' +
    optional(line.transaction) +
    ',' +
    optional(line.expenseType) +
    ',' +
    optional(line.expenseArea) +
    end
  );
}

/** The field's text as a string of its own (see `ownCopy`). */
function ownField(fields: readonly (string | undefined)[], column: number): string | undefined {
  const text = fields[column];
  return text === undefined ? undefined : ownCopy(text);
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
 * Splits one curated data line and checks it, throwing what is wrong with it in the order the format's
 * readers always have: the field count, then line, date, amount_pence, amount_gbp, redacted, file and
 * supplier. A date `knownDates` has was checked when it was first read.
 */
function checkedFields(
  text: string,
  lineNumber: number,
  knownDates: { has(text: string): boolean } | undefined,
): (string | undefined)[] {
  // `charCodeAt` rather than `endsWith`, which V8 runs several times slower here.
  const fields = splitFields(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, lineNumber);
  if (fields.length !== CURATED_COLUMNS.length) {
    throw new CuratedRowsError(
      `curated line ${lineNumber} has ${fields.length} fields; the format has ${CURATED_COLUMNS.length}`,
    );
  }
  const line = fields[1];
  if (line === undefined || !INTEGER.test(line) || !Number.isSafeInteger(Number(line)))
    throw invalidField(lineNumber, 'line', line);
  const date = fields[2];
  if (date === undefined || (knownDates?.has(date) !== true && !ISO_DATE.test(date))) {
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
  return fields;
}

/**
 * Reads one curated data line (`lineNumber` is its 1-based place in the file, for messages), its text
 * fields strings of their own.
 */
export function parseCuratedRow(text: string, lineNumber: number): LedgerLine {
  const fields = checkedFields(text, lineNumber, undefined);
  const result: LedgerLine = {
    file: ownField(fields, 0) as string,
    line: Number(fields[1]),
    date: ownField(fields, 2) as string,
    supplier: ownField(fields, 3) as string,
    amount: Number(fields[7]),
    redacted: fields[13] === 'true',
  };
  const supplierId = ownField(fields, 4);
  if (supplierId !== undefined) result.supplierId = supplierId;
  const companyNumber = ownField(fields, 5);
  if (companyNumber !== undefined) result.companyNumber = companyNumber;
  const postcode = ownField(fields, 6);
  if (postcode !== undefined) result.postcode = postcode;
  const transaction = ownField(fields, 9);
  if (transaction !== undefined) result.transaction = transaction;
  const expenseType = ownField(fields, 10);
  if (expenseType !== undefined) result.expenseType = expenseType;
  const expenseArea = ownField(fields, 11);
  if (expenseArea !== undefined) result.expenseArea = expenseArea;
  const description = ownField(fields, 12);
  if (description !== undefined) result.description = description;
  return result;
}

/**
 * The date of the line read last, checked then: a file's lines come in runs of one date. (Not the table's
 * dates, which a table sharing its strings may have been given unchecked.)
 */
interface LastDate {
  last: string | undefined;
  has(date: string): boolean;
}

/** Reads one curated data line into `table`, as {@link parseCuratedRow} reads it, without a `LedgerLine` for it. */
function appendCuratedRow(table: LineTable, text: string, lineNumber: number, checked: LastDate): void {
  const fields = checkedFields(text, lineNumber, checked);
  checked.last = fields[2];
  table.pushFields(
    fields[0] as string,
    Number(fields[1]),
    fields[2] as string,
    fields[3] as string,
    fields[4],
    fields[5],
    fields[6],
    Number(fields[7]),
    fields[9],
    fields[10],
    fields[11],
    fields[12],
    fields[13] === 'true',
  );
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
 * Reads a whole curated CSV held in memory (header and lines, as written by `formatCuratedHeader` and
 * `formatCuratedRow`): the reference {@link collectCuratedTable} is held to. The pipeline streams its files
 * through `collectCuratedTable` instead.
 *
 * @example parseCuratedRows(`${formatCuratedHeader()}\n${formatCuratedRow(line)}\n`) // → [line]
 */
export function parseCuratedRows(text: string): LedgerLine[] {
  const lines = text.split('\n');
  checkHeader(lines[0]);
  const rows: LedgerLine[] = [];
  lines.forEach((line, index) => {
    if (index > 0 && line !== '' && line !== '\r') rows.push(parseCuratedRow(line, index + 1));
  });
  return rows;
}

/**
 * Reads a curated CSV from its lines (without their line breaks) as a stream gives them, one by one or in
 * batches (`splitLines`, which saves a promise per line), into a {@link LineTable}: the lines held as
 * columns, about 40 bytes a line rather than 165, with no `LedgerLine` built while reading. Iterating the
 * table gives the lines {@link parseCuratedRows} gives, and a malformed file fails with the same
 * `CuratedRowsError`. Pass one `strings` to every upload of a report, and `capacity` when the line count is
 * known (a manifest's `rows`).
 */
export async function collectCuratedTable(
  lines: AsyncIterable<string | readonly string[]>,
  options: { strings?: LineStrings; capacity?: number } = {},
): Promise<LineTable> {
  const table = new LineTable({
    strings: options.strings ?? createLineStrings(),
    capacity: options.capacity ?? 0,
  });
  const checked: LastDate = {
    last: undefined,
    has(date) {
      return date === this.last;
    },
  };
  let lineNumber = 0;
  const read = (line: string) => {
    lineNumber += 1;
    if (lineNumber === 1) checkHeader(line);
    else if (line !== '' && line !== '\r') appendCuratedRow(table, line, lineNumber, checked);
  };
  for await (const batch of lines) {
    if (typeof batch === 'string') read(batch);
    else for (const line of batch) read(line);
  }
  if (lineNumber === 0) checkHeader(undefined);
  return table;
}
