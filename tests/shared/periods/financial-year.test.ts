import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeMonthCount,
  describeMonthSpan,
  financialYearOfDate,
  financialYearStarting,
  monthNumberInFinancialYear,
  monthsOfFinancialYear,
  PeriodError,
  parseFinancialYear,
  parseYearMonth,
} from '../../../shared/periods/financial-year.ts';

describe('financial years', () => {
  it('puts 31 March in the year that is ending and 1 April in the year that is starting', () => {
    expect(financialYearOfDate('2024-03-31').label).toBe('2023/24');
    expect(financialYearOfDate('2024-04-01').label).toBe('2024/25');
  });

  it('labels the year across a century boundary with two digits', () => {
    expect(financialYearOfDate('2099-12-01').label).toBe('2099/00');
  });

  it('numbers April as month 1 and March as month 12', () => {
    expect(monthNumberInFinancialYear('2024-04')).toBe(1);
    expect(monthNumberInFinancialYear('2024-12')).toBe(9);
    expect(monthNumberInFinancialYear('2025-03')).toBe(12);
  });

  it('lists the months of a year from April to March', () => {
    const months = monthsOfFinancialYear(parseFinancialYear('2023/24'));
    expect(months[0]).toBe('2023-04');
    expect(months[11]).toBe('2024-03');
    expect(months).toHaveLength(12);
  });

  it('accepts 2023/24, 2023-24 and 2023/2024 and rejects years that do not follow', () => {
    expect(parseFinancialYear('2023-24').startYear).toBe(2023);
    expect(parseFinancialYear('2023/2024').label).toBe('2023/24');
    expect(() => parseFinancialYear('2023/25')).toThrow(PeriodError);
    expect(() => parseFinancialYear('FY23')).toThrow(/write it like 2023\/24/);
  });

  it('rejects a month that is not YYYY-MM', () => {
    expect(parseYearMonth('2024-10')).toBe('2024-10');
    expect(() => parseYearMonth('2024-13')).toThrow(PeriodError);
    expect(() => parseYearMonth('Oct 2024')).toThrow(/2024-10/);
  });

  it('places every day in the one year whose months contain it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2098 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const fy = financialYearOfDate(date);
          expect(monthsOfFinancialYear(fy)).toContain(date.slice(0, 7));
          expect(monthsOfFinancialYear(financialYearOfDate(`${fy.startYear + 1}-05-01`))).not.toContain(
            date.slice(0, 7),
          );
        },
      ),
    );
  });
});

describe('labels for a run of months', () => {
  it('says one month in the singular and more in the plural', () => {
    expect([1, 2, 12].map(describeMonthCount)).toEqual(['1 month', '2 months', '12 months']);
  });

  it('names a single month once, and the year once when the run stays in one calendar year', () => {
    const fy = financialYearStarting(2025);
    expect(describeMonthSpan(monthsOfFinancialYear(fy, 1))).toBe('April 2025');
    expect(describeMonthSpan(monthsOfFinancialYear(fy, 7))).toBe('April to October 2025');
    expect(describeMonthSpan(monthsOfFinancialYear(fy, 10))).toBe('April 2025 to January 2026');
  });
});
