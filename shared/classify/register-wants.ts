import { placeKey, type RegisterWants } from '../registers/extract.ts';
import { registerNameKey, significantTokens } from '../registers/name-key.ts';
import type { LedgerLines, SupplierRecord } from '../types.ts';
import { describeSupplierIdentity, groupSupplierLines } from './classify-spend.ts';
import { REDACTED_KEY } from './match-supplier.ts';

/**
 * The keys the open registers are searched on for these suppliers (grouped as the report groups
 * them; withheld payees never): their company and charity numbers, their names' keys, and each
 * postcode a supplier is known at with the significant words of its names. Give it every accepted
 * line (an array, a `LineTable`, or several files' as `concatLines` joins them), and an extract built for
 * these keys covers any report on those lines.
 *
 * @example
 * const wants = collectRegisterWants(concatLines(ledgers.map((ledger) => ledger.lines)), reference?.records ?? []);
 */
export function collectRegisterWants(
  lines: LedgerLines,
  reference: readonly SupplierRecord[],
): RegisterWants {
  const companyNumbers = new Set<string>();
  const charityNumbers = new Set<string>();
  const names = new Set<string>();
  const places = new Set<string>();
  const { groups } = groupSupplierLines(lines, reference);
  for (const [key, group] of groups) {
    if (key === REDACTED_KEY) continue;
    const identity = describeSupplierIdentity(group);
    for (const known of identity.companyNumbers) companyNumbers.add(known.companyNumber);
    for (const known of identity.charityNumbers) charityNumbers.add(known.charityNumber);
    const keys = identity.names.map(registerNameKey).filter((name) => name !== '');
    for (const name of keys) names.add(name);
    const tokens = new Set(keys.flatMap(significantTokens));
    for (const known of identity.postcodes) {
      for (const token of tokens) places.add(placeKey(known.postcode, token));
    }
  }
  const sorted = (set: ReadonlySet<string>) => [...set].sort();
  return {
    companyNumbers: sorted(companyNumbers),
    charityNumbers: sorted(charityNumbers),
    names: sorted(names),
    places: sorted(places),
  };
}
