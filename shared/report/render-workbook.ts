import ExcelJS from 'exceljs';
import { describeMonth } from '../periods/financial-year.ts';
import type { CategoryDecision, Pence } from '../types.ts';
import type { SpendFigures } from './aggregate-spend.ts';
import type { Report } from './build-report.ts';

const POUNDS = '£#,##0.00;[Red]-£#,##0.00';
const PERCENT = '0.0%';

type Row = (string | number | null)[];

interface Column {
  header: string;
  width: number;
  format?: string;
}

function pounds(pence: Pence): number {
  return pence / 100;
}

function share(part: Pence, total: Pence): number | null {
  return total === 0 ? null : part / total;
}

function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string[],
  columns: Column[],
  rows: Row[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  for (const line of title) sheet.addRow([line]).font = { bold: line === title[0] };
  if (title.length > 0) sheet.addRow([]);
  const headerRow = sheet.addRow(columns.map((c) => c.header));
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows) sheet.addRow(row);
  columns.forEach((column, index) => {
    const col = sheet.getColumn(index + 1);
    col.width = column.width;
    if (column.format) col.numFmt = column.format;
  });
  const headerNumber = headerRow.number;
  sheet.views = [{ state: 'frozen', ySplit: headerNumber }];
  sheet.autoFilter = {
    from: { row: headerNumber, column: 1 },
    to: { row: headerNumber + rows.length, column: columns.length },
  };
  sheet.pageSetup = {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerNumber}:${headerNumber}`,
  };
  return sheet;
}

const FIGURE_COLUMNS: Column[] = [
  { header: 'Total spend', width: 16, format: POUNDS },
  { header: 'Local', width: 16, format: POUNDS },
  { header: 'Local %', width: 9, format: PERCENT },
  { header: 'Locality unknown', width: 16, format: POUNDS },
  { header: 'SME', width: 16, format: POUNDS },
  { header: 'SME %', width: 9, format: PERCENT },
  { header: 'Size unknown', width: 16, format: POUNDS },
  { header: 'VCSE', width: 16, format: POUNDS },
  { header: 'VCSE %', width: 9, format: PERCENT },
  { header: 'Redacted payees', width: 16, format: POUNDS },
  { header: 'Lines', width: 8 },
];

function figureCells(f: SpendFigures): Row {
  return [
    pounds(f.total),
    pounds(f.local),
    share(f.local, f.total),
    pounds(f.localUnknown),
    pounds(f.sme),
    share(f.sme, f.total),
    pounds(f.smeUnknown),
    pounds(f.vcse),
    share(f.vcse, f.total),
    pounds(f.redacted),
    f.lines,
  ];
}

const DECISION_WORD = { yes: 'Yes', no: 'No', unknown: 'Unknown' } as const;

function decisionCells(decision: CategoryDecision): Row {
  return [
    DECISION_WORD[decision.decision],
    decision.evidence.map((e) => `${e.detail} [${e.rule}]`).join('; '),
  ];
}

/**
 * The report as an Excel workbook: Summary, Monthly, Suppliers, Files and Problems sheets.
 *
 * @example await renderWorkbook(report, { title: 'Kent Valley NHS FT' })
 */
export async function renderWorkbook(report: Report, options: { title?: string } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'socval';
  const heading = `${options.title ? `${options.title} — ` : ''}Social value spend to ${describeMonth(report.reportMonth)}`;

  const summaryRows: Row[] = report.financialYears.map((year) => [
    year.fy.label,
    year.yearToDate ? `${year.months} months to date` : '12 months',
    ...figureCells(year.figures),
  ]);
  if (report.previousYearToDate) {
    const prior = report.previousYearToDate;
    summaryRows.push([
      `${prior.fy.label} same months`,
      `${prior.months} months`,
      ...figureCells(prior.figures),
    ]);
  }
  const summary = addTable(
    workbook,
    'Summary',
    [heading, `Financial years from ${report.firstYear.label}; report month ${report.reportMonth}.`],
    [{ header: 'Financial year', width: 20 }, { header: 'Period', width: 18 }, ...FIGURE_COLUMNS],
    summaryRows,
  );
  summary.addRow([]);
  summary.addRow(['Definitions']).font = { bold: true };
  const d = report.definitions;
  for (const [label, text] of [
    ['Financial year', d.financialYear],
    ['Local', d.local],
    ['Postcodes', d.postcodeLookup],
    ['SME', d.sme],
    ['VCSE', d.vcse],
    ['Unknown', d.unknown],
    ['Redacted', d.redacted],
    ['Overlapping files', d.overlappingFiles],
  ] as const) {
    summary.addRow([label, text]);
  }

  addTable(
    workbook,
    'Monthly',
    [heading],
    [{ header: 'Month', width: 12 }, ...FIGURE_COLUMNS],
    report.monthly.map((m) => [m.month, ...figureCells(m.figures)]),
  );

  const years = report.financialYears.map((y) => y.fy.label);
  addTable(
    workbook,
    'Suppliers',
    [heading, 'Every supplier with spend in the report years, its classification and the evidence for it.'],
    [
      { header: 'Supplier', width: 40 },
      { header: 'Matched to reference by', width: 16 },
      { header: 'Local', width: 9 },
      { header: 'Local evidence', width: 60 },
      { header: 'SME', width: 9 },
      { header: 'SME evidence', width: 60 },
      { header: 'VCSE', width: 9 },
      { header: 'VCSE evidence', width: 60 },
      ...years.map((label) => ({ header: label, width: 16, format: POUNDS })),
      { header: 'Total', width: 16, format: POUNDS },
    ],
    report.suppliers.map((s) => [
      s.supplier.name,
      s.supplier.matchedBy,
      ...decisionCells(s.supplier.local),
      ...decisionCells(s.supplier.sme),
      ...decisionCells(s.supplier.vcse),
      ...years.map((label) => pounds(s.byYear[label] ?? 0)),
      pounds(s.total),
    ]),
  );

  addTable(
    workbook,
    'Files',
    [heading, 'Every input file: accepted with its line count and total, or rejected with the reason.'],
    [
      { header: 'File', width: 36 },
      { header: 'Status', width: 10 },
      { header: 'Lines', width: 8 },
      { header: 'Total', width: 16, format: POUNDS },
      { header: 'Months of its lines', width: 30 },
      { header: 'Period (decides replacement)', width: 40 },
      { header: 'Months replaced by a later file', width: 40 },
      { header: 'Problems', width: 10 },
      { header: 'SHA-256', width: 66 },
    ],
    report.files.map((a) => [
      a.file.name,
      a.file.status,
      a.file.lines.length,
      pounds(a.total),
      a.months.join(', '),
      `${a.period.months.join(', ')}: ${a.period.evidence}`,
      a.replaced.map((r) => `${r.month} by ${r.by}`).join('; '),
      a.file.issues.length + (a.file.rejection ? 1 : 0),
      a.file.sha256,
    ]),
  );

  const problems: Row[] = [];
  for (const { file } of report.files) {
    if (file.rejection) {
      const r = file.rejection;
      problems.push([file.name, 'file rejected', r.line || null, r.column, r.value, r.reason]);
    }
    for (const issue of file.issues) {
      problems.push([
        file.name,
        file.status === 'rejected' ? 'line (file rejected)' : 'line left out',
        issue.line,
        issue.column,
        issue.value,
        issue.reason,
      ]);
    }
  }
  for (const issue of report.reference?.issues ?? []) {
    problems.push([
      issue.file,
      'supplier reference cell ignored',
      issue.line,
      issue.column,
      issue.value,
      issue.reason,
    ]);
  }
  addTable(
    workbook,
    'Problems',
    [heading, 'Rejected files and lines, and supplier reference cells that could not be read: what to fix.'],
    [
      { header: 'File', width: 36 },
      { header: 'Effect', width: 22 },
      { header: 'Line', width: 8 },
      { header: 'Column', width: 18 },
      { header: 'Value', width: 24 },
      { header: 'Reason', width: 80 },
    ],
    problems,
  );

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
