import type { RegisterCandidate, RegisterMatch } from '../registers/match-registers.ts';
import type { Pence } from '../types.ts';
import type { SupplierSpend } from './aggregate-spend.ts';
import { CATEGORIES, type Category } from './coverage.ts';

/** One reason a supplier is on the review list: a category's evidence, or how its register match went. */
export interface ReviewReason {
  category: Category | 'registers';
  rule: string;
  detail: string;
}

/** A supplier with a category still undecided, for someone to look up and settle in the supplier reference. */
export interface ReviewEntry {
  key: string;
  name: string;
  /** Spend in the report's window (every financial year shown). */
  spend: Pence;
  /** Spend per financial year label, only years with lines. */
  byYear: Record<string, Pence>;
  undecided: Category[];
  /** How the supplier was matched to the registers, when registers were given. */
  registerMatch?: RegisterMatch['status'];
  reasons: ReviewReason[];
  /** Register entries it might be, best first. */
  candidates: RegisterCandidate[];
}

/** The review list is cut at this many suppliers; `more` and `moreSpend` account for the rest. */
export const MAX_REVIEW_ENTRIES = 1000;

/** The review list as `summary.json` and the To review sheet show it: the first {@link MAX_REVIEW_ENTRIES}, and the rest counted. */
export interface ReviewListCut {
  shown: ReviewEntry[];
  /** How many suppliers were left off. */
  more: number;
  /** Their spend. */
  moreSpend: Pence;
}

/** Cuts the review list at {@link MAX_REVIEW_ENTRIES}, counting and summing the suppliers left off. */
export function cutReviewList(review: readonly ReviewEntry[]): ReviewListCut {
  const rest = review.slice(MAX_REVIEW_ENTRIES);
  return {
    shown: review.slice(0, MAX_REVIEW_ENTRIES),
    more: rest.length,
    moreSpend: rest.reduce((sum, entry) => sum + entry.spend, 0),
  };
}

/** Register evidence rules that say how a match went rather than what a category is. */
const MATCH_RULES =
  /^register-(match|fuzzy-match|ambiguous|near-names|not-found|name-differs|previous-name)$/;

/**
 * The suppliers with local, SME or VCSE status still undecided, largest spend first (redacted payees
 * never): what each category's evidence says is missing, how the supplier was matched to the
 * registers, and the register entries it might be.
 *
 * @example buildReviewList(report.suppliers)[0]?.reasons
 */
export function buildReviewList(suppliers: readonly SupplierSpend[]): ReviewEntry[] {
  const entries: ReviewEntry[] = [];
  for (const { supplier, byYear, total } of suppliers) {
    if (supplier.matchedBy === 'redacted') continue;
    const undecided = CATEGORIES.filter((category) => supplier[category].decision === 'unknown');
    if (undecided.length === 0) continue;
    const reasons: ReviewReason[] = [];
    const seen = new Set<string>();
    const add = (category: ReviewReason['category'], rule: string, detail: string) => {
      if (seen.has(detail)) return;
      seen.add(detail);
      reasons.push({ category, rule, detail });
    };
    for (const evidence of supplier.registers?.evidence ?? [])
      add('registers', evidence.rule, evidence.detail);
    for (const category of undecided) {
      for (const evidence of supplier[category].evidence) {
        if (!MATCH_RULES.test(evidence.rule)) add(category, evidence.rule, evidence.detail);
      }
    }
    // Copied to arrays of their own length: `filter` and `push` leave room for 17 items, and a report
    // holds thousands of entries until it is rendered.
    entries.push({
      key: supplier.key,
      name: supplier.name,
      spend: total,
      byYear,
      undecided: undecided.slice(),
      ...(supplier.registers === undefined ? {} : { registerMatch: supplier.registers.status }),
      reasons: reasons.slice(),
      candidates: supplier.registers?.candidates ?? [],
    });
  }
  return entries.sort((a, b) => b.spend - a.spend || a.name.localeCompare(b.name));
}
