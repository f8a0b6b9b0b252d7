import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/index.ts';
import { renderWorkbook } from '../../../shared/report/render-workbook.ts';
import { csvFile, xlsxFile } from '../ledger/build-files.ts';
import { readXlsx, tableUnder } from './read-xlsx.ts';

describe('the Files sheet', () => {
  it('says which sheet and which header each field was read from, so a reader sees Net was used, not Gross', async () => {
    const csv = await readLedger(
      csvFile(
        ['Payment Date,Supplier Name,Gross,VAT,Net', '13/02/2025,Acme Ltd,120.00,20.00,100.00'],
        'NDCH Feb 2025.csv',
      ),
    );
    const xlsx = await readLedger(
      await xlsxFile(
        [
          { name: 'Notes', rows: [['Payments over £25,000']] },
          {
            name: 'March',
            rows: [
              ['Date Paid', 'Vendor', 'Amount', 'Invoice Number'],
              ['14/03/2025', 'Acme Ltd', 50, 'INV-1'],
            ],
          },
        ],
        'NDCH Mar 2025.xlsx',
      ),
    );
    const report = buildReport([csv, xlsx], undefined, {
      firstYear: parseFinancialYear('2024/25'),
      classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
    });

    const files = readXlsx(await renderWorkbook(report)).sheet('Files');
    const header = files.rows.find((row) => row[0] === 'File') ?? [];
    const column = header.indexOf('Read from (sheet and columns)');

    expect(column).toBeGreaterThan(0);
    expect(tableUnder(files, 'File').map((row) => [row[0], row[column]])).toEqual([
      ['NDCH Feb 2025.csv', 'payment date: Payment Date; supplier: Supplier Name; amount: Net'],
      [
        'NDCH Mar 2025.xlsx',
        'sheet "March"; payment date: Date Paid; supplier: Vendor; amount: Amount; transaction number: Invoice Number',
      ],
    ]);
  });
});
