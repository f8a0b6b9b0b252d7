import type { Decision } from '../shared/types.ts';

/*
 * The sample's own statement of the default rules, written independently of
 * shared/ so the end-to-end test compares two implementations, not one with
 * itself. Only the cases the sample generates need to be decidable here; a
 * combination the rules leave open (a supplier with one postcode outside Kent
 * & Medway and another in a straddling district) is never generated, and
 * `decideLocality` throws if it ever is.
 */

/** Postcode districts used by the sample that lie wholly in Kent & Medway. */
export const LOCAL_DISTRICTS: readonly string[] = [
  'CT1',
  'CT2',
  'CT9',
  'CT11',
  'CT16',
  'CT20',
  'ME1',
  'ME4',
  'ME7',
  'ME10',
  'ME14',
  'ME15',
  'ME16',
  'ME20',
  'TN9',
  'TN13',
  'TN23',
  'TN24',
  'DA11',
  'DA12',
];

/** Districts straddling the Kent & Medway boundary: undecidable without the ONS lookup. */
export const STRADDLING_DISTRICTS: readonly string[] = ['TN8', 'TN16', 'DA1', 'BR8'];

/** London districts used by the sample. */
export const LONDON_DISTRICTS: readonly string[] = [
  'EC2V',
  'EC3M',
  'SE1',
  'W1G',
  'N1',
  'E14',
  'SW1P',
  'WC1N',
];

/** Districts elsewhere — some with Kent-like TN/DA/BR letters that are wholly outside (Hastings, Bexleyheath, Bromley). */
export const ELSEWHERE_DISTRICTS: readonly string[] = [
  'B1',
  'M1',
  'LS11',
  'BS1',
  'RG1',
  'CB4',
  'GU1',
  'RH10',
  'BN1',
  'TN34',
  'DA7',
  'BR1',
  'EH3',
  'CF10',
  'G2',
  'DE55',
  'NG2',
  'MK9',
  'OX4',
];

/** Procurement Act 2023 s.123: fewer than 250 staff AND (turnover ≤ £44m OR balance sheet ≤ £38m). */
export const SME_MAX_STAFF_EXCLUSIVE = 250;
export const SME_MAX_TURNOVER_POUNDS = 44_000_000;
export const SME_MAX_BALANCE_SHEET_POUNDS = 38_000_000;

/** Outward code of a postcode written in any spacing or case (`me141xq` → `ME14`). */
export function postcodeDistrict(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.slice(0, compact.length - 3);
}

/** Local when any postcode (head office, reference branch, or ledger line) is in a wholly local district. */
export function decideLocality(postcodes: readonly string[]): Decision {
  const districts = postcodes.map(postcodeDistrict);
  if (districts.some((d) => LOCAL_DISTRICTS.includes(d))) return 'yes';
  const straddling = districts.filter((d) => STRADDLING_DISTRICTS.includes(d));
  if (straddling.length > 0 && straddling.length < districts.length) {
    throw new Error(
      `sample model error: postcodes ${postcodes.join(', ')} mix a straddling and an outside district`,
    );
  }
  return districts.length === 0 || straddling.length > 0 ? 'unknown' : 'no';
}

export interface SizeFacts {
  employees?: number;
  turnoverPounds?: number;
  balanceSheetPounds?: number;
  /** The trust's own Y/N; wins over the facts. */
  sme?: boolean;
}

export function decideSme(facts: SizeFacts): Decision {
  if (facts.sme !== undefined) return facts.sme ? 'yes' : 'no';
  const { employees, turnoverPounds, balanceSheetPounds } = facts;
  if (employees !== undefined && employees >= SME_MAX_STAFF_EXCLUSIVE) return 'no';
  const financialPass =
    (turnoverPounds !== undefined && turnoverPounds <= SME_MAX_TURNOVER_POUNDS) ||
    (balanceSheetPounds !== undefined && balanceSheetPounds <= SME_MAX_BALANCE_SHEET_POUNDS);
  const financialFail =
    turnoverPounds !== undefined &&
    turnoverPounds > SME_MAX_TURNOVER_POUNDS &&
    balanceSheetPounds !== undefined &&
    balanceSheetPounds > SME_MAX_BALANCE_SHEET_POUNDS;
  if (financialFail) return 'no';
  if (employees !== undefined && financialPass) return 'yes';
  return 'unknown';
}

export interface VcseFacts {
  name: string;
  companyNumber?: string;
  charityNumber?: string;
  /** The trust's own Y/N; wins both ways. */
  vcse?: boolean;
}

/** Registered charity, CIO (`CE…`), community benefit society (`RS…`), or a name ending `CIC`. */
export function decideVcse(facts: VcseFacts): boolean {
  if (facts.vcse !== undefined) return facts.vcse;
  if (facts.charityNumber !== undefined) return true;
  if (facts.companyNumber !== undefined && /^(CE|RS)/.test(facts.companyNumber)) return true;
  return /\bCIC$/i.test(facts.name.trim());
}
