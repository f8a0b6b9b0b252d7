import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../../shared/ledger/index.ts';
import type { LedgerFile } from '../../../shared/types.ts';

const ROOT = join(import.meta.dirname, '../../fixtures/real-spend');
const EXPECTED_PATH = join(import.meta.dirname, '../../fixtures/real-spend-expected.json');

/** Every published file, as `FOLDER/name` relative to the fixture folder. */
const FILES = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) => readdirSync(join(ROOT, folder.name)).map((name) => `${folder.name}/${name}`))
  .sort();
const SPREADSHEETS = FILES.filter((file) => /\.(csv|xlsx)$/i.test(file));
const LEGACY = FILES.filter((file) => /\.xls$/i.test(file));

interface Expected {
  files: Record<string, { rows: number; totalPence: number; months: string[] }>;
  rejected: Record<string, string>;
}

async function read(file: string): Promise<LedgerFile> {
  return readLedger({ name: file, bytes: readFileSync(join(ROOT, file)) });
}

describe('real published NHS spend files', () => {
  it('has the ten folders of fixtures this suite expects', () => {
    expect(new Set(FILES.map((file) => file.split('/')[0])).size).toBe(10);
    expect(SPREADSHEETS.length).toBeGreaterThan(100);
    expect(LEGACY).toEqual(['BART/BART 09 - December.xls']);
  });

  it.each(SPREADSHEETS)('accepts %s with no bad lines', async (file) => {
    const ledger = await read(file);
    expect(ledger.rejection).toBeUndefined();
    expect(ledger.status).toBe('accepted');
    expect(ledger.issues).toEqual([]);
    expect(ledger.lines.length).toBeGreaterThan(0);
  });

  it.each(LEGACY)('rejects the legacy workbook %s asking for .xlsx or CSV', async (file) => {
    const ledger = await read(file);
    expect(ledger).toMatchObject({ status: 'rejected', format: 'xls', lines: [] });
    expect(ledger.rejection?.reason).toContain('save it as .xlsx or CSV');
  });

  it('reads NEHV 06 month-first from "9/30/2020"', async () => {
    const ledger = await read('NEHV/NEHV 06 - September.csv');
    expect(ledger.dateStyles).toEqual([expect.objectContaining({ style: 'n/n/yyyy', order: 'MDY' })]);
    expect(ledger.dateStyles[0]?.evidence).toBe('"9/30/2020" on line 2 has a day above 12 in second place');
  });

  it('reads KICO 06, which mixes 31-Aug-20 with 17/09/2020', async () => {
    const ledger = await read('KICO/KICO 06 - September.csv');
    expect(ledger.dateStyles.map(({ style, order }) => ({ style, order }))).toEqual(
      expect.arrayContaining([
        { style: 'n/n/yyyy', order: 'DMY' },
        { style: 'n-mmm-yy', order: undefined },
      ]),
    );
  });

  it('takes "Date" in WHIT 03, not its "Transaction Date" column of transaction numbers', async () => {
    const ledger = await read('WHIT/WHIT 03 - June.csv');
    expect(ledger.columns.date).toBe('Date');
    expect(ledger.columns.amount).toBe('Amount');
  });

  it('reads CHWE 01 as Windows-1252', async () => {
    const ledger = await read('CHWE/CHWE 01 - April.csv');
    expect(ledger.encoding).toBe('windows-1252');
  });

  it('counts "Total Gas & Power" as spend', async () => {
    const ledger = await read('CROY/CROY 05 - August.csv');
    expect(ledger.lines.some((line) => line.supplier === 'Total Gas & Power')).toBe(true);
  });
});

// The expected figures come from tests/fixtures/tools/expected_real_spend.py, an independent Python reader.
describe('real files against the independent expected figures', () => {
  const expected = existsSync(EXPECTED_PATH)
    ? (JSON.parse(readFileSync(EXPECTED_PATH, 'utf8')) as Expected)
    : { files: {}, rejected: {} };

  it('has expected figures for every file', () => {
    expect(existsSync(EXPECTED_PATH)).toBe(true);
    expect(Object.keys(expected.files).sort()).toEqual(SPREADSHEETS);
    expect(Object.keys(expected.rejected).sort()).toEqual(LEGACY);
  });

  it.each(SPREADSHEETS)('%s has the expected line count, total pence and months', async (file) => {
    const ledger = await read(file);
    const months = [...new Set(ledger.lines.map((line) => line.date.slice(0, 7)))].sort();
    const totalPence = ledger.lines.reduce((sum, line) => sum + line.amount, 0);
    expect({ rows: ledger.lines.length, totalPence, months }).toEqual(expected.files[file]);
  });
});
