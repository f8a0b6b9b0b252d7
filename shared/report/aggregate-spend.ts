import {
  type FinancialYear,
  financialYearOfMonth,
  financialYearStarting,
  monthNumberInFinancialYear,
  monthOfDate,
  monthsOfFinancialYear,
} from '../periods/financial-year.ts';
import type { ClassifiedSupplier, LedgerLine, Pence, YearMonth } from '../types.ts';

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

function addLine(figures: SpendFigures, amount: Pence, supplier: ClassifiedSupplier): void {
  figures.lines += 1;
  figures.total += amount;
  if (supplier.matchedBy === 'redacted') {
    figures.redacted += amount;
    return;
  }
  if (supplier.local.decision === 'yes') figures.local += amount;
  if (supplier.local.decision === 'unknown') figures.localUnknown += amount;
  if (supplier.sme.decision === 'yes') figures.sme += amount;
  if (supplier.sme.decision === 'unknown') figures.smeUnknown += amount;
  if (supplier.vcse.decision === 'yes') figures.vcse += amount;
}

export function sumFigures(parts: readonly SpendFigures[]): SpendFigures {
  const sum = emptyFigures();
  for (const part of parts) {
    for (const key of Object.keys(sum) as (keyof SpendFigures)[]) sum[key] += part[key];
  }
  return sum;
}

/**
 * Adds up spend per financial year, per month and per supplier. Each line counts in
 * the month (and so the one financial year) of its own date; lines before the first
 * year or after the report month are counted aside in `outsideWindow`, not dropped
 * silently.
 *
 * @example aggregateSpend(lines, keys, suppliers, { firstYear: parseFinancialYear('2022/23'), reportMonth: '2024-10' })
 */
export function aggregateSpend(
  lines: readonly LedgerLine[],
  supplierKeys: readonly string[],
  suppliers: readonly ClassifiedSupplier[],
  window: AggregationWindow,
): Aggregation {
  const byKey = new Map(suppliers.map((supplier) => [supplier.key, supplier]));
  const byMonth = new Map<YearMonth, SpendFigures>();
  const bySupplier = new Map<string, SupplierSpend>();
  const firstMonth = monthsOfFinancialYear(window.firstYear, 1)[0] ?? '';
  const outsideWindow: OutsideWindow = { before: { lines: 0, total: 0 }, after: { lines: 0, total: 0 } };

  lines.forEach((line, index) => {
    const key = supplierKeys[index];
    const supplier = key === undefined ? undefined : byKey.get(key);
    if (!supplier) throw new Error(`line ${line.line} of ${line.file} has no classified supplier`);
    const month = monthOfDate(line.date);
    if (month < firstMonth || month > window.reportMonth) {
      const side = month < firstMonth ? outsideWindow.before : outsideWindow.after;
      side.lines += 1;
      side.total += line.amount;
      return;
    }
    const figures = byMonth.get(month) ?? emptyFigures();
    addLine(figures, line.amount, supplier);
    byMonth.set(month, figures);

    const fy = financialYearOfMonth(month).label;
    const spend = bySupplier.get(supplier.key) ?? { supplier, byYear: {}, total: 0, lines: 0 };
    spend.byYear[fy] = (spend.byYear[fy] ?? 0) + line.amount;
    spend.total += line.amount;
    spend.lines += 1;
    bySupplier.set(supplier.key, spend);
  });

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
    suppliers: [...bySupplier.values()].sort(
      (a, b) => b.total - a.total || a.supplier.name.localeCompare(b.supplier.name),
    ),
    outsideWindow,
  };
}
