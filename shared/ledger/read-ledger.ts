import { createHash } from 'node:crypto';
import { normalisePostcode } from '../suppliers/postcode.ts';
import { type ColumnMatch, mapHeaderCandidates } from '../table/map-columns.ts';
import {
  type Cell,
  cellText,
  isBlankRow,
  readTable,
  type Table,
  TableFormatError,
  type TableRow,
} from '../table/read-table.ts';
import type {
  DateOrder,
  DateStyleDecision,
  InputFile,
  IsoDate,
  LedgerField,
  LedgerFile,
  LedgerLine,
  LineIssue,
  ReadLedgerOptions,
  SkippedLine,
} from '../types.ts';
import { LEDGER_COLUMNS, LEDGER_FIELD_LABELS } from './ledger-columns.ts';
import {
  type DateReading,
  decideDateOrder,
  type NumericDateSample,
  readDateCell,
  resolveNumericDate,
} from './parse-date.ts';
import { parseMoney, penceFromNumber } from './parse-money.ts';
import { isRedactedPayee, splitCompanyNumber } from './parse-supplier.ts';
import type { Parsed } from './parsed.ts';

/** How far down a file the header row is looked for. */
export const HEADER_SCAN_ROWS = 30;
const DEFAULT_MAX_BAD_SHARE = 0.05;
const REQUIRED: readonly LedgerField[] = ['date', 'supplier', 'amount'];
const SUMMARY_LABEL =
  /^(?:(?:grand|sub)[\s-]*)?totals?(?:\s+(?:spend|payments?|amount|value|paid|for\b.*|£.*))?\s*:?$|^sum(?:\s+total)?\s*:?$/i;

type Columns = Partial<Record<LedgerField, ColumnMatch>>;

interface HeaderSearch {
  found?: { row: TableRow; index: number; columns: Columns };
  /** The row that came closest, for the rejection message. */
  closest?: { row: TableRow; columns: Columns; missing: LedgerField[] };
}

/**
 * Reads one monthly accounts-payable ledger extract (CSV or XLSX) into normalised spend lines. Never
 * throws for bad input: a file that cannot be read is returned with `status: 'rejected'` and the reason.
 *
 * @example
 * const ledger = await readLedger({ name: 'april.csv', bytes });
 * if (ledger.status === 'rejected') console.error(ledger.rejection?.reason);
 */
export async function readLedger(file: InputFile, options: ReadLedgerOptions = {}): Promise<LedgerFile> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  let table: Table;
  try {
    table = await readTable(file, { selectSheet: (rows) => findLedgerHeader(rows).found !== undefined });
  } catch (error) {
    if (!(error instanceof TableFormatError)) throw error;
    return orderLedgerKeys({
      ...emptyLedger(file.name, sha256, error.format),
      status: 'rejected',
      rejection: fileIssue(file.name, error.message),
    });
  }
  return interpretLedgerTable(table, file.name, sha256, options);
}

/** Finds the header row among the first rows: the first that names a date, a supplier and an amount. */
export function findLedgerHeader(rows: readonly TableRow[]): HeaderSearch {
  let closest: HeaderSearch['closest'];
  const candidates = mapHeaderCandidates(rows, LEDGER_COLUMNS, HEADER_SCAN_ROWS);
  for (const { index, row, columns, missing } of candidates) {
    if (missing.length === 0) return { found: { row, index, columns } };
    if (closest === undefined || missing.length < closest.missing.length) closest = { row, columns, missing };
  }
  return closest === undefined ? {} : { closest };
}

/** Turns the rows of one table into a ledger file (the pure part of {@link readLedger}). */
export function interpretLedgerTable(
  table: Table,
  name: string,
  sha256: string,
  options: ReadLedgerOptions = {},
): LedgerFile {
  const base: LedgerFile = {
    ...emptyLedger(name, sha256, table.format),
    ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
    ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
  };
  const reject = (issue: LineIssue, extra: Partial<LedgerFile> = {}): LedgerFile =>
    orderLedgerKeys({ ...base, ...extra, status: 'rejected', rejection: issue, lines: [] });

  if (table.rows.every(isBlankRow)) {
    return reject(
      fileIssue(name, `${name} is empty: export the ledger again with its header row and payment lines`),
    );
  }
  const search = findLedgerHeader(table.rows);
  if (search.found === undefined) return reject(missingColumnsIssue(name, table, search.closest));

  const { row: headerRow, columns } = search.found;
  const columnNames: Partial<Record<LedgerField, string>> = {};
  for (const field of Object.keys(LEDGER_COLUMNS) as LedgerField[]) {
    const match = columns[field];
    if (match !== undefined) columnNames[field] = match.header;
  }
  const scan = scanDataRows(table, search.found, name);
  const { skipped, issues, notes } = scan;
  const read = {
    headerLine: headerRow.line,
    columns: columnNames,
    skipped,
    issues,
    ...(notes.length > 0 ? { notes } : {}),
  };
  if (scan.dataLines === 0) {
    const reason = `${name} has a header row on line ${headerRow.line} but no payment lines below it: export the month again`;
    return reject(fileIssue(name, reason), read);
  }

  const dates = decideDateStyles(scan.styleLines, scan.samples, options.dateOrder);
  if ('failed' in dates) {
    const { line, text, reason } = dates.failed;
    const issue = { file: name, line, column: columnNames.date ?? 'date', value: text, reason };
    return reject(issue, { ...read, dateStyles: dates.dateStyles });
  }

  const lines: LedgerLine[] = [];
  for (const { line, date, row } of scan.pending) {
    const iso = resolveDate(date, dates.orders);
    if (iso.ok) {
      const { file, line: lineNumber, ...rest } = line;
      lines.push({ file, line: lineNumber, date: iso.value, ...rest });
    } else {
      issues.push(cellIssue(name, row, columns.date, iso.reason));
    }
  }
  issues.sort((a, b) => a.line - b.line);

  const badLines = new Set(issues.map((issue) => issue.line)).size;
  const maxBadShare = clampShare(options.maxBadShare);
  const decided = { ...read, dateStyles: dates.dateStyles };
  // A small tolerance so that exactly the allowed share (e.g. 29 of 100 at 0.29) is not lost to float error.
  if (badLines / scan.dataLines > maxBadShare + 1e-9) {
    return reject(tooManyBadLinesIssue(name, issues, badLines, scan.dataLines, maxBadShare), decided);
  }
  return orderLedgerKeys({ ...base, ...decided, status: 'accepted', lines });
}

interface RowScan {
  dataLines: number;
  skipped: SkippedLine[];
  issues: LineIssue[];
  notes: LineIssue[];
  /** Lines with no problem so far, waiting for their date style's day/month order. */
  pending: PendingLine[];
  /** Numeric dates per style, the evidence for each style's order. */
  samples: Map<string, NumericDateSample[]>;
  /** Lines per date style, in order of first appearance. */
  styleLines: Map<string, number>;
}

/** First pass over the rows below the header: skip blanks and summaries, read every other cell. */
function scanDataRows(
  table: Table,
  header: { row: TableRow; index: number; columns: Columns },
  name: string,
): RowScan {
  const scan: RowScan = {
    dataLines: 0,
    skipped: [],
    issues: [],
    notes: [],
    pending: [],
    samples: new Map(),
    styleLines: new Map(),
  };
  const headerKey = rowKey(header.row);
  for (const row of table.rows.slice(header.index + 1)) {
    if (isBlankRow(row)) {
      scan.skipped.push({ line: row.line, reason: 'blank' });
      continue;
    }
    if (rowKey(row) === headerKey) {
      scan.skipped.push({ line: row.line, reason: 'repeated header row' });
      continue;
    }
    const summary = summaryLabel(row, header.columns);
    if (summary !== undefined) {
      scan.skipped.push({ line: row.line, reason: `summary row "${summary}"` });
      continue;
    }
    scan.dataLines++;
    const read = readLine(row, header.columns, name, table.date1904 === true);
    scan.issues.push(...read.issues);
    scan.notes.push(...read.notes);
    const { date } = read;
    if (date.kind === 'numeric') {
      const list = scan.samples.get(date.style) ?? [];
      list.push({ ...date, line: row.line });
      scan.samples.set(date.style, list);
    }
    if (date.kind !== 'bad') scan.styleLines.set(date.style, (scan.styleLines.get(date.style) ?? 0) + 1);
    if (read.line !== undefined) scan.pending.push({ line: read.line, date, row });
  }
  return scan;
}

type DateStyles =
  | { dateStyles: DateStyleDecision[]; orders: Map<string, DateOrder> }
  | { dateStyles: DateStyleDecision[]; failed: { line: number; text: string; reason: string } };

/** Decides each numeric date style's day/month order from its samples; other styles need no decision. */
function decideDateStyles(
  styleLines: ReadonlyMap<string, number>,
  samples: ReadonlyMap<string, NumericDateSample[]>,
  forced: DateOrder | undefined,
): DateStyles {
  const dateStyles: DateStyleDecision[] = [];
  const orders = new Map<string, DateOrder>();
  for (const [style, lines] of styleLines) {
    const styleSamples = samples.get(style);
    if (styleSamples === undefined) {
      dateStyles.push({ style, evidence: describeFixedStyle(style), lines });
      continue;
    }
    const decided = decideDateOrder(style, styleSamples, forced);
    if (!decided.ok) return { dateStyles, failed: decided };
    orders.set(style, decided.order);
    dateStyles.push({ style, order: decided.order, evidence: decided.evidence, lines });
  }
  return { dateStyles, orders };
}

interface PendingLine {
  line: Omit<LedgerLine, 'date'>;
  date: DateReading;
  row: TableRow;
}

type TextField = 'supplierId' | 'transaction' | 'expenseType' | 'expenseArea' | 'description';

interface ReadLine {
  date: DateReading;
  line?: Omit<LedgerLine, 'date'>;
  issues: LineIssue[];
  notes: LineIssue[];
}

function readLine(row: TableRow, columns: Columns, file: string, date1904: boolean): ReadLine {
  const issues: LineIssue[] = [];
  const notes: LineIssue[] = [];
  const cellOf = (field: LedgerField): Cell =>
    columns[field] ? (row.cells[columns[field].index] ?? null) : null;
  const textOf = (field: LedgerField): string => cellText(cellOf(field));

  const date = readDateCell(emptyToNull(cellOf('date')), { date1904 });
  if (date.kind === 'bad') issues.push(cellIssue(file, row, columns.date, date.reason));

  const amount = readAmount(cellOf('amount'));
  if (!amount.ok) issues.push(cellIssue(file, row, columns.amount, amount.reason));

  const supplierText = textOf('supplier');
  if (supplierText === '') {
    issues.push(
      cellIssue(
        file,
        row,
        columns.supplier,
        "the supplier is empty: fill in the payee's name, or REDACTED for a withheld payee",
      ),
    );
  }
  if (issues.length > 0 || !amount.ok) return { date, issues, notes };

  const { name: supplier, companyNumber } = splitCompanyNumber(supplierText);
  const line: Omit<LedgerLine, 'date'> = {
    file,
    line: row.line,
    supplier,
    amount: amount.value,
    redacted: isRedactedPayee(supplier),
  };
  if (companyNumber !== undefined) line.companyNumber = companyNumber;
  const postcodeText = textOf('postcode');
  if (postcodeText !== '') {
    const postcode = normalisePostcode(postcodeText);
    if (postcode === undefined) {
      notes.push(
        cellIssue(
          file,
          row,
          columns.postcode,
          `"${postcodeText}" is not a UK postcode, so it was left out (the payment still counts); correct it to e.g. ME14 1XX`,
        ),
      );
    } else {
      line.postcode = postcode;
    }
  }
  const textFields: readonly TextField[] = [
    'supplierId',
    'transaction',
    'expenseType',
    'expenseArea',
    'description',
  ];
  for (const field of textFields) {
    const text = textOf(field);
    if (text !== '') line[field] = text;
  }
  return { date, line, issues, notes };
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

function resolveDate(date: DateReading, orders: ReadonlyMap<string, DateOrder>): Parsed<IsoDate> {
  if (date.kind === 'date') return { ok: true, value: date.iso };
  if (date.kind === 'bad') return { ok: false, reason: date.reason };
  const order = orders.get(date.style);
  if (order === undefined) return { ok: false, reason: `the order of "${date.text}" was not decided` };
  return resolveNumericDate(date, order);
}

function summaryLabel(row: TableRow, columns: Columns): string | undefined {
  const at = (match: ColumnMatch | undefined) => (match ? cellText(row.cells[match.index] ?? null) : '');
  const supplier = at(columns.supplier);
  if (SUMMARY_LABEL.test(supplier)) return supplier;
  const date = at(columns.date);
  if (SUMMARY_LABEL.test(date)) return date;
  if (date !== '') return undefined;
  for (const cell of row.cells) {
    const text = cellText(cell);
    if (typeof cell === 'string' && SUMMARY_LABEL.test(text)) return text;
  }
  return undefined;
}

function describeFixedStyle(style: string): string {
  if (style === 'date-cell') return 'stored as dates in the workbook';
  if (style === 'excel-serial') return 'Excel date numbers';
  if (style.includes('mmm')) return 'the month is written as a name';
  return 'the year comes first';
}

function missingColumnsIssue(name: string, table: Table, closest: HeaderSearch['closest']): LineIssue {
  const scanned = table.rows.slice(0, HEADER_SCAN_ROWS);
  const row = closest?.row ?? scanned.find((candidate) => !isBlankRow(candidate));
  const missing = closest?.missing ?? [...REQUIRED];
  const found = (row?.cells ?? []).map((cell) => cellText(cell)).filter((text) => text !== '');
  const wanted = missing.map((field) => {
    const examples = LEDGER_COLUMNS[field].aliases.slice(0, 4).map((alias) => `"${alias}"`);
    return `${LEDGER_FIELD_LABELS[field]} (a header like ${examples.join(', ')})`;
  });
  const where = row === undefined ? '' : ` on line ${row.line}`;
  const list = found.length > 0 ? found.map((text) => `"${text}"`).join(', ') : 'nothing';
  return {
    file: name,
    line: row?.line ?? 0,
    column: missing.map((field) => LEDGER_FIELD_LABELS[field]).join(', '),
    value: found.join(' | '),
    reason:
      `no ${missing.map((field) => LEDGER_FIELD_LABELS[field]).join(', ')} column found in the first ${HEADER_SCAN_ROWS} rows: ` +
      `missing ${wanted.join('; ')}; the headers found${where} are ${list}. ` +
      'Rename the column or export the ledger with its header row',
  };
}

function tooManyBadLinesIssue(
  name: string,
  issues: readonly LineIssue[],
  badLines: number,
  dataLines: number,
  maxBadShare: number,
): LineIssue {
  const first = issues[0];
  const examples = issues
    .slice(0, 3)
    .map((issue) => `line ${issue.line}, column "${issue.column}": ${issue.reason}`)
    .join('; ');
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  return {
    file: name,
    line: first?.line ?? 0,
    column: first?.column ?? '',
    value: first?.value ?? '',
    reason:
      `${badLines} of ${dataLines} payment lines (${percent(badLines / dataLines)}) could not be read, more than the ` +
      `${percent(maxBadShare)} allowed; first problems: ${examples}. Fix these lines and upload the file again`,
  };
}

function cellIssue(file: string, row: TableRow, match: ColumnMatch | undefined, reason: string): LineIssue {
  return {
    file,
    line: row.line,
    column: match ? match.header : '',
    value: match ? cellText(row.cells[match.index] ?? null) : '',
    reason,
  };
}

function fileIssue(file: string, reason: string): LineIssue {
  return { file, line: 0, column: '', value: '', reason };
}

function rowKey(row: TableRow): string {
  const texts = row.cells.map((cell) => cellText(cell).toLowerCase());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return JSON.stringify(texts);
}

function emptyToNull(cell: Cell): Cell {
  return typeof cell === 'string' && cellText(cell) === '' ? null : cell;
}

function clampShare(share: number | undefined): number {
  if (share === undefined || Number.isNaN(share)) return DEFAULT_MAX_BAD_SHARE;
  return Math.min(1, Math.max(0, share));
}

function emptyLedger(name: string, sha256: string, format: LedgerFile['format']): LedgerFile {
  return {
    name,
    sha256,
    format,
    columns: {},
    dateStyles: [],
    status: 'accepted',
    lines: [],
    issues: [],
    skipped: [],
  };
}

/** The same ledger with its keys in reading order (file facts, decisions, status, then lines). */
function orderLedgerKeys(ledger: LedgerFile): LedgerFile {
  const {
    name,
    sha256,
    format,
    encoding,
    sheet,
    headerLine,
    columns,
    dateStyles,
    status,
    rejection,
    lines,
    issues,
    skipped,
    notes,
  } = ledger;
  return {
    name,
    sha256,
    format,
    ...(encoding === undefined ? {} : { encoding }),
    ...(sheet === undefined ? {} : { sheet }),
    ...(headerLine === undefined ? {} : { headerLine }),
    columns,
    dateStyles,
    status,
    ...(rejection === undefined ? {} : { rejection }),
    lines,
    issues,
    skipped,
    ...(notes === undefined ? {} : { notes }),
  };
}
