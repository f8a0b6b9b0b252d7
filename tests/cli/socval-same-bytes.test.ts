import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLedgerFiles } from '../../cli/collect-inputs.ts';
import { type Summary, SummarySchema } from '../../shared/report/summary-json.ts';
import { socval } from './run-socval.ts';

const FIRST = 'NDCH Spend over 25k April 2024.csv';
const SECOND = 'Spend over 25k April 2024.csv';

/** An April 2024 extract of £96,000. */
const EXTRACT = [
  'Date Paid,Supplier Name,Transaction Number,Amount',
  '08/04/2024,Acme Ltd,T1,30000.00',
  '15/04/2024,Bravo Ltd,T2,40000.00',
  '22/04/2024,Charlie Ltd,T3,26000.00',
  '',
].join('\n');

async function readSummary(out: string): Promise<Summary> {
  return SummarySchema.parse(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
}

function totalOf(summary: Summary): string | undefined {
  return summary.financialYears.find((fy) => fy.fy === '2024/25')?.total;
}

describe('socval report with the same extract saved twice', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-same-bytes-'));
    await mkdir(join(dir, 'same'));
    await mkdir(join(dir, 'differ'));
    // Written in the opposite order to their names': the copy kept is decided by name, not by the disk.
    await writeFile(join(dir, 'same', SECOND), EXTRACT);
    await writeFile(join(dir, 'same', FIRST), EXTRACT);
    await writeFile(join(dir, 'differ', FIRST), EXTRACT);
    await writeFile(join(dir, 'differ', SECOND), `${EXTRACT}29/04/2024,Delta Ltd,T4,1000.00\n`);
  });

  it('counts byte-identical files once, keeps the first in name order, and says so in one line', async () => {
    const out = join(dir, 'out-same');

    const result = await socval('report', '--ledger', join(dir, 'same'), '--out', out);

    expect(result.code).toBe(0);
    const summary = await readSummary(out);
    expect(totalOf(summary)).toBe('96000.00');
    expect(summary.files.map((file) => file.name)).toEqual([FIRST]);
    expect(result.stderr).toContain(`Read once: "${SECOND}" has the same bytes as "${FIRST}"\n`);
    expect(result.stderr.match(/Read once/g)).toHaveLength(1);
    expect(result.stdout).not.toContain('Maybe counted twice');
  });

  it('still counts both files when they differ by one line, and still warns of the overlap', async () => {
    const out = join(dir, 'out-differ');

    const result = await socval('report', '--ledger', join(dir, 'differ'), '--out', out);

    expect(result.code).toBe(0);
    const summary = await readSummary(out);
    expect(totalOf(summary)).toBe('193000.00');
    expect(summary.files.map((file) => file.name)).toEqual([FIRST, SECOND]);
    expect(result.stderr).not.toContain('Read once');
    expect(result.stdout).toContain('Maybe counted twice');
  });

  it('reads a file given twice once: the same path twice, or the file and its folder', async () => {
    const file = join(dir, 'differ', FIRST);
    const out = join(dir, 'out-twice');

    const result = await socval('report', '--ledger', file, '--ledger', file, '--out', out);
    const withFolder = await findLedgerFiles([join(dir, 'differ'), file]);

    expect(result.code).toBe(0);
    const summary = await readSummary(out);
    expect(totalOf(summary)).toBe('96000.00');
    expect(summary.files.map((each) => each.name)).toEqual([FIRST]);
    expect(withFolder.files.map((each) => each.name)).toEqual([FIRST, SECOND]);
  });
});
