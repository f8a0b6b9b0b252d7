import { describe, expect, it } from 'vitest';
import { readLedger, readLedgerStream } from '../../../shared/ledger/index.ts';
import { singleChunk } from '../../../shared/table/byte-reader.ts';
import { xlsxFile } from './build-files.ts';

const header = ['Date Paid', 'Supplier', 'Amount'];

/** A quarter's workbook: a sheet a month, each a ledger of its own. */
async function quarterWorkbook() {
  return xlsxFile(
    [
      { name: 'Notes', rows: [['Payments over £25,000, April to June 2023']] },
      { name: 'April', rows: [header, ['13/04/2023', 'Baxter Healthcare Ltd', 42817.42]] },
      {
        name: 'May',
        rows: [header, ['14/05/2023', 'Heart of Kent Hospice', 62388.48], ['15/05/2023', 'Acme Ltd', 30000]],
      },
      { name: 'June', rows: [header, ['16/06/2023', 'Swale Transport Services', 36037.6]] },
    ],
    'NDCH Q1 2023-24.xlsx',
  );
}

describe('a workbook with payment lines on more than one sheet', () => {
  it('is refused, naming each sheet and its lines, rather than read from its first sheet alone', async () => {
    const ledger = await readLedger(await quarterWorkbook());

    expect(ledger.status).toBe('rejected');
    expect(ledger.lines).toEqual([]);
    expect(ledger.rejection?.reason).toBe(
      'NDCH Q1 2023-24.xlsx has payment lines on 3 sheets: "April" (1 line), "May" (2 lines), "June" (1 line). ' +
        'A file is read from one sheet, so the payments on the others would be left out: save each sheet as a file ' +
        'of its own (e.g. File > Save As > CSV, one sheet at a time), or put every line on one sheet, and upload again.',
    );
  });

  it('is refused by the stream reader too, giving no line', async () => {
    const file = await quarterWorkbook();
    let given = 0;
    const summary = await readLedgerStream(file.name, () => singleChunk(file.bytes), {
      lines: (lines) => {
        given += lines.length;
      },
      discard: () => {},
    });

    expect(summary.status).toBe('rejected');
    expect(summary.rejection?.reason).toContain('has payment lines on 3 sheets');
    expect([summary.rowCount, given]).toEqual([0, 0]);
  });

  it('is read as before when the other sheets with a header have no lines, or are hidden', async () => {
    const file = await xlsxFile([
      { name: 'Template', rows: [header] },
      { name: 'Old', state: 'hidden', rows: [header, ['13/04/2019', 'Old Ltd', 1]] },
      { name: 'April', rows: [header, ['13/04/2023', 'Baxter Healthcare Ltd', 42817.42]] },
      {
        name: 'Pivot',
        rows: [
          ['Supplier', 'Sum of Amount'],
          ['Baxter Healthcare Ltd', 42817.42],
        ],
      },
    ]);

    const ledger = await readLedger(file);

    expect(ledger).toMatchObject({ status: 'accepted', sheet: 'April' });
    expect(ledger.lines.map((line) => line.amount)).toEqual([4281742]);
  });

  it('is refused when another sheet holds payments whose every line is bad, rather than lose them', async () => {
    const file = await xlsxFile([
      { name: 'April', rows: [header, ['13/04/2023', 'Baxter Healthcare Ltd', 42817.42]] },
      {
        name: 'May',
        rows: [header, ['14/05/2023', 'Acme Ltd', '1.234,50'], ['15/05/2023', 'Bravo Ltd', '2.000,00']],
      },
    ]);

    const ledger = await readLedger(file);

    expect(ledger.status).toBe('rejected');
    expect(ledger.rejection?.reason).toContain(
      'has payment lines on 2 sheets: "April" (1 line), "May" (2 lines)',
    );
  });
});
