import type ExcelJS from 'exceljs';
import { LEDGER_FIELD_LABELS } from '../ledger/ledger-columns.ts';
import {
  describeMonth,
  describeMonthCount,
  describeMonthSpan,
  monthsOfFinancialYear,
} from '../periods/financial-year.ts';
import { REGISTER_NAMES } from '../registers/detect-register.ts';
import type { LedgerField, LedgerFile } from '../types.ts';
import type { FinancialYearFigures, SpendFigures } from './aggregate-spend.ts';
import type { Report } from './build-report.ts';
import { HEX_COLOUR } from './chart/raster.ts';
import { describeDataNotes, findReportYear } from './data-notes.ts';
import { describeSeries } from './select-current-lines.ts';
import {
  addHeading,
  addTable,
  appendTable,
  type Column,
  changeInPoints,
  countLines,
  PERCENT,
  POINTS,
  POUNDS,
  pounds,
  type Row,
  share,
} from './workbook/add-table.ts';
import { addCoverageSheet } from './workbook/coverage-sheet.ts';
import { addDataQualitySheet } from './workbook/data-quality.ts';
import { DeferredRows } from './workbook/deferred-rows.ts';
import { deflateStoredZip } from './workbook/deflate-zip.ts';
import { describeMatchCount } from './workbook/describe-basis.ts';
import { describeFoiAnswers } from './workbook/foi-answers.ts';
import { addReviewSheet } from './workbook/review-sheet.ts';
import { addSuppliersSheet } from './workbook/suppliers-sheet.ts';

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
  /** The share chart (`renderShareChart`), placed on the Summary sheet below the tables. */
  chart?: WorkbookChart;
  /** The trust's colour for each sheet's title, `#rrggbb`. */
  accent?: string;
}

/** A PNG and the size to show it at, in pixels. */
export interface WorkbookChart {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Default row height in pixels (15 points), to reserve rows under a picture. */
const ROW_PIXELS = 20;

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
  { header: 'Lines', width: 8, format: '#,##0' },
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

// The Summary is two tables on the same columns, so that it prints legibly on one A4 page: the
// amounts, then the shares and their change.
const SUMMARY_AMOUNT_COLUMNS: Column[] = [
  { header: 'Financial year', width: 19 },
  { header: 'Period', width: 22, wrap: true },
  { header: 'Total spend', width: 15, format: POUNDS },
  { header: 'Local', width: 15, format: POUNDS },
  { header: 'SME', width: 15, format: POUNDS },
  { header: 'VCSE', width: 15, format: POUNDS },
  { header: 'Locality unknown', width: 15, format: POUNDS },
  { header: 'Size unknown', width: 15, format: POUNDS },
  { header: 'Redacted payees', width: 15, format: POUNDS },
  { header: 'Lines', width: 15, format: '#,##0' },
];

const SUMMARY_SHARE_COLUMNS: Column[] = [
  { header: 'Financial year', width: 19 },
  { header: 'Change compared with', width: 22, wrap: true },
  { header: 'Local %', width: 15, format: PERCENT },
  { header: 'Local change', width: 15, format: POINTS },
  { header: 'SME %', width: 15, format: PERCENT },
  { header: 'SME change', width: 15, format: POINTS },
  { header: 'VCSE %', width: 15, format: PERCENT },
  { header: 'VCSE change', width: 15, format: POINTS },
  { header: 'Locality unknown %', width: 15, format: PERCENT },
  { header: 'Size unknown %', width: 15, format: PERCENT },
];

function describePeriod(year: FinancialYearFigures): string {
  if (!year.yearToDate) return '12 months';
  const span = describeMonthSpan(monthsOfFinancialYear(year.fy, year.months));
  return `${describeMonthCount(year.months)} to date: ${span}`;
}

function amountCells(f: SpendFigures): Row {
  return [
    pounds(f.total),
    pounds(f.local),
    pounds(f.sme),
    pounds(f.vcse),
    pounds(f.localUnknown),
    pounds(f.smeUnknown),
    pounds(f.redacted),
    f.lines,
  ];
}

function shareCells(year: FinancialYearFigures, earlier?: FinancialYearFigures): Row {
  const f = year.figures;
  const e = earlier?.figures;
  const change = (pick: (x: SpendFigures) => number) =>
    e === undefined ? null : changeInPoints(pick(f), f.total, pick(e), e.total);
  return [
    share(f.local, f.total),
    change((x) => x.local),
    share(f.sme, f.total),
    change((x) => x.sme),
    share(f.vcse, f.total),
    change((x) => x.vcse),
    share(f.localUnknown, f.total),
    share(f.smeUnknown, f.total),
  ];
}

function describeComparison(earlier: FinancialYearFigures | undefined): string {
  if (earlier === undefined) return '';
  return earlier.yearToDate
    ? `${earlier.fy.label}, same ${describeMonthCount(earlier.months)}`
    : earlier.fy.label;
}

/** The year each year is compared with: the same months of the year before for the year to date, else the year before. */
function comparisonFor(report: Report, index: number): FinancialYearFigures | undefined {
  const year = report.financialYears[index];
  if (year?.yearToDate && report.previousYearToDate) return report.previousYearToDate;
  const before = report.financialYears[index - 1];
  return before && !before.yearToDate ? before : undefined;
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
    ['Coverage', d.coverage],
    ['Overlapping files', d.overlappingFiles],
    ...(d.registers === undefined ? [] : [['Open registers', d.registers] as [string, string]]),
    ...(d.smeProxies === undefined ? [] : [['SME by proxy', d.smeProxies] as [string, string]]),
  ];
}

/** The register files the report's extract was read from, and how the suppliers matched. */
function registerRows(report: Report): Row[] {
  const used = report.registers;
  if (used === undefined) return [];
  const rows: Row[] = [
    [
      'Configuration',
      'Co-operative societies count as VCSE',
      report.definitions.cooperativesAreVcse ? 'Yes' : 'No',
      '',
    ],
  ];
  for (const source of used.sources) {
    const dated =
      source.dated === undefined
        ? source.modified === undefined
          ? 'undated'
          : `file modified ${source.modified}`
        : `dated ${source.dated}${source.datedFrom === undefined ? '' : ` (from its ${source.datedFrom === 'file-name' ? 'file name' : 'date_of_extract column'})`}`;
    const size = source.bytes === undefined ? '' : `, ${source.bytes.toLocaleString('en-GB')} bytes`;
    rows.push([
      `Input: register (${REGISTER_NAMES[source.register]})`,
      source.file,
      `${dated}; ${source.rowsRead.toLocaleString('en-GB')} rows read, ${source.rowsKept.toLocaleString('en-GB')} kept${size}`,
      source.sha256 ?? 'not computed',
    ]);
  }
  for (const [key, count] of Object.entries(used.matches)) {
    rows.push([
      'Register matches',
      describeMatchCount(key),
      `${count} supplier${count === 1 ? '' : 's'}`,
      '',
    ]);
  }
  return rows;
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
  for (const { file, lines } of report.files) {
    listed.add(`${file.name}\n${file.sha256}`);
    rows.push([
      'Input: ledger file',
      file.name,
      file.status === 'accepted' ? `accepted, ${lines} lines` : 'rejected',
      file.sha256,
    ]);
  }
  if (report.reference) {
    const r = report.reference;
    listed.add(`${r.name}\n${r.sha256}`);
    rows.push(['Input: supplier reference', r.name, `${r.records} records`, r.sha256]);
  }
  for (const source of report.registers?.sources ?? []) listed.add(`${source.file}\n${source.sha256}`);
  rows.push(...registerRows(report));
  for (const input of options.inputs ?? []) {
    if (listed.has(`${input.name}\n${input.sha256}`)) continue;
    rows.push([`Input${input.kind ? `: ${input.kind}` : ''}`, input.name, '', input.sha256]);
  }
  return rows;
}

/**
 * The report as the board pack workbook: Summary, Monthly, Suppliers, Data quality, FOI answers,
 * Method and Files sheets, with Coverage (before Suppliers) and To review (after it) when registers
 * were used. Pure: the report time and code version come in as options.
 *
 * @example await renderWorkbook(report, { title: 'Kent Valley NHS FT', generatedAt: '2024-11-05T08:00:00Z' })
 */
export async function renderWorkbook(report: Report, options: WorkbookOptions = {}): Promise<Uint8Array> {
  return writeWorkbook(report, options, new DeferredRows());
}

/**
 * The same workbook with every row given to exceljs, as it was made before the big tables' rows were
 * deferred: what the tests compare {@link renderWorkbook} with. Slow and memory-hungry with many
 * suppliers; not for reports.
 */
export async function renderWorkbookByExceljs(
  report: Report,
  options: WorkbookOptions = {},
): Promise<Uint8Array> {
  return writeWorkbook(report, options, undefined);
}

async function writeWorkbook(
  report: Report,
  options: WorkbookOptions,
  deferred: DeferredRows | undefined,
): Promise<Uint8Array> {
  // Loaded when a workbook is written, not at module load (a Lambda cold start): exceljs's workbook and
  // its xlsx writer were the largest part of the report bundle's start-up.
  const { default: Workbook } = await import('exceljs/lib/doc/workbook.js');
  const workbook = new Workbook();
  workbook.creator = 'socval';
  const heading = `${options.title ? `${options.title} — ` : ''}Social value spend to ${describeMonth(report.reportMonth)}`;

  const compared = report.financialYears.map((year, index) => ({
    year,
    earlier: comparisonFor(report, index),
  }));
  // For a complete year the same months of the year before are that whole year, already a row of its own.
  const prior = report.previousYearToDate?.yearToDate ? report.previousYearToDate : undefined;
  const priorRow = (cells: (p: FinancialYearFigures) => Row): Row[] =>
    prior ? [[`${prior.fy.label} same months`, ...cells(prior)]] : [];
  const summary = addTable(
    workbook,
    'Summary',
    [
      heading,
      `Financial years (April to March) from ${report.firstYear.label}; report month ${report.reportMonth}. ` +
        `${describeComparisons(report)} Definitions are below the tables.`,
    ],
    SUMMARY_AMOUNT_COLUMNS,
    [
      ...compared.map(({ year }) => [year.fy.label, describePeriod(year), ...amountCells(year.figures)]),
      ...priorRow((p) => [`${describeMonthCount(p.months)}, for comparison`, ...amountCells(p.figures)]),
    ],
    'Spend (£)',
  );
  // Each table has its own header, so a second page repeats only the title.
  summary.pageSetup.printTitlesRow = '1:2';
  appendTable(summary, {
    heading: 'Shares of total spend, and their change on the year before in percentage points (pp)',
    columns: SUMMARY_SHARE_COLUMNS,
    rows: [
      ...compared.map(({ year, earlier }) => [
        year.fy.label,
        describeComparison(earlier),
        ...shareCells(year, earlier),
      ]),
      ...priorRow((p) => ['', ...shareCells(p)]),
    ],
  });
  addDataNotes(summary, report);
  if (options.chart !== undefined) addChart(workbook, summary, options.chart);
  summary.addRow([]);
  addHeading(summary, 'Definitions');
  // Each definition spans the tables' width and wraps, so it reads (and prints) as a paragraph.
  for (const [label, text] of definitionRows(report)) addParagraph(summary, text, label);

  addTable(
    workbook,
    'Monthly',
    [heading],
    [{ header: 'Month', width: 12 }, ...FIGURE_COLUMNS],
    report.monthly.map((m) => [m.month, ...figureCells(m.figures)]),
  );

  if (report.coverage !== undefined && report.registers !== undefined) {
    addCoverageSheet(workbook, heading, report.coverage);
  }
  addSuppliersSheet(workbook, heading, report, deferred);
  if (report.review !== undefined && report.registers !== undefined) {
    addReviewSheet(workbook, heading, report.review, deferred);
  }

  addDataQualitySheet(workbook, heading, report, deferred);

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
      { header: 'Read from (sheet and columns)', width: 44, wrap: true },
      { header: 'Months of its lines', width: 30 },
      { header: 'Period (decides replacement)', width: 40 },
      { header: 'Series (only files of one series replace each other)', width: 34 },
      { header: 'Months replaced by a later file', width: 40 },
      { header: 'Problems', width: 10 },
      { header: 'SHA-256', width: 66 },
    ],
    report.files.map((a) => [
      a.file.name,
      a.file.status,
      a.lines,
      pounds(a.total),
      describeColumnsRead(a.file),
      a.months.join(', '),
      `${a.period.months.join(', ')}: ${a.period.evidence}`,
      describeSeries(a.series),
      a.replaced.map((r) => `${r.month} by ${r.by}`).join('; '),
      a.file.issues.length + (a.file.rejection ? 1 : 0),
      a.file.sha256,
    ]),
  );

  if (options.accent !== undefined) colourTitles(workbook, options.accent);
  // Stored, then deflated by zlib: exceljs would deflate with pako, which took 1.4 s of the 20,000-supplier
  // bench's workbook. exceljs's typings declare a Buffer of their own; at run time it is a Node Buffer.
  // The deferred rows are written into that stored zip before it is deflated.
  const stored = (await workbook.xlsx.writeBuffer({
    zip: { compression: 'STORE' },
  })) as unknown as Uint8Array;
  return deferred === undefined ? deflateStoredZip(stored) : deferred.writeInto(stored);
}

/**
 * Which sheet and header each field was read from (`sheet "April"; payment date: Date Paid; amount: Net`),
 * so a reader can see which of Net, VAT and Gross made the figures; empty when the file had no header.
 */
function describeColumnsRead(file: Pick<LedgerFile, 'sheet' | 'columns'>): string {
  const fields = (Object.keys(LEDGER_FIELD_LABELS) as LedgerField[]).flatMap((field) => {
    const header = file.columns[field];
    return header === undefined ? [] : [`${LEDGER_FIELD_LABELS[field]}: ${header}`];
  });
  return [...(file.sheet === undefined ? [] : [`sheet "${file.sheet}"`]), ...fields].join('; ');
}

/** The Summary's width in column units: what a paragraph across all its columns wraps in. */
const SUMMARY_WIDTH = SUMMARY_AMOUNT_COLUMNS.reduce((sum, column) => sum + column.width, 0);

/**
 * A paragraph of wrapped text on the Summary: across every column, or after a label in the first
 * column and across the rest, as tall as its lines (so it reads and prints as a paragraph).
 */
function addParagraph(sheet: ExcelJS.Worksheet, text: string, label?: string): void {
  const row = sheet.addRow(label === undefined ? [text] : [label, text]);
  const first = label === undefined ? 1 : 2;
  sheet.mergeCells(row.number, first, row.number, SUMMARY_AMOUNT_COLUMNS.length);
  row.alignment = { wrapText: true, vertical: 'top' };
  const width = SUMMARY_WIDTH - (label === undefined ? 0 : (SUMMARY_AMOUNT_COLUMNS[0]?.width ?? 0));
  row.height = 15 * countLines(text, width);
}

/**
 * What the board email also says about the report's own year — months with no spend, files rejected —
 * under its own heading below the figures, so a reader of the Summary alone sees it; nothing when
 * there is nothing to say.
 */
function addDataNotes(sheet: ExcelJS.Worksheet, report: Report): void {
  const year = findReportYear(report);
  const notes = year === undefined ? [] : describeDataNotes(report, year, 'workbook');
  if (notes.length === 0) return;
  sheet.addRow([]);
  addHeading(sheet, 'Notes on the data');
  for (const note of notes) addParagraph(sheet, note);
}

/** The Summary's sentence on what each year is compared with: a year to date with the same months before. */
function describeComparisons(report: Report): string {
  return findReportYear(report)?.yearToDate === false
    ? 'Each full year is compared with the year before.'
    : 'The year to date is compared with the same months of the year before.';
}

/**
 * The chart under its own heading, at its display size, with enough empty rows reserved below it
 * that what follows starts under the picture (a picture floats over cells; it does not push them).
 * Its figures are the shares table's, just above.
 */
function addChart(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, chart: WorkbookChart): void {
  sheet.addRow([]);
  addHeading(sheet, 'Share of spend by financial year');
  const top = sheet.rowCount;
  // exceljs's typings declare a Buffer of their own (an ArrayBuffer); at run time it takes a Node Buffer.
  const buffer = Buffer.from(chart.png) as unknown as ExcelJS.Buffer;
  const image = workbook.addImage({ buffer, extension: 'png' });
  sheet.addImage(image, { tl: { col: 0, row: top }, ext: { width: chart.width, height: chart.height } });
  const rows = Math.ceil(chart.height / ROW_PIXELS);
  for (let i = 0; i < rows; i++) sheet.addRow([]);
}

/** Every sheet's title line in the trust's colour. */
function colourTitles(workbook: ExcelJS.Workbook, accent: string): void {
  if (!HEX_COLOUR.test(accent)) return;
  const argb = `FF${accent.slice(1).toUpperCase()}`;
  workbook.eachSheet((sheet) => {
    const title = sheet.getRow(1).getCell(1);
    title.font = { ...title.font, color: { argb } };
  });
}
