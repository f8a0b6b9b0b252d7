import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLedgerFiles } from '../../cli/collect-inputs.ts';
import { SummarySchema } from '../../shared/report/summary-json.ts';
import { socval } from './run-socval.ts';

const EXTRACT = 'Date Paid,Supplier Name,Amount\n14/05/2024,Acme Ltd,100.00\n20/05/2024,Bravo Ltd,250.00\n';
const SUPPLIERS = 'Supplier Name,Postcode,SME,VCSE\nAcme Ltd,ME14 1XX,Y,N\n';

describe('socval report with the supplier reference kept in the ledger folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-inputs-in-folder-'));
    await mkdir(join(dir, 'extracts'));
    await writeFile(join(dir, 'extracts', '2024-05 payments.csv'), EXTRACT);
    await writeFile(join(dir, 'extracts', 'suppliers.csv'), SUPPLIERS);
  });

  it('reads the supplier reference as the reference only, says so, and exits 0', async () => {
    const result = await socval(
      'report',
      '--ledger',
      join(dir, 'extracts'),
      '--suppliers',
      join(dir, 'extracts', 'suppliers.csv'),
      '--out',
      join(dir, 'out'),
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Files: 1 accepted, 0 rejected');
    expect(result.stdout).not.toContain('suppliers.csv');
    expect(result.stderr).toContain(
      `Not read as ledger extracts: ${join(dir, 'extracts', 'suppliers.csv')} (the --suppliers file)`,
    );
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8')));
    expect(summary.financialYears.find((fy) => fy.fy === '2024/25')?.total).toBe('350.00');
  });

  it('knows the file however its path is written: relative, or through a link', async () => {
    await symlink(join(dir, 'extracts', 'suppliers.csv'), join(dir, 'suppliers-link.csv'));
    const relativePath = relative(process.cwd(), join(dir, 'extracts'));

    const result = await socval(
      'report',
      '--ledger',
      relativePath,
      '--suppliers',
      join(dir, 'suppliers-link.csv'),
      '--out',
      join(dir, 'out-link'),
    );

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('suppliers.csv (the --suppliers file)');
  });

  it('leaves out the postcode lookup and register files given as such, and reads every other file', async () => {
    const { files, leftOut } = await findLedgerFiles(
      [join(dir, 'extracts')],
      [
        { path: join(dir, 'extracts', 'suppliers.csv'), flag: '--registers' },
        { path: join(dir, 'nowhere.csv'), flag: '--postcodes' },
      ],
    );

    expect(files.map((file) => file.name)).toEqual(['2024-05 payments.csv']);
    expect(leftOut).toEqual([{ path: join(dir, 'extracts', 'suppliers.csv'), flag: '--registers' }]);
  });

  it('still reads a suppliers.csv in the folder when --suppliers names another file', async () => {
    await writeFile(join(dir, 'other-suppliers.csv'), SUPPLIERS);

    const { files, leftOut } = await findLedgerFiles(
      [join(dir, 'extracts')],
      [{ path: join(dir, 'other-suppliers.csv'), flag: '--suppliers' }],
    );

    expect(files.map((file) => file.name)).toEqual(['2024-05 payments.csv', 'suppliers.csv']);
    expect(leftOut).toEqual([]);
  });
});
