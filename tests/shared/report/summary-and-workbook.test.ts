import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { aggregateSpend } from '../../../shared/report/aggregate-spend.ts';
import type { Report } from '../../../shared/report/build-report.ts';
import { describeDefinitions } from '../../../shared/report/definitions.ts';
import { renderWorkbook } from '../../../shared/report/render-workbook.ts';
import { selectCurrentLines } from '../../../shared/report/select-current-lines.ts';
import { SummarySchema, toSummaryJson } from '../../../shared/report/summary-json.ts';
import type { LedgerFile } from '../../../shared/types.ts';
import { ledgerFile, line, supplier } from './helpers.ts';

const locality = {
  name: 'Kent and Medway',
  districtCodes: ['E06000035'],
  inDistricts: ['ME14'],
  ambiguousDistricts: ['TN8'],
};

function reportFrom(files: LedgerFile[]): Report {
  const firstYear = parseFinancialYear('2023/24');
  const { lines, periods, series, replaced } = selectCurrentLines(files);
  const suppliers = [
    supplier('=HYPERLINK("http://x")', 'yes', 'yes', 'no'),
    supplier('far', 'no', 'unknown', 'yes'),
  ];
  const indexes = lines.map((l) => (l.supplier === 'far' ? 1 : 0));
  const aggregation = aggregateSpend(lines, indexes, suppliers, { firstYear, reportMonth: '2024-05' });
  return {
    ...aggregation,
    reportMonth: '2024-05',
    firstYear,
    definitions: describeDefinitions(
      { locality, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
      firstYear,
    ),
    files: files.map(({ lines: fileLines, ...file }, i) => ({
      file,
      lines: fileLines.length,
      total: fileLines.reduce((s, l) => s + l.amount, 0),
      months: [...new Set(fileLines.map((l) => l.date.slice(0, 7)))],
      period: periods[i] ?? { months: [], from: 'line-dates', evidence: '' },
      series: series[i] ?? '',
      replaced: replaced[i] ?? [],
    })),
  };
}

const april = ledgerFile('april.csv', [
  line('2024-04-02', 123_45),
  line('2024-04-03', -5_00, 'far'),
  line('2023-05-01', 99_99, 'far'),
]);
const broken: LedgerFile = {
  ...ledgerFile('may.csv', [], 'rejected'),
  rejection: {
    file: 'may.csv',
    line: 1,
    column: 'Amount',
    value: '',
    reason: 'no amount column: add one headed "Amount"',
  },
};

describe('summary.json', () => {
  it('follows the schemaVersion 2 contract with money as two-decimal strings', () => {
    const summary = toSummaryJson(reportFrom([april, broken]));
    expect(SummarySchema.parse(summary)).toEqual(summary);
    expect(summary.financialYears).toEqual([
      expect.objectContaining({
        fy: '2023/24',
        months: 12,
        total: '99.99',
        vcse: '99.99',
        smeUnknown: '99.99',
      }),
      expect.objectContaining({
        fy: '2024/25',
        months: 2,
        yearToDate: true,
        total: '118.45',
        local: '123.45',
        vcse: '-5.00',
      }),
    ]);
    expect(summary.previousYearToDate).toMatchObject({ fy: '2023/24', months: 2, total: '99.99' });
  });

  it('accounts for every file, with the rejection line, column and reason', () => {
    const summary = toSummaryJson(reportFrom([april, broken]));
    expect(summary.files[0]).toMatchObject({
      name: 'april.csv',
      status: 'accepted',
      rows: 3,
      total: '218.44',
    });
    expect(summary.files[0]?.months.sort()).toEqual(['2023-05', '2024-04']);
    expect(summary.files[1]).toMatchObject({
      status: 'rejected',
      rows: 0,
      errors: [{ line: 1, column: 'Amount', reason: expect.stringContaining('no amount column') }],
    });
  });
});

describe('the workbook', () => {
  it('reads back with the same figures as summary.json on the Summary sheet', async () => {
    const report = reportFrom([april, broken]);
    const summary = toSummaryJson(report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderWorkbook(report)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Monthly',
      'Suppliers',
      'Data quality',
      'FOI answers',
      'Method',
      'Files',
    ]);
    const sheet = workbook.getWorksheet('Summary');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    for (const year of summary.financialYears) {
      const row = rows.find((r) => r[0] === year.fy);
      expect(row?.[2]).toBeCloseTo(Number(year.total), 2);
      expect(row?.[3]).toBeCloseTo(Number(year.local), 2);
    }
  });

  it('writes a supplier name that looks like a formula as text, never as a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await renderWorkbook(reportFrom([april]))) as unknown as ArrayBuffer,
    );
    const names: unknown[] = [];
    workbook.getWorksheet('Suppliers')?.eachRow((row) => {
      names.push(row.getCell(1).value);
    });
    expect(names).toContain('=HYPERLINK("http://x")');
    expect(names.some((n) => typeof n === 'object' && n !== null && 'formula' in n)).toBe(false);
  });

  it('lists rejected files on the Data quality sheet with line, column and reason', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await renderWorkbook(reportFrom([april, broken]))) as unknown as ArrayBuffer,
    );
    const cells: unknown[][] = [];
    workbook.getWorksheet('Data quality')?.eachRow((row) => {
      cells.push((row.values as unknown[]).slice(1, 7));
    });
    expect(cells).toContainEqual([
      1,
      'may.csv',
      'file rejected',
      'Amount',
      '',
      'no amount column: add one headed "Amount"',
    ]);
  });

  it("lists the notes of an accepted file's counted lines as cells to check, and says so in the heading", async () => {
    const noted: LedgerFile = {
      ...april,
      notes: [
        {
          file: 'april.csv',
          line: 2,
          column: 'Payment Date',
          value: '2024-04-02',
          reason: 'this date may have had its day and month swapped',
        },
      ],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await renderWorkbook(reportFrom([noted]))) as unknown as ArrayBuffer,
    );
    const cells: unknown[][] = [];
    workbook.getWorksheet('Data quality')?.eachRow((row) => {
      cells.push((row.values as unknown[]).slice(1, 7));
    });
    expect(cells).toContainEqual([
      2,
      'april.csv',
      'line counts; check it',
      'Payment Date',
      '2024-04-02',
      'this date may have had its day and month swapped',
    ]);
    expect(cells.flat()).toContainEqual(expect.stringContaining('cells of counted lines to check'));
  });
});
