import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RegisterExtractSchema } from '../../shared/registers/index.ts';
import { type Summary, SummarySchema } from '../../shared/report/summary-json.ts';
import { TRUST } from '../shared/registers/trust.ts';
import { socval } from './run-socval.ts';

const REGISTER_FILES = [
  'BasicCompanyDataAsOneFile-2025-07-01.csv',
  'CharityExport-01-Jul-2025.csv',
  'SocietyList.csv',
  'publicextract.charity.txt',
];

describe('socval report --registers', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof socval>>;
  let summary: Summary;

  const report = (registers: string, out: string, ...more: string[]) =>
    socval(
      'report',
      '--ledger',
      join(TRUST, 'ledger'),
      '--suppliers',
      join(TRUST, 'suppliers.csv'),
      '--registers',
      registers,
      '--out',
      join(dir, out),
      '--from-fy',
      '2023/24',
      ...more,
    );
  const summaryOf = async (out: string) =>
    SummarySchema.parse(JSON.parse(await readFile(join(dir, out, 'summary.json'), 'utf8')));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-registers-'));
    first = await report(join(TRUST, 'registers'), 'out');
    summary = await summaryOf('out');
  });

  it('reads every register in the folder, streaming, and says what it kept', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      'Read Companies House BasicCompanyDataAsOneFile-2025-07-01.csv: 21 rows, kept 13',
    );
    expect(first.stderr).toContain('Read Charity Commission publicextract.charity.txt: 12 rows, kept 8');
    expect(first.stdout).toMatch(
      /Decided in 2024\/25 \(2 months\), of £66,500\.00 classifiable spend: local 93\.5%, SME 64\.3% \(64\.3% by proxy\), VCSE 83\.8%/,
    );
  });

  it('writes summary.json with coverage and the review list', () => {
    const year = summary.coverage?.find((entry) => entry.fy === '2024/25');
    expect(year?.local.decidedShare).toBe(0.9353);
    expect(year?.sme).toMatchObject({ byProxy: '42750.00', byData: '0.00' });
    expect(year?.vcse.decided).toBe('55750.00');
    expect(summary.review?.suppliers[0]).toMatchObject({
      name: 'Heart of Kent Hospice Care',
      undecided: ['sme'],
    });
  });

  it('writes the extract it used, with each file’s SHA-256 and size, to register-extract.json', async () => {
    const extract = RegisterExtractSchema.parse(
      JSON.parse(await readFile(join(dir, 'out', 'register-extract.json'), 'utf8')),
    );
    for (const name of REGISTER_FILES) {
      const bytes = await readFile(join(TRUST, 'registers', name));
      expect(extract.sources.find((source) => source.file === name)).toMatchObject({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      });
    }
    expect(summary.registers?.sources).toEqual(extract.sources);
  });

  it('re-uses the extract instead of the downloads, to the same figures', async () => {
    const again = await report(join(dir, 'out', 'register-extract.json'), 'again');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /^Used the register extract .*register-extract\.json \(publicextract\.charity\.txt of 2025-07-01, /,
    );
    const reused = await summaryOf('again');
    expect(reused.coverage).toEqual(summary.coverage);
    expect(reused.review).toEqual(summary.review);
    expect(reused.financialYears).toEqual(summary.financialYears);
  });

  it('re-uses an extract in the folder beside the downloads it was built from', async () => {
    const folder = join(dir, 'with-extract');
    await cp(join(TRUST, 'registers'), folder, { recursive: true });
    await cp(join(dir, 'out', 'register-extract.json'), join(folder, 'register-extract.json'));
    const beside = await report(folder, 'beside');
    expect(beside.code).toBe(0);
    expect(beside.stderr).toMatch(
      /Used the register extract .* it covers these suppliers and was built from the files beside it/,
    );
    expect(beside.stderr).not.toContain('Read Companies House');
  });

  it('refuses an extract that does not cover the report’s suppliers, saying what to do', async () => {
    const ledger = join(dir, 'ledger-with-newcomer');
    await mkdir(ledger);
    await cp(join(TRUST, 'ledger'), ledger, { recursive: true });
    await writeFile(
      join(ledger, '2024-06.csv'),
      'Date,Supplier,Amount\r\n13/06/2024,Acme Widgets Ltd,100.00\r\n',
    );
    const refused = await socval(
      'report',
      '--ledger',
      ledger,
      '--registers',
      join(dir, 'out', 'register-extract.json'),
      '--out',
      join(dir, 'refused'),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^socval: .*register-extract\.json does not cover this report's suppliers: 1 supplier name \("acme widgets"\) are not among the keys it was built for\. Run socval report again with --registers naming the register downloads/,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('says which file in the folder is none of the registers, with exit status 2', async () => {
    const folder = join(dir, 'with-stranger');
    await cp(join(TRUST, 'registers'), folder, { recursive: true });
    await writeFile(join(folder, 'payments.csv'), 'Date,Supplier,Amount\r\n');
    const result = await report(folder, 'stranger');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^socval: .*payments\.csv line 1: this file is none of the registers socval reads \(its first line is "Date,Supplier,Amount"\)/,
    );
  });

  it('reports a damaged register as a RegisterFormatError message, not a stack trace', async () => {
    const folder = join(dir, 'damaged');
    await mkdir(folder);
    const published = await readFile(
      join(TRUST, 'registers', 'BasicCompanyDataAsOneFile-2025-07-01.csv'),
      'utf8',
    );
    const [header = '', row = ''] = published.split('\r\n');
    await writeFile(
      join(folder, 'BasicCompanyDataAsOneFile-2025-07-01.csv'),
      `${header}\r\n${row.replace(/,"[^"]*"$/, '')}\r\n`,
    );
    const result = await report(folder, 'damaged');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'socval: BasicCompanyDataAsOneFile-2025-07-01.csv line 2: this record has 54 fields where the header has 55: the file is damaged or cut short; ' +
        'download it again and give BasicCompanyDataAsOneFile-YYYY-MM-01.csv, or one of its BasicCompanyData-YYYY-MM-01-partN_7.csv files, ' +
        'as downloaded from download.companieshouse.gov.uk and unzipped\n',
    );
  });

  it('counts co-operatives as VCSE with --cooperatives-are-vcse', async () => {
    const result = await report(
      join(dir, 'out', 'register-extract.json'),
      'coops',
      '--cooperatives-are-vcse',
    );
    expect(result.code).toBe(0);
    const coops = await summaryOf('coops');
    const vcse = coops.coverage?.find((entry) => entry.fy === '2024/25')?.vcse.byBasis;
    expect(vcse?.find((entry) => entry.basis === 'co-operative-society')).toMatchObject({
      yes: '900.00',
      no: '0.00',
    });
    expect(coops.definitions.cooperativesAreVcse).toBe(true);
  });
});
