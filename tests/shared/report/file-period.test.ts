import { describe, expect, it } from 'vitest';
import { decideFilePeriod, findMonthsInFileName } from '../../../shared/report/file-period.ts';
import { selectCurrentLines } from '../../../shared/report/select-current-lines.ts';
import { ledgerFile, line } from './helpers.ts';

describe('the month a file is for', () => {
  it.each([
    ['2024-05 payments.csv', [{ year: 2024, month: 5 }]],
    ['AP_202405.xlsx', [{ year: 2024, month: 5 }]],
    ['spend 05-2024.csv', [{ year: 2024, month: 5 }]],
    ['KICO 08 - November.csv', [{ month: 11 }]],
    ['Over 25k May 2024.csv', [{ month: 5, year: 2024 }]],
    ['spend-Sept-24.csv', [{ month: 9, year: 2024 }]],
    ['CROY 06 - Spetember.csv', [{ month: 9 }]],
    ['LEGR 06 - Septeber.csv', [{ month: 9 }]],
  ])('reads the month named in %s', (name, months) => {
    expect(findMonthsInFileName(name)).toEqual(months);
  });

  it('finds no month in names without one', () => {
    expect(findMonthsInFileName('extract.csv')).toEqual([]);
    expect(findMonthsInFileName('payments summary 2024.csv')).toEqual([]);
  });

  it('takes the named month, in the year nearest the lines, when it holds a quarter of the lines', () => {
    const file = ledgerFile('KICO 02 - May.csv', [
      line('2019-12-01', 1),
      line('2020-04-03', 1),
      line('2020-04-20', 1),
      line('2020-05-02', 1),
      line('2020-05-30', 1),
    ]);
    expect(decideFilePeriod(file)).toMatchObject({ months: ['2020-05'], from: 'file-name' });
  });

  it('falls back to the line dates when the named month holds few lines', () => {
    const lines = ['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => line(`2024-${m}-10`, 1));
    const period = decideFilePeriod(ledgerFile('report May.csv', lines));
    expect(period.from).toBe('line-dates');
    expect(period.months).toHaveLength(9);
    expect(period.evidence).toMatch(/only 11%/);
  });

  it('uses the line dates when a name names two months', () => {
    const file = ledgerFile('April to June 2024.csv', [line('2024-04-02', 1), line('2024-06-02', 1)]);
    expect(decideFilePeriod(file)).toMatchObject({ months: ['2024-04', '2024-06'], from: 'line-dates' });
  });
});

describe('monthly extracts with back-dated invoices', () => {
  it('keeps every line when each month’s file also holds earlier months’ invoices', () => {
    const april = ledgerFile('KICO 01 - April.csv', [
      line('2020-03-15', 100),
      line('2020-04-02', 200),
      line('2020-04-20', 300),
    ]);
    const may = ledgerFile('KICO 02 - May.csv', [line('2020-04-25', 400), line('2020-05-02', 500)]);
    const { lines, replaced } = selectCurrentLines([april, may]);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(1_500);
    expect(replaced.flat()).toEqual([]);
  });

  it('replaces the whole earlier file, back-dated lines included, with a corrected file for the same month', () => {
    const april = ledgerFile('KICO 01 - April.csv', [line('2020-03-15', 100), line('2020-04-02', 200)]);
    const corrected = ledgerFile('KICO 01 - April (corrected).csv', [
      line('2020-03-15', 100),
      line('2020-04-02', 250),
    ]);
    const { lines, replaced } = selectCurrentLines([april, corrected]);
    expect(lines.map((l) => l.amount)).toEqual([100, 250]);
    expect(replaced[0]).toEqual([
      { month: '2020-04', by: 'KICO 01 - April (corrected).csv', lines: 2, total: 300 },
    ]);
  });
});
