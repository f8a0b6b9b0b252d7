import { describe, expect, it } from 'vitest';
import { readLedger } from '../../../shared/ledger/index.ts';
import type { InputFile } from '../../../shared/types.ts';
import { csvFile, goodRows, simpleCsv, xlsxFile } from './build-files.ts';
import { expectedFrom, stream } from './stream-harness.ts';

/** A month of eight payments, as a tester acting as a new trust sent it, with a SUM() at the bottom. */
const JULY: [string, string, string][] = [
  ['03/07/2023', 'Baxter Healthcare Ltd', '42817.42'],
  ['05/07/2023', 'Alloga UK Ltd', '51234.10'],
  ['11/07/2023', 'Bywest Ltd', '38000.00'],
  ['14/07/2023', 'Floyd & Son Ltd', '60412.35'],
  ['18/07/2023', 'Linea Partners Ltd', '45123.99'],
  ['21/07/2023', 'Matz Medical Ltd', '29876.54'],
  ['25/07/2023', 'Kent Community Care CIC', '56000.01'],
  ['28/07/2023', 'Medway Catering Ltd', '50143.03'],
];

const EMPTY_DATE = /^the date is empty: fill in the payment date/;
const EMPTY_SUPPLIER = /^the supplier is empty/;

/** The problems today's reader reports for a row with no date and no supplier. */
function emptyDateAndSupplier(line: number) {
  return [
    { file: 'ledger.csv', line, column: 'Date', value: '', reason: expect.stringMatching(EMPTY_DATE) },
    {
      file: 'ledger.csv',
      line,
      column: 'Supplier',
      value: '',
      reason: expect.stringMatching(EMPTY_SUPPLIER),
    },
  ];
}

describe('readLedger skips a total row without a label', () => {
  it('accepts a month whose last row is only the sum of its amounts, listing that row as skipped', async () => {
    // prepare
    const file = simpleCsv([...JULY, ['', '', '373607.44']]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines).toHaveLength(8);
    expect(ledger.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(37_360_744);
    expect(ledger.issues).toEqual([]);
    expect(ledger.skipped).toEqual([
      { line: 10, reason: 'unlabelled total row: the sum of the 8 lines above' },
    ]);
  });

  it('skips a subtotal under each month and a grand total of them all, and counts blank rows apart', async () => {
    // prepare
    const file = simpleCsv([
      ['13/04/2020', 'Acme Ltd', '100.10'],
      ['14/04/2020', 'Beta Ltd', '200.20'],
      ['15/04/2020', 'Gamma Ltd', '0.30'],
      ['', '', '300.60'],
      ['', '', ''],
      ['13/05/2020', 'Acme Ltd', '1,000.00'],
      ['14/05/2020', 'Beta Ltd', '-50.00'],
      ['', '', '£950.00'],
      ['', '', '1250.60'],
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.amount)).toEqual([10_010, 20_020, 30, 100_000, -5_000]);
    expect(ledger.issues).toEqual([]);
    expect(ledger.skipped).toEqual([
      { line: 5, reason: 'unlabelled total row: the sum of the 3 lines above' },
      { line: 6, reason: 'blank' },
      { line: 9, reason: 'unlabelled total row: the sum of the 2 lines above' },
      { line: 10, reason: 'unlabelled total row: the sum of the 5 lines above' },
    ]);
  });

  it('sums only the lines after a labelled "Total" row', async () => {
    // prepare
    const file = simpleCsv([
      ['13/04/2020', 'Acme Ltd', '100.00'],
      ['', 'Total', '100.00'],
      ['13/05/2020', 'Beta Ltd', '25.00'],
      ['14/05/2020', 'Gamma Ltd', '25.00'],
      ['', '', '50.00'],
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.lines).toHaveLength(3);
    expect(ledger.skipped).toEqual([
      { line: 3, reason: 'summary row "Total"' },
      { line: 6, reason: 'unlabelled total row: the sum of the 2 lines above' },
    ]);
  });

  it('matches a total of every amount read, bad lines included, or of the good lines only', async () => {
    // prepare: 30 good lines of £100 and one with no supplier (£5), under either total
    const rows = [...goodRows(30), ['20/04/2020', '', '5.00'] as [string, string, string]];
    const everything = simpleCsv([...rows, ['', '', '3,005.00']]);
    const goodOnly = simpleCsv([...rows, ['', '', '3,000.00']]);
    // act
    const [all, good] = await Promise.all([readLedger(everything), readLedger(goodOnly)]);
    // assert
    for (const ledger of [all, good]) {
      expect(ledger.status).toBe('accepted');
      expect(ledger.lines).toHaveLength(30);
      expect(ledger.issues).toEqual([expect.objectContaining({ line: 32, column: 'Supplier' })]);
    }
    expect(all.skipped).toEqual([
      { line: 33, reason: 'unlabelled total row: the sum of the 31 lines above' },
    ]);
    expect(good.skipped).toEqual([
      { line: 33, reason: 'unlabelled total row: the sum of the 30 lines above' },
    ]);
  });

  it('reads a SUM() row of a workbook, with a VAT total beside it, as a total', async () => {
    // prepare: amounts whose sum in floating point is not exactly the pence (as Excel saves it)
    const amounts = [0.1, 0.2, 1234.56, 99.99];
    const vat = [0.02, 0.04, 246.91, 20];
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const file = await xlsxFile([
      {
        name: 'July',
        rows: [
          ['Date', 'Supplier', 'Amount', 'VAT'],
          ...amounts.map((amount, i) => [
            new Date(Date.UTC(2023, 6, 13 + i)),
            `Supplier ${i + 1} Ltd`,
            amount,
            vat[i],
          ]),
          [
            null,
            null,
            { formula: 'SUM(C2:C5)', result: sum(amounts) },
            { formula: 'SUM(D2:D5)', result: sum(vat) },
          ],
        ],
      },
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.amount)).toEqual([10, 20, 123_456, 9_999]);
    expect(ledger.issues).toEqual([]);
    expect(ledger.skipped).toEqual([
      { line: 6, reason: 'unlabelled total row: the sum of the 4 lines above' },
    ]);
  });
});

describe('readLedger keeps a row with no date or supplier a bad line unless it is a total', () => {
  it('reports a "total" a penny off the sum as today, and rejects the small file for it', async () => {
    // prepare
    const file = simpleCsv([...JULY, ['', '', '373607.43']]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('rejected');
    expect(ledger.skipped).toEqual([]);
    expect(ledger.issues).toEqual(emptyDateAndSupplier(10));
    expect(ledger.rejection?.reason).toMatch(/^1 of 9 payment lines \(11\.1%\) could not be read/);
  });

  it('reports ",,0.00" under no lines as a bad line, not a total of nothing', async () => {
    // prepare
    const file = simpleCsv([['', '', '0.00'], ...goodRows(30)]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines).toHaveLength(30);
    expect(ledger.skipped).toEqual([]);
    expect(ledger.issues).toEqual(emptyDateAndSupplier(2));
  });

  it('reports ",,0.00" straight after a total as a bad line (no lines since it)', async () => {
    // prepare: the 30 lines add up to £3,000, so 0.00 is neither sum
    const file = simpleCsv([...goodRows(30), ['', '', '3000.00'], ['', '', '0.00']]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.skipped).toEqual([
      { line: 32, reason: 'unlabelled total row: the sum of the 30 lines above' },
    ]);
    expect(ledger.issues).toEqual(emptyDateAndSupplier(33));
  });

  it.each([
    ['a text cell', 'Drugs,,'],
    ['a transaction number', ',,7741'],
    ['a supplier ID', ',S0042,'],
  ])('reports a row equal to the sum but holding %s as a bad line', async (_, cells) => {
    // prepare
    const rows = goodRows(30).map(([date, supplier, amount]) => `${date},${supplier},${amount},,,`);
    const file = csvFile([
      'Date,Supplier,Amount,Expense Type,Supplier ID,Transaction Number',
      ...rows,
      `,,3000.00,${cells}`,
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.skipped).toEqual([]);
    expect(ledger.issues).toEqual(emptyDateAndSupplier(32));
  });
});

describe('readLedgerStream skips a total row without a label exactly as readLedger does', () => {
  /** Each file, and how many total rows without a label it has. */
  const files: [string, () => Promise<InputFile>, number][] = [
    ['a month with its total', async () => simpleCsv([...JULY, ['', '', '373607.44']]), 1],
    ['a total a penny off', async () => simpleCsv([...JULY, ['', '', '373607.43']]), 0],
    [
      'subtotals and a grand total around many lines',
      async () =>
        simpleCsv([
          ...goodRows(2_000),
          ['', '', '200000.00'],
          ...goodRows(3_000),
          ['', '', '300,000.00'],
          ['', '', '500000.00'],
          ['', '', '0.00'],
        ]),
      3,
    ],
    [
      'a workbook SUM() row',
      () =>
        xlsxFile([
          {
            name: 'Sheet1',
            rows: [
              ['Date', 'Supplier', 'Amount'],
              ['13/04/2020', 'Acme Ltd', 10.5],
              ['14/04/2020', 'Beta Ltd', 20.25],
              [null, null, { formula: 'SUM(C2:C3)', result: 30.75 }],
            ],
          },
        ]),
      1,
    ],
  ];

  it.each(files)('%s', async (_, build, totals) => {
    // prepare
    const file = await build();
    const expected = expectedFrom(await readLedger(file));
    // act
    const twice = await stream(file, 4_096);
    const once = await stream(file, 97, {}, { held: 1_000_000, firstBatch: 0, workbookHeld: 1_000_000 });
    // assert
    expect(twice).toEqual(expected);
    expect(once).toEqual(expected);
    expect(
      expected.summary.skipped.filter((skip) => skip.reason.startsWith('unlabelled total row')),
    ).toHaveLength(totals);
  });
});
