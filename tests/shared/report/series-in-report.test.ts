import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/build-report.ts';
import { renderWorkbook } from '../../../shared/report/render-workbook.ts';
import { SummarySchema, toSummaryJson } from '../../../shared/report/summary-json.ts';
import { ledgerFile, line } from './helpers.ts';
import { readXlsx, tableUnder } from './read-xlsx.ts';

const may = [
  line('2024-05-03', 100_00, 'Acme Ltd'),
  line('2024-05-04', 250_50, 'Bolt plc'),
  line('2024-05-09', 75_00, 'Crane Ltd'),
];
/** Cardiology's May, its correction, oncology's May, and a re-export of cardiology's under another name. */
const files = [
  ledgerFile('Cardiology 2024-05.csv', may),
  ledgerFile('Cardiology 2024-05 (corrected).csv', [
    ...may.slice(0, 2),
    line('2024-05-09', 80_00, 'Crane Ltd'),
  ]),
  ledgerFile('Oncology 2024-05.csv', [line('2024-05-06', 42_00, 'Drill Ltd')]),
  ledgerFile('Cardiology export 2024-05.csv', may),
];

function report() {
  return buildReport(files, undefined, {
    firstYear: parseFinancialYear('2024/25'),
    reportMonth: '2024-05',
    classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
  });
}

describe('series in the report', () => {
  it('gives each file its series in summary.json, and the possible double count as a warning', () => {
    const summary = SummarySchema.parse(toSummaryJson(report()));

    expect(
      summary.files.map((file) => [file.name, file.series, file.replacedMonths.map((r) => r.by)]),
    ).toEqual([
      ['Cardiology 2024-05.csv', 'cardiology', ['Cardiology 2024-05 (corrected).csv']],
      ['Cardiology 2024-05 (corrected).csv', 'cardiology', []],
      ['Oncology 2024-05.csv', 'oncology', []],
      ['Cardiology export 2024-05.csv', 'cardiology export', []],
    ]);
    // The correction (£430.50), oncology (£42.00) and the re-export (£425.50): the first file is replaced.
    expect(summary.financialYears[0]?.total).toBe('898.00');
    expect(summary.overlaps).toEqual([
      {
        month: '2024-05',
        files: ['Cardiology 2024-05 (corrected).csv', 'Cardiology export 2024-05.csv'],
        series: ['cardiology', 'cardiology export'],
        rows: 2,
        total: '350.50',
        warning: expect.stringMatching(
          /^Cardiology 2024-05 \(corrected\)\.csv and Cardiology export 2024-05\.csv both carry 2 identical lines for 2024-05 \(£350\.50\), and both count.*give them the same name apart from the date and version words/,
        ),
      },
    ]);
  });

  it('shows each file’s series on the Files sheet and the warning on the Data quality sheet', async () => {
    const book = readXlsx(await renderWorkbook(report()));

    const filesSheet = book.sheet('Files');
    const header = filesSheet.rows.find((row) => row[0] === 'File') ?? [];
    const column = header.findIndex((cell) => String(cell).startsWith('Series'));
    expect(tableUnder(filesSheet, 'File').map((row) => [row[0], row[column]])).toEqual([
      ['Cardiology 2024-05.csv', 'cardiology'],
      ['Cardiology 2024-05 (corrected).csv', 'cardiology'],
      ['Oncology 2024-05.csv', 'oncology'],
      ['Cardiology export 2024-05.csv', 'cardiology export'],
    ]);
    const problems = tableUnder(book.sheet('Data quality'), 'Line');
    expect(problems).toEqual([
      [
        null,
        'Cardiology 2024-05 (corrected).csv and Cardiology export 2024-05.csv',
        'maybe counted twice',
        null,
        '2024-05',
        expect.stringContaining('both carry 2 identical lines for 2024-05 (£350.50)'),
        null,
      ],
    ]);
  });
});
