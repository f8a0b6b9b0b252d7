import { describe, expect, it } from 'vitest';
import { compareExtractNames } from '../../../shared/report/file-period.ts';

describe('compareExtractNames', () => {
  it('puts each original before its versions, and the versions in order, whatever plain name order says', () => {
    const given = [
      '2025-05 payments v3.csv',
      'KICO 02 - May (corrected).csv',
      '2025-05 amended payments.csv',
      '2025-06 payments.csv',
      '2025-05 payments.csv',
      'KICO 02 - May.csv',
      '2025-04 payments.csv',
      '2025-05 payments revised.csv',
    ];

    expect([...given].sort(compareExtractNames)).toEqual([
      '2025-04 payments.csv',
      '2025-05 payments.csv',
      '2025-05 amended payments.csv',
      '2025-05 payments revised.csv',
      '2025-05 payments v3.csv',
      '2025-06 payments.csv',
      'KICO 02 - May.csv',
      'KICO 02 - May (corrected).csv',
    ]);
  });

  it('orders names that differ in more than their version words as compareFileNames does', () => {
    expect(['CC5678 2024-05.csv', 'CC1234 2024-05.csv', 'cc2 2024-05.csv'].sort(compareExtractNames)).toEqual(
      ['cc2 2024-05.csv', 'CC1234 2024-05.csv', 'CC5678 2024-05.csv'],
    );
  });
});
