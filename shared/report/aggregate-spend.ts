import { forEachDateAndAmount } from '../curated/line-table.ts';
import {
  type FinancialYear,
  financialYearOfMonth,
  financialYearStarting,
  monthNumberInFinancialYear,
  monthsOfFinancialYear,
} from '../periods/financial-year.ts';
import type { ClassifiedSupplier, LedgerLine, LedgerLines, Pence, YearMonth } from '../types.ts';

/** Spend in one period, split the ways the board asks about. Every figure is integer pence. */
export interface SpendFigures {
  lines: number;
  total: Pence;
  local: Pence;
  localUnknown: Pence;
  sme: Pence;
  smeUnknown: Pence;
  vcse: Pence;
  /** Withheld payees: part of `total`, in no other figure. */
  redacted: Pence;
}

export interface FinancialYearFigures {
  fy: FinancialYear;
  /** Months included: 12 for a whole year, fewer for the year to date. */
  months: number;
  yearToDate: boolean;
  figures: SpendFigures;
}

export interface MonthFigures {
  month: YearMonth;
  figures: SpendFigures;
}

export interface SupplierSpend {
  supplier: ClassifiedSupplier;
  /** Spend per financial year label, only years with lines. */
  byYear: Record<string, Pence>;
  total: Pence;
  lines: number;
}

export interface OutsideWindow {
  before: { lines: number; total: Pence };
  after: { lines: number; total: Pence };
}

export interface Aggregation {
  financialYears: FinancialYearFigures[];
  /** The same months of the year before the report month's year, for comparison. */
  previousYearToDate?: FinancialYearFigures;
  /** Month by month for the report month's year and the year before. */
  monthly: MonthFigures[];
  suppliers: SupplierSpend[];
  outsideWindow: OutsideWindow;
}

export interface AggregationWindow {
  firstYear: FinancialYear;
  reportMonth: YearMonth;
}

export function emptyFigures(): SpendFigures {
  return { lines: 0, total: 0, local: 0, localUnknown: 0, sme: 0, smeUnknown: 0, vcse: 0, redacted: 0 };
}

export function sumFigures(parts: readonly SpendFigures[]): SpendFigures {
  const sum = emptyFigures();
  for (const part of parts) {
    for (const key of Object.keys(sum) as (keyof SpendFigures)[]) sum[key] += part[key];
  }
  return sum;
}

/** Per supplier, what its spend counts as: one bit each. */
const REDACTED = 1;
const LOCAL = 2;
const LOCAL_UNKNOWN = 4;
const SME = 8;
const SME_UNKNOWN = 16;
const VCSE = 32;

function decisionFlags(supplier: ClassifiedSupplier): number {
  if (supplier.matchedBy === 'redacted') return REDACTED;
  const flag = (yes: boolean, bit: number) => (yes ? bit : 0);
  return (
    flag(supplier.local.decision === 'yes', LOCAL) |
    flag(supplier.local.decision === 'unknown', LOCAL_UNKNOWN) |
    flag(supplier.sme.decision === 'yes', SME) |
    flag(supplier.sme.decision === 'unknown', SME_UNKNOWN) |
    flag(supplier.vcse.decision === 'yes', VCSE)
  );
}

/** Months since year 0 of an ISO date (`2024-05-17` → 2024 × 12 + 4), read without making a string. */
function monthNumberOfDate(date: string): number {
  const year =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  return year * 12 + (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48) - 1;
}

/** The `at`-th line (from 0), for a message. */
function nthLine(lines: LedgerLines, at: number): LedgerLine | undefined {
  let index = 0;
  for (const line of lines) if (index++ === at) return line;
  return undefined;
}

const monthNumber = (month: YearMonth): number =>
  Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

const bump = (sums: Float64Array, at: number, by: number): void => {
  sums[at] = (sums[at] as number) + by;
};

/** The figures in one month's slots of {@link aggregateSpend}'s sums. */
const FIGURE_SLOTS = 8;
const [LINES_AT, TOTAL_AT, LOCAL_AT, LOCAL_UNKNOWN_AT, SME_AT, SME_UNKNOWN_AT, VCSE_AT, REDACTED_AT] = [
  0, 1, 2, 3, 4, 5, 6, 7,
];

/**
 * Adds up spend per financial year, per month and per supplier. Each line counts in
 * the month (and so the one financial year) of its own date; lines before the first
 * year or after the report month are counted aside in `outsideWindow`, not dropped
 * silently. `suppliers[supplierIndexes[i]]` is the supplier of the i-th line.
 *
 * @example aggregateSpend(lines, supplierIndexes, suppliers, { firstYear: parseFinancialYear('2022/23'), reportMonth: '2024-10' })
 */
export function aggregateSpend(
  lines: LedgerLines,
  supplierIndexes: ArrayLike<number>,
  suppliers: readonly ClassifiedSupplier[],
  window: AggregationWindow,
): Aggregation {
  const first = window.firstYear.startYear * 12 + 3;
  const last = monthNumber(window.reportMonth);
  const monthCount = Math.max(last - first + 1, 0);
  const yearCount = Math.ceil(monthCount / 12);
  const flags = Uint8Array.from(suppliers, decisionFlags);
  /** Per month of the window, its figures' slots. */
  const sums = new Float64Array(monthCount * FIGURE_SLOTS);
  /** Per supplier and financial year of the window: spend, and the line (counted from 1) that first had some. */
  const yearSpend = new Float64Array(suppliers.length * yearCount);
  const yearFirstLine = new Int32Array(suppliers.length * yearCount);
  const supplierTotal = new Float64Array(suppliers.length);
  const supplierLines = new Float64Array(suppliers.length);
  const supplierFirstLine = new Int32Array(suppliers.length);
  const outsideWindow: OutsideWindow = { before: { lines: 0, total: 0 }, after: { lines: 0, total: 0 } };

  // Only each line's date and amount: a `LineTable` gives them without building its lines.
  forEachDateAndAmount(lines, (date, amount, at) => {
    const supplier = supplierIndexes[at];
    if (supplier === undefined || supplier < 0 || supplier >= suppliers.length) {
      const line = nthLine(lines, at);
      throw new Error(`line ${line?.line} of ${line?.file} has no classified supplier`);
    }
    const month = monthNumberOfDate(date) - first;
    if (!(month >= 0 && month < monthCount)) {
      const side = month < 0 ? outsideWindow.before : outsideWindow.after;
      side.lines += 1;
      side.total += amount;
      return;
    }
    const slots = month * FIGURE_SLOTS;
    const flag = flags[supplier] as number;
    bump(sums, slots + LINES_AT, 1);
    bump(sums, slots + TOTAL_AT, amount);
    if (flag & REDACTED) bump(sums, slots + REDACTED_AT, amount);
    if (flag & LOCAL) bump(sums, slots + LOCAL_AT, amount);
    if (flag & LOCAL_UNKNOWN) bump(sums, slots + LOCAL_UNKNOWN_AT, amount);
    if (flag & SME) bump(sums, slots + SME_AT, amount);
    if (flag & SME_UNKNOWN) bump(sums, slots + SME_UNKNOWN_AT, amount);
    if (flag & VCSE) bump(sums, slots + VCSE_AT, amount);

    const year = supplier * yearCount + Math.floor(month / 12);
    if (yearFirstLine[year] === 0) yearFirstLine[year] = at + 1;
    bump(yearSpend, year, amount);
    if (supplierFirstLine[supplier] === 0) supplierFirstLine[supplier] = at + 1;
    bump(supplierTotal, supplier, amount);
    bump(supplierLines, supplier, 1);
  });

  const byMonth = new Map<YearMonth, SpendFigures>();
  for (let month = 0; month < monthCount; month++) {
    const slots = month * FIGURE_SLOTS;
    if (sums[slots + LINES_AT] === 0) continue;
    const number = first + month;
    const figure = (slot: number) => sums[slots + slot] as number;
    byMonth.set(`${Math.floor(number / 12)}-${String((number % 12) + 1).padStart(2, '0')}`, {
      lines: figure(LINES_AT),
      total: figure(TOTAL_AT),
      local: figure(LOCAL_AT),
      localUnknown: figure(LOCAL_UNKNOWN_AT),
      sme: figure(SME_AT),
      smeUnknown: figure(SME_UNKNOWN_AT),
      vcse: figure(VCSE_AT),
      redacted: figure(REDACTED_AT),
    });
  }
  const yearLabels = Array.from(
    { length: yearCount },
    (_, year) => financialYearStarting(window.firstYear.startYear + year).label,
  );
  const spends: (SupplierSpend & { firstLine: number })[] = [];
  suppliers.forEach((supplier, at) => {
    const firstLine = supplierFirstLine[at] as number;
    if (firstLine === 0) return;
    const years: number[] = [];
    for (let year = 0; year < yearCount; year++) {
      if (yearFirstLine[at * yearCount + year] !== 0) years.push(year);
    }
    // Years in the order the supplier's lines first reached them, as a record filled line by line has them.
    years.sort(
      (a, b) => (yearFirstLine[at * yearCount + a] as number) - (yearFirstLine[at * yearCount + b] as number),
    );
    const byYear: Record<string, Pence> = {};
    for (const year of years) byYear[yearLabels[year] as string] = yearSpend[at * yearCount + year] as number;
    spends.push({
      supplier,
      byYear,
      total: supplierTotal[at] as number,
      lines: supplierLines[at] as number,
      firstLine,
    });
  });
  spends.sort(
    (a, b) =>
      b.total - a.total || a.supplier.name.localeCompare(b.supplier.name) || a.firstLine - b.firstLine,
  );

  const reportYear = financialYearOfMonth(window.reportMonth);
  const monthsToDate = monthNumberInFinancialYear(window.reportMonth);
  const figuresFor = (fy: FinancialYear, count: number): FinancialYearFigures => ({
    fy,
    months: count,
    yearToDate: count < 12,
    figures: sumFigures(monthsOfFinancialYear(fy, count).map((m) => byMonth.get(m) ?? emptyFigures())),
  });

  const financialYears: FinancialYearFigures[] = [];
  for (let start = window.firstYear.startYear; start <= reportYear.startYear; start++) {
    const fy = financialYearStarting(start);
    financialYears.push(figuresFor(fy, start === reportYear.startYear ? monthsToDate : 12));
  }
  const previousYear = financialYearStarting(reportYear.startYear - 1);
  const hasPrevious = previousYear.startYear >= window.firstYear.startYear;
  const monthly = [
    ...(hasPrevious ? monthsOfFinancialYear(previousYear) : []),
    ...monthsOfFinancialYear(reportYear, monthsToDate),
  ].map((month) => ({ month, figures: byMonth.get(month) ?? emptyFigures() }));

  return {
    financialYears,
    ...(hasPrevious ? { previousYearToDate: figuresFor(previousYear, monthsToDate) } : {}),
    monthly,
    suppliers: spends.map(({ firstLine: _firstLine, ...spend }) => spend),
    outsideWindow,
  };
}
