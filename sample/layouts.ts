import { MONTH_NAMES } from '../shared/periods/financial-year.ts';
import type { YearMonth } from '../shared/types.ts';
import { monthOfFinancialYear, parseYearMonth } from './calendar.ts';

export type ColumnField =
  | 'departmentFamily'
  | 'entity'
  | 'date'
  | 'expenseType'
  | 'expenseArea'
  | 'supplier'
  | 'supplierId'
  | 'postcode'
  | 'transaction'
  | 'amount';

/** How the trust's ledger exported one month: the shape drifts as finance systems and staff change. */
export interface ExtractLayout {
  id: string;
  description: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  eol: '\r\n' | '\n';
  /** A title line and a blank line above the header. */
  title: boolean;
  columns: readonly { header: string; field: ColumnField }[];
  /** `dd/mm/yyyy`, `dd-Mon-yy`, `m/d/yyyy`, an XLSX date cell, or `dd/mm/yyyy` typed as XLSX text. */
  dateStyle: 'dmy' | 'd-mon-yy' | 'mdy' | 'xlsx-date' | 'xlsx-text-dmy';
  /** `"67,132.60"`, `" £38,148.43 "`, `1234.50`, or an XLSX number (sometimes a binary fraction off the penny). */
  amountStyle: 'thousands' | 'pound-padded' | 'plain' | 'xlsx-number';
  /** `-85.00` or `(85.00)` for credit notes. */
  negativeStyle: 'minus' | 'parentheses';
  /** Supplier names as registered, or upper-cased by the ledger. */
  supplierCase: 'as-registered' | 'upper';
  /** Share of lines whose supplier column carries `NAME:01234567`. */
  companyNumberShare: number;
  redactedLabels: readonly string[];
  /** Calendar months (1–12) whose file ends with a `Total` line that is not spend. */
  totalRowMonths: readonly number[];
  /** Calendar months whose file ends with blank lines. */
  trailingBlankMonths: readonly number[];
  fileName(month: YearMonth): string;
  transactionId(sequence: number): string;
}

const SHORT = MONTH_NAMES.map((name) => name.slice(0, 3));

/** What a layout is unless it says otherwise: a UTF-8 CSV with CRLF, no title, minus signs, names as registered. */
const PLAIN_CSV = {
  format: 'csv',
  encoding: 'utf-8',
  eol: '\r\n',
  title: false,
  negativeStyle: 'minus',
  supplierCase: 'as-registered',
  companyNumberShare: 0,
  redactedLabels: ['REDACTED'],
  totalRowMonths: [],
  trailingBlankMonths: [],
} as const satisfies Partial<ExtractLayout>;

/** A layout from what sets it apart from {@link PLAIN_CSV}. */
function layout(spec: Omit<ExtractLayout, keyof typeof PLAIN_CSV> & Partial<ExtractLayout>): ExtractLayout {
  return { ...PLAIN_CSV, ...spec };
}

type ColumnPair = readonly [header: string, field: ColumnField];

/** Columns in file order, from `[header, field]` pairs. */
function columns(...pairs: readonly ColumnPair[]): ExtractLayout['columns'] {
  return pairs.map(([header, field]) => ({ header, field }));
}

/** The GOV.UK transparency columns most layouts open with. */
const DEPARTMENT_AND_ENTITY: readonly ColumnPair[] = [
  ['Department Family', 'departmentFamily'],
  ['Entity', 'entity'],
];
const EXPENSE_TYPE_AND_AREA: readonly ColumnPair[] = [
  ['Expense Type', 'expenseType'],
  ['Expense Area', 'expenseArea'],
];

/** Oracle AP transaction numbers (2022). */
const oracleTransactionId = (n: number) => String(4_100_000 + n);
/** File names and payment references of the finance system in use from 2025. */
const supplierPaymentsFileName = (month: YearMonth) => `KVFT supplier payments ${month}.csv`;
const paymentReference = (n: number) => `PAY${String(300_000 + n).padStart(7, '0')}`;

const ORACLE_2022 = layout({
  id: 'A',
  description: 'UTF-8 CSV, CRLF; Date dd/mm/yyyy; Supplier; Amount "67,132.60" with -1,200.00 credits',
  columns: columns(
    ...DEPARTMENT_AND_ENTITY,
    ['Date', 'date'],
    ...EXPENSE_TYPE_AND_AREA,
    ['Supplier', 'supplier'],
    ['Transaction Number', 'transaction'],
    ['Amount', 'amount'],
  ),
  dateStyle: 'dmy',
  amountStyle: 'thousands',
  trailingBlankMonths: [6, 9],
  fileName: (month) => `KVFT_AP_extract_${month.replace('-', '_')}.csv`,
  transactionId: oracleTransactionId,
});

const WINDOWS_2022 = layout({
  id: 'B',
  description:
    'Windows-1252 CSV with a title line and a blank line; Date Paid; Supplier Name; Supplier Postcode; " Amount " as " £38,148.43 "',
  encoding: 'windows-1252',
  title: true,
  columns: columns(
    ['Date Paid', 'date'],
    ...EXPENSE_TYPE_AND_AREA,
    ['Supplier Name', 'supplier'],
    ['Supplier Postcode', 'postcode'],
    ['Transaction Reference', 'transaction'],
    [' Amount ', 'amount'],
  ),
  dateStyle: 'dmy',
  amountStyle: 'pound-padded',
  totalRowMonths: [12, 3],
  fileName: (month) => {
    const { year, month: m } = parseYearMonth(month);
    return `Kent Valley NHS FT - Payments ${MONTH_NAMES[m - 1]} ${year}.csv`;
  },
  transactionId: oracleTransactionId,
});

const workbook = (dateStyle: 'xlsx-date' | 'xlsx-text-dmy', id: string): ExtractLayout =>
  layout({
    id,
    description: `XLSX (exceljs); Date Paid as ${dateStyle === 'xlsx-date' ? 'date cells' : 'dd/mm/yyyy text'}; Supplier ID; Supplier Name; AP Amount as numbers, some binary fractions off the penny`,
    format: 'xlsx',
    eol: '\n',
    columns: columns(
      ...DEPARTMENT_AND_ENTITY,
      ['Date Paid', 'date'],
      ...EXPENSE_TYPE_AND_AREA,
      ['Supplier ID', 'supplierId'],
      ['Supplier Name', 'supplier'],
      ['Transaction Reference', 'transaction'],
      ['AP Amount', 'amount'],
    ),
    dateStyle,
    amountStyle: 'xlsx-number',
    totalRowMonths: [6, 9, 12, 3],
    fileName: (month) => {
      const { year, month: m } = parseYearMonth(month);
      const fy = m >= 4 ? year : year - 1;
      const fm = String(monthOfFinancialYear(month)).padStart(2, '0');
      return `KVFT Transparency ${fy}-${String((fy + 1) % 100).padStart(2, '0')} M${fm} ${SHORT[m - 1]}-${String(year % 100).padStart(2, '0')}.xlsx`;
    },
    transactionId: (n) => `KV-PAY-${String(200_000 + n).padStart(7, '0')}`,
  });

const newLedger = (dateStyle: 'd-mon-yy' | 'mdy', id: string): ExtractLayout =>
  layout({
    id,
    description: `UTF-8 CSV with BOM; Date of payment as ${dateStyle === 'mdy' ? 'm/d/yyyy' : 'dd-Mon-yy'}; Suppklier (upper case, some NAME:01234567); Amount 1234.50`,
    encoding: 'utf-8-bom',
    columns: columns(
      ['Date of payment', 'date'],
      ...EXPENSE_TYPE_AND_AREA,
      ['Suppklier', 'supplier'],
      ['Transaction Number', 'transaction'],
      ['Amount', 'amount'],
    ),
    dateStyle,
    amountStyle: 'plain',
    supplierCase: 'upper',
    companyNumberShare: 0.25,
    redactedLabels: ['Redacted personal data'],
    trailingBlankMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    fileName: (month) => `kvft-payments-${month}.csv`,
    transactionId: (n) => `P${String(900_000 + n)}`,
  });

const SUPPLIER_ID_2025 = layout({
  id: 'F',
  description:
    'UTF-8 CSV, LF; Date dd/mm/yyyy; Supplier ID; Supplier (some NAME:01234567); Amount "67,132.60" with (1,200.00) credits',
  eol: '\n',
  columns: columns(
    ...DEPARTMENT_AND_ENTITY,
    ['Date', 'date'],
    ...EXPENSE_TYPE_AND_AREA,
    ['Supplier ID', 'supplierId'],
    ['Supplier', 'supplier'],
    ['Transaction Number', 'transaction'],
    ['Amount', 'amount'],
  ),
  dateStyle: 'dmy',
  amountStyle: 'thousands',
  negativeStyle: 'parentheses',
  companyNumberShare: 0.15,
  redactedLabels: ['REDACTED', 'Redacted personal data'],
  totalRowMonths: [6, 9, 12, 3],
  fileName: supplierPaymentsFileName,
  transactionId: paymentReference,
});

const POSTCODE_2026 = layout({
  id: 'G',
  description:
    'UTF-8 CSV, CRLF; lower-case headers; Supplier Name; Supplier Postcode; Supplier ID; amount "67,132.60" / -85.00',
  columns: columns(
    ['Department family', 'departmentFamily'],
    ['Entity', 'entity'],
    ['Date', 'date'],
    ['Expense type', 'expenseType'],
    ['Expense area', 'expenseArea'],
    ['Supplier Name', 'supplier'],
    ['Supplier Postcode', 'postcode'],
    ['Supplier ID', 'supplierId'],
    ['Transaction number', 'transaction'],
    ['amount', 'amount'],
  ),
  dateStyle: 'dmy',
  amountStyle: 'thousands',
  companyNumberShare: 0.1,
  redactedLabels: ['REDACTED', 'Redacted personal data'],
  totalRowMonths: [6, 9],
  trailingBlankMonths: [5],
  fileName: supplierPaymentsFileName,
  transactionId: paymentReference,
});

const NEW_LEDGER = newLedger('d-mon-yy', 'D');

/** Which layout applies from which month; each applies until the next one starts (the first also before it). */
export const LAYOUT_HISTORY: readonly { from: YearMonth; layout: ExtractLayout }[] = [
  { from: '2022-04', layout: ORACLE_2022 },
  { from: '2022-10', layout: WINDOWS_2022 },
  { from: '2023-04', layout: workbook('xlsx-date', 'C') },
  { from: '2024-01', layout: workbook('xlsx-text-dmy', 'C2') },
  { from: '2024-04', layout: NEW_LEDGER },
  { from: '2024-10', layout: newLedger('mdy', 'E') },
  { from: '2025-02', layout: NEW_LEDGER },
  { from: '2025-04', layout: SUPPLIER_ID_2025 },
  { from: '2026-04', layout: POSTCODE_2026 },
];

export function layoutFor(month: YearMonth): ExtractLayout {
  let chosen = LAYOUT_HISTORY[0]?.layout ?? ORACLE_2022;
  for (const { from, layout } of LAYOUT_HISTORY) {
    if (month >= from) chosen = layout;
  }
  return chosen;
}

export function hasColumn(layout: ExtractLayout, field: ColumnField): boolean {
  return layout.columns.some((column) => column.field === field);
}
