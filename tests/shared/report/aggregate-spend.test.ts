import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { aggregateSpend, sumFigures } from '../../../shared/report/aggregate-spend.ts';
import type { ClassifiedSupplier } from '../../../shared/types.ts';
import { line, supplier } from './helpers.ts';

const window = { firstYear: parseFinancialYear('2022/23'), reportMonth: '2024-10' };
const suppliers: ClassifiedSupplier[] = [
  supplier('local-sme', 'yes', 'yes', 'no'),
  supplier('far-big', 'no', 'no', 'no'),
  supplier('charity', 'unknown', 'unknown', 'yes'),
  supplier('redacted', 'unknown', 'unknown', 'unknown', 'redacted'),
];
/** Each key's position in `suppliers`, as `classifySpend`'s `supplierIndexes` give them. */
const indexesOf = (keys: readonly string[]) => keys.map((key) => suppliers.findIndex((s) => s.key === key));

describe('aggregating spend', () => {
  it('counts 31 March in the old year and 1 April in the new one', () => {
    const lines = [line('2023-03-31', 100), line('2023-04-01', 250)];
    const result = aggregateSpend(lines, indexesOf(['far-big', 'far-big']), suppliers, window);
    expect(result.financialYears.map((y) => [y.fy.label, y.figures.total])).toEqual([
      ['2022/23', 100],
      ['2023/24', 250],
      ['2024/25', 0],
    ]);
  });

  it('splits spend into local, SME, VCSE and the unknowns, with credit notes netted', () => {
    const lines = [
      line('2024-05-01', 10_000),
      line('2024-05-02', -2_500),
      line('2024-06-01', 7_000),
      line('2024-06-02', 3_000),
    ];
    const keys = ['local-sme', 'local-sme', 'far-big', 'charity'];
    const year = aggregateSpend(lines, indexesOf(keys), suppliers, window).financialYears[2];
    expect(year?.figures).toEqual({
      lines: 4,
      total: 17_500,
      local: 7_500,
      localUnknown: 3_000,
      sme: 7_500,
      smeUnknown: 3_000,
      vcse: 3_000,
      redacted: 0,
    });
  });

  it('counts redacted payees in the total only, not in any unknown', () => {
    const result = aggregateSpend([line('2024-05-01', 5_000)], indexesOf(['redacted']), suppliers, window);
    const f = result.financialYears[2]?.figures;
    expect(f).toMatchObject({
      total: 5_000,
      redacted: 5_000,
      localUnknown: 0,
      smeUnknown: 0,
      local: 0,
      sme: 0,
      vcse: 0,
    });
  });

  it('shows the report year to date and the same months of the year before', () => {
    const lines = [line('2023-10-31', 100), line('2023-11-01', 1_000), line('2024-10-15', 40)];
    const result = aggregateSpend(lines, indexesOf(['far-big', 'far-big', 'far-big']), suppliers, window);
    const current = result.financialYears.at(-1);
    expect(current).toMatchObject({ months: 7, yearToDate: true });
    expect(current?.figures.total).toBe(40);
    expect(result.previousYearToDate).toMatchObject({ months: 7 });
    expect(result.previousYearToDate?.fy.label).toBe('2023/24');
    expect(result.previousYearToDate?.figures.total).toBe(100);
    expect(result.monthly.map((m) => m.month)).toHaveLength(12 + 7);
  });

  it('sets aside, and counts, lines before the first year and after the report month', () => {
    const lines = [line('2022-03-31', 11), line('2024-11-01', 13), line('2024-10-31', 17)];
    const result = aggregateSpend(lines, indexesOf(['far-big', 'far-big', 'far-big']), suppliers, window);
    expect(result.outsideWindow).toEqual({ before: { lines: 1, total: 11 }, after: { lines: 1, total: 13 } });
    expect(sumFigures(result.financialYears.map((y) => y.figures)).total).toBe(17);
  });

  it('keeps every penny: years plus the set-aside lines add up to the lines, each line in exactly one year', () => {
    const arbitraryLine = fc.record({
      year: fc.integer({ min: 2021, max: 2025 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.integer({ min: -1_000_000_00, max: 5_000_000_00 }),
      who: fc.constantFrom('local-sme', 'far-big', 'charity', 'redacted'),
    });
    fc.assert(
      fc.property(fc.array(arbitraryLine, { maxLength: 200 }), (specs) => {
        const lines = specs.map((s) =>
          line(`${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`, s.amount),
        );
        const keys = specs.map((s) => s.who);
        const result = aggregateSpend(lines, indexesOf(keys), suppliers, window);
        const years = sumFigures(result.financialYears.map((y) => y.figures));
        const all = lines.reduce((sum, l) => sum + l.amount, 0);
        expect(years.total + result.outsideWindow.before.total + result.outsideWindow.after.total).toBe(all);
        expect(years.lines + result.outsideWindow.before.lines + result.outsideWindow.after.lines).toBe(
          lines.length,
        );
        expect(result.suppliers.reduce((sum, s) => sum + s.total, 0)).toBe(years.total);
        const lastTwoYears = sumFigures(result.financialYears.slice(-2).map((y) => y.figures));
        expect(sumFigures(result.monthly.map((m) => m.figures))).toEqual(lastTwoYears);
      }),
    );
  });
});
