import type { FinancialYearLabel, IsoDate, YearMonth } from '../shared/types.ts';

export interface CalendarMonth {
  year: number;
  /** 1–12. */
  month: number;
}

export function parseYearMonth(value: string): CalendarMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    throw new RangeError(`"${value}" is not a month: write it as YYYY-MM, e.g. 2022-04`);
  }
  return { year: Number(match[1]), month };
}

export function formatYearMonth({ year, month }: CalendarMonth): YearMonth {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Every month from `first` to `last`, both included. */
export function listMonths(first: YearMonth, last: YearMonth): YearMonth[] {
  const months: YearMonth[] = [];
  let { year, month } = parseYearMonth(first);
  const end = parseYearMonth(last);
  while (year < end.year || (year === end.year && month <= end.month)) {
    months.push(formatYearMonth({ year, month }));
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export function daysInMonth({ year, month }: CalendarMonth): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday({ year, month }: CalendarMonth, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isoDate({ year, month }: CalendarMonth, day: number): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2023/24` for any month from April 2023 to March 2024. */
export function financialYearOf(month: YearMonth): FinancialYearLabel {
  const { year, month: m } = parseYearMonth(month);
  const start = m >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Months of its financial year up to and including `month`: April = 1 … March = 12. */
export function monthOfFinancialYear(month: YearMonth): number {
  const { month: m } = parseYearMonth(month);
  return m >= 4 ? m - 3 : m + 9;
}
