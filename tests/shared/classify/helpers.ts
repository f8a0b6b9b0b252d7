import { kentAndMedway } from '../../../shared/classify/index.ts';
import type { ClassificationConfig, LedgerLine, SupplierRecord } from '../../../shared/types.ts';

let nextLine = 2;

/** A ledger line of `april.csv`; each call gets the next line number unless one is given. */
export function ledgerLine(supplier: string, extra: Partial<LedgerLine> = {}): LedgerLine {
  return {
    file: 'april.csv',
    line: nextLine++,
    date: '2024-04-15',
    supplier,
    amount: 100_00,
    redacted: false,
    ...extra,
  };
}

export function record(line: number, name: string, extra: Partial<SupplierRecord> = {}): SupplierRecord {
  return { line, name, branchPostcodes: [], ...extra };
}

export const config: ClassificationConfig = {
  locality: kentAndMedway,
  smeDefinition: 'procurement-act-2023',
  eurToGbp: 0.86,
};
