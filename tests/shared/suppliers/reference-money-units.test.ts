import { describe, expect, it } from 'vitest';
import { parseMoneyCell, readSupplierReference } from '../../../shared/suppliers/index.ts';

const csv = (text: string) => ({ name: 'suppliers.csv', bytes: new TextEncoder().encode(text) });

/** The turnover socval reads, in pence, from a one-supplier reference with `header` over `value`. */
async function turnoverUnder(header: string, value: string) {
  const reference = await readSupplierReference(
    csv(`Vendor,Post Code,No. of employees,${header}\nAcme Ltd,EC1A 1BB,100,${value}\n`),
  );
  return { turnover: reference.records[0]?.turnover, issues: reference.issues };
}

describe('turnover and balance-sheet columns whose header states a unit', () => {
  it.each([
    ['Turnover £m', '60', 6_000_000_000],
    ['Turnover (£m)', '12.5', 1_250_000_000],
    ['Annual Turnover (£m)', '60', 6_000_000_000],
    ['Turnover GBP m', '0.1', 10_000_000],
    ['Turnover (GBP millions)', '44', 4_400_000_000],
    ['Turnover in £ millions', '1.234567', 123_456_700],
    ['Turnover (£000)', '60', 6_000_000],
    ["Turnover (£'000)", '"12,500"', 1_250_000_000],
    ['Turnover £k', '12.5', 1_250_000],
    ['Turnover (£000s)', '0.015', 1_500],
    ['Turnover (£)', '60', 6_000],
    ['Turnover GBP', '12.5', 1_250],
  ])('reads %j over %j as %i pence', async (header, value, pence) => {
    const { turnover, issues } = await turnoverUnder(header, value);
    expect(issues).toEqual([]);
    expect(turnover).toBe(pence);
  });

  it.each([
    ['Balance Sheet £m', 3_800_000_000],
    ['Balance Sheet Total (£000)', 3_800_000],
    ['Total Assets (£m)', 3_800_000_000],
  ])('scales a balance sheet under %j', async (header, pence) => {
    const reference = await readSupplierReference(csv(`Supplier Name,${header}\nAcme Ltd,38\n`));
    expect(reference.issues).toEqual([]);
    expect(reference.records[0]?.balanceSheet).toBe(pence);
  });

  it('reads a figure that names its own unit at that unit, never scaling it twice', async () => {
    expect((await turnoverUnder('Turnover £m', '£12.5m')).turnover).toBe(1_250_000_000);
    expect((await turnoverUnder('Turnover £m', '250k')).turnover).toBe(25_000_000);
    expect((await turnoverUnder('Turnover (£000)', '£1.2bn')).turnover).toBe(120_000_000_000);
    // a £ sign alone names no scale: the column's unit applies
    expect((await turnoverUnder('Turnover £m', '£12.5')).turnover).toBe(1_250_000_000);
  });

  it('reads a spreadsheet number in a £m column exactly, as Excel shows it', () => {
    expect(parseMoneyCell(0.1 + 0.2, 1_000_000)).toEqual({ ok: true, value: 30_000_000 });
    expect(parseMoneyCell(12.5, 1_000_000)).toEqual({ ok: true, value: 1_250_000_000 });
    expect(parseMoneyCell(43.999999, 1_000_000)).toEqual({ ok: true, value: 4_399_999_900 });
  });

  it('refuses a figure in pounds typed into a £m column, saying what to write', async () => {
    const { turnover, issues } = await turnoverUnder('Turnover £m', '"12,500,000"');
    expect(turnover).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 2, column: 'Turnover £m', value: '12,500,000' });
    expect(issues[0]?.reason).toMatch(
      /£1 trillion or more read in millions of pounds.*write it with its unit \(£12\.5m\)/,
    );
  });
});
