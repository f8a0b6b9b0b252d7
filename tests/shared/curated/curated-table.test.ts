/**
 * `collectCuratedTable` reads a curated CSV into a `LineTable` without building a `LedgerLine` per line. It
 * must give exactly the lines `parseCuratedRows`, the reference, gives (the same keys, in the same order),
 * and fail on the same line with the same message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CuratedRowsError,
  collectCuratedTable,
  createLineStrings,
  formatCuratedHeader,
  formatCuratedRow,
  LineTable,
  parseCuratedRows,
} from '../../../shared/curated/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { splitLines } from '../../../shared/table/index.ts';
import type { LedgerLine } from '../../../shared/types.ts';
import { chunksOf, curatedFile } from './helpers.ts';

const REAL_SPEND = join(import.meta.dirname, '../../fixtures/real-spend');
const TRUST_LEDGER = join(import.meta.dirname, '../../fixtures/registers/trust/ledger');

const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', ',', '\n', '\r', '\r\n', ' ', '\\n', '""', '£', 'É'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const ledgerLine: fc.Arbitrary<LedgerLine> = fc
  .record(
    {
      file: fc.oneof(awkwardText, fc.constantFrom('2024-05 spend.csv')),
      line: fc.oneof(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER),
      ),
      date: fc.constantFrom('2024-05-01', '2024-05-02', '1999-12-31'),
      supplier: awkwardText,
      supplierId: awkwardText,
      companyNumber: awkwardText,
      postcode: awkwardText,
      amount: fc.oneof(
        fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }),
        fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
      ),
      transaction: fc.oneof(awkwardText, fc.integer({ min: 0, max: 99_999_999 }).map(String)),
      expenseType: awkwardText,
      expenseArea: awkwardText,
      description: awkwardText,
      redacted: fc.boolean(),
    },
    { requiredKeys: ['file', 'line', 'date', 'supplier', 'amount', 'redacted'] },
  )
  .map((line) => ({ ...line }));

/** What a reader does with a file: its lines with their keys in order, or the class and message it throws. */
async function outcomeOf(read: () => Promise<Iterable<LedgerLine>>): Promise<unknown> {
  try {
    const lines = [...(await read())];
    return { lines, keys: lines.map((line) => Object.keys(line)) };
  } catch (error) {
    return [(error as Error).constructor.name, (error as Error).message];
  }
}

async function expectSameReading(text: string, cuts: readonly number[] = []): Promise<void> {
  const rows = await outcomeOf(async () => parseCuratedRows(text));
  const table = await outcomeOf(() =>
    collectCuratedTable(splitLines(chunksOf(text, cuts)), { strings: createLineStrings() }),
  );
  expect(table).toStrictEqual(rows);
}

/** A line that breaks the format in one place: a field count, an escape, a quote, or one column's value. */
const brokenLine = fc.oneof(
  fc.constantFrom(
    '"a.csv",2,2024-05-01,"A",,,,100,1.00,,,,,false,extra',
    '"a.csv",2,2024-05-01,"A",,,,100,1.00,,,,',
    '"a.csv",x,2024-05-01,"A",,,,100,1.00,,,,,false',
    '"a.csv",9007199254740993,2024-05-01,"A",,,,100,1.00,,,,,false',
    '"a.csv",2,2024-5-1,"A",,,,100,1.00,,,,,false',
    '"a.csv",2,,"A",,,,100,1.00,,,,,false',
    '"a.csv",2,2024-05-01,"A",,,,1.5,1.50,,,,,false',
    '"a.csv",2,2024-05-01,"A",,,,100,1.01,,,,,false',
    '"a.csv",2,2024-05-01,"A",,,,100,1.00,,,,,yes',
    ',2,2024-05-01,"A",,,,100,1.00,,,,,false',
    '"a.csv",2,2024-05-01,,,,,100,1.00,,,,,false',
    '"a.csv",2,2024-05-01,"A\\x",,,,100,1.00,,,,,false',
    '"a.csv",2,2024-05-01,"A,,,,100,1.00,,,,,false',
    '"a.csv",2,2024-05-01,A"B,,,,100,1.00,,,,,false',
    '"a.csv",2,2024-05-01,"A"B,,,,100,1.00,,,,,false',
    'file,line,date',
  ),
  fc.string({ unit: fc.constantFrom('"', '\\', ',', 'n', '1', '-', ' ', 'true'), maxLength: 40 }),
);

describe('collectCuratedTable', () => {
  it('gives the lines parseCuratedRows gives, key for key, for any lines and any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ledgerLine, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, cuts) => {
          const text = curatedFile(lines);
          await expectSameReading(text, cuts);
          const table = await collectCuratedTable(splitLines(chunksOf(text, cuts)));
          // The format writes -0 as 0.
          expect([...table]).toStrictEqual(lines.map((line) => ({ ...line, amount: line.amount + 0 })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fails where parseCuratedRows fails, with the same message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ledgerLine, { maxLength: 8 }),
        brokenLine,
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        async (lines, broken, place, newline) => {
          const rows = lines.map(formatCuratedRow);
          rows.splice(place % (rows.length + 1), 0, broken);
          await expectSameReading([formatCuratedHeader(), ...rows].map((row) => `${row}${newline}`).join(''));
        },
      ),
      { numRuns: 500 },
    );
    await expectSameReading('');
    await expectSameReading('file,line\n');
    await expectSameReading(`${formatCuratedHeader()}\r\n\r\n`);
    await expect(collectCuratedTable(splitLines(chunksOf('file,line\n', [])))).rejects.toThrow(
      CuratedRowsError,
    );
  });

  it('checks every date itself, whatever a table sharing its strings was given', async () => {
    const strings = createLineStrings();
    new LineTable({ strings }).push({
      file: 'a.csv',
      line: 2,
      date: '2024-5-1',
      supplier: 'A',
      amount: 100,
      redacted: false,
    });
    const text = `${formatCuratedHeader()}\n"a.csv",2,2024-5-1,"A",,,,100,1.00,,,,,false\n`;
    await expect(collectCuratedTable(splitLines(chunksOf(text, [])), { strings })).rejects.toThrow(
      'curated line 2, column date: "2024-5-1" is not valid',
    );
  });

  it('reads the curated form of every real-spend and trust fixture as parseCuratedRows does', async () => {
    const paths = [
      ...readdirSync(REAL_SPEND, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) =>
          readdirSync(join(REAL_SPEND, entry.name)).map((name) => join(REAL_SPEND, entry.name, name)),
        ),
      ...readdirSync(TRUST_LEDGER).map((name) => join(TRUST_LEDGER, name)),
    ];
    expect(paths.length).toBeGreaterThan(100);
    const strings = createLineStrings();
    for (const path of paths) {
      const ledger = await readLedger({ name: path, bytes: new Uint8Array(readFileSync(path)) });
      const text = curatedFile(ledger.lines);
      const rows = parseCuratedRows(text);
      // One `strings` for every file, as a report's uploads share theirs.
      const table = await collectCuratedTable(splitLines(chunksOf(text, [4096])), {
        strings,
        capacity: ledger.lines.length,
      });
      expect([...table]).toStrictEqual(rows);
      expect([...table].map((line) => Object.keys(line))).toEqual(rows.map((line) => Object.keys(line)));
      expect([...table]).toStrictEqual(ledger.lines.map((line) => ({ ...line })));
    }
  });
});
