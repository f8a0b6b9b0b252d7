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

function quote(text: string): string {
  return `"${text.replace(/[\\"\n\r]/g, (char) => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\${char}`))}"`;
}

const optional = (text: string | undefined): string => (text === undefined ? '' : quote(text));

/** One ledger line as a curated CSV line, without a line break. */
export function formatCuratedRow(line: LedgerLine): string {
  if (!ISO_DATE.test(line.date))
    throw new CuratedRowsError(`line ${line.line}: "${line.date}" is not YYYY-MM-DD`);
  if (!Number.isSafeInteger(line.line))
    throw new CuratedRowsError(`line number ${line.line} is not an integer`);
  return [
    quote(line.file),
    String(line.line),
    line.date,
    quote(line.supplier),
    optional(line.supplierId),
    optional(line.companyNumber),
    optional(line.postcode),
    String(line.amount),
    formatPence(line.amount),
    optional(line.transaction),
    optional(line.expenseType),
    optional(line.expenseArea),
    optional(line.description),
    line.redacted ? 'true' : 'false',
  ].join(',');
}

/** Splits one curated line into fields: `undefined` for an empty unquoted field. */
function splitFields(text: string, lineNumber: number): (string | undefined)[] {
  const fields: (string | undefined)[] = [];
  let i = 0;
  const fail = (what: string) =>
    new CuratedRowsError(`curated line ${lineNumber}, character ${i + 1}: ${what}`);
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const char = text[i];
        if (char === undefined) throw fail('a quoted field is not closed');
        if (char === '"') break;
        if (char === '\\') {
          const next = text[i + 1];
          if (next === 'n') value += '\n';
          else if (next === 'r') value += '\r';
          else if (next === '\\' || next === '"') value += next;
          else throw fail(`"\\${next ?? ''}" is not an escape this format writes`);
          i += 2;
          continue;
        }
        value += char;
        i += 1;
      }
      i += 1;
      fields.push(value);
    } else {
      const end = text.indexOf(',', i);
      const raw = end < 0 ? text.slice(i) : text.slice(i, end);
      if (raw.includes('"')) throw fail('a quote inside an unquoted field');
      fields.push(raw === '' ? undefined : raw);
      i = end < 0 ? text.length : end;
    }
    if (i >= text.length) return fields;
    if (text[i] !== ',') throw fail('expected a comma after a quoted field');
    i += 1;
    if (i === text.length) {
      fields.push(undefined);
      return fields;
    }
  }
}

/** Reads one curated data line (`lineNumber` is its 1-based place in the file, for messages). */
export function parseCuratedRow(text: string, lineNumber: number): LedgerLine {
  const fields = splitFields(text.endsWith('\r') ? text.slice(0, -1) : text, lineNumber);
  if (fields.length !== CURATED_COLUMNS.length) {
    throw new CuratedRowsError(
      `curated line ${lineNumber} has ${fields.length} fields; the format has ${CURATED_COLUMNS.length}`,
    );
  }
  const [
    file,
    line,
    date,
    supplier,
    supplierId,
    companyNumber,
    postcode,
    amountPence,
    amountGbp,
    transaction,
    expenseType,
    expenseArea,
    description,
    redacted,
  ] = fields;
  const fail = (column: string, value: string | undefined) =>
    new CuratedRowsError(`curated line ${lineNumber}, column ${column}: "${value ?? ''}" is not valid`);
  const lineNo = Number(line);
  if (line === undefined || !/^-?\d+$/.test(line) || !Number.isSafeInteger(lineNo)) throw fail('line', line);
  if (date === undefined || !ISO_DATE.test(date)) throw fail('date', date);
  const amount = Number(amountPence);
  if (amountPence === undefined || !/^-?\d+$/.test(amountPence) || !Number.isSafeInteger(amount)) {
    throw fail('amount_pence', amountPence);
  }
  if (amountGbp !== formatPence(amount)) throw fail('amount_gbp', amountGbp);
  if (redacted !== 'true' && redacted !== 'false') throw fail('redacted', redacted);
  if (file === undefined) throw fail('file', file);
  if (supplier === undefined) throw fail('supplier', supplier);

  const result: LedgerLine = { file, line: lineNo, date, supplier, amount, redacted: redacted === 'true' };
  if (supplierId !== undefined) result.supplierId = supplierId;
  if (companyNumber !== undefined) result.companyNumber = companyNumber;
  if (postcode !== undefined) result.postcode = postcode;
  if (transaction !== undefined) result.transaction = transaction;
  if (expenseType !== undefined) result.expenseType = expenseType;
  if (expenseArea !== undefined) result.expenseArea = expenseArea;
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
export function parseCuratedRows(text: string): LedgerLine[] {
  const lines = text.split('\n');
  checkHeader(lines[0]);
  const rows: LedgerLine[] = [];
  lines.forEach((line, index) => {
    if (index > 0 && line !== '' && line !== '\r') rows.push(parseCuratedRow(line, index + 1));
  });
  return rows;
}

/** As `parseCuratedRows`, from the file's lines one by one (without their line breaks), as a stream gives them. */
export async function collectCuratedRows(lines: AsyncIterable<string>): Promise<LedgerLine[]> {
  const rows: LedgerLine[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (lineNumber === 1) checkHeader(line);
    else if (line !== '' && line !== '\r') rows.push(parseCuratedRow(line, lineNumber));
  }
  if (lineNumber === 0) checkHeader(undefined);
  return rows;
}
