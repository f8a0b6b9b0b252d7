import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveSeriesKey, findMonthsInFileName } from '../../../shared/report/file-period.ts';

const REAL_SPEND = join(import.meta.dirname, '../../fixtures/real-spend');

describe('the series of a file: which extract it is a version of', () => {
  it.each(readdirSync(REAL_SPEND, { withFileTypes: true }).filter((entry) => entry.isDirectory()))(
    'gives every monthly file of the real trust $name one series',
    ({ name }) => {
      const files = readdirSync(join(REAL_SPEND, name));
      expect(files.length).toBeGreaterThan(5);
      expect(new Set(files.map(deriveSeriesKey))).toEqual(new Set([name.toLowerCase()]));
    },
  );

  it.each([
    ['2023-09 payments.csv', '2023-09 payments (corrected).csv'],
    ['KICO 02 - May.csv', 'KICO 02 - May v2.csv'],
    ['KICO 01 - April.csv', 'KICO 01 - April (corrected).csv'],
    ['CROY 06 - Spetember.csv', 'CROY 06 - September final.csv'],
    ['2024-05.csv', '2024-05 v2 final.csv'],
    ['May 2024.csv', 'Copy of May 2024 - Copy (2).csv'],
    ['AP_202405.xlsx', 'AP_202405 rev 3.xlsx'],
    ['Spend over 25k May 2024.xlsx', 'Spend over 25k - May-24 version 2 (amended).xlsx'],
    ['kvft-payments-2024-05.csv', 'kvft-payments-2024-05 corrected again.csv'],
    ['AP payments 2023-09 exported 20231004.csv', 'AP payments 2023-09 exported 20231019 corrected.csv'],
    ['Payments P02 2024-25.csv', 'Payments Period 2 2024-25 resubmitted.csv'],
    ['KVFT Transparency 2024-25 M02 May-24.xlsx', 'KVFT Transparency 2024-25 M02 May-24 REVISED.xlsx'],
    ['Pharmacy May 2024.xlsx', 'pharmacy_may_2024_updated.XLSX'],
    ['oncology/2024-05.csv', 'oncology/2024-05 (1).csv'],
  ])('reads %s and %s as versions of one extract', (first, second) => {
    expect(deriveSeriesKey(second)).toBe(deriveSeriesKey(first));
  });

  it.each([
    ['CC1234 2024-05.csv', 'CC5678 2024-05.csv'],
    ['Pharmacy May 2024.xlsx', 'Estates May 2024.xlsx'],
    ['cardiology/2024-05.csv', 'oncology/2024-05.csv'],
    ['Payments 1 2024-05.csv', 'Payments 2 2024-05.csv'],
    ['Payments 01 2024-05.csv', 'Payments 02 2024-05.csv'],
    ['CC11 2024-05.csv', 'CC12 2024-05.csv'],
    ['Payments part 1 May 2024.csv', 'Payments part 2 May 2024.csv'],
    ['Payments 1 May.csv', 'Payments 3 May.csv'],
    ['Trust A 2024-05.csv', 'Trust B 2024-05.csv'],
  ])('reads %s and %s as two extracts', (first, second) => {
    expect(deriveSeriesKey(second)).not.toBe(deriveSeriesKey(first));
  });

  it.each([
    ['KICO 02 - May.csv', 'kico'],
    ['CC1234 2024-05.csv', 'cc1234'],
    ['Payments 1 2024-05.csv', '1 payments'],
    ['Kent Valley NHS FT - Payments May 2024.csv', 'ft kent nhs payments valley'],
    ['2024-05 v2 final.csv', ''],
    ['cardiology/2024-05.csv', 'cardiology'],
    ['Cardiology/Payments May 2024.csv', 'cardiology/payments'],
    ['2024-05/CC1234.csv', 'cc1234'],
  ])(
    'keys %s as "%s": dates, period numbers and versions out, the rest lower-case and sorted',
    (name, key) => {
      expect(deriveSeriesKey(name)).toBe(key);
    },
  );

  it('takes out a month’s number only when it is that month’s, in the financial year or the calendar', () => {
    expect(deriveSeriesKey('NEHV 12 - March.csv')).toBe('nehv');
    expect(deriveSeriesKey('Spend 03 March.csv')).toBe('spend');
    expect(deriveSeriesKey('Spend 4 March.csv')).toBe('4 spend');
  });

  it('reads the month a cost centre number sits beside as the month, not as another month', () => {
    expect(findMonthsInFileName('CC12 2024-05.csv')).toEqual([{ year: 2024, month: 5 }]);
    expect(findMonthsInFileName('spend 05-2024.csv')).toEqual([{ year: 2024, month: 5 }]);
  });
});
