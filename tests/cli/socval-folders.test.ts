import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectLedgerFiles, seriesPathOf } from '../../cli/collect-inputs.ts';
import { SummarySchema } from '../../shared/report/summary-json.ts';
import { socval } from './run-socval.ts';

const HEADER = 'Date Paid,Supplier Name,Transaction Number,Amount';

/** A May 2024 extract: one line per [supplier, pounds, transaction]. */
function extract(lines: [string, string, string][]): string {
  return [HEADER, ...lines.map(([supplier, pounds, tx]) => `14/05/2024,${supplier},${tx},${pounds}`)].join(
    '\n',
  );
}

describe('socval report with extracts in several folders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-folders-'));
    for (const folder of ['cardiology', 'oncology', 'estates']) await mkdir(join(dir, folder));
    // Two cost centres' extracts for one month, each file named only by the month.
    await writeFile(join(dir, 'cardiology', '2024-05.csv'), extract([['Acme Ltd', '100.00', 'C1']]));
    await writeFile(join(dir, 'oncology', '2024-05.csv'), extract([['Bravo Ltd', '250.00', 'O1']]));
    // A corrected re-export in the same folder replaces its original.
    await writeFile(join(dir, 'estates', '2024-05.csv'), extract([['Charlie Ltd', '999.00', 'E1']]));
    await writeFile(join(dir, 'estates', '2024-05 corrected.csv'), extract([['Charlie Ltd', '99.00', 'E1']]));
  });

  it('names each file by its folder when the files come from more than one', async () => {
    const { files } = await collectLedgerFiles([join(dir, 'cardiology'), join(dir, 'oncology')]);
    expect(files.map(seriesPathOf)).toEqual(['cardiology/2024-05.csv', 'oncology/2024-05.csv']);
    const single = await collectLedgerFiles([join(dir, 'estates')]);
    expect(single.files.map(seriesPathOf)).toEqual(['2024-05.csv', '2024-05 corrected.csv']);
  });

  it('names files given one by one by their names alone, as a re-run from the archive gives them', async () => {
    // raw/ledger/<sha256>/<name>: every file in a folder of its own, which must not make it a series of its own.
    const { files } = await collectLedgerFiles([
      join(dir, 'estates', '2024-05.csv'),
      join(dir, 'oncology', '2024-05.csv'),
    ]);
    expect(files.map(seriesPathOf)).toEqual(['2024-05.csv', '2024-05.csv']);
  });

  it("counts every folder's extract for the month, and lets a correction replace only its own original", async () => {
    const result = await socval(
      'report',
      '--ledger',
      join(dir, 'cardiology'),
      '--ledger',
      join(dir, 'oncology'),
      '--ledger',
      join(dir, 'estates'),
      '--out',
      join(dir, 'out'),
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const summary = SummarySchema.parse(JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8')));
    const year = summary.financialYears.find((fy) => fy.fy === '2024/25');
    expect(year?.total).toBe('449.00');
    expect(result.stdout).toMatch(/2024-05 replaced by 2024-05 corrected\.csv/);
    expect(result.stdout).not.toMatch(/Maybe counted twice/);
  });

  it('warns when extracts of different folders carry the same lines', async () => {
    const copy = join(dir, 'copy');
    await mkdir(copy);
    // A byte more than cardiology's (a byte-identical copy is read once, not warned of).
    await writeFile(join(copy, '2024-05.csv'), `${extract([['Acme Ltd', '100.00', 'C1']])}\n`);
    const result = await socval(
      'report',
      '--ledger',
      join(dir, 'cardiology'),
      '--ledger',
      copy,
      '--out',
      join(dir, 'out-copy'),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Maybe counted twice: 2024-05\.csv and 2024-05\.csv both carry 1 identical line/,
    );
  });
});
