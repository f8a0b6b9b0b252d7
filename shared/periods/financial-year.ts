import type { FinancialYearLabel, IsoDate, YearMonth } from '../types.ts';

/** A UK financial year, 1 April of `startYear` to 31 March of the next year. */
export interface FinancialYear {
  startYear: number;
  label: FinancialYearLabel;
}

export class PeriodError extends Error {
  override name = 'PeriodError';
}

const FY_LABEL = /^(\d{4})\/(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** `2023` → `{ startYear: 2023, label: '2023/24' }`. */
export function financialYearStarting(startYear: number): FinancialYear {
  const next = String((startYear + 1) % 100).padStart(2, '0');
  return { startYear, label: `${startYear}/${next}` };
}

/** Parses `2023/24` (also accepts `2023-24` and `2023/2024`), rejecting mismatched years. */
export function parseFinancialYear(text: string): FinancialYear {
  const cleaned = text.trim().replace('-', '/');
  const long = /^(\d{4})\/(\d{4})$/.exec(cleaned);
  const match = long ?? FY_LABEL.exec(cleaned);
  if (!match) {
    throw new PeriodError(`"${text}" is not a financial year: write it like 2023/24`);
  }
  const startYear = Number(match[1]);
  const end = Number(match[2]);
  const expectedEnd = long ? startYear + 1 : (startYear + 1) % 100;
  if (end !== expectedEnd) {
    throw new PeriodError(
      `"${text}" is not a financial year: the second year must follow the first (e.g. 2023/24)`,
    );
  }
  return financialYearStarting(startYear);
}

/** Parses `YYYY-MM`, with a clear error for anything else. */
export function parseYearMonth(text: string): YearMonth {
  const match = YEAR_MONTH.exec(text.trim());
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new PeriodError(`"${text}" is not a month: write it like 2024-10`);
  }
  return text.trim();
}

function splitYearMonth(month: YearMonth): [number, number] {
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

export function monthOfDate(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

/** The financial year a month falls in: April 2023 – March 2024 are `2023/24`. */
export function financialYearOfMonth(month: YearMonth): FinancialYear {
  const [year, m] = splitYearMonth(month);
  return financialYearStarting(m >= 4 ? year : year - 1);
}

export function financialYearOfDate(date: IsoDate): FinancialYear {
  return financialYearOfMonth(monthOfDate(date));
}

/** Position of a month in its financial year: April = 1 … March = 12. */
export function monthNumberInFinancialYear(month: YearMonth): number {
  const m = splitYearMonth(month)[1];
  return m >= 4 ? m - 3 : m + 9;
}

/** The months of a financial year from April, `count` of them (12 for a full year). */
export function monthsOfFinancialYear(fy: FinancialYear, count = 12): YearMonth[] {
  const months: YearMonth[] = [];
  for (let i = 0; i < count; i++) {
    const m = ((3 + i) % 12) + 1;
    const year = m >= 4 ? fy.startYear : fy.startYear + 1;
    months.push(`${year}-${String(m).padStart(2, '0')}`);
  }
  return months;
}

/** `2024-10` → `October 2024`. */
export function describeMonth(month: YearMonth): string {
  const [year, m] = splitYearMonth(month);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** `1 month`, `7 months`: a count of months as a label says it. */
export function describeMonthCount(count: number): string {
  return `${count} month${count === 1 ? '' : 's'}`;
}

/** A run of months, first to last: `April 2025`, `April to October 2025`, `April 2025 to January 2026`. */
export function describeMonthSpan(months: readonly YearMonth[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) return '';
  if (first === last) return describeMonth(first);
  const [firstName = '', firstYear = ''] = describeMonth(first).split(' ');
  return firstYear === last.slice(0, 4)
    ? `${firstName} to ${describeMonth(last)}`
    : `${describeMonth(first)} to ${describeMonth(last)}`;
}

/** Month names in English, January first, fixed here so output never depends on the machine's locale. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
