import { describe, expect, it } from 'vitest';
import { describeSeriesOverlap, selectCurrentLines } from '../../../shared/report/select-current-lines.ts';
import { ledgerFile, line } from './helpers.ts';

describe('choosing the current lines when files overlap', () => {
  it('lets a later file replace the months it covers and keeps the earlier file’s other months', () => {
    const first = ledgerFile('Q1 payments.csv', [
      line('2024-04-10', 100),
      line('2024-05-10', 200),
      line('2024-06-10', 300),
    ]);
    const correction = ledgerFile('Q1 payments May 2024 corrected.csv', [line('2024-05-03', 250)]);
    const { lines, replaced } = selectCurrentLines([first, correction]);
    expect(lines.map((l) => l.amount)).toEqual([100, 300, 250]);
    expect(replaced[0]).toEqual([
      { month: '2024-05', by: 'Q1 payments May 2024 corrected.csv', lines: 1, total: 200 },
    ]);
    expect(replaced[1]).toEqual([]);
  });

  it('never lets a rejected file replace anything', () => {
    const good = ledgerFile('may.csv', [line('2024-05-10', 200)]);
    const bad = ledgerFile('may-again.csv', [], 'rejected');
    expect(selectCurrentLines([good, bad]).lines).toHaveLength(1);
  });

  it('counts the same file given twice once', () => {
    const may = ledgerFile('may.csv', [line('2024-05-10', 200), line('2024-05-11', 5)]);
    const { lines, replaced } = selectCurrentLines([may, { ...may, name: 'may (copy).csv' }]);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(205);
    expect(replaced[0]?.[0]).toMatchObject({ month: '2024-05', by: 'may (copy).csv', lines: 2, total: 205 });
  });

  it('counts every file of a split extract: one per cost centre for the same month replaces none', () => {
    const centres = ['CC1234 2024-05.csv', 'CC5678 2024-05.csv', 'CC9012 May 2024.csv'].map((name, index) =>
      ledgerFile(name, [
        line('2024-05-03', 100 * (index + 1), `Supplier ${index}`),
        line('2024-04-28', 7, `Late ${index}`),
      ]),
    );

    const { lines, series, replaced, overlaps } = selectCurrentLines(centres);

    expect(series).toEqual(['cc1234', 'cc5678', 'cc9012']);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(100 + 200 + 300 + 3 * 7);
    expect(replaced.flat()).toEqual([]);
    expect(overlaps).toEqual([]);
  });

  it('replaces within a series and keeps the other series: a corrected cost centre among split extracts', () => {
    const pharmacy = ledgerFile('Pharmacy May 2024.xlsx', [line('2024-05-03', 100, 'Drugs Ltd')]);
    const estates = ledgerFile('Estates May 2024.xlsx', [line('2024-05-04', 200, 'Bricks Ltd')]);
    const corrected = ledgerFile('Pharmacy May 2024 v2.xlsx', [line('2024-05-03', 150, 'Drugs Ltd')]);

    const { lines, replaced } = selectCurrentLines([pharmacy, estates, corrected]);

    expect(lines.map((l) => l.amount)).toEqual([200, 150]);
    expect(replaced).toEqual([
      [{ month: '2024-05', by: 'Pharmacy May 2024 v2.xlsx', lines: 1, total: 100 }],
      [],
      [],
    ]);
  });

  it('keeps the series it is given over the one its name says: an upload in a folder', () => {
    const cardiology = { ...ledgerFile('2024-05.csv', [line('2024-05-03', 100)]), series: 'cardiology' };
    const oncology = { ...ledgerFile('2024-05.csv', [line('2024-05-04', 200)]), series: 'oncology' };

    const { lines, replaced } = selectCurrentLines([cardiology, oncology]);

    expect(lines.map((l) => l.amount)).toEqual([100, 200]);
    expect(replaced.flat()).toEqual([]);
  });
});

describe('files of different series that carry the same lines', () => {
  const payments = [
    line('2024-05-03', 100_00, 'Acme Ltd'),
    line('2024-05-04', 250_50, 'Bolt plc'),
    line('2024-05-04', 250_50, 'Bolt plc'),
    line('2024-05-09', 75_00, 'Crane Ltd'),
  ];

  it('warns, naming both files, the month, the identical lines and their total, and still counts both', () => {
    const first = ledgerFile('AP 2024-05.csv', payments);
    const resent = ledgerFile('AP 2024-05 second run.csv', [
      ...payments.slice(0, 3),
      line('2024-05-20', 5_00),
    ]);

    const { lines, overlaps } = selectCurrentLines([first, resent]);

    expect(lines).toHaveLength(8);
    expect(overlaps).toEqual([
      {
        month: '2024-05',
        files: ['AP 2024-05.csv', 'AP 2024-05 second run.csv'],
        series: ['ap', 'ap run second'],
        lines: 3,
        total: 601_00,
      },
    ]);
    expect(describeSeriesOverlap(overlaps[0] ?? expect.fail('no overlap'))).toBe(
      'AP 2024-05.csv and AP 2024-05 second run.csv both carry 3 identical lines for 2024-05 (£601.00), ' +
        'and both count: their names make them different extracts ("ap", "ap run second"). If one corrects ' +
        'the other, give them the same name apart from the date and version words (v2, corrected, …) and ' +
        'send them again',
    );
  });

  it('does not warn when fewer than half the smaller file’s lines are shared, nor within a series', () => {
    const cardiology = ledgerFile('cardiology 2024-05.csv', payments);
    const oncology = ledgerFile('oncology 2024-05.csv', [
      payments[0] ?? line('2024-05-03', 1),
      line('2024-05-06', 9_00, 'Drill Ltd'),
      line('2024-05-07', 8_00, 'Eve Ltd'),
    ]);
    const resent = ledgerFile('cardiology 2024-05 corrected.csv', payments);

    expect(selectCurrentLines([cardiology, oncology]).overlaps).toEqual([]);
    expect(selectCurrentLines([cardiology, resent]).overlaps).toEqual([]);
  });

  it('tells lines apart by their transaction when both files have one', () => {
    const withIds = (name: string, ids: string[]) => ({
      ...ledgerFile(
        name,
        payments.map((l, i) => ({ ...l, transaction: ids[i] ?? '' })),
      ),
      columns: { transaction: 'Transaction' },
    });
    const a = withIds('CC1 2024-05.csv', ['T1', 'T2', 'T3', 'T4']);
    const b = withIds('CC2 2024-05.csv', ['T5', 'T6', 'T7', 'T8']);
    const c = withIds('CC3 2024-05.csv', ['T1', 'T2', 'T9', 'T10']);
    const noIds = ledgerFile('CC4 2024-05.csv', payments);

    const pairs = (files: ReturnType<typeof ledgerFile>[]) =>
      selectCurrentLines(files).overlaps.map((o) => [...o.files, o.lines]);

    expect(pairs([a, b])).toEqual([]);
    expect(pairs([a, c])).toEqual([['CC1 2024-05.csv', 'CC3 2024-05.csv', 2]]);
    expect(pairs([a, noIds])).toEqual([['CC1 2024-05.csv', 'CC4 2024-05.csv', 4]]);
  });

  it('compares only the lines that count: a replaced file is not a double count', () => {
    const first = ledgerFile('KICO 02 - May.csv', payments);
    const corrected = ledgerFile('KICO 02 - May (corrected).csv', payments);
    const other = ledgerFile('LEGR 02 - May.csv', payments);

    const { overlaps } = selectCurrentLines([first, corrected, other]);

    expect(overlaps.map((o) => o.files)).toEqual([['KICO 02 - May (corrected).csv', 'LEGR 02 - May.csv']]);
  });
});
