import { describe, expect, it } from 'vitest';
import { compareFileNames } from '../../shared/pipeline/index.ts';

describe('the order files in a folder are read in', () => {
  it('puts a corrected re-export after the original of the same name', () => {
    const names = ['2023-09 payments (corrected).csv', '2023-09 payments.csv', '2023-08 payments.csv'];
    expect(names.sort(compareFileNames)).toEqual([
      '2023-08 payments.csv',
      '2023-09 payments.csv',
      '2023-09 payments (corrected).csv',
    ]);
  });

  it('orders numbers numerically and ignores case', () => {
    expect(['spend 10.csv', 'Spend 9.csv', 'spend 1.xlsx'].sort(compareFileNames)).toEqual([
      'spend 1.xlsx',
      'Spend 9.csv',
      'spend 10.csv',
    ]);
  });
});
