import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport, describeDataNotes, findReportYear } from '../../../shared/report/index.ts';
import type { LineIssue } from '../../../shared/types.ts';
import { ledgerFile, line } from './helpers.ts';

const note = (lineNumber: number): LineIssue => ({
  file: '2025-04 AP payments.xlsx',
  line: lineNumber,
  column: 'Payment Date',
  value: '2025-02-04',
  reason: 'a spreadsheet set to month/day may have swapped the day and month …',
});

describe('the notes on the data', () => {
  it('tell the board which files have cells of counted lines to check, such as swapped dates', () => {
    const april = {
      ...ledgerFile('2025-04 AP payments.xlsx', [line('2025-04-10', 1_000_00), line('2025-02-04', 500_00)]),
      notes: [note(3), note(7)],
    };
    const report = buildReport([april], undefined, {
      firstYear: parseFinancialYear('2024/25'),
      reportMonth: '2025-04',
      classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
    });
    const year = findReportYear(report);
    if (year === undefined) throw new Error('no figures for 2025/26');

    expect(describeDataNotes(report, year, 'email')).toEqual([
      'Some counted lines have cells to check: 2 cells in 2025-04 AP payments.xlsx (a date a spreadsheet may have stored with its day and month swapped, say, which would put a payment in the wrong month). ' +
        "The workbook's Data quality sheet lists them.",
    ]);
    expect(describeDataNotes(report, year, 'workbook')[0]).toMatch(
      /This workbook's Data quality sheet lists them\.$/,
    );
  });
});
