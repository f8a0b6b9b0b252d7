import type { FinancialYear } from '../periods/financial-year.ts';
import type { CategoryDecision, DecisionBasis, Pence } from '../types.ts';
import type { FinancialYearFigures, SupplierSpend } from './aggregate-spend.ts';

export type Category = 'local' | 'sme' | 'vcse';
export const CATEGORIES: readonly Category[] = ['local', 'sme', 'vcse'];

/** Spend one kind of evidence decided, yes and no apart. */
export interface BasisSpend {
  basis: DecisionBasis;
  proxy: boolean;
  /** Local only: how the deciding postcodes were placed. */
  method?: 'ons-lookup' | 'postcode-district';
  yes: Pence;
  no: Pence;
}

/** How much of a category's measured spend was decided (yes or no), and by what; `decided` + `undecided` = `measured`. */
export interface CategoryCoverage {
  /** Decided by data and by proxy together. */
  decided: Pence;
  byData: Pence;
  byProxy: Pence;
  undecided: Pence;
  byBasis: BasisSpend[];
}

/** Classification coverage in one financial year (the report's year to date, earlier years in full). */
export interface CoverageFigures {
  fy: FinancialYear;
  months: number;
  yearToDate: boolean;
  total: Pence;
  /** Withheld payees: never classified, so outside `classifiable`. */
  redacted: Pence;
  /** `total` − `redacted`: the spend a decision could be made for. */
  classifiable: Pence;
  /**
   * What the shares are of: the net spend in the year of each non-redacted supplier whose payments and
   * credits net above zero. Never negative, and each category's decided and undecided parts add up to it.
   */
  measured: Pence;
  /**
   * The net (≤ 0) of the non-redacted suppliers whose credits in the year match or exceed their payments:
   * outside the shares, as they leave nothing to classify. `measured` + `netCredits` = `classifiable`.
   */
  netCredits: Pence;
  /** How many suppliers' credits net below zero in the year (those netting to exactly zero add nothing). */
  netCreditSuppliers: number;
  local: CategoryCoverage;
  sme: CategoryCoverage;
  vcse: CategoryCoverage;
}

const BASIS_ORDER: readonly DecisionBasis[] = [
  'self-declared',
  'figures',
  'reference-postcode',
  'ledger-postcode',
  'register-postcode',
  'charity-register',
  'cio',
  'cic',
  'community-benefit-society',
  'co-operative-society',
  'charity-number',
  'cio-number',
  'society-number',
  'cic-name',
  'accounts-category-proxy',
  'charity-income-proxy',
  'legal-form',
  'public-body',
];

const emptyCoverage = (): CategoryCoverage => ({
  decided: 0,
  byData: 0,
  byProxy: 0,
  undecided: 0,
  byBasis: [],
});

function addDecision(coverage: CategoryCoverage, decision: CategoryDecision, amount: Pence): void {
  if (decision.decision === 'unknown' || decision.basis === undefined) {
    coverage.undecided += amount;
    return;
  }
  const proxy = decision.proxy === true;
  coverage.decided += amount;
  if (proxy) coverage.byProxy += amount;
  else coverage.byData += amount;
  let entry = coverage.byBasis.find(
    (b) => b.basis === decision.basis && b.proxy === proxy && b.method === decision.method,
  );
  if (entry === undefined) {
    entry = {
      basis: decision.basis,
      proxy,
      ...(decision.method === undefined ? {} : { method: decision.method }),
      yes: 0,
      no: 0,
    };
    coverage.byBasis.push(entry);
  }
  if (decision.decision === 'yes') entry.yes += amount;
  else entry.no += amount;
}

function sortBases(coverage: CategoryCoverage): void {
  const rank = (basis: DecisionBasis) => BASIS_ORDER.indexOf(basis);
  coverage.byBasis.sort(
    (a, b) =>
      rank(a.basis) - rank(b.basis) ||
      Number(a.proxy) - Number(b.proxy) ||
      (a.method ?? '').localeCompare(b.method ?? ''),
  );
}

/**
 * For each financial year of the report, the share of spend whose local, SME and VCSE status was
 * decided, by the kind of evidence that decided it, proxies apart. Redacted payees are outside it, and
 * so are suppliers whose credits in the year net to zero or below (their net is `netCredits`), so every
 * share of `measured` is between 0 and 1.
 *
 * @example measureCoverage(report.suppliers, report.financialYears)[0]?.sme.byProxy
 */
export function measureCoverage(
  suppliers: readonly SupplierSpend[],
  years: readonly FinancialYearFigures[],
): CoverageFigures[] {
  const byLabel = new Map<string, CoverageFigures>();
  const coverage = years.map((year) => {
    const figures: CoverageFigures = {
      fy: year.fy,
      months: year.months,
      yearToDate: year.yearToDate,
      total: 0,
      redacted: 0,
      classifiable: 0,
      measured: 0,
      netCredits: 0,
      netCreditSuppliers: 0,
      local: emptyCoverage(),
      sme: emptyCoverage(),
      vcse: emptyCoverage(),
    };
    byLabel.set(year.fy.label, figures);
    return figures;
  });
  // Each year sees the suppliers in the order given, as a pass per year would.
  for (const { supplier, byYear } of suppliers) {
    for (const [label, amount] of Object.entries(byYear)) {
      const figures = byLabel.get(label);
      if (figures === undefined) continue;
      figures.total += amount;
      if (supplier.matchedBy === 'redacted') {
        figures.redacted += amount;
        continue;
      }
      figures.classifiable += amount;
      if (amount <= 0) {
        // A supplier netting to zero or below in the year has nothing to classify in it.
        figures.netCredits += amount;
        if (amount < 0) figures.netCreditSuppliers += 1;
        continue;
      }
      figures.measured += amount;
      for (const category of CATEGORIES) addDecision(figures[category], supplier[category], amount);
    }
  }
  for (const figures of coverage) for (const category of CATEGORIES) sortBases(figures[category]);
  return coverage;
}
