import { normalisePostcode } from '../suppliers/postcode.ts';
import type { ColumnMatch } from '../table/map-columns.ts';
import { type Cell, cellText, type TableRow } from '../table/read-table.ts';
import { shortenText } from '../table/shorten-text.ts';
import type { LedgerField, LedgerLine, LineIssue, Pence } from '../types.ts';
import { type DateReading, readDateCell } from './parse-date.ts';
import { parseMoney, penceFromNumber } from './parse-money.ts';
import { isRedactedPayee, isWithheldTidyName, splitCompanyNumber } from './parse-supplier.ts';
import type { Parsed } from './parsed.ts';
import { withholdIssue } from './withhold-issue.ts';

export type LedgerColumns = Partial<Record<LedgerField, ColumnMatch>>;

/** The header row of a ledger: where it is among the rows read, and which column holds each field. */
export interface LedgerHeader {
  /** Position of the header among the table's rows (0-based, blank rows counted). */
  index: number;
  row: TableRow;
  columns: LedgerColumns;
}

/** A "Total"/"Sum:" row's label. */
export const SUMMARY_LABEL =
  /^(?:(?:grand|sub)[\s-]*)?totals?(?:\s+(?:spend|payments?|amount|value|paid|for\b.*|£.*))?\s*:?$|^sum(?:\s+total)?\s*:?$/i;
const EMPTY_DATE: DateReading = readDateCell(null);
const EMPTY_SUPPLIER = "the supplier is empty: fill in the payee's name, or REDACTED for a withheld payee";
const TEXT_FIELDS = ['supplierId', 'transaction', 'expenseType', 'expenseArea', 'description'] as const;
/** Distinct cell texts remembered per column; past this the memo starts again (memory stays bounded). */
const MEMO_SIZE = 20_000;

interface SupplierReading {
  supplier: string;
  companyNumber: string | undefined;
  redacted: boolean;
}

/**
 * Reads the rows below a ledger's header, one at a time: each is skipped (blank, a repeated header, a
 * "Total" row) or a data line, with its date reading and either a normalised line or the problems
 * that keep it out. The one place the line-level rules live; both the whole-file and the streaming
 * reader go through it. Results of the last `read` are in its fields (no object per row besides the line).
 */
export class LedgerRowReader {
  /** Why the last row was skipped. */
  skipReason = '';
  /** Whether the last row skipped ends the lines above it: a "Total" row or a repeated header. */
  skippedSection = false;
  /** The last data row's date, read on its own (numeric dates wait for their style's order). */
  date: DateReading = EMPTY_DATE;
  /** The last data row's date cell as text (for issues about it). */
  dateText = '';
  /** The last data row's line, when it has no problem; `date` is '' until a numeric date is resolved. */
  line: LedgerLine | undefined;
  /** The last data row's problems (empty when it is a line). */
  readonly issues: LineIssue[] = [];
  /** The last data row's amount in pence, or `undefined` when it reads as no amount. */
  amount: Pence | undefined;
  /**
   * Whether the last data row, a bad line, may be a total without a label: its date and supplier cells
   * are empty and every other cell is empty or, outside the ledger's own columns, a money amount (a VAT
   * or net total beside it). Whether it is one depends on the lines above (see `LedgerScan`).
   */
  unlabelled = false;
  /** A problem in an optional cell of the last line that did not keep it out. */
  note: LineIssue | undefined;
  /**
   * Whether `line` is the whole line. A reader whose lines are only counted turns this off: its lines
   * then hold the supplier cell's text as it is, `redacted` false, and no company number or text fields
   * (transaction, expense type…), none of which any decision reads.
   */
  completeLines = true;
  /**
   * Whether lines of the same supplier text share one reading, remembered (its strings held once: less
   * memory for a reader whose lines are all kept). A stream whose lines are not kept turns this off: with
   * tens of thousands of spellings the memo mostly misses, and the lookups cost more than reading again.
   */
  shareSuppliers = true;

  readonly #file: string;
  readonly #columns: LedgerColumns;
  readonly #date1904: boolean;
  readonly #dateIndex: number;
  readonly #supplierIndex: number;
  readonly #amountIndex: number;
  readonly #postcodeIndex: number;
  /** Whether each column holds a ledger field (the date, supplier, amount, supplier ID…). */
  readonly #fieldColumns: readonly boolean[];
  readonly #textFields: readonly (readonly [(typeof TEXT_FIELDS)[number], number])[];
  readonly #headerTexts: readonly string[];
  readonly #dates = new Map<string | number, DateReading>();
  /** The cell `#readDate` read last, and its reading. */
  #lastDateCell: string | number | undefined;
  #lastDate: DateReading = EMPTY_DATE;
  readonly #dateTexts = new Map<number, string>();
  readonly #suppliers = new Map<string, SupplierReading>();
  readonly #postcodes = new Map<string, string | undefined>();

  constructor(file: string, header: LedgerHeader, date1904: boolean) {
    this.#file = file;
    this.#columns = header.columns;
    this.#date1904 = date1904;
    const at = (field: LedgerField) => header.columns[field]?.index ?? -1;
    this.#dateIndex = at('date');
    this.#supplierIndex = at('supplier');
    this.#amountIndex = at('amount');
    this.#postcodeIndex = at('postcode');
    this.#textFields = TEXT_FIELDS.filter((field) => at(field) >= 0).map(
      (field) => [field, at(field)] as const,
    );
    this.#headerTexts = comparableTexts(header.row.cells);
    const fieldColumns: boolean[] = [];
    for (const match of Object.values(header.columns))
      if (match !== undefined) fieldColumns[match.index] = true;
    this.#fieldColumns = fieldColumns;
  }

  /** Reads one row below the header. */
  read(row: TableRow): 'skipped' | 'data' {
    const { cells } = row;
    if (isBlank(cells)) return this.#skip('blank');
    const dateCell = cells[this.#dateIndex] ?? null;
    const dateText = dateCell instanceof Date ? this.#dateCellText(dateCell) : cellText(dateCell);
    if (this.#isRepeatedHeader(cells, dateText)) return this.#skip('repeated header row', true);
    const supplierText = cellText(cells[this.#supplierIndex] ?? null);
    const summary = summaryLabel(cells, supplierText, dateText);
    if (summary !== undefined) return this.#skip(`summary row "${summary}"`, true);

    this.dateText = dateText;
    this.line = undefined;
    this.note = undefined;
    if (this.issues.length > 0) this.issues.length = 0;
    const date = typeof dateCell === 'string' && dateText === '' ? EMPTY_DATE : this.#readDate(dateCell);
    this.date = date;
    if (date.kind === 'bad') this.#issue(row, this.#columns.date, dateText, date.reason);
    const amountCell = cells[this.#amountIndex] ?? null;
    const amount = readAmount(amountCell);
    this.amount = amount.ok ? amount.value : undefined;
    if (!amount.ok) this.#issue(row, this.#columns.amount, cellText(amountCell), amount.reason);
    if (supplierText === '') this.#issue(row, this.#columns.supplier, '', EMPTY_SUPPLIER);
    this.unlabelled = amount.ok && dateText === '' && supplierText === '' && this.#holdsOnlyAmounts(cells);
    if (!amount.ok || this.issues.length > 0) {
      if (namesWithheldPayee(cells)) this.#withholdIssues();
      return 'data';
    }

    const complete = this.completeLines;
    const { supplier, companyNumber, redacted } = complete
      ? this.#readSupplier(supplierText)
      : { supplier: supplierText, companyNumber: undefined, redacted: false };
    const line: LedgerLine = {
      file: this.#file,
      line: row.line,
      date: date.kind === 'date' ? date.iso : '',
      supplier,
      amount: amount.value,
      redacted,
    };
    if (companyNumber !== undefined) line.companyNumber = companyNumber;
    if (this.#postcodeIndex >= 0) {
      const postcodeText = cellText(cells[this.#postcodeIndex] ?? null);
      if (postcodeText !== '') {
        const postcode = this.#readPostcode(postcodeText);
        if (postcode === undefined) {
          const note = cellIssue(
            this.#file,
            row,
            this.#columns.postcode,
            postcodeText,
            `"${shortenText(postcodeText)}" is not a UK postcode, so it was left out (the payment still counts); correct it to e.g. ME14 1XX`,
          );
          this.note = (complete ? redacted : this.#readSupplier(supplierText).redacted)
            ? withholdIssue(note, 'not a UK postcode, so it was left out (the payment still counts)')
            : note;
        } else {
          line.postcode = postcode;
        }
      }
    }
    if (complete) {
      for (const [field, index] of this.#textFields) {
        const text = cellText(cells[index] ?? null);
        if (text !== '') setTextField(line, field, text);
      }
    }
    this.line = line;
    return 'data';
  }

  #skip(reason: string, section = false): 'skipped' {
    this.skipReason = reason;
    this.skippedSection = section;
    this.line = undefined;
    return 'skipped';
  }

  /**
   * True when no cell but the date, supplier and amount holds anything but a money amount in a column
   * of no ledger field: any text, or a supplier ID, transaction number, postcode… makes the row a
   * payment with its date and supplier missing, never a total.
   */
  #holdsOnlyAmounts(cells: readonly Cell[]): boolean {
    for (let index = 0; index < cells.length; index++) {
      if (index === this.#dateIndex || index === this.#supplierIndex || index === this.#amountIndex) continue;
      const cell = cells[index] ?? null;
      if (cell === null || (typeof cell === 'string' && cellText(cell) === '')) continue;
      if (this.#fieldColumns[index] === true) return false;
      if (typeof cell === 'number') continue;
      if (typeof cell !== 'string' || !parseMoney(cellText(cell)).ok) return false;
    }
    return true;
  }

  #issue(row: TableRow, match: ColumnMatch | undefined, value: string, reason: string): void {
    this.issues.push(cellIssue(this.#file, row, match, value, reason));
  }

  #withholdIssues(): void {
    this.issues.forEach((issue, i) => {
      this.issues[i] = withholdIssue(issue);
    });
  }

  #readDate(cell: Cell): DateReading {
    if (typeof cell !== 'string' && typeof cell !== 'number') {
      return readDateCell(cell, { date1904: this.#date1904 });
    }
    // Dates come in runs: the last cell's reading, without a lookup (a new cell's text is hashed first).
    if (cell === this.#lastDateCell) return this.#lastDate;
    let reading = this.#dates.get(cell);
    if (reading === undefined) {
      reading = readDateCell(cell, { date1904: this.#date1904 });
      remember(this.#dates, cell, reading);
    }
    this.#lastDateCell = cell;
    this.#lastDate = reading;
    return reading;
  }

  /** `cellText` of a workbook date, remembered by its time (`toISOString` is slow and dates repeat). */
  #dateCellText(cell: Date): string {
    const time = cell.getTime();
    let text = this.#dateTexts.get(time);
    if (text === undefined) {
      text = cellText(cell);
      remember(this.#dateTexts, time, text);
    }
    return text;
  }

  #readSupplier(text: string): SupplierReading {
    if (!this.shareSuppliers) return readSupplierCell(text);
    let reading = this.#suppliers.get(text);
    if (reading === undefined) {
      reading = readSupplierCell(text);
      remember(this.#suppliers, text, reading);
    }
    return reading;
  }

  #readPostcode(text: string): string | undefined {
    if (this.#postcodes.has(text)) return this.#postcodes.get(text);
    const postcode = normalisePostcode(text);
    remember(this.#postcodes, text, postcode);
    return postcode;
  }

  /** The header's own texts again, compared case-insensitively; the date column decides most rows at once. */
  #isRepeatedHeader(cells: readonly Cell[], dateText: string): boolean {
    const headerDate = this.#headerTexts[this.#dateIndex] ?? '';
    // Told apart by an ASCII first character without lower-casing the text (a date starts with a digit).
    const first = dateText.charCodeAt(0);
    const headerFirst = headerDate.charCodeAt(0);
    if (
      first < 0x80 &&
      headerFirst < 0x80 &&
      (first >= 0x41 && first <= 0x5a ? first + 0x20 : first) !== headerFirst
    ) {
      return false;
    }
    if (dateText.toLowerCase() !== headerDate) return false;
    const texts = comparableTexts(cells);
    return (
      texts.length === this.#headerTexts.length && texts.every((text, i) => text === this.#headerTexts[i])
    );
  }
}

/**
 * `line[field] = text`, as one named store per field: a store keyed by a variable name is slow once it
 * has seen several names, and this runs for a few fields of every line.
 */
function setTextField(line: LedgerLine, field: (typeof TEXT_FIELDS)[number], text: string): void {
  switch (field) {
    case 'supplierId':
      line.supplierId = text;
      break;
    case 'transaction':
      line.transaction = text;
      break;
    case 'expenseType':
      line.expenseType = text;
      break;
    case 'expenseArea':
      line.expenseArea = text;
      break;
    case 'description':
      line.description = text;
      break;
  }
}

/** Longest cell value an issue quotes (its start and length, beyond). */
const MAX_ISSUE_VALUE = 200;

/** A problem with one cell of one row. */
export function cellIssue(
  file: string,
  row: TableRow,
  match: ColumnMatch | undefined,
  value: string,
  reason: string,
): LineIssue {
  return {
    file,
    line: row.line,
    column: match ? shortenText(match.header, MAX_ISSUE_VALUE) : '',
    value: match ? shortenText(value, MAX_ISSUE_VALUE) : '',
    reason,
  };
}

function readAmount(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') return penceFromNumber(cell);
  if (cell === null) return parseMoney('');
  if (cell instanceof Date || typeof cell === 'boolean') {
    return {
      ok: false,
      reason: `"${cellText(cell)}" is not a money amount: the cell holds a ${cell instanceof Date ? 'date' : 'TRUE/FALSE value'}`,
    };
  }
  return parseMoney(cellText(cell));
}

/** The label of a "Total"/"Sum:" row (in the supplier or date column, or any text cell of an undated row). */
function summaryLabel(cells: readonly Cell[], supplierText: string, dateText: string): string | undefined {
  if (isSummaryLabel(supplierText)) return supplierText;
  if (isSummaryLabel(dateText)) return dateText;
  if (dateText !== '') return undefined;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const text = cellText(cell);
    if (isSummaryLabel(text)) return text;
  }
  return undefined;
}

/** {@link SUMMARY_LABEL}, whose every match starts with g, s or t: most texts are told apart by their first letter. */
export function isSummaryLabel(text: string): boolean {
  const first = text.charCodeAt(0) | 0x20;
  return (first === 0x67 || first === 0x73 || first === 0x74) && SUMMARY_LABEL.test(text);
}

/**
 * True when any text cell of a row reads as a withheld payee: the supplier's, or another one when an
 * unquoted comma in the name ("Smith, J (REDACTED)") shifted part of it into the next columns.
 */
function namesWithheldPayee(cells: readonly Cell[]): boolean {
  return cells.some((cell) => typeof cell === 'string' && isRedactedPayee(cell));
}

/** True when every cell is empty or whitespace. */
function isBlank(cells: readonly Cell[]): boolean {
  for (const cell of cells) {
    if (cell === null || cell === '') continue;
    if (typeof cell === 'number' || typeof cell === 'boolean') return false;
    if (typeof cell === 'string' && startsWithText(cell)) return false;
    if (cell instanceof Date ? !Number.isNaN(cell.getTime()) : cellText(cell) !== '') return false;
  }
  return true;
}

/** True when the text starts with a printable ASCII character that `cellText` keeps (so it is not blank). */
function startsWithText(text: string): boolean {
  const first = text.charCodeAt(0);
  return first > 0x20 && first < 0x7f && first !== 0x27;
}

/** Lower-case cell texts without trailing empty cells: two rows with the same texts are the same row. */
function comparableTexts(cells: readonly Cell[]): string[] {
  const texts = cells.map((cell) => cellText(cell).toLowerCase());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

/** A supplier cell's name, any company number it carries, and whether the payee is withheld. */
function readSupplierCell(text: string): SupplierReading {
  // `splitCompanyNumber`'s names are tidy already.
  const { name, companyNumber } = splitCompanyNumber(text);
  return { supplier: name, companyNumber, redacted: isWithheldTidyName(name) };
}

function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, value);
}
