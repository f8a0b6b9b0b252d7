import ExcelJS from 'exceljs';
import { describeMonth, monthsOfFinancialYear } from '../periods/financial-year.ts';
import type { CategoryDecision, ClassifiedSupplier } from '../types.ts';
import type { FinancialYearFigures, SpendFigures } from './aggregate-spend.ts';
import type { Report } from './build-report.ts';
import {
  addTable,
  type Column,
  changeInPoints,
  PERCENT,
  POINTS,
  POUNDS,
  pounds,
  type Row,
  share,
} from './workbook/add-table.ts';
import { problemRows, unknownSupplierRows } from './workbook/data-quality.ts';
import { describeFoiAnswers } from './workbook/foi-answers.ts';

/** An input named on the Method sheet besides the ledger files and supplier reference (e.g. a postcode lookup). */
export interface WorkbookInput {
  kind?: string;
  name: string;
  sha256: string;
}

export interface WorkbookOptions {
  /** The trust's name, heading every sheet. */
  title?: string;
  /** When the report was made (ISO 8601), shown on the Method sheet. */
  generatedAt?: string;
  /** The code version that made it, shown on the Method sheet. */
  codeVersion?: string;
  inputs?: readonly WorkbookInput[];
}

const REDACTED_LABEL = 'Payees withheld (redacted)';

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

const SUMMARY_COLUMNS: Column[] = [
  { header: 'Financial year', width: 20 },
  { header: 'Period', width: 30, wrap: true },
  { header: 'Total spend', width: 16, format: POUNDS },
  { header: 'Local', width: 16, format: POUNDS },
  { header: 'Local %', width: 9, format: PERCENT },
  { header: 'Local change', width: 11, format: POINTS },
  { header: 'Locality unknown', width: 16, format: POUNDS },
  { header: 'Locality unknown %', width: 11, format: PERCENT },
  { header: 'SME', width: 16, format: POUNDS },
  { header: 'SME %', width: 9, format: PERCENT },
  { header: 'SME change', width: 11, format: POINTS },
  { header: 'Size unknown', width: 16, format: POUNDS },
  { header: 'Size unknown %', width: 11, format: PERCENT },
  { header: 'VCSE', width: 16, format: POUNDS },
  { header: 'VCSE %', width: 9, format: PERCENT },
  { header: 'VCSE change', width: 11, format: POINTS },
  { header: 'Redacted payees', width: 16, format: POUNDS },
  { header: 'Lines', width: 8 },
  { header: 'Change compared with', width: 24 },
];

function describePeriod(year: FinancialYearFigures): string {
  if (!year.yearToDate) return '12 months';
  const months = monthsOfFinancialYear(year.fy, year.months);
  const first = describeMonth(months[0] ?? '').split(' ')[0];
  return `FY to date: ${year.months} months (${first} to ${describeMonth(months[months.length - 1] ?? '')})`;
}

function summaryCells(year: FinancialYearFigures, period: string, earlier?: FinancialYearFigures): Row {
  const f = year.figures;
  const e = earlier?.figures;
  const change = (pick: (x: SpendFigures) => number) =>
    e === undefined ? null : changeInPoints(pick(f), f.total, pick(e), e.total);
  return [
    year.fy.label,
    period,
    pounds(f.total),
    pounds(f.local),
    share(f.local, f.total),
    change((x) => x.local),
    pounds(f.localUnknown),
    share(f.localUnknown, f.total),
    pounds(f.sme),
    share(f.sme, f.total),
    change((x) => x.sme),
    pounds(f.smeUnknown),
    share(f.smeUnknown, f.total),
    pounds(f.vcse),
    share(f.vcse, f.total),
    change((x) => x.vcse),
    pounds(f.redacted),
    f.lines,
    earlier === undefined
      ? ''
      : earlier.yearToDate
        ? `${earlier.fy.label}, same ${earlier.months} months`
        : earlier.fy.label,
  ];
}

/** The year each year is compared with: the same months of the year before for the year to date, else the year before. */
function comparisonFor(report: Report, index: number): FinancialYearFigures | undefined {
  const year = report.financialYears[index];
  if (year?.yearToDate && report.previousYearToDate) return report.previousYearToDate;
  const before = report.financialYears[index - 1];
  return before && !before.yearToDate ? before : undefined;
}

const DECISION_WORD = { yes: 'Yes', no: 'No', unknown: 'Unknown' } as const;

function decisionCells(decision: CategoryDecision): Row {
  return [
    DECISION_WORD[decision.decision],
    decision.evidence.map((e) => `${e.detail} [${e.rule}]`).join('; '),
  ];
}

function displayName(supplier: ClassifiedSupplier): string {
  return supplier.matchedBy === 'redacted' ? REDACTED_LABEL : supplier.name;
}

function definitionRows(report: Report): [string, string][] {
  const d = report.definitions;
  return [
    ['Financial year', d.financialYear],
    ['Local', d.local],
    ['Postcodes', d.postcodeLookup],
    ['SME', d.sme],
    ['VCSE', d.vcse],
    ['Unknown', d.unknown],
    ['Redacted', d.redacted],
    ['Overlapping files', d.overlappingFiles],
  ];
}

function methodRows(report: Report, options: WorkbookOptions): Row[] {
  const d = report.definitions;
  const rows: Row[] = [
    ['Report', 'Report month', `${describeMonth(report.reportMonth)} (${report.reportMonth})`, ''],
    ['Report', 'First financial year', d.firstFinancialYear, ''],
  ];
  if (options.generatedAt) rows.push(['Report', 'Report time', options.generatedAt, '']);
  if (options.codeVersion) rows.push(['Report', 'Code version', options.codeVersion, '']);
  for (const [label, text] of definitionRows(report)) rows.push(['Rule', label, text, '']);
  rows.push(
    ['Configuration', 'SME definition', d.smeDefinition, ''],
    ['Configuration', 'Locality', d.locality.name, ''],
    ['Configuration', 'Local authority districts', d.locality.districtCodes.join(', '), ''],
    [
      'Configuration',
      'Postcode districts straddling the boundary',
      d.locality.ambiguousPostcodeDistricts.join(', '),
      '',
    ],
  );
  const listed = new Set<string>();
  for (const { file } of report.files) {
    listed.add(`${file.name}\n${file.sha256}`);
    rows.push([
      'Input: ledger file',
      file.name,
      file.status === 'accepted' ? `accepted, ${file.lines.length} lines` : 'rejected',
      file.sha256,
    ]);
  }
  if (report.reference) {
    const r = report.reference;
    listed.add(`${r.name}\n${r.sha256}`);
    rows.push(['Input: supplier reference', r.name, `${r.records} records`, r.sha256]);
  }
  for (const input of options.inputs ?? []) {
    if (listed.has(`${input.name}\n${input.sha256}`)) continue;
    rows.push([`Input${input.kind ? `: ${input.kind}` : ''}`, input.name, '', input.sha256]);
  }
  return rows;
}

/**
 * The report as the board pack workbook: Summary, Monthly, Suppliers, Data quality, Problems,
 * FOI answers, Method and Files sheets. Pure: the report time and code version come in as options.
 *
 * @example await renderWorkbook(report, { title: 'Kent Valley NHS FT', generatedAt: '2024-11-05T08:00:00Z' })
 */
export async function renderWorkbook(report: Report, options: WorkbookOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'socval';
  const heading = `${options.title ? `${options.title} — ` : ''}Social value spend to ${describeMonth(report.reportMonth)}`;

  const summaryRows: Row[] = report.financialYears.map((year, index) =>
    summaryCells(year, describePeriod(year), comparisonFor(report, index)),
  );
  if (report.previousYearToDate) {
    const prior = report.previousYearToDate;
    summaryRows.push([
      `${prior.fy.label} same months`,
      `${prior.months} months, for comparison`,
      ...summaryCells(prior, '').slice(2),
    ]);
  }
  const summary = addTable(
    workbook,
    'Summary',
    [
      heading,
      `Financial years from ${report.firstYear.label}; report month ${report.reportMonth}. ` +
        'Changes are in percentage points of total spend: the year to date against the same months ' +
        'of the year before, full years against the year before.',
    ],
    SUMMARY_COLUMNS,
    summaryRows,
  );
  summary.addRow([]);
  summary.addRow(['Definitions']).font = { bold: true };
  // Each definition spans the table's width and wraps, so it reads (and prints) as a paragraph.
  const spanWidth = SUMMARY_COLUMNS.slice(1).reduce((sum, column) => sum + column.width, 0);
  for (const [label, text] of definitionRows(report)) {
    const row = summary.addRow([label, text]);
    summary.mergeCells(row.number, 2, row.number, SUMMARY_COLUMNS.length);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * Math.max(1, Math.ceil((text.length * 1.1) / spanWidth));
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
      displayName(s.supplier),
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
    'Data quality',
    [
      heading,
      'Suppliers whose size or location is unknown, largest spend first, and the fact that would decide each: ' +
        'add it to the supplier reference to raise coverage. Rejected files and lines are on the Problems sheet.',
    ],
    [
      { header: 'Rank', width: 7 },
      { header: 'Supplier', width: 40 },
      { header: 'Spend in the report years', width: 18, format: POUNDS },
      { header: 'Size', width: 10 },
      { header: 'Fact that would decide its size', width: 50, wrap: true },
      { header: 'Location', width: 10 },
      { header: 'Fact that would decide its location', width: 50, wrap: true },
    ],
    unknownSupplierRows(report.suppliers),
  );

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
    problemRows(report),
  );

  addTable(
    workbook,
    'FOI answers',
    [
      heading,
      "Ready-to-paste answers to the usual social value FOI questions, using the trust's definitions.",
    ],
    [
      { header: 'Question', width: 44, wrap: true },
      { header: 'Financial year', width: 14 },
      { header: 'Answer', width: 110, wrap: true },
    ],
    describeFoiAnswers(report).map((a) => [a.question, a.year, a.answer]),
  );

  addTable(
    workbook,
    'Method',
    [heading, 'The rules and configuration in force, and every input with its SHA-256.'],
    [
      { header: 'Section', width: 24 },
      { header: 'Item', width: 36, wrap: true },
      { header: 'Detail', width: 90, wrap: true },
      { header: 'SHA-256', width: 66 },
    ],
    methodRows(report, options),
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

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
