import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/index.ts';
import { describeMissingSizeFact } from '../../../shared/report/workbook/data-quality.ts';
import type { SupplierRecord } from '../../../shared/types.ts';
import { ledgerFile, line } from './helpers.ts';

const record = (lineNumber: number, name: string, facts: Partial<SupplierRecord>): SupplierRecord => ({
  line: lineNumber,
  name,
  branchPostcodes: [],
  ...facts,
});

describe('the fact that would decide an unknown size, on the Data quality sheet', () => {
  it('is what the SME rule found missing from the figures given, as the Suppliers sheet says', () => {
    const records = [
      record(2, 'Medium Co Ltd', { employees: 100, turnover: 50_000_000_00 }),
      record(3, 'Blank Flags Ltd', {}),
      record(4, 'Staff Only Ltd', { employees: 40 }),
      record(5, 'Money Only Ltd', { turnover: 1_000_000_00 }),
    ];
    const report = buildReport(
      [
        ledgerFile(
          'ledger.csv',
          records.map((r) => line('2025-04-10', 1_000_00, r.name)),
        ),
      ],
      { name: 'suppliers.csv', sha256: 'a'.repeat(64), issues: [], records },
      {
        firstYear: parseFinancialYear('2025/26'),
        classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
      },
    );
    const factFor = (name: string) => {
      const supplier = report.suppliers.find((s) => s.supplier.name === name)?.supplier;
      if (supplier === undefined) throw new Error(`no supplier ${name}`);
      expect(supplier.sme.decision, name).toBe('unknown');
      return describeMissingSizeFact(supplier);
    };

    expect(factFor('Medium Co Ltd')).toBe('Balance Sheet GBP, or SME Y/N');
    expect(factFor('Blank Flags Ltd')).toBe('Employees and Turnover GBP or Balance Sheet GBP, or SME Y/N');
    expect(factFor('Staff Only Ltd')).toBe('Turnover GBP or Balance Sheet GBP, or SME Y/N');
    expect(factFor('Money Only Ltd')).toBe('Employees, or SME Y/N');
  });
});
