import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SummarySchema } from '../../shared/report/summary-json.ts';
import { socval } from './run-socval.ts';

const ORIGINAL = '2025-05 AP payments.csv';
const REVISED = '2025-05 AP payments revised.csv';
const header = 'Date Paid,Supplier Name,Transaction Number,Amount';

describe('socval report given a month and its revision one by one', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-file-order-'));
    await writeFile(
      join(dir, ORIGINAL),
      `${header}\n13/05/2025,Acme Ltd,T1,1000.00\n14/05/2025,Bravo Ltd,T2,2000.00\n`,
    );
    await writeFile(
      join(dir, REVISED),
      `${header}\n13/05/2025,Acme Ltd,T1,1000.00\n14/05/2025,Bravo Ltd,T2,1500.00\n`,
    );
  });

  it('lets the revision replace the original whatever order they are given in, as a shell glob sorts them', async () => {
    for (const order of [
      [REVISED, ORIGINAL],
      [ORIGINAL, REVISED],
    ]) {
      const out = join(dir, `out-${order[0]?.length}`);
      const args = order.flatMap((name) => ['--ledger', join(dir, name)]);

      const result = await socval('report', ...args, '--out', out);

      expect(result.code, result.stderr).toBe(0);
      const summary = SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
      expect(summary.financialYears.find((year) => year.fy === '2025/26')?.total).toBe('2500.00');
      expect(summary.files.map((file) => file.name)).toEqual([ORIGINAL, REVISED]);
    }
  });

  it('keeps the order given with --keep-order, as a re-run from the archive needs (uploads in arrival order)', async () => {
    const out = join(dir, 'out-kept');

    const result = await socval(
      'report',
      '--keep-order',
      '--ledger',
      join(dir, REVISED),
      '--ledger',
      join(dir, ORIGINAL),
      '--out',
      out,
    );

    expect(result.code, result.stderr).toBe(0);
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
    expect(summary.financialYears.find((year) => year.fy === '2025/26')?.total).toBe('3000.00');
    expect(summary.files.map((file) => file.name)).toEqual([REVISED, ORIGINAL]);
  });

  it('takes every file after --ledger, as a shell gives `--ledger extracts/*.csv`', async () => {
    const out = join(dir, 'out-glob');

    const result = await socval('report', '--ledger', join(dir, REVISED), join(dir, ORIGINAL), '--out', out);

    expect(result.code, result.stderr).toBe(0);
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
    expect(summary.files.map((file) => file.name)).toEqual([ORIGINAL, REVISED]);
    expect(summary.financialYears.find((year) => year.fy === '2025/26')?.total).toBe('2500.00');
  });

  it('takes no stray word after another option for a ledger, and says where files go', async () => {
    const result = await socval(
      'report',
      '--ledger',
      join(dir, ORIGINAL),
      '--out',
      join(dir, 'out-stray'),
      join(dir, REVISED),
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `unexpected argument "${join(dir, REVISED)}": files go right after --ledger or --registers`,
    );
  });

  it('puts an amended version after its original even where plain name order would not', async () => {
    const amended = '2025-05 AP amended payments.csv';
    await writeFile(
      join(dir, amended),
      `${header}\n13/05/2025,Acme Ltd,T1,1000.00\n14/05/2025,Bravo Ltd,T2,1200.00\n`,
    );
    const out = join(dir, 'out-amended');

    const result = await socval('report', '--ledger', join(dir, ORIGINAL), join(dir, amended), '--out', out);

    expect(result.code, result.stderr).toBe(0);
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
    expect(summary.files.map((file) => file.name)).toEqual([ORIGINAL, amended]);
    expect(summary.financialYears.find((year) => year.fy === '2025/26')?.total).toBe('2200.00');
  });
});
