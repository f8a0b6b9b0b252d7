import type { MatchedOn, RegisterEntity, RegisterMatch } from '../../registers/match-registers.ts';
import type { CategoryDecision, DecisionBasis } from '../../types.ts';
import type { BasisSpend, Category } from '../coverage.ts';

/** Each kind of evidence in the words an auditor reads on the workbook. */
export const BASIS_LABELS: Readonly<Record<DecisionBasis, string>> = {
  'self-declared': "Trust's own Y/N (supplier reference)",
  figures: "Trust's own staff and turnover or balance sheet figures",
  'reference-postcode': 'Postcode in the supplier reference',
  'ledger-postcode': 'Postcode on its ledger lines',
  'register-postcode': 'Registered office postcode (registers)',
  'charity-register': 'Charity register entry',
  cio: 'Charitable incorporated organisation (register)',
  cic: 'Community interest company (Companies House)',
  'community-benefit-society': 'Community benefit society (FCA register)',
  'co-operative-society': 'Co-operative society (FCA register)',
  'charity-number': "Charity number in the trust's data",
  'cio-number': "CIO number in the trust's data",
  'society-number': "Society number in the trust's data",
  'cic-name': 'Name ends CIC',
  'accounts-category-proxy': 'Accounts category (proxy)',
  'charity-income-proxy': "Charity's latest income (proxy)",
  'legal-form': 'Legal form (Companies House)',
  'public-body': 'Public body (statutory form of its name)',
};

export const METHOD_LABELS: Readonly<Record<NonNullable<BasisSpend['method']>, string>> = {
  'ons-lookup': 'ONS postcode lookup',
  'postcode-district': 'Postcode district',
};

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  local: 'Local',
  sme: 'SME',
  vcse: 'VCSE',
};

export const MATCHED_ON_LABELS: Readonly<Record<MatchedOn, string>> = {
  'company-number': 'Company number',
  'charity-number': 'Charity number',
  name: 'Exact name',
  'known-as': "Scottish charity's known-as name",
  'name-and-postcode': 'Name and postcode',
  'previous-name': "Company's previous name",
  'fuzzy-name-postcode': 'Near name at the same postcode',
};

export const MATCH_STATUS_LABELS: Readonly<Record<RegisterMatch['status'], string>> = {
  matched: 'Matched',
  ambiguous: 'Ambiguous',
  uncertain: 'Uncertain',
  'not-found': 'Not found',
};

/** The kind of evidence that decided, in words; blank while undecided. */
export function describeBasis(decision: CategoryDecision): string {
  return decision.basis === undefined ? '' : BASIS_LABELS[decision.basis];
}

/** `Y` for a proxy, `N` for a fact about the supplier itself; blank while undecided. */
export function describeProxy(decision: CategoryDecision): string {
  if (decision.basis === undefined) return '';
  return decision.proxy === true ? 'Y' : 'N';
}

/** The register numbers of a matched entity: `Company 09876543; Charity 1123456`. */
export function describeEntityNumbers(entity: RegisterEntity): string {
  return [
    entity.company && `Company ${entity.company.companyNumber}`,
    entity.charity && `Charity ${entity.charity.charityNumber}`,
    entity.scottishCharity && `Scottish charity ${entity.scottishCharity.charityNumber}`,
    entity.society && `Society ${entity.society.registrationNumber}`,
  ]
    .filter((part) => part !== undefined)
    .join('; ');
}

/** The name the registers give a matched entity (the company's, else the charity's or society's). */
export function describeEntityName(entity: RegisterEntity): string {
  return (
    entity.company?.name ?? entity.charity?.name ?? entity.scottishCharity?.name ?? entity.society?.name ?? ''
  );
}

/** How a key of `RegistersUsed.matches` reads: `matched-by-company-number` → `Matched: Company number`. */
export function describeMatchCount(key: string): string {
  const on = key.startsWith('matched-by-') ? (key.slice('matched-by-'.length) as MatchedOn) : undefined;
  if (on !== undefined) return `Matched: ${MATCHED_ON_LABELS[on] ?? on}`;
  return MATCH_STATUS_LABELS[key as RegisterMatch['status']] ?? key;
}
