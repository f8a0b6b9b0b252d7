import fc from 'fast-check';
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

/** The sum of the lines' amounts per month of their date, as a stream summary or manifest keeps it. */
export function totalLinesByMonth(lines: readonly LedgerLine[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { date, amount } of lines) {
    const month = date.slice(0, 7);
    totals[month] = (totals[month] ?? 0) + amount;
  }
  return totals;
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

/**
 * A file for the report's properties: names of one series and of others, versions and copies; lines
 * with or without transactions; sometimes rejected; `picks` choose its lines from a test's pool.
 */
export const seriesFileArb = fc.record({
  name: fc.constantFrom(
    'KICO 2024-05.csv',
    'KICO 2024-05 v2.csv',
    'LEGR 2024-05.csv',
    'LEGR 2024-06 corrected.csv',
    'spend.csv',
    'spend (copy).csv',
    'CC May 2024.csv',
  ),
  transactions: fc.boolean(),
  rejected: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  picks: fc.array(fc.nat(), { maxLength: 14 }),
});
