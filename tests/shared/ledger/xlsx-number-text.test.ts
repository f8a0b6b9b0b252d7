import { describe, expect, it } from 'vitest';
import { readLedger } from '../../../shared/ledger/index.ts';
import { buildXlsx } from '../table/xlsx-parts.ts';

const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

/** A workbook whose number cells hold text no spreadsheet writes: the ledger judges it as it judges a CSV's. */
function workbook(rows: string): { name: string; bytes: Uint8Array } {
  const header = `<row r="1">${text('A1', 'Date Paid')}${text('B1', 'Supplier')}${text('C1', 'Amount')}${text('D1', 'Notes')}</row>`;
  return { name: 'NDCH May 2024.xlsx', bytes: buildXlsx({ sheets: [header + rows] }) };
}

const good = (row: number, amount: string, note = '') =>
  `<row r="${row}">${text(`A${row}`, `1${row % 9}/05/2024`)}${text(`B${row}`, 'Acme Ltd')}<c r="C${row}"><v>${amount}</v></c>${note}</row>`;

describe('a workbook number cell holding text that is no number', () => {
  it('is reported as a bad line with its line, column, value and what to do, not read by its first part', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => good(i + 2, '100')).join('') + good(32, '12,5');

    const ledger = await readLedger(workbook(rows));

    expect(ledger.status).toBe('accepted');
    expect(ledger.lines).toHaveLength(30);
    expect(ledger.issues).toEqual([
      {
        file: 'NDCH May 2024.xlsx',
        line: 32,
        column: 'Amount',
        value: '12,5',
        reason: expect.stringContaining('European decimal comma; use a point before the pence'),
      },
    ]);
  });

  it('in a column the ledger does not read, or a TRUE/FALSE cell holding a word, costs nothing', async () => {
    const rows = [
      good(2, '100', '<c r="D2"><v>N/A</v></c>'),
      good(3, '200', '<c r="D3" t="b"><v>yes</v></c>'),
    ].join('');

    const ledger = await readLedger(workbook(rows));

    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.amount)).toEqual([10000, 20000]);
    expect(ledger.issues).toEqual([]);
  });
});
