import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concatLines,
  createLineStrings,
  forEachDateAndAmount,
  LineTable,
  sumAmounts,
} from '../../../shared/curated/index.ts';
import { releaseBuffer } from '../../../shared/curated/line-table.ts';
import type { LedgerLine } from '../../../shared/types.ts';

/** Text of every kind a column can hold: empty, ASCII, non-ASCII, lone surrogates, long and short. */
const text = fc.oneof(
  fc.constantFrom('', ' ', 'Acme Ltd', 'CAFÉ NÉRO LTD', '£', '\uD800', 'a\uDFFFb', 'ÿ', '\u007f\u0080'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('0', '1', '9', 'A', '-', '/'), maxLength: 40 }),
);

const ledgerLine: fc.Arbitrary<LedgerLine> = fc
  .record(
    {
      file: fc.oneof(text, fc.constantFrom('2024-05 spend.csv', 'KICO 02 - May.csv')),
      line: fc.oneof(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.constantFrom(0, -1, 2 ** 31 - 1, 2 ** 31, Number.MAX_SAFE_INTEGER),
      ),
      date: fc.constantFrom('2024-05-01', '2024-05-02', '2023-12-31', '2021-04-01'),
      supplier: text,
      supplierId: text,
      companyNumber: text,
      postcode: text,
      amount: fc.oneof(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.constantFrom(
          0,
          -0,
          2 ** 31 - 1,
          -(2 ** 31),
          2 ** 31,
          Number.MAX_SAFE_INTEGER,
          Number.MIN_SAFE_INTEGER,
        ),
        fc.maxSafeInteger(),
      ),
      transaction: text,
      expenseType: text,
      expenseArea: text,
      description: text,
      redacted: fc.boolean(),
    },
    { requiredKeys: ['file', 'line', 'date', 'supplier', 'amount', 'redacted'] },
  )
  // A plain object, as a reader builds (fast-check may give one without a prototype).
  .map((line) => ({ ...line }));

function tableOf(
  lines: readonly LedgerLine[],
  options: ConstructorParameters<typeof LineTable>[0] = {},
): LineTable {
  const table = new LineTable(options);
  for (const line of lines) table.push(line);
  return table;
}

describe('LineTable: ledger lines held as columns', () => {
  it('gives back every line pushed, equal to it, the same keys present and absent', () => {
    fc.assert(
      fc.property(fc.array(ledgerLine, { maxLength: 60 }), fc.nat({ max: 100 }), (lines, capacity) => {
        const table = tableOf(lines, { capacity });
        expect(table.length).toBe(lines.length);
        expect([...table]).toStrictEqual(lines);
        expect([...table].map((line) => Object.keys(line).sort())).toEqual(
          lines.map((line) => Object.keys(line).sort()),
        );
        lines.forEach((line, at) => {
          expect(table.at(at)).toStrictEqual(line);
          expect(table.at(at - lines.length)).toStrictEqual(line);
          expect(table.dateAt(at)).toBe(line.date);
          expect(Object.is(table.amountAt(at), line.amount)).toBe(true);
        });
        expect(table.at(lines.length)).toBeUndefined();
        expect(table.at(-lines.length - 1)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('builds a fresh object for each line, every time', () => {
    const line: LedgerLine = {
      file: 'a.csv',
      line: 2,
      date: '2024-05-01',
      supplier: 'Acme',
      amount: 1,
      redacted: false,
    };
    const table = tableOf([line, line]);
    const [first, second] = [...table];
    expect(first).not.toBe(second);
    expect(table.at(0)).not.toBe(table.at(0));
    (first as LedgerLine).amount = 99;
    expect(table.at(0)).toStrictEqual(line);
  });

  it('keeps tables that share strings apart, each with its own lines', () => {
    fc.assert(
      fc.property(
        fc.array(ledgerLine, { maxLength: 30 }),
        fc.array(ledgerLine, { maxLength: 30 }),
        (a, b) => {
          const strings = createLineStrings();
          const first = new LineTable({ strings });
          const second = new LineTable({ strings });
          // Interleaved, as uploads read at once fill theirs.
          for (let at = 0; at < Math.max(a.length, b.length); at++) {
            const x = a[at];
            const y = b[at];
            if (x) first.push(x);
            if (y) second.push(y);
          }
          expect([...first]).toStrictEqual(a);
          expect([...second]).toStrictEqual(b);
          expect([...concatLines([first, b, second])]).toStrictEqual([...a, ...b, ...b]);
          const both = concatLines([first, second]);
          expect(both.length).toBe(a.length + b.length);
          const dates: [string, number, number][] = [];
          forEachDateAndAmount(both, (date, amount, at) => dates.push([date, amount, at]));
          expect(dates).toStrictEqual([...a, ...b].map((line, at) => [line.date, line.amount, at]));
          // Tables sharing strings give their suppliers' codes, and each line on demand.
          const coded: unknown[] = [];
          both.forEachSupplierCode?.((table, at, supplier, supplierId, companyNumber, postcode, redacted) => {
            const line = table.at(at) as LedgerLine;
            const text = (dictionary: { texts: readonly (string | undefined)[] }, code: number) =>
              dictionary.texts[code];
            expect(text(strings.supplier, supplier)).toBe(line.supplier);
            expect(text(strings.supplierId, supplierId)).toBe(line.supplierId);
            expect(text(strings.companyNumber, companyNumber)).toBe(line.companyNumber);
            expect(text(strings.postcode, postcode)).toBe(line.postcode);
            expect(redacted).toBe(line.redacted);
            coded.push(line);
          });
          expect(coded).toStrictEqual([...a, ...b]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('widens its codes past 255 and 65,535 distinct texts, and its numbers past 32 bits', () => {
    const lines: LedgerLine[] = [];
    for (let at = 0; at < 70_000; at++) {
      lines.push({
        file: `file ${at % 300}.csv`,
        line: at === 69_000 ? 2 ** 40 : at + 2,
        date: '2024-05-01',
        supplier: `Supplier ${at}`,
        amount: at === 50_000 ? 2 ** 45 + 1 : at - 35_000,
        transaction: at % 7 === 0 ? `Réf ${at}` : `T${at}`,
        ...(at % 3 === 0 ? { postcode: `ME${at % 500} 1XX` } : {}),
        redacted: at % 11 === 0,
      });
    }
    const table = tableOf(lines);
    expect([...table]).toStrictEqual(lines);
    expect(table.strings.supplier.size).toBe(70_000);
  });

  it('reads dates and amounts without building lines, and adds up the amounts', () => {
    fc.assert(
      fc.property(fc.array(ledgerLine, { maxLength: 40 }), (lines) => {
        const seen: [string, number, number][] = [];
        const table = tableOf(lines);
        forEachDateAndAmount(table, (date, amount, at) => seen.push([date, amount, at]));
        const fromArray: [string, number, number][] = [];
        forEachDateAndAmount(lines, (date, amount, at) => fromArray.push([date, amount, at]));
        expect(seen).toStrictEqual(fromArray);
        expect(sumAmounts(table)).toBe(lines.reduce((sum, line) => sum + line.amount, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('empties itself on release, frees its columns, and can be filled again with the same strings', () => {
    fc.assert(
      fc.property(
        fc.array(ledgerLine, { maxLength: 40 }),
        fc.array(ledgerLine, { maxLength: 40 }),
        (a, b) => {
          const strings = createLineStrings();
          const table = tableOf(a, { strings });
          const built = [...table];
          const before = table.byteLength;
          table.release();
          expect(table.length).toBe(0);
          expect([...table]).toStrictEqual([]);
          expect(table.at(0)).toBeUndefined();
          expect(table.byteLength).toBeLessThanOrEqual(before);
          // Lines built before are the caller's; the strings stay, for the tables that share them.
          expect(built).toStrictEqual(a);
          expect(table.strings).toBe(strings);
          for (const line of b) table.push(line);
          expect([...table]).toStrictEqual(b);
          expect(sumAmounts(table)).toBe(b.reduce((sum, line) => sum + line.amount, 0));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('frees a big table at once on release, whatever its columns grew to', () => {
    const table = new LineTable();
    for (let at = 0; at < 70_000; at++) {
      table.push({
        file: 'f.csv',
        line: at + 2,
        date: '2024-05-01',
        supplier: `Supplier ${at}`,
        amount: at === 60_000 ? 2 ** 40 : at,
        transaction: `T${at}`,
        postcode: `ME${at % 300} 1XX`,
        redacted: false,
      });
    }
    expect(table.byteLength).toBeGreaterThan(70_000 * 20);
    table.release();
    expect(table.byteLength).toBeLessThan(1024);
  });
});

describe('releaseBuffer', () => {
  it("gives up a view's memory, leaving it empty, and ignores what has none", () => {
    const view = new Int32Array(1000).fill(7);
    const other = new Uint8Array(view.buffer, 8, 16);
    releaseBuffer(view);
    expect(view.length).toBe(0);
    expect(other.length).toBe(0);
    expect(view.buffer.byteLength).toBe(0);
    expect(() => releaseBuffer(view)).not.toThrow();
    expect(() => releaseBuffer(undefined)).not.toThrow();
    expect(() => releaseBuffer(new Uint8Array(0))).not.toThrow();
  });
});
