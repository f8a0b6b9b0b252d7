import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/index.ts';
import { ledgerFile, line } from './helpers.ts';

const config = {
  firstYear: parseFinancialYear('2024/25'),
  classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
} as const;

const february = ledgerFile('NDCH Feb 2025.csv', [
  line('2025-02-10', 1_000_00),
  line('2025-02-20', 2_000_00),
]);

describe('the month a report is for, when none is given', () => {
  it('is the month the latest extract is for, not the month of a payment it carries dated after it', () => {
    // A March extract whose payment run included two payments dated 1 April.
    const march = ledgerFile('NDCH over 25k March 2025.csv', [
      line('2025-03-05', 5_000_00),
      line('2025-03-28', 6_000_00),
      line('2025-04-01', 700_00),
      line('2025-04-01', 800_00),
    ]);

    const report = buildReport([february, march], undefined, config);

    expect(report.reportMonth).toBe('2025-03');
    expect(report.outsideWindow.after).toEqual({ lines: 2, total: 1_500_00 });
    expect(report.financialYears.map((year) => [year.fy.label, year.figures.total])).toEqual([
      ['2024/25', 14_000_00],
    ]);
  });

  it('is the month of the latest line when no file name names a month', () => {
    const payments = ledgerFile('payments.csv', [line('2025-03-05', 5_000_00), line('2025-04-01', 700_00)]);

    expect(buildReport([payments], undefined, config).reportMonth).toBe('2025-04');
  });

  it('passes over a file with no lines, such as a rejected one', () => {
    const april = ledgerFile('NDCH April 2025.csv', [], 'rejected');

    expect(buildReport([february, april], undefined, config).reportMonth).toBe('2025-02');
  });
});
