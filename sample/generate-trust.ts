import type { InputFile, YearMonth } from '../shared/types.ts';
import { listMonths, parseYearMonth } from './calendar.ts';
import {
  computeExpectedFigures,
  decideParties,
  type ExpectedFigures,
  type PartyTruth,
} from './expected-figures.ts';
import { layoutFor } from './layouts.ts';
import { buildLedgerLines, type SampleLine } from './ledger-model.ts';
import { createRandom } from './random.ts';
import { renderExtract } from './render-extract.ts';
import { renderSupplierReference } from './render-reference.ts';
import {
  buildSuppliers,
  type SampleSupplier,
  UNMATCHED_PAYEE_NAMES,
  type UnmatchedPayee,
} from './suppliers.ts';

export type { ExpectedFigures, ExpectedFinancialYear } from './expected-figures.ts';

export interface SampleTrust {
  /** Monthly extracts, one per month, in month order. */
  ledgerFiles: InputFile[];
  /** suppliers.csv */
  supplierReference: InputFile;
  /** Ground truth computed by the generator from its own model. */
  expected: ExpectedFigures;
}

export interface SampleTrustOptions {
  seed?: number;
  /** First month with an extract, `YYYY-MM`. Default `2022-04` (the default first FY, 2022/23). */
  firstMonth?: YearMonth;
  /** Last month with an extract, and the report month of `expected`. Default `2026-10`. */
  lastMonth?: YearMonth;
}

/** What the generator knows about its trust: suppliers, every line, and each party's true classification. */
export interface SampleModel {
  firstMonth: YearMonth;
  lastMonth: YearMonth;
  months: YearMonth[];
  suppliers: SampleSupplier[];
  unmatched: UnmatchedPayee[];
  lines: SampleLine[];
  truth: ReadonlyMap<string, PartyTruth>;
}

export const DEFAULT_SAMPLE_SEED = 20220401;
export const DEFAULT_FIRST_MONTH: YearMonth = '2022-04';
export const DEFAULT_LAST_MONTH: YearMonth = '2026-10';

export function buildSampleModel(options: SampleTrustOptions = {}): SampleModel {
  const firstMonth = options.firstMonth ?? DEFAULT_FIRST_MONTH;
  const lastMonth = options.lastMonth ?? DEFAULT_LAST_MONTH;
  parseYearMonth(firstMonth);
  parseYearMonth(lastMonth);
  if (firstMonth > lastMonth) {
    throw new RangeError(`firstMonth ${firstMonth} is after lastMonth ${lastMonth}: swap them`);
  }
  const random = createRandom(options.seed ?? DEFAULT_SAMPLE_SEED);
  const months = listMonths(firstMonth, lastMonth);
  const suppliers = buildSuppliers(random);
  const unmatched = UNMATCHED_PAYEE_NAMES.map((name, index) => ({
    name,
    ledgerId: `KV9${String(index + 1).padStart(4, '0')}`,
    category: name.endsWith('CIC')
      ? ('community' as const)
      : random.pick(['estates', 'staffing', 'transport'] as const),
  }));
  const lines = buildLedgerLines(random, suppliers, unmatched, months);
  return {
    firstMonth,
    lastMonth,
    months,
    suppliers,
    unmatched,
    lines,
    truth: decideParties(suppliers, lines),
  };
}

/**
 * A synthetic "Kent Valley NHS Foundation Trust": monthly ledger extracts in
 * the layouts real trusts drift through, its supplier reference, and the
 * figures a correct report must show. Deterministic: the same options give
 * the same bytes.
 *
 * @example
 * const trust = await generateSampleTrust({ seed: 7, lastMonth: '2025-03' });
 * trust.expected.financialYears[0]; // { fy: '2022/23', months: 12, total: '…', … }
 */
export async function generateSampleTrust(options: SampleTrustOptions = {}): Promise<SampleTrust> {
  const model = buildSampleModel(options);
  const ledgerFiles: InputFile[] = [];
  for (const month of model.months) {
    const lines = model.lines.filter((line) => line.month === month);
    ledgerFiles.push(await renderExtract(month, lines, layoutFor(month)));
  }
  return {
    ledgerFiles,
    supplierReference: renderSupplierReference(model.suppliers),
    expected: computeExpectedFigures(model.lines, model.truth, model.firstMonth, model.lastMonth),
  };
}
