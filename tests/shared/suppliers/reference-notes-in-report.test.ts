import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/index.ts';
import { problemRows } from '../../../shared/report/workbook/data-quality.ts';
import { readSupplierReference } from '../../../shared/suppliers/index.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a supplier reference with a £m turnover column and a supplier on two rows, in the report', () => {
  it('counts the £m turnovers for SME, the second row’s postcode for local, and lists both notes', async () => {
    // prepare
    const reference = await readSupplierReference({
      name: 'suppliers.csv',
      bytes: utf8(
        [
          'Vendor,Post Code,No. of employees,Turnover £m,Annual Turnover (Â£)',
          'Acme Ltd,ME14 1XX,45,12.5,',
          'Sixty Million Ltd,EC1A 1BB,100,60,',
          'Dup Supplies Ltd,EC1A 1BB,,,',
          'Dup Supplies Ltd,ME14 1XX,,,',
        ].join('\r\n'),
      ),
    });
    const ledger = await readLedger({
      name: 'payments 2025-04.csv',
      bytes: utf8(
        'Date,Supplier,Amount\r\n15/04/2025,Acme Ltd,600.00\r\n16/04/2025,Sixty Million Ltd,300.00\r\n17/04/2025,Dup Supplies Ltd,100.00\r\n',
      ),
    });

    // act
    const report = buildReport([ledger], reference, {
      firstYear: parseFinancialYear('2025/26'),
      reportMonth: '2025-04',
      classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.86 },
    });

    // assert: £12.5m is an SME; £60m with no balance sheet cannot be decided
    const year = report.financialYears.find((fy) => fy.fy.label === '2025/26');
    expect(year?.figures).toMatchObject({ total: 100_000, sme: 60_000, smeUnknown: 40_000 });
    const dup = report.suppliers.find((spend) => spend.supplier.name === 'Dup Supplies Ltd')?.supplier;
    // The earlier row (EC1A 1BB) is the one matched; the later row's Kent postcode is noted, not used.
    expect(dup?.local.decision).toBe('no');
    const rows = problemRows(report).filter((row) => row[1] === 'suppliers.csv');
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      [1, 'suppliers.csv', 'supplier reference column not read', 'Annual Turnover (Â£)'],
      [5, 'suppliers.csv', "supplier reference: the earlier row's postcode counts", 'Post Code'],
    ]);
    expect(String(rows[0]?.[5])).toMatch(/looks mis-decoded/);
    expect(String(rows[1]?.[5])).toMatch(/^postcode ME14 1XX here is not on line 4 \(EC1A 1BB\)/);
  });
});
