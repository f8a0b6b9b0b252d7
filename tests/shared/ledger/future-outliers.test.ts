import { describe, expect, it } from 'vitest';
import { findFutureOutliers, MonthTally } from '../../../shared/ledger/future-outliers.ts';

/** A tally with `count` lines in each month given, numbered from `firstLine`. */
function tally(months: Record<string, number>, firstLine = 2): MonthTally {
  const result = new MonthTally();
  let line = firstLine;
  for (const [month, count] of Object.entries(months)) {
    for (let i = 0; i < count; i++) result.add(month, line++, `${month}-13`);
  }
  return result;
}

describe('findFutureOutliers', () => {
  it('finds lines a year or more after the rest of the file, naming the latest month of the rest', () => {
    const found = findFutureOutliers([tally({ '2024-04': 40, '2099-04': 1 })]);
    expect(found).toEqual({
      latest: '2024-04',
      count: 1,
      lines: [{ line: 42, text: '2099-04-13', month: '2099-04', monthsAfter: 900 }],
    });
  });

  it('counts the months of every tally together (dates of each style, in their decided order)', () => {
    const found = findFutureOutliers([tally({ '2024-04': 30 }), tally({ '2025-04': 2 }, 100)]);
    expect(found?.count).toBe(2);
    expect(found?.latest).toBe('2024-04');
  });

  it('leaves a continuous multi-year extract alone, and invoice dates years before its month', () => {
    const years: Record<string, number> = {};
    for (let month = 0; month < 36; month++)
      years[`${2021 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`] = 1;
    expect(findFutureOutliers([tally(years)])).toBeUndefined();
    expect(findFutureOutliers([tally({ '2019-03': 2, '2024-04': 40 })])).toBeUndefined();
  });

  it('takes 11 months apart, more than 10 lines apart, or half the file for real payments, not typos', () => {
    expect(findFutureOutliers([tally({ '2024-04': 40, '2025-03': 1 })])).toBeUndefined();
    expect(findFutureOutliers([tally({ '2024-04': 40, '2026-04': 11 })])).toBeUndefined();
    expect(findFutureOutliers([tally({ '2024-04': 1, '2099-04': 1 })])).toBeUndefined();
  });
});
