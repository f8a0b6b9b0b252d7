import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import { writeSampleTrust } from '../../sample/write-sample.ts';
import { SummarySchema } from '../../shared/report/summary-json.ts';
import { barsOfColour, readPng } from '../shared/report/chart/read-png.ts';
import { socval } from './run-socval.ts';

describe('socval report on the sample trust', () => {
  let dir: string;
  let expected: Awaited<ReturnType<typeof generateSampleTrust>>['expected'];
  let result: Awaited<ReturnType<typeof socval>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-cli-'));
    const trust = await generateSampleTrust();
    expected = trust.expected;
    await writeSampleTrust(dir, trust);
    result = await socval(
      'report',
      '--ledger',
      join(dir, 'extracts'),
      '--suppliers',
      join(dir, 'suppliers.csv'),
      '--out',
      join(dir, 'out'),
      '--json',
    );
  });

  it('exits 0 with every file accepted', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('prints summary.json that matches the generator’s own figures to the penny', async () => {
    const printed = SummarySchema.parse(JSON.parse(result.stdout));
    const written = JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(written).toEqual(printed);
    expect(printed.reportMonth).toBe(expected.reportMonth);
    expect(
      printed.financialYears.map(({ fy, months, total, local, localUnknown, sme, smeUnknown, vcse }) => ({
        fy,
        months,
        total,
        local,
        localUnknown,
        sme,
        smeUnknown,
        vcse,
      })),
    ).toEqual(expected.financialYears);
  });

  it('writes the workbook named for the report month', async () => {
    const info = await stat(join(dir, 'out', `social-value-${expected.reportMonth}.xlsx`));
    expect(info.size).toBeGreaterThan(10_000);
  });

  it('writes the chart, with a bar per financial year in each colour asked for', async () => {
    const chart = readPng(await readFile(join(dir, 'out', 'share-of-spend.png')));
    expect(barsOfColour(chart, '#005EB8')).toHaveLength(expected.financialYears.length);

    const coloured = await socval(
      'report',
      '--ledger',
      join(dir, 'extracts'),
      '--suppliers',
      join(dir, 'suppliers.csv'),
      '--out',
      join(dir, 'coloured'),
      '--chart-colours',
      '#AE2573, #00a499,#768692',
    );
    expect(coloured.code).toBe(0);
    const recoloured = readPng(await readFile(join(dir, 'coloured', 'share-of-spend.png')));
    for (const colour of ['#AE2573', '#00A499', '#768692']) {
      expect(barsOfColour(recoloured, colour)).toHaveLength(expected.financialYears.length);
    }
  });

  it('refuses a colour that is not #rrggbb, naming the option', async () => {
    const bad = await socval(
      'report',
      '--ledger',
      join(dir, 'extracts'),
      '--out',
      join(dir, 'bad'),
      '--brand-colour',
      'blue',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--brand-colour: write a colour as # and six hex digits, like #005EB8');
  });
});

describe('socval report on real published files', () => {
  it('accounts for every file and exits 1 when one is rejected, still writing the outputs', async () => {
    const out = await mkdtemp(join(tmpdir(), 'socval-bart-'));
    const result = await socval(
      'report',
      '--ledger',
      'tests/fixtures/real-spend/BART',
      '--out',
      out,
      '--from-fy',
      '2020/21',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Files: 10 accepted, 1 rejected/);
    expect(result.stdout).toMatch(/REJECTED BART 09 - December\.xls.*save it as \.xlsx or CSV/);
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
    expect(summary.files).toHaveLength(11);
    expect(summary.reportMonth).toBe('2021-02');
  });

  it('loses no line of invoice-dated monthly files: the year plus earlier-dated lines equal the files’ sum', async () => {
    const out = await mkdtemp(join(tmpdir(), 'socval-kico-'));
    const result = await socval(
      'report',
      '--ledger',
      'tests/fixtures/real-spend/KICO',
      '--out',
      out,
      '--from-fy',
      '2020/21',
      '--json',
    );
    const summary = SummarySchema.parse(JSON.parse(result.stdout));
    const pence = (s: string) => Math.round(Number(s) * 100);
    const filesTotal = summary.files.reduce((sum, f) => sum + pence(f.total), 0);
    const counted = summary.financialYears.reduce((sum, y) => sum + pence(y.total), 0);
    expect(counted + pence(summary.outsideReportWindow.before.total)).toBe(filesTotal);
    expect(summary.files.every((f) => f.replacedMonths.length === 0 && f.period.from === 'file-name')).toBe(
      true,
    );
  });
});

describe('socval usage errors', () => {
  it.each([
    [['report', '--out', 'x'], /--ledger is required/],
    [['report', '--ledger', 'no/such/folder', '--out', 'x'], /no such file or folder/],
    [
      ['report', '--ledger', 'tests/fixtures/real-spend/WHIT', '--out', 'x', '--month', 'Oct'],
      /--month: write the report month like 2024-10/,
    ],
    [['report', '--ledger', 'tests/fixtures/real-spend/WHIT', '--out', 'x', '--sme', 'small'], /--sme/],
    [['report', '--bogus'], /Unknown option '--bogus'/],
    [
      ['report', '--ledger', 'tests/fixtures/real-spend/WHIT', '--out', 'x'],
      /before the first financial year 2022\/23.*--from-fy/,
    ],
  ])('exits 2 with a message for %j', async (args, message) => {
    const result = await socval(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 and says why each file was rejected when none was accepted', async () => {
    const result = await socval(
      'report',
      '--ledger',
      'tests/fixtures/real-spend/BART/BART 09 - December.xls',
      '--out',
      'x',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing to report:\n\s+BART 09 - December\.xls.*save it as \.xlsx or CSV/);
  });

  it('documents itself in --help', async () => {
    const result = await socval('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/socval report --ledger/);
    expect(result.stdout).toMatch(/Exit status/);
  });
});
