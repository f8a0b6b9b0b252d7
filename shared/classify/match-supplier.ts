import { normaliseCompanyNumber } from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import type { ClassifiedSupplier, LedgerLine, SupplierRecord } from '../types.ts';

/** The supplier reference indexed for matching; where two records share a key, the first wins. */
export interface ReferenceIndex {
  byId: ReadonlyMap<string, SupplierRecord>;
  byCompanyNumber: ReadonlyMap<string, SupplierRecord>;
  byName: ReadonlyMap<string, SupplierRecord>;
}

export interface SupplierMatch {
  key: string;
  matchedBy: ClassifiedSupplier['matchedBy'];
  record?: SupplierRecord;
}

/** Supplier IDs are compared trimmed and case-insensitively (`s0123` = `S0123`); leading zeros count. */
export const supplierIdKey = (id: string): string => id.trim().toUpperCase();

export const REDACTED_KEY = 'redacted';

export function indexSupplierReference(records: readonly SupplierRecord[]): ReferenceIndex {
  const byId = new Map<string, SupplierRecord>();
  const byCompanyNumber = new Map<string, SupplierRecord>();
  const byName = new Map<string, SupplierRecord>();
  const addFirst = (map: Map<string, SupplierRecord>, key: string | undefined, record: SupplierRecord) => {
    if (key !== undefined && key !== '' && !map.has(key)) map.set(key, record);
  };
  for (const record of records) {
    addFirst(byId, record.supplierId === undefined ? undefined : supplierIdKey(record.supplierId), record);
    addFirst(
      byCompanyNumber,
      record.companyNumber === undefined ? undefined : normaliseCompanyNumber(record.companyNumber),
      record,
    );
    addFirst(byName, normaliseSupplierName(record.name), record);
  }
  return { byId, byCompanyNumber, byName };
}

/**
 * The supplier a ledger line belongs to: withheld payees all to `redacted`; else by supplier ID,
 * then by the company number carried in the line, then by normalised name; else the unmatched
 * group of its normalised name (`name:<normalised>`). `normaliseName` may be a memoised
 * `normaliseSupplierName` (ledgers repeat the same names many times).
 */
export function matchLedgerLine(
  line: LedgerLine,
  index: ReferenceIndex,
  normaliseName: (name: string) => string = normaliseSupplierName,
): SupplierMatch {
  if (line.redacted) return { key: REDACTED_KEY, matchedBy: 'redacted' };
  const byId = line.supplierId === undefined ? undefined : index.byId.get(supplierIdKey(line.supplierId));
  if (byId) return { key: referenceKey(byId), matchedBy: 'supplier-id', record: byId };
  const companyNumber =
    line.companyNumber === undefined ? undefined : normaliseCompanyNumber(line.companyNumber);
  const byCompany = companyNumber === undefined ? undefined : index.byCompanyNumber.get(companyNumber);
  if (byCompany) return { key: referenceKey(byCompany), matchedBy: 'company-number', record: byCompany };
  const name = normaliseName(line.supplier);
  const byName = name === '' ? undefined : index.byName.get(name);
  if (byName) return { key: referenceKey(byName), matchedBy: 'name', record: byName };
  return { key: `name:${name}`, matchedBy: 'unmatched' };
}

const referenceKey = (record: SupplierRecord): string => `ref:${record.line}`;
