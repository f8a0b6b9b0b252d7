import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CuratedRowsError,
  collectCuratedRows,
  formatCuratedHeader,
  formatCuratedRow,
  parseCuratedRows,
} from '../../../shared/curated/index.ts';
import type { LedgerLine } from '../../../shared/types.ts';

/** Text that stresses the format: its own delimiters and escapes, line breaks, and any Unicode code point. */
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', ',', '\n', '\r', '\r\n', ' ', '\\n', '""', '£'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const isoDate = fc
  .record({
    year: fc.integer({ min: 1990, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const ledgerLine: fc.Arbitrary<LedgerLine> = fc.record(
  {
    file: awkwardText,
    line: fc.integer({ min: 1, max: 10_000_000 }),
    date: isoDate,
    supplier: awkwardText,
    supplierId: awkwardText,
    companyNumber: awkwardText,
    postcode: awkwardText,
    amount: fc.oneof(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), fc.maxSafeInteger()),
    transaction: awkwardText,
    expenseType: awkwardText,
    expenseArea: awkwardText,
    description: awkwardText,
    redacted: fc.boolean(),
  },
  { requiredKeys: ['file', 'line', 'date', 'supplier', 'amount', 'redacted'] },
);

function curatedFile(lines: readonly LedgerLine[]): string {
  return [formatCuratedHeader(), ...lines.map(formatCuratedRow)].map((line) => `${line}\n`).join('');
}

async function* linesOf(text: string): AsyncGenerator<string> {
  const parts = text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  yield* parts;
}

describe('curated rows', () => {
  it('round-trips every field of any ledger line, absent and empty optional fields kept apart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ledgerLine, { maxLength: 20 }), async (lines) => {
        const text = curatedFile(lines);
        expect(parseCuratedRows(text)).toEqual(lines);
        const bytes = new TextEncoder().encode(text);
        expect(await collectCuratedRows(linesOf(new TextDecoder().decode(bytes)))).toEqual(lines);
      }),
      { numRuns: 300 },
    );
  });

  it('writes one physical line per ledger line, whatever line breaks the text holds', () => {
    fc.assert(
      fc.property(ledgerLine, (line) => {
        expect(formatCuratedRow(line)).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('writes amounts as exact pence and as GBP for Athena, and an absent field as nothing', () => {
    const row = formatCuratedRow({
      file: '2024-05 "AP", May.csv',
      line: 7,
      date: '2024-05-03',
      supplier: 'Kent Care CIC',
      amount: -120050,
      description: 'line one\nline two \\ end',
      redacted: false,
    });
    expect(row).toBe(
      '"2024-05 \\"AP\\", May.csv",7,2024-05-03,"Kent Care CIC",,,,-120050,-1200.50,,,,"line one\\nline two \\\\ end",false',
    );
    expect(formatCuratedHeader()).toBe(
      'file,line,date,supplier,supplier_id,company_number,postcode,amount_pence,amount_gbp,transaction,expense_type,expense_area,description,redacted',
    );
  });

  it('refuses a file that is not curated rows, naming the line', () => {
    expect(() => parseCuratedRows('Date,Supplier,Amount\n')).toThrow(CuratedRowsError);
    const good = formatCuratedRow({
      file: 'a.csv',
      line: 2,
      date: '2024-05-01',
      supplier: 'A',
      amount: 100,
      redacted: false,
    });
    expect(() => parseCuratedRows(`${formatCuratedHeader()}\n${good.replace('1.00', '1.01')}\n`)).toThrow(
      /curated line 2, column amount_gbp/,
    );
    expect(() => parseCuratedRows(`${formatCuratedHeader()}\n"a.csv,2\n`)).toThrow(/not closed/);
  });
});
