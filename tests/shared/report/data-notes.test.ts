import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport, describeDataNotes, findReportYear } from '../../../shared/report/index.ts';
import type { LedgerFile, LineIssue } from '../../../shared/types.ts';
import { ledgerFile, line } from './helpers.ts';

const FILE = '2025-04 AP payments.xlsx';

const note = (lineNumber: number, column: string): LineIssue => ({
  file: FILE,
  line: lineNumber,
  column,
  value: '2025-02-04',
  reason: 'a spreadsheet set to month/day may have swapped the day and month …',
});

function notesOf(...files: LedgerFile[]) {
  const report = buildReport(files, undefined, {
    firstYear: parseFinancialYear('2024/25'),
    reportMonth: '2025-04',
    classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
  });
  const year = findReportYear(report);
  if (year === undefined) throw new Error('no figures for 2025/26');
  return {
    email: describeDataNotes(report, year, 'email'),
    workbook: describeDataNotes(report, year, 'workbook'),
  };
}

const april = (notes: LineIssue[], name = FILE): LedgerFile => ({
  ...ledgerFile(name, [line('2025-04-10', 1_000_00), line('2025-02-04', 500_00)]),
  columns: { date: 'Payment Date', supplier: 'Supplier', amount: 'Amount', postcode: 'Postcode' },
  notes,
});

describe('the notes on the data', () => {
  it('tell the board which files have dates a spreadsheet may have swapped', () => {
    const { email, workbook } = notesOf(april([note(3, 'Payment Date'), note(7, 'Payment Date')]));

    expect(email).toEqual([
      `Some dates may be wrong: 2 dates in ${FILE} may have been stored by a spreadsheet with the day and month swapped, which would put those payments in the wrong month. ` +
        "The workbook's Data quality sheet lists them.",
    ]);
    expect(workbook[0]).toMatch(/This workbook's Data quality sheet lists them\.$/);
  });

  it('say nothing of a postcode left out, which moves no payment', () => {
    expect(notesOf(april([note(4, 'Postcode')])).email).toEqual([]);
  });

  it('say nothing of a file whose month a revision replaced', () => {
    const original = april([note(3, 'Payment Date')], '2025-04 AP payments.xlsx');
    const revised = { ...april([], '2025-04 AP payments revised.xlsx') };

    expect(notesOf(original, revised).email).toEqual([]);
  });
});
