import { describe, expect, it } from 'vitest';
import { readLedger, readLedgerStream } from '../../../shared/ledger/index.ts';
import { singleChunk } from '../../../shared/table/byte-reader.ts';
import type { LedgerLine } from '../../../shared/types.ts';
import { csvFile, xlsxFile } from './build-files.ts';

const HEADER = ['Payment Date', 'Supplier', 'Amount'];
const stored = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/**
 * A UK ledger as a spreadsheet set to month/day saves it: 02/06/2025 and 03/06/2025 became 6 February
 * and 6 March (stored as dates), while 15/06/2025 and 30/06/2025 could not be read month first and
 * stayed text.
 */
const SWAPPED_ROWS = [
  HEADER,
  [stored(2025, 2, 6), 'Kent Care Services Ltd', 1250],
  [stored(2025, 3, 6), 'Garden of England Catering Ltd', 342.18],
  ['15/06/2025', 'ACME Widgets plc', -99.99],
  [stored(2025, 6, 6), 'Medway Print Ltd', 10],
  ['30/06/2025', 'Maidstone Community Trust', 12000.5],
];

describe('dates a spreadsheet may have stored with their day and month swapped', () => {
  it('are noted line by line, with the date they would be, and still count as dated', async () => {
    const ledger = await readLedger(await xlsxFile([{ name: 'June', rows: SWAPPED_ROWS }], 'june-2025.xlsx'));
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.date)).toEqual([
      '2025-02-06',
      '2025-03-06',
      '2025-06-15',
      '2025-06-06',
      '2025-06-30',
    ]);
    // 6 June reads the same either way: not noted.
    expect(ledger.notes?.map(({ line, column, value }) => ({ line, column, value }))).toEqual([
      { line: 2, column: 'Payment Date', value: '2025-02-06' },
      { line: 3, column: 'Payment Date', value: '2025-03-06' },
    ]);
    const [first] = ledger.notes ?? [];
    expect(first?.reason).toContain('would then be 2025-06-02');
    expect(first?.reason).toContain('"15/06/2025" on line 4');
    expect(first?.reason).toContain('export the ledger again as CSV');
  });

  it('are noted the same when the ledger is streamed', async () => {
    const file = await xlsxFile([{ name: 'June', rows: SWAPPED_ROWS }], 'june-2025.xlsx');
    const lines: LedgerLine[] = [];
    const summary = await readLedgerStream(file.name, () => singleChunk(file.bytes), {
      lines: (batch) => {
        lines.push(...batch);
      },
      discard: () => {
        lines.length = 0;
      },
    });
    expect(summary.status).toBe('accepted');
    expect(lines).toHaveLength(5);
    expect(summary.notes?.map((note) => note.line)).toEqual([2, 3]);
  });

  it('are not noted when a stored date has a day above 12: the dates were stored as written', async () => {
    const rows = [...SWAPPED_ROWS, [stored(2025, 6, 20), 'Rochester Cleaning Ltd', 55]];
    const ledger = await readLedger(await xlsxFile([{ name: 'June', rows }]));
    expect(ledger.status).toBe('accepted');
    expect(ledger.notes ?? []).toEqual([]);
  });

  it('are not noted when a date typed as text has a day of 12 or less: no spreadsheet read the text month first', async () => {
    const rows = [...SWAPPED_ROWS, ['04/06/2025', 'Rochester Cleaning Ltd', 55]];
    const ledger = await readLedger(await xlsxFile([{ name: 'June', rows }]));
    expect(ledger.status).toBe('accepted');
    expect(ledger.notes ?? []).toEqual([]);
  });

  it('are not noted in a workbook of stored dates only, nor in a CSV', async () => {
    const storedOnly = [HEADER, [stored(2025, 2, 6), 'Kent Care Services Ltd', 1250]];
    expect((await readLedger(await xlsxFile([{ name: 'June', rows: storedOnly }]))).notes ?? []).toEqual([]);
    const csv = await readLedger(
      csvFile([
        'Payment Date,Supplier,Amount',
        '15/06/2025,ACME Widgets plc,10.00',
        '02/06/2025,Kent Ltd,5.00',
      ]),
    );
    expect(csv.notes ?? []).toEqual([]);
  });
});
