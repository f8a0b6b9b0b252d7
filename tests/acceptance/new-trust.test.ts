/**
 * Acceptance: socval as a finance user runs it, on a trust nobody on the team has seen.
 *
 * `tools/make_trust.py` (Python standard library only, no code shared with socval) writes
 * "Medway Coast NHS Trust": a supplier reference, 16 extracts in another ledger system's styles
 * (cp1252 and BOM CSVs, ISO / dotted / month-name / month-first dates, a hand-built XLSX, a
 * corrected re-export, a file with no amount column, a line dated 31/02/2024), and
 * `expected.json`, computed from the documented rules in ARCHITECTURE.md and the README.
 * The CLI is run as a subprocess; only its outputs are inspected.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIGURES = ['lines', 'total', 'local', 'localUnknown', 'sme', 'smeUnknown', 'vcse', 'redacted'] as const;

type Figures = Record<(typeof FIGURES)[number], string | number>;
interface Problem {
  line?: number;
  column?: string;
  value?: string;
  reason: string;
}
interface Replaced {
  month: string;
  by: string;
  rows: number;
  total: string;
}
interface SummaryFile {
  name: string;
  status: string;
  rows: number;
  total: string;
  months: string[];
  errors: Problem[];
  skipped: number;
  replacedMonths: Replaced[];
}
interface Summary {
  schemaVersion: number;
  reportMonth: string;
  financialYears: (Figures & { fy: string; months: number })[];
  previousYearToDate?: Figures & { fy: string; months: number };
  monthly: (Figures & { month: string })[];
  outsideReportWindow: { before: { rows: number; total: string }; after: { rows: number; total: string } };
  files: SummaryFile[];
}
interface ExpectedFile {
  status: 'accepted' | 'rejected';
  rows: number;
  total: string;
  months: string[];
  summaryRows: number;
  replacedMonths: Replaced[];
  badLines: { line: number; column: string; value: string }[];
  missingColumn?: string;
}
interface Expected {
  reportMonth: string;
  financialYears: (Figures & { fy: string; months: number })[];
  previousYearToDate: Figures & { fy: string; months: number };
  monthly: (Figures & { month: string })[];
  outsideReportWindow: Summary['outsideReportWindow'];
  files: Record<string, ExpectedFile>;
}

let dir = '';
let status: number | null = null;
let stdout = '';
let stderr = '';
let summary: Summary;
let expected: Expected;

function figuresOf(entry: Figures): Figures {
  return Object.fromEntries(FIGURES.map((key) => [key, entry[key]])) as Figures;
}

function fileNamed(name: string): SummaryFile {
  const file = summary.files.find((f) => f.name === name);
  if (file === undefined) throw new Error(`summary.json has no entry for ${name}`);
  return file;
}

function expectedNamed(predicate: (entry: ExpectedFile) => boolean): [string, ExpectedFile] {
  const found = Object.entries(expected.files).find(([, entry]) => predicate(entry));
  if (found === undefined) throw new Error('expected.json lacks the file this test is about');
  return found;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'socval-new-trust-'));
  execFileSync('python3', ['tests/acceptance/tools/make_trust.py', dir, '--seed', '7'], { cwd: ROOT });
  expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  const args = [
    'bin/socval.mjs',
    'report',
    '--ledger',
    join(dir, 'extracts'),
    '--suppliers',
    join(dir, 'suppliers.csv'),
    '--out',
    join(dir, 'out'),
    '--from-fy',
    '2022/23',
    '--json',
  ];
  try {
    stdout = execFileSync('node', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    status = 0;
  } catch (error) {
    const failed = error as { status: number | null; stdout?: string; stderr?: string };
    status = failed.status;
    stdout = failed.stdout ?? '';
    stderr = failed.stderr ?? '';
  }
  summary = JSON.parse(stdout) as Summary;
}, 30_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('Medway Coast NHS Trust, run through the socval CLI', () => {
  it('exits 1 (one file rejected) and prints the summary.json it writes', () => {
    expect(status, stderr).toBe(1);
    expect(summary.schemaVersion).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'))).toEqual(summary);
  });

  it('reports on 2024-04: FY 2022/23 and 2023/24 in full, 2024/25 to date', () => {
    expect(summary.reportMonth).toBe(expected.reportMonth);
    expect(summary.financialYears.map((y) => [y.fy, y.months])).toEqual(
      expected.financialYears.map((y) => [y.fy, y.months]),
    );
  });

  it.each(['2022/23', '2023/24', '2024/25'])('FY %s: every figure to the penny', (fy) => {
    const want = expected.financialYears.find((y) => y.fy === fy);
    const got = summary.financialYears.find((y) => y.fy === fy);
    expect(want, `expected.json has FY ${fy}`).toBeDefined();
    expect(got, `summary.json has FY ${fy}`).toBeDefined();
    if (want && got) expect(figuresOf(got)).toEqual(figuresOf(want));
  });

  it('the same months of the previous year, and month by month, to the penny', () => {
    const previous = summary.previousYearToDate;
    expect(previous && [previous.fy, previous.months]).toEqual([
      expected.previousYearToDate.fy,
      expected.previousYearToDate.months,
    ]);
    if (previous) expect(figuresOf(previous)).toEqual(figuresOf(expected.previousYearToDate));
    expect(summary.monthly.map((m) => ({ month: m.month, ...figuresOf(m) }))).toEqual(
      expected.monthly.map((m) => ({ month: m.month, ...figuresOf(m) })),
    );
    expect(summary.outsideReportWindow).toEqual(expected.outsideReportWindow);
  });

  it('accounts for every file in folder name order: status, rows, total, months, replaced months', () => {
    const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const onDisk = readdirSync(join(dir, 'extracts')).sort(byName.compare);
    expect(summary.files.map((f) => f.name)).toEqual(onDisk);
    expect(Object.keys(expected.files)).toEqual(onDisk);
    type Accounted = Pick<SummaryFile, 'status' | 'rows' | 'total' | 'months' | 'replacedMonths'>;
    const account = (entries: [string, Accounted][]) =>
      Object.fromEntries(
        entries.map(([name, f]) => [
          name,
          { status: f.status, rows: f.rows, total: f.total, months: f.months, replaced: f.replacedMonths },
        ]),
      );
    expect(account(summary.files.map((f) => [f.name, f]))).toEqual(account(Object.entries(expected.files)));
  });

  it('the corrected re-export replaces the first export of 2023-09', () => {
    const [original, entry] = expectedNamed((f) => f.replacedMonths.length > 0);
    expect(entry.replacedMonths.map((r) => [r.month, r.by])).toEqual([
      ['2023-09', 'AP payments 2023-09 exported 20231019 corrected.csv'],
    ]);
    expect(fileNamed(original).replacedMonths).toEqual(entry.replacedMonths);
  });

  it('rejects the file without an amount column, naming the missing column', () => {
    const [name, entry] = expectedNamed((f) => f.status === 'rejected');
    const file = fileNamed(name);
    expect(file.status).toBe('rejected');
    expect(file.errors).toHaveLength(1);
    expect(file.errors[0]?.column).toMatch(new RegExp(entry.missingColumn ?? 'amount', 'i'));
    expect(file.errors[0]?.reason).toMatch(/\bamount\b/i);
  });

  it('leaves out the line dated 31/02/2024, with its line number and column, and accepts the file', () => {
    const [name, entry] = expectedNamed((f) => f.badLines.length > 0);
    const file = fileNamed(name);
    expect(file.status).toBe('accepted');
    expect(file.errors.map(({ line, column, value }) => ({ line, column, value }))).toEqual(entry.badLines);
    expect(file.errors[0]?.reason).toMatch(/February 2024/);
  });

  it('treats Total / Sum: footer rows as not spend: skipped, never reported as bad lines', () => {
    const reported = (f: SummaryFile) => ({
      skipped: f.skipped,
      errors: f.errors.map((e) => `line ${e.line}, column "${e.column}": ${e.reason}`),
    });
    const accepted = summary.files.filter((f) => expected.files[f.name]?.status === 'accepted');
    const clean = accepted.filter((f) => (expected.files[f.name]?.badLines.length ?? 0) === 0);
    expect(Object.fromEntries(clean.map((f) => [f.name, reported(f)]))).toEqual(
      Object.fromEntries(
        clean.map((f) => [f.name, { skipped: expected.files[f.name]?.summaryRows ?? 0, errors: [] }]),
      ),
    );
  });

  it('writes out/social-value-2024-04.xlsx with the documented sheets', async () => {
    const path = join(dir, 'out', 'social-value-2024-04.xlsx');
    expect(existsSync(path)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Summary', 'Monthly', 'Suppliers', 'Data quality', 'Files']),
    );
    expect(workbook.worksheets.map((s) => s.name)).not.toContain('Problems');
  });
});
