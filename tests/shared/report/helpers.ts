import type {
  CategoryDecision,
  ClassifiedSupplier,
  Decision,
  LedgerFile,
  LedgerLine,
} from '../../../shared/types.ts';

export function line(
  date: string,
  amount: number,
  supplier = 'Acme Ltd',
  extra: Partial<LedgerLine> = {},
): LedgerLine {
  return { file: 'test.csv', line: 2, date, supplier, amount, redacted: false, ...extra };
}

export function ledgerFile(
  name: string,
  lines: LedgerLine[],
  status: 'accepted' | 'rejected' = 'accepted',
): LedgerFile {
  return {
    name,
    sha256: '0'.repeat(64),
    format: 'csv',
    columns: {},
    dateStyles: [],
    status,
    lines: lines.map((l) => ({ ...l, file: name })),
    issues: [],
    skipped: [],
  };
}

function decided(decision: Decision): CategoryDecision {
  return { decision, evidence: [{ rule: 'test', detail: `test says ${decision}` }] };
}

export function supplier(
  key: string,
  local: Decision,
  sme: Decision,
  vcse: Decision,
  matchedBy: ClassifiedSupplier['matchedBy'] = 'name',
): ClassifiedSupplier {
  return { key, name: key, matchedBy, local: decided(local), sme: decided(sme), vcse: decided(vcse) };
}
