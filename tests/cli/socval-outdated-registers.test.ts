import { cp, mkdtemp, readFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SummarySchema } from '../../shared/report/summary-json.ts';
import { TRUST } from '../shared/registers/trust.ts';
import { socval } from './run-socval.ts';

/** The trust's registers are of 2025-07-01; the FCA file has no date but its file's, set here. */
describe('socval report --registers with registers older than the report month', () => {
  let dir: string;
  let registers: string;

  const report = (from: string, out: string, ...more: string[]) =>
    socval(
      'report',
      '--ledger',
      join(TRUST, 'ledger'),
      '--suppliers',
      join(TRUST, 'suppliers.csv'),
      '--registers',
      from,
      '--out',
      join(dir, out),
      '--from-fy',
      '2023/24',
      ...more,
    );
  const warnings = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('Register '));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-outdated-'));
    registers = join(dir, 'registers');
    await cp(join(TRUST, 'registers'), registers, { recursive: true });
    // Three months before 2025-11: current enough.
    const saved = new Date('2025-08-01T12:00:00Z');
    await utimes(join(registers, 'SocietyList.csv'), saved, saved);
  });

  it('warns of nothing for the trust’s own report month, 2024-05, which the registers post-date', async () => {
    const result = await report(registers, 'may-2024');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Social value spend to May 2024');
    expect(warnings(result.stdout)).toEqual([]);
  });

  it('prints one line per register more than three months older than the report month', async () => {
    const result = await report(registers, 'nov-2025', '--month', '2025-11');

    expect(result.code).toBe(0);
    expect(warnings(result.stdout).sort()).toEqual([
      'Register out of date: The Charity Commission file publicextract.charity.txt is of 2025-07-01, 4 months before the ' +
        'report month 2025-11: bodies formed, dissolved or re-filed since are not seen. ' +
        'Download the current edition and run again.',
      'Register out of date: The Companies House file BasicCompanyDataAsOneFile-2025-07-01.csv is of 2025-07-01, 4 months ' +
        'before the report month 2025-11: bodies formed, dissolved or re-filed since are not seen. ' +
        'Download the current edition and run again.',
      'Register out of date: The Scottish Charity Register (OSCR) file CharityExport-01-Jul-2025.csv is of 2025-07-01, ' +
        '4 months before the report month 2025-11: bodies formed, dissolved or re-filed since are not seen. ' +
        'Download the current edition and run again.',
    ]);
    const summary = SummarySchema.parse(
      JSON.parse(await readFile(join(dir, 'nov-2025', 'summary.json'), 'utf8')),
    );
    expect(summary.registers?.outdated?.map((o) => [o.file, o.dated, o.monthsOld]).sort()).toEqual([
      ['BasicCompanyDataAsOneFile-2025-07-01.csv', '2025-07-01', 4],
      ['CharityExport-01-Jul-2025.csv', '2025-07-01', 4],
      ['publicextract.charity.txt', '2025-07-01', 4],
    ]);
  });

  it('keeps the registers’ dates in the extract it writes, so re-using it next month still warns', async () => {
    const result = await report(
      join(dir, 'nov-2025', 'register-extract.json'),
      'dec-2025',
      '--month',
      '2025-12',
    );

    expect(result.code).toBe(0);
    expect(warnings(result.stdout)).toHaveLength(4);
    expect(result.stdout).toContain(
      'Register out of date: The FCA mutuals register file SocietyList.csv carries no date of its own; its file is dated ' +
        '2025-08-01, 4 months before the report month 2025-12',
    );
  });
});
