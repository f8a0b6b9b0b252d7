import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SummarySchema } from '../../shared/report/summary-json.ts';
import { socval } from '../cli/run-socval.ts';
import { corpusFile } from './corpus.ts';

/** A stack trace line, as an unexpected failure would print it. */
const STACK = /\n\s+at /;

/** Copies corpus files (generating those not committed) into `folder`; returns their paths. */
async function place(folder: string, names: readonly string[]): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  return Promise.all(
    names.map(async (name) => {
      const path = join(folder, name);
      await writeFile(path, (await corpusFile(name)).bytes);
      return path;
    }),
  );
}

// Each test runs its own socval process in its own folder: they run side by side.
describe.concurrent('socval report on the bad-input corpus, as a user runs it', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-bad-input-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accounts for every broken file in a folder, exits 1 and still writes the report from the good one', async () => {
    // prepare: one good April extract among broken ones (the damaged workbook used to end the process silently)
    const broken = [
      'corrupt-deflate.xlsx',
      'unbalanced-quote.csv',
      'zip-bomb-declared.xlsx',
      'nul-bytes.csv',
      'duplicate-header-names.csv',
      'payments-report-pdf.xlsx',
    ];
    const ledger = join(dir, 'folder');
    await place(ledger, ['accounting-formats.csv', ...broken]);
    const out = join(dir, 'folder-out');
    // act
    const result = await socval('report', '--ledger', ledger, '--out', out, '--from-fy', '2024/25');
    // assert
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toMatch(/Files: 1 accepted, 6 rejected/);
    expect(result.stdout).toMatch(/ok {7}accounting-formats\.csv: 6 lines, £111,236\.94/);
    expect(result.stdout).toMatch(
      /REJECTED corrupt-deflate\.xlsx: .*could not be opened as an Excel workbook/,
    );
    expect(result.stdout).toMatch(
      /REJECTED unbalanced-quote\.csv \(line 3\): .*never closed.*check the quotes on line 3/,
    );
    expect(result.stdout).toMatch(/REJECTED zip-bomb-declared\.xlsx: .*"zip bomb"/);
    expect(result.stdout).toMatch(/REJECTED nul-bytes\.csv \(line 3\): .*NUL \(zero\) byte on line 3/);
    expect(result.stdout).toMatch(
      /REJECTED duplicate-header-names\.csv \(line 1, column "Amount"\): 2 columns are headed "Amount"/,
    );
    expect(result.stdout).toMatch(/REJECTED payments-report-pdf\.xlsx: .*is a PDF document/);
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
    expect(summary.files.map((file) => [file.name, file.status]).sort()).toEqual(
      [['accounting-formats.csv', 'accepted'], ...broken.map((name) => [name, 'rejected'])].sort(),
    );
  });

  it('exits 2 with each reason on stderr when no file can be read', async () => {
    // prepare
    const [bomb = '', html = ''] = await place(join(dir, 'none'), [
      'zip-bomb-shared-strings.xlsx',
      'web-page-export.xls',
    ]);
    // act
    const result = await socval('report', '--ledger', bomb, '--ledger', html, '--out', join(dir, 'none-out'));
    // assert
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stderr).toMatch(/^socval: no file was accepted, so there is nothing to report:/);
    expect(result.stderr).toMatch(/zip-bomb-shared-strings\.xlsx: .*without a single XML tag/);
    expect(result.stderr).toMatch(/web-page-export\.xls: .*is a web page \(HTML\).*save it as \.xlsx or CSV/);
  });

  it('exits 2 naming the problem when the supplier reference is hostile (loading it whole ran out of memory)', async () => {
    // prepare
    const [good = '', merged = ''] = await place(join(dir, 'reference'), [
      'accounting-formats.csv',
      'merged-whole-sheet.xlsx',
    ]);
    // act
    const result = await socval(
      'report',
      '--ledger',
      good,
      '--suppliers',
      merged,
      '--out',
      join(dir, 'ref-out'),
    );
    // assert
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stderr).toMatch(
      /^socval: The supplier reference cannot be read: merged-whole-sheet\.xlsx merges more than 1,048,576 cells.*unmerge the cells/,
    );
  });

  it('reports the month of the file, not the year a typo says, and lists contradictory reference rows', async () => {
    // prepare: one line dated 2099 used to make April 2099 the report month, 75 years of zeros above it
    const [ledger = '', suppliers = ''] = await place(join(dir, 'typo'), [
      'dates-1900-and-2099.csv',
      'suppliers-contradictory-flags.csv',
    ]);
    // act
    const result = await socval(
      'report',
      '--ledger',
      ledger,
      '--suppliers',
      suppliers,
      '--out',
      join(dir, 'typo-out'),
      '--from-fy',
      '2024/25',
    );
    // assert
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toMatch(/^Social value spend to April 2024/);
    expect(result.stdout).not.toMatch(/April 2099|2099\/00/);
    expect(result.stdout).toMatch(
      /dates-1900-and-2099\.csv: 40 lines, £4,000\.00 \(2 bad line\(s\) left out/,
    );
    expect(result.stdout).toMatch(/Supplier reference: 3 cells could not be read/);
    expect(result.stdout).toMatch(
      /^ {2}suppliers-contradictory-flags\.csv line 3, column "SME": SME is N here but Y on line 2/m,
    );
  });

  it('writes formula-like supplier names into the workbook as text, never as formulas', async () => {
    // prepare
    const [ledger = ''] = await place(join(dir, 'formula'), ['formula-in-supplier.csv']);
    const out = join(dir, 'formula-out');
    // act
    const result = await socval('report', '--ledger', ledger, '--out', out, '--from-fy', '2024/25');
    // assert
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'social-value-2024-04.xlsx'));
    const cells: ExcelJS.Cell[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(cell);
        });
      });
    }
    const hyperlink = '=HYPERLINK("http://evil.example/x","Acme Ltd")';
    expect(cells.some((cell) => cell.value === hyperlink)).toBe(true);
    expect(
      cells.filter(
        (cell) => cell.type === ExcelJS.ValueType.Formula && /HYPERLINK|SUM\(1/.test(String(cell.formula)),
      ),
    ).toEqual([]);
  });
});
