import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/index.ts';
import { readSupplierReference } from '../../../shared/suppliers/index.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Windows-1252 bytes of Latin-1 text (what Excel writes for "CSV" on a UK Windows machine). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code > 0xff) throw new Error(`${char} is not in Latin-1`);
    return code;
  });
}

const ledgerText = (date: string, supplier: string, amount: string) =>
  `Date,Supplier,Amount\r\n${date},${supplier},${amount}\r\n15/04/2024,Unheard Of Ltd,10.00\r\n`;

describe('a ledger supplier written with accents, in the report', () => {
  it('is classified by the reference record written without them, in UTF-8 and Windows-1252 files', async () => {
    // prepare: the same supplier as Café (precomposed UTF-8), Café (Windows-1252), Cafe + U+0301
    const ledgers = await Promise.all([
      readLedger({
        name: 'payments 2024-04.csv',
        bytes: utf8(ledgerText('10/04/2024', 'Café Nero Group Ltd', '1300000.00')),
      }),
      readLedger({
        name: 'payments 2024-05.csv',
        bytes: windows1252(ledgerText('10/05/2024', 'Café Nero Group Ltd', '1000000.00')),
      }),
      readLedger({
        name: 'payments 2024-06.csv',
        bytes: utf8(ledgerText('10/06/2024', 'Cafe\u0301 Nero Group Limited', '300000.00')),
      }),
    ]);
    expect(ledgers.map((ledger) => ledger.lines[0]?.supplier.normalize('NFC'))).toEqual([
      'Café Nero Group Ltd',
      'Café Nero Group Ltd',
      'Café Nero Group Limited',
    ]);
    const reference = await readSupplierReference({
      name: 'suppliers.csv',
      bytes: utf8(
        'Supplier ID,Supplier Name,Company Number,Charity Number,Postcode\r\n' +
          'S01,Cafe Nero Group Ltd,,,ME14 1XX\r\n',
      ),
    });

    // act
    const report = buildReport(ledgers, reference, {
      firstYear: parseFinancialYear('2024/25'),
      reportMonth: '2024-06',
      classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.86 },
    });

    // assert
    const cafe = report.suppliers.filter((spend) => /caf/i.test(spend.supplier.name));
    expect(cafe).toHaveLength(1);
    expect(cafe[0]).toMatchObject({
      supplier: { name: 'Cafe Nero Group Ltd', matchedBy: 'name', local: { decision: 'yes' } },
      total: 2_600_000_00,
      lines: 3,
    });
    const unmatched = report.suppliers.filter((spend) => spend.supplier.matchedBy === 'unmatched');
    expect(unmatched.map((spend) => [spend.supplier.name, spend.total])).toEqual([['Unheard Of Ltd', 30_00]]);
  });
});
