import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport, type Report } from '../../../shared/report/build-report.ts';
import { renderShareChart } from '../../../shared/report/chart/index.ts';
import { describeDataNotes, findReportYear } from '../../../shared/report/data-notes.ts';
import { renderWorkbook } from '../../../shared/report/render-workbook.ts';
import { type Summary, toSummaryJson } from '../../../shared/report/summary-json.ts';
import type { LedgerFile, SupplierRecord, SupplierReference } from '../../../shared/types.ts';
import { csvFile } from '../ledger/build-files.ts';
import { ledgerFile, line } from './helpers.ts';
import {
  type CellValue,
  type ReadSheet,
  type ReadWorkbook,
  readSheetPictures,
  readXlsx,
  tableUnder,
} from './read-xlsx.ts';

const WITHHELD_NAME = 'Mr Jonathan Q Private';
const FORMULA_NAMES = ['=SUM(A1:A9)', '+44 Consulting Ltd', '-Dash Ltd', '@Home Services Ltd'];

function record(line: number, name: string, facts: Partial<SupplierRecord> = {}): SupplierRecord {
  return { line, name, branchPostcodes: [], ...facts };
}

const reference: SupplierReference = {
  name: 'suppliers.csv',
  sha256: 'a'.repeat(64),
  issues: [],
  records: [
    record(2, 'Kent Builders Ltd', { postcode: 'ME14 1XX', employees: 10, turnover: 100_000_000 }),
    record(3, 'Big Unknown Ltd'),
    record(4, 'Medium Mystery Ltd', { postcode: 'TN8 5AA', employees: 100 }),
    record(5, 'Hospice Care', { postcode: 'ME1 1AA', charityNumber: '1012345', employees: 40 }),
  ],
};

function file(name: string, sha: string, lines: LedgerFile['lines']): LedgerFile {
  return { ...ledgerFile(name, lines), sha256: sha.repeat(64) };
}

const older = file('2022-23.csv', 'b', [
  line('2022-06-10', 1_000_00, 'Kent Builders Ltd'),
  line('2022-07-10', 5_000_00, 'Big Unknown Ltd'),
  line('2023-01-10', 700_00, 'Hospice Care'),
  line('2023-02-10', 250_00, 'Unheard Of Ltd'),
  line('2023-03-10', 80_00, WITHHELD_NAME, { redacted: true }),
]);
const middle = file('2023-24.csv', 'c', [
  line('2023-04-10', 2_000_00, 'Kent Builders Ltd'),
  line('2023-05-03', 3_000_00, 'Medium Mystery Ltd'),
  line('2023-08-10', 9_000_00, 'Big Unknown Ltd'),
  line('2023-09-10', 400_00, 'Hospice Care'),
  ...FORMULA_NAMES.map((name, i) => line(`2023-10-${10 + i}`, (i + 1) * 10_00, name)),
  line('2023-11-10', 55_55, WITHHELD_NAME, { redacted: true }),
]);
const latest: LedgerFile = {
  ...file('2024-25.csv', 'd', [
    line('2024-04-10', 1_500_00, 'Kent Builders Ltd'),
    line('2024-05-10', 2_500_00, 'Medium Mystery Ltd'),
    line('2024-05-11', 300_00, 'Hospice Care'),
    line('2024-05-12', -20_00, 'Unheard Of Ltd'),
    line('2024-05-13', 12_34, WITHHELD_NAME, { redacted: true }),
  ]),
  issues: [{ file: '2024-25.csv', line: 9, column: 'Amount', value: 'twelve', reason: 'not a money amount' }],
};
const rejected: LedgerFile = {
  ...file('broken.csv', 'e', []),
  status: 'rejected',
  rejection: { file: 'broken.csv', line: 1, column: 'Date', value: '', reason: 'no date column: add one' },
};

const OPTIONS: Parameters<typeof buildReport>[2] = {
  firstYear: parseFinancialYear('2022/23'),
  reportMonth: '2024-05',
  classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
};

function makeReport(): Report {
  return buildReport([older, middle, latest, rejected], reference, OPTIONS);
}

async function render(report: Report, options: Parameters<typeof renderWorkbook>[1] = {}) {
  return readXlsx(await renderWorkbook(report, options));
}

/** "1234.56" → "£1,234.56", written here so the check does not reuse the code under test. */
function gbp(money: string): string {
  const negative = money.startsWith('-');
  const [whole = '0', pennies = '00'] = money.replace('-', '').split('.');
  return `${negative ? '-' : ''}£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pennies}`;
}

const pence = (value: CellValue): number => Math.round(Number(value) * 100);
const moneyPence = (money: string): number => Math.round(Number(money) * 100);

/** The table whose header row starts with `first`, as objects keyed by header. */
function records(sheet: ReadSheet, first: string): Record<string, CellValue>[] {
  const headerIndex = sheet.rows.findIndex((row) => row[0] === first);
  const header = sheet.rows[headerIndex] ?? [];
  return tableUnder(sheet, first).map((row) =>
    Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? null])),
  );
}

/**
 * The Summary's tables (amounts, then shares and changes), merged into one object per financial year.
 * Its Definitions below also start with a "Financial year" row, so the search stops there.
 */
function summaryRecords(sheet: ReadSheet): Record<string, CellValue>[] {
  const end = sheet.rows.findIndex((row) => row[0] === 'Definitions');
  const byYear = new Map<CellValue, Record<string, CellValue>>();
  sheet.rows.slice(0, end).forEach((header, index) => {
    if (header[0] !== 'Financial year') return;
    for (const row of tableUnder({ ...sheet, rows: sheet.rows.slice(index) }, 'Financial year')) {
      const record = byYear.get(row[0] ?? null) ?? {};
      header.forEach((name, i) => {
        if (name !== null) record[String(name)] = row[i] ?? null;
      });
      byYear.set(row[0] ?? null, record);
    }
  });
  return [...byYear.values()];
}

/** The sheet's column widths, from its `<cols>`, one per column. */
function columnWidths(sheet: ReadSheet): number[] {
  const widths: number[] = [];
  for (const [, min, max, width] of sheet.xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
    for (let c = Number(min); c <= Number(max); c++) widths[c - 1] = Number(width);
  }
  return widths;
}

describe('the board pack workbook, read back without exceljs', () => {
  let cache: { report: Report; summary: Summary; book: ReadWorkbook } | undefined;
  async function fixture() {
    if (!cache) {
      const report = makeReport();
      cache = {
        report,
        summary: toSummaryJson(report),
        book: await render(report, {
          title: 'Kent Valley NHS FT',
          generatedAt: '2024-06-05T08:00:00Z',
          codeVersion: 'v1.2.3-test',
          inputs: [{ kind: 'postcode lookup', name: 'NSPL.csv', sha256: 'f'.repeat(64) }],
        }),
      };
    }
    return cache;
  }

  it('has the board pack sheets in reading order', async () => {
    const { book } = await fixture();
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Summary',
      'Monthly',
      'Suppliers',
      'Data quality',
      'FOI answers',
      'Method',
      'Files',
    ]);
  });

  it('shows one Summary row per financial year with the figures and shares of summary.json', async () => {
    const { book, summary } = await fixture();
    const rows = summaryRecords(book.sheet('Summary'));
    for (const year of summary.financialYears) {
      const row = rows.find((r) => r['Financial year'] === year.fy);
      expect(row, year.fy).toBeDefined();
      const total = Number(year.total);
      expect(pence(row?.['Total spend'] ?? null)).toBe(moneyPence(year.total));
      for (const [column, money] of [
        ['Local', year.local],
        ['SME', year.sme],
        ['VCSE', year.vcse],
        ['Locality unknown', year.localUnknown],
        ['Size unknown', year.smeUnknown],
        ['Redacted payees', year.redacted],
      ] as const) {
        expect(pence(row?.[column] ?? null), `${year.fy} ${column}`).toBe(moneyPence(money));
      }
      expect(row?.['SME %']).toBeCloseTo(Number(year.sme) / total, 10);
      expect(row?.['Local %']).toBeCloseTo(Number(year.local) / total, 10);
      expect(row?.['VCSE %']).toBeCloseTo(Number(year.vcse) / total, 10);
      expect(row?.['Size unknown %']).toBeCloseTo(Number(year.smeUnknown) / total, 10);
      expect(row?.['Locality unknown %']).toBeCloseTo(Number(year.localUnknown) / total, 10);
      expect(row?.Lines).toBe(year.lines);
      expect(String(row?.Period).includes('to date')).toBe(year.yearToDate);
    }
  });

  it('gives the change in percentage points: the year to date against the same months, full years against the year before', async () => {
    const { book, summary } = await fixture();
    const rows = summaryRecords(book.sheet('Summary'));
    type Figures = { total: string; local: string; sme: string; vcse: string };
    const points = (a: Figures, b: Figures, pick: (f: Figures) => string) =>
      Math.round((Number(pick(a)) / Number(a.total) - Number(pick(b)) / Number(b.total)) * 1000) / 10;
    const [first, second, current] = summary.financialYears;
    const prior = summary.previousYearToDate;
    if (!first || !second || !current || !prior) throw new Error('fixture needs three years');
    expect(current.yearToDate).toBe(true);
    for (const [column, pick] of [
      ['Local change', (f: Figures) => f.local],
      ['SME change', (f: Figures) => f.sme],
      ['VCSE change', (f: Figures) => f.vcse],
    ] as const) {
      expect(rows.find((r) => r['Financial year'] === current.fy)?.[column], column).toBeCloseTo(
        points(current, prior, pick),
        10,
      );
      expect(rows.find((r) => r['Financial year'] === second.fy)?.[column], column).toBeCloseTo(
        points(second, first, pick),
        10,
      );
      expect(rows.find((r) => r['Financial year'] === first.fy)?.[column], column).toBeNull();
    }
    expect(rows.find((r) => r['Financial year'] === current.fy)?.['Change compared with']).toBe(
      `${prior.fy}, same ${prior.months} months`,
    );
    const priorRow = rows.find((r) => String(r['Financial year']).startsWith(`${prior.fy} same`));
    expect(pence(priorRow?.['Total spend'] ?? null)).toBe(moneyPence(prior.total));
  });

  it('shows every month of summary.json on the Monthly sheet', async () => {
    const { book, summary } = await fixture();
    const rows = records(book.sheet('Monthly'), 'Month');
    expect(rows.map((r) => r.Month)).toEqual(summary.monthly.map((m) => m.month));
    for (const month of summary.monthly) {
      const row = rows.find((r) => r.Month === month.month);
      expect(pence(row?.['Total spend'] ?? null)).toBe(moneyPence(month.total));
      expect(pence(row?.SME ?? null)).toBe(moneyPence(month.sme));
      expect(pence(row?.Local ?? null)).toBe(moneyPence(month.local));
      expect(pence(row?.VCSE ?? null)).toBe(moneyPence(month.vcse));
    }
  });

  it("adds the Suppliers sheet's spend per year up to each year's total", async () => {
    const { book, summary } = await fixture();
    const rows = records(book.sheet('Suppliers'), 'Supplier');
    for (const year of summary.financialYears) {
      const sum = rows.reduce((s, r) => s + pence(r[year.fy] ?? 0), 0);
      expect(sum, year.fy).toBe(moneyPence(year.total));
    }
  });

  it('lists the unknown-size suppliers largest spend first, with the fact that would decide each', async () => {
    const { book, summary } = await fixture();
    const rows = records(book.sheet('Data quality'), 'Rank');
    const sizeUnknown = rows.filter((r) => r.Size === 'Unknown');
    expect(sizeUnknown.map((r) => r.Supplier)).toEqual(
      expect.arrayContaining(['Big Unknown Ltd', 'Medium Mystery Ltd', 'Unheard Of Ltd']),
    );
    const spends = sizeUnknown.map((r) => Number(r['Spend in the report years']));
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    expect(sizeUnknown.every((r) => String(r['Fact that would decide its size']).length > 10)).toBe(true);
    expect(rows.map((r) => r.Rank)).toEqual(rows.map((_, i) => i + 1));
    const sumOf = (list: typeof rows) =>
      list.reduce((s, r) => s + pence(r['Spend in the report years'] ?? null), 0);
    expect(sumOf(sizeUnknown)).toBe(summary.financialYears.reduce((s, y) => s + moneyPence(y.smeUnknown), 0));
    expect(sumOf(rows.filter((r) => r.Location === 'Unknown'))).toBe(
      summary.financialYears.reduce((s, y) => s + moneyPence(y.localUnknown), 0),
    );
  });

  it('lists rejected files and left-out lines on the Data quality sheet, below the suppliers, saying where', async () => {
    const { book } = await fixture();
    const sheet = book.sheet('Data quality');
    const rows = records(sheet, 'Line');
    expect(rows).toContainEqual(
      expect.objectContaining({
        Line: 1,
        File: 'broken.csv',
        Effect: 'file rejected',
        Column: 'Date',
        Value: '',
        Reason: 'no date column: add one',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        Line: 9,
        File: '2024-25.csv',
        Effect: 'line left out',
        Column: 'Amount',
        Value: 'twelve',
        Reason: 'not a money amount',
      }),
    );
    const suppliersHeader = sheet.rows.findIndex((row) => row[0] === 'Rank');
    const problemsHeader = sheet.rows.findIndex((row) => row[0] === 'Line');
    expect(problemsHeader).toBeGreaterThan(suppliersHeader);
    const heading = problemsHeader; // 1-based number of the row above the header
    expect(String(sheet.rows[heading - 1]?.[0])).toMatch(/^Rejected files/);
    expect(String(sheet.rows[1]?.[0])).toContain(
      `2 problems with files, lines or supplier reference cells to fix, from row ${heading}`,
    );
    // the sheet's one filter is on the supplier list, which it ends with
    const suppliers = tableUnder(sheet, 'Rank').length;
    expect(sheet.xml).toContain(
      `<autoFilter ref="A${suppliersHeader + 1}:G${suppliersHeader + 1 + suppliers}"/>`,
    );
  });

  it('says so on the Data quality sheet when no file, line or cell was rejected', async () => {
    const book = await render(buildReport([older, middle], reference, OPTIONS));
    const sheet = book.sheet('Data quality');
    expect(tableUnder(sheet, 'Line').map((row) => row[1])).toEqual([
      'None: every file was accepted and every line and cell read.',
    ]);
    expect(String(sheet.rows[1]?.[0])).toMatch(/no file, line or supplier reference cell was rejected/);
  });

  it('prints the Summary on A4 landscape in ten columns, narrow enough to read at close to full size', async () => {
    const { book } = await fixture();
    const sheet = book.sheet('Summary');
    const widths = columnWidths(sheet);
    expect(widths).toHaveLength(10);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(165);
    expect(Math.max(...sheet.rows.map((row) => row.length))).toBeLessThanOrEqual(10);
    expect(sheet.xml).toMatch(/<pageSetup [^>]*paperSize="9"/);
    const tables = sheet.rows.slice(
      0,
      sheet.rows.findIndex((row) => row[0] === 'Definitions'),
    );
    expect(tables.filter((row) => row[0] === 'Financial year')).toHaveLength(2);
  });

  it('answers the FOI questions in sentences carrying the exact figures of summary.json', async () => {
    const { book, summary } = await fixture();
    const rows = records(book.sheet('FOI answers'), 'Question');
    const locality = (summary.definitions.locality as { name: string }).name;
    for (const year of summary.financialYears) {
      const answers = rows.filter((r) => r['Financial year'] === year.fy).map((r) => String(r.Answer));
      const pct = (money: string) => `${((Number(money) / Number(year.total)) * 100).toFixed(1)}%`;
      const of = `of its total spend of ${gbp(year.total)}`;
      expect(answers).toContainEqual(
        expect.stringContaining(`spent ${gbp(year.sme)} with SMEs, ${pct(year.sme)} ${of}.`),
      );
      expect(answers).toContainEqual(
        expect.stringContaining(
          `spent ${gbp(year.local)} with suppliers in ${locality}, ${pct(year.local)} ${of}.`,
        ),
      );
      expect(answers).toContainEqual(expect.stringContaining(`spent ${gbp(year.vcse)} with voluntary`));
      expect(answers).toContainEqual(
        expect.stringContaining(
          `${gbp(year.smeUnknown)} (${pct(year.smeUnknown)}) ${of} was with suppliers whose size we could not determine.`,
        ),
      );
      expect(answers).toContainEqual(
        expect.stringContaining(`${gbp(year.localUnknown)} (${pct(year.localUnknown)})`),
      );
      expect(answers.every((a) => a.startsWith(`In ${year.fy}`))).toBe(true);
    }
    const questions = rows.map((r) => String(r.Question));
    expect(questions).toContain('How does the trust define an SME?');
    expect(rows.find((r) => r.Question === 'How does the trust define an SME?')?.Answer).toContain(
      'fewer than 250 staff',
    );
  });

  it('names on the Method sheet every input with its SHA-256, the rules, the code version and the report time', async () => {
    const { book, summary } = await fixture();
    const method = book.sheet('Method');
    const cells = method.rows.flat();
    for (const input of summary.files) expect(cells, input.name).toContain(input.sha256);
    expect(cells).toContain(summary.supplierReference?.sha256);
    expect(cells).toContain('f'.repeat(64));
    expect(cells).toContain('2024-06-05T08:00:00Z');
    expect(cells).toContain('v1.2.3-test');
    expect(cells).toContain(String(summary.definitions.sme));
    expect(cells).toContain(String(summary.definitions.local));
  });

  it('leaves the report time and code version out of the Method sheet when not given', async () => {
    const book = await render(makeReport());
    const items = records(book.sheet('Method'), 'Section').map((r) => r.Item);
    expect(items).not.toContain('Report time');
    expect(items).not.toContain('Code version');
  });

  it('stores text that starts with = + - @ as strings, never as formulas', async () => {
    const { book } = await fixture();
    for (const sheet of book.sheets) expect(sheet.formulas, sheet.name).toEqual([]);
    expect(book.everything).not.toMatch(/<f[\s>/]/);
    const names = records(book.sheet('Suppliers'), 'Supplier').map((r) => r.Supplier);
    for (const name of FORMULA_NAMES) expect(names).toContain(name);
  });

  it('never names a redacted payee anywhere in the workbook', async () => {
    const { book, report } = await fixture();
    expect(report.financialYears.some((y) => y.figures.redacted !== 0)).toBe(true);
    expect(book.everything).not.toContain('Jonathan');
    expect(book.everything).not.toContain('Private');
  });

  it('freezes, filters and sets up every sheet for printing landscape one page wide', async () => {
    const { book } = await fixture();
    for (const sheet of book.sheets) {
      expect(sheet.xml, sheet.name).toMatch(/<pane [^>]*state="frozen"/);
      expect(sheet.xml, sheet.name).toMatch(/<autoFilter ref="A\d+:[A-Z]+\d+"/);
      expect(sheet.xml, sheet.name).toMatch(/<pageSetup [^>]*orientation="landscape"/);
      expect(sheet.xml, sheet.name).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
      expect(sheet.xml, sheet.name).toMatch(/<pageSetUpPr fitToPage="1"/);
    }
    expect(book.everything).toMatch(/_xlnm\.Print_Titles/);
    expect(book.everything).toContain('£#,##0.00');
    expect(book.everything).toContain('0.0%');
  });
});

describe("a withheld payee's name, read from the ledger files themselves", () => {
  it('appears nowhere in the workbook: no supplier, problem or data quality row carries it', async () => {
    // prepare: a withheld payee's lines with a bad amount, the name shifted into the amount by an
    // unquoted comma, the name typed into the date column, and good lines; a file with no header row
    // whose first line is theirs; and an issue archived before the reader withheld such text
    const may = await readLedger(
      csvFile(
        [
          'Date,Supplier,Amount,Description',
          '13/05/2024,Kent Builders Ltd,100.00,Works',
          '14/05/2024,REDACTED - Jonathan Q Private,twelve,Care for Jonathan Q Private',
          '15/05/2024,Smith, Jonathan Q (REDACTED),20.00,Care',
          'Jonathan Q Private (withheld),REDACTED,30.00,Care',
          '16/05/2024,REDACTED Jonathan Q Private,40.00,Care for Jonathan Q Private',
          '17/05/2024,Jonathan Q Private - name withheld,50.00,Care',
        ],
        '2024-05.csv',
      ),
      { maxBadShare: 1 },
    );
    const headerless = await readLedger(
      csvFile(['18/05/2024,REDACTED Jonathan Q Private,12.00'], '2024-05 extra.csv'),
    );
    const archived: LedgerFile = {
      ...ledgerFile('2024-04.csv', [line('2024-04-02', 5_00, 'Kent Builders Ltd')]),
      issues: [
        {
          file: '2024-04.csv',
          line: 7,
          column: 'Amount',
          value: 'Jonathan Q Private (REDACTED)',
          reason: '"Jonathan Q Private (REDACTED)" is not a money amount',
        },
      ],
    };
    const report = buildReport([archived, may, headerless], reference, OPTIONS);
    // act
    const book = await render(report, { title: 'Kent Valley NHS FT' });
    // assert
    expect(report.financialYears.find((y) => y.fy.label === '2024/25')?.figures.redacted).toBe(90_00);
    expect(book.everything).not.toMatch(/Jonathan/i);
    const problems = records(book.sheet('Data quality'), 'Line');
    expect(problems.filter((p) => p.Value === '(withheld)').map((p) => [p.File, p.Line])).toEqual([
      ['2024-04.csv', 7],
      ['2024-05.csv', 3],
      ['2024-05.csv', 4],
      ['2024-05.csv', 5],
      ['2024-05 extra.csv', 1],
    ]);
    expect(problems).toContainEqual(
      expect.objectContaining({
        File: '2024-05 extra.csv',
        Effect: 'file rejected',
        Reason: expect.stringContaining(
          'the headers found on line 1 are "18/05/2024", "(withheld)", "12.00"',
        ),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ File: '2024-04.csv', Reason: '"(withheld)" is not a money amount' }),
    );
    expect(records(book.sheet('Suppliers'), 'Supplier').map((r) => r.Supplier)).toContain(
      'Payees withheld (redacted)',
    );
  });
});

describe('the chart and colour on the workbook', () => {
  it('places the chart on the Summary sheet below the tables and above the definitions, at its display size', async () => {
    const report = makeReport();
    const chart = renderShareChart(report);
    const bytes = await renderWorkbook(report, { chart });
    const book = readXlsx(bytes);
    const [picture, ...others] = readSheetPictures(bytes, 'Summary');

    expect(others).toHaveLength(0);
    expect(picture?.bytes.equals(Buffer.from(chart.png))).toBe(true);
    expect([picture?.column, picture?.width, picture?.height]).toEqual([0, chart.width, chart.height]);
    const rows = book.sheet('Summary').rows;
    const heading = rows.findIndex((row) => row[0] === 'Share of spend by financial year');
    const definitions = rows.findIndex((row) => row[0] === 'Definitions');
    const lastShareRow = rows.findLastIndex(
      (row, i) => i < heading && row[0] === report.financialYears.at(-1)?.fy.label,
    );
    expect(lastShareRow).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(lastShareRow);
    // The picture starts under its heading and the definitions start below the picture (20 px rows).
    expect(picture?.row).toBe(heading + 1);
    expect(definitions - (heading + 1)).toBeGreaterThanOrEqual(Math.ceil(chart.height / 20));
    for (const sheet of ['Monthly', 'Suppliers', 'Data quality', 'FOI answers', 'Method', 'Files']) {
      expect(readSheetPictures(bytes, sheet), sheet).toHaveLength(0);
    }
  });

  it('has no picture when no chart is given', async () => {
    expect(readSheetPictures(await renderWorkbook(makeReport()), 'Summary')).toEqual([]);
  });

  it("sets every sheet's title in the trust's colour", async () => {
    const book = await render(makeReport(), { title: 'Kent Valley NHS FT', accent: '#AE2573' });
    const styles = readXlsx(await renderWorkbook(makeReport(), { accent: '#AE2573' })).everything;
    expect(styles).toContain('<color rgb="FFAE2573"/>');
    expect(book.sheets.map((sheet) => sheet.rows[0]?.[0])).toEqual(
      book.sheets.map(() => expect.stringContaining('Social value spend to May 2024')),
    );
  });
});

describe('a year whose credits exceed its payments', () => {
  it('shows its pounds and leaves its shares and changes empty, never a share of a negative total', async () => {
    // 2023/24 nets to −£7,600: Kent Builders' £400 against Big Unknown's £8,000 refund.
    const refunded = file('2023-24.csv', 'e', [
      line('2023-04-10', 400_00, 'Kent Builders Ltd'),
      line('2023-08-10', -8_000_00, 'Big Unknown Ltd'),
    ]);
    const book = await render(buildReport([older, refunded], reference, OPTIONS));

    const row = summaryRecords(book.sheet('Summary')).find((r) => r['Financial year'] === '2023/24');
    expect(pence(row?.['Total spend'] ?? null)).toBe(-7_600_00);
    expect(pence(row?.Local ?? null)).toBe(400_00);
    for (const column of ['Local %', 'SME %', 'VCSE %', 'Local change', 'SME change', 'VCSE change']) {
      expect(row?.[column] ?? null, column).toBeNull();
    }
  });
});

describe('notes on the data on the Summary sheet', () => {
  // A new trust's year of monthly extracts: November's has only its header, January's was rejected.
  const months = [
    '2024-04',
    '2024-05',
    '2024-06',
    '2024-07',
    '2024-08',
    '2024-09',
    '2024-10',
    '2024-12',
    '2025-02',
    '2025-03',
  ];
  const monthly = months.map((month, i) =>
    file(`${month}.csv`, String(i), [line(`${month}-10`, (i + 1) * 100_00, 'Kent Builders Ltd')]),
  );
  const november = file('2024-11.csv', 'n', []);
  const january: LedgerFile = {
    ...file('2025-01.csv', 'j', []),
    status: 'rejected',
    rejection: {
      file: '2025-01.csv',
      line: 1,
      column: 'Amount',
      value: '',
      reason: 'no amount column: add one',
    },
  };
  const yearOptions: Parameters<typeof buildReport>[2] = {
    ...OPTIONS,
    firstYear: parseFinancialYear('2024/25'),
    reportMonth: '2025-03',
  };
  const NOTES = [
    'No spend is recorded for November 2024 and January 2025. If a ledger extract for those months is still to come, these figures are understated.',
    "One file was rejected and is not in these figures: 2025-01.csv. This workbook's Files and Data quality sheets say why.",
  ];

  it('says which months have no spend and which files were rejected, below the figures and above the chart and definitions', async () => {
    // prepare
    const report = buildReport([...monthly, november, january], reference, yearOptions);
    const chart = renderShareChart(report);
    // act
    const bytes = await renderWorkbook(report, { chart });
    // assert
    const sheet = readXlsx(bytes).sheet('Summary');
    const rows = sheet.rows;
    const heading = rows.findIndex((row) => row[0] === 'Notes on the data');
    expect(heading).toBeGreaterThan(0);
    expect(rows.slice(heading + 1, heading + 3).map((row) => row[0])).toEqual(NOTES);
    expect(rows[heading + 3]?.every((cell) => cell === null || cell === '') ?? true).toBe(true);
    const lastShareRow = rows.findLastIndex((row, i) => i < heading && row[0] === '2024/25');
    expect(lastShareRow).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(lastShareRow);
    expect(rows.findIndex((row) => row[0] === 'Share of spend by financial year')).toBeGreaterThan(
      heading + 2,
    );
    expect(rows.findIndex((row) => row[0] === 'Definitions')).toBeGreaterThan(heading + 2);
    // Each note spans the ten print columns, wrapping in a row tall enough for its lines.
    for (const row of [heading + 2, heading + 3]) {
      expect(sheet.xml).toContain(`<mergeCell ref="A${row}:J${row}"/>`);
      expect(sheet.xml).toMatch(new RegExp(`<row r="${row}"[^>]* ht="(\\d+)"[^>]*customHeight="1"`));
    }
    expect(Math.max(...rows.map((row) => row.length))).toBeLessThanOrEqual(10);
    // The figures are still read as one record per year, and are the same sentences as the email's.
    expect(summaryRecords(sheet).map((r) => [r['Financial year'], r.Period])).toEqual([
      ['2024/25', '12 months'],
    ]);
    const year = findReportYear(report);
    if (year === undefined) throw new Error('the report has no figures for 2024/25');
    expect(describeDataNotes(report, year, 'workbook')).toEqual(NOTES);
    // The email says the same, pointing at the workbook it attaches.
    expect(describeDataNotes(report, year, 'email')).toEqual([
      NOTES[0],
      NOTES[1]?.replace("This workbook's", "The workbook's"),
    ]);
  });

  it('has no notes block when every month has spend and every file was accepted', async () => {
    const report = buildReport([older, middle, latest], reference, OPTIONS);

    const sheet = (await render(report)).sheet('Summary');

    expect(sheet.rows.some((row) => row[0] === 'Notes on the data')).toBe(false);
    expect(sheet.rows.some((row) => /No spend is recorded|rejected and/.test(String(row[0])))).toBe(false);
  });

  it('says for a complete year that each full year is compared with the year before', async () => {
    const report = buildReport([...monthly, november, january], reference, yearOptions);

    const intro = String((await render(report)).sheet('Summary').rows[1]?.[0]);

    expect(intro).toBe(
      'Financial years (April to March) from 2024/25; report month 2025-03. Each full year is compared with the year before. Definitions are below the tables.',
    );
  });

  it('says for a year to date that it is compared with the same months of the year before', async () => {
    const intro = String((await render(makeReport())).sheet('Summary').rows[1]?.[0]);

    expect(intro).toBe(
      'Financial years (April to March) from 2022/23; report month 2024-05. The year to date is compared with the same months of the year before. Definitions are below the tables.',
    );
  });
});
