import { describe, expect, it } from 'vitest';
import { selectCurrentLines } from '../../../shared/report/select-current-lines.ts';
import { ledgerFile, line } from './helpers.ts';

describe('choosing the current lines when files overlap', () => {
  it('lets a later file replace the months it covers and keeps the earlier file’s other months', () => {
    const first = ledgerFile('q1.csv', [
      line('2024-04-10', 100),
      line('2024-05-10', 200),
      line('2024-06-10', 300),
    ]);
    const correction = ledgerFile('may-corrected.csv', [line('2024-05-03', 250)]);
    const { lines, replaced } = selectCurrentLines([first, correction]);
    expect(lines.map((l) => l.amount)).toEqual([100, 300, 250]);
    expect(replaced[0]).toEqual([{ month: '2024-05', by: 'may-corrected.csv', lines: 1, total: 200 }]);
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
});
