import type { YearMonth } from '../types.ts';

/** Gap, in months, that cuts the latest lines of a file off from the rest. */
const GAP_MONTHS = 12;
/** Most lines the cut-off months may hold between them: typos are few. */
const MAX_OUTLIER_LINES = 10;

interface MonthCount {
  count: number;
  /** The first lines of the month, while it has few enough to be a typo. */
  lines: { line: number; text: string }[];
}

/** Lines per month of their date, keeping the first few of each month (bounded, whatever the file's size). */
export class MonthTally {
  readonly months = new Map<YearMonth, MonthCount>();
  /** The month added last, and its entry: lines come in runs of one month. */
  #lastMonth = '';
  #lastEntry: MonthCount | undefined;

  add(month: YearMonth, line: number, text: string): void {
    let entry = month === this.#lastMonth ? this.#lastEntry : this.months.get(month);
    if (entry === undefined) {
      entry = { count: 0, lines: [] };
      this.months.set(month, entry);
    }
    this.#lastMonth = month;
    this.#lastEntry = entry;
    entry.count++;
    if (entry.count <= MAX_OUTLIER_LINES) entry.lines.push({ line, text });
    else if (entry.lines.length > 0) entry.lines.length = 0;
  }
}

/** Lines dated long after the rest of their file: a mistyped year (2099 for 2019) that would move the report. */
export interface FutureOutliers {
  /** The latest month of the rest of the file. */
  latest: YearMonth;
  count: number;
  lines: { line: number; text: string; month: YearMonth; monthsAfter: number }[];
}

/**
 * The latest months of a file when they are cut off from the rest by a gap of 12 months or more and
 * hold at most 10 lines between them, fewer than half the file's: dated after anything else in the
 * file by a year or more, they are typos, not payments (a multi-year extract has no such gap, and a
 * monthly one no lines a year after its month).
 */
export function findFutureOutliers(tallies: readonly MonthTally[]): FutureOutliers | undefined {
  const months = new Map<YearMonth, MonthCount>();
  let total = 0;
  for (const tally of tallies) {
    for (const [month, { count, lines }] of tally.months) {
      const entry = months.get(month) ?? { count: 0, lines: [] };
      entry.count += count;
      entry.lines = entry.count <= MAX_OUTLIER_LINES ? [...entry.lines, ...lines] : [];
      months.set(month, entry);
      total += count;
    }
  }
  const sorted = [...months.keys()].sort();
  let cut: number | undefined;
  let tail = 0;
  for (let i = sorted.length - 1; i > 0; i--) {
    tail += months.get(sorted[i] as YearMonth)?.count ?? 0;
    if (tail > MAX_OUTLIER_LINES || tail * 2 >= total) break;
    if (monthsBetween(sorted[i - 1] as YearMonth, sorted[i] as YearMonth) >= GAP_MONTHS) cut = i;
  }
  if (cut === undefined) return undefined;
  const latest = sorted[cut - 1] as YearMonth;
  const lines = sorted.slice(cut).flatMap((month) =>
    (months.get(month)?.lines ?? []).map((entry) => ({
      ...entry,
      month,
      monthsAfter: monthsBetween(latest, month),
    })),
  );
  return { latest, count: lines.length, lines: lines.sort((a, b) => a.line - b.line) };
}

/**
 * Whether a line dated in `month` is sure never to be left out by {@link findFutureOutliers}, however
 * the file goes on: some month at or before it has more than 10 lines at or after it, with no gap of 12
 * months between the months seen from there up to `month`. Later lines only add months (closing gaps)
 * and counts, so once true it stays true. `tallies` are the lines seen so far, in decided orders.
 */
export function isNeverFutureOutlier(tallies: readonly MonthTally[], month: YearMonth): boolean {
  const counts = new Map<YearMonth, number>();
  for (const tally of tallies) {
    for (const [key, { count }] of tally.months) counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const sorted = [...counts.keys()].sort();
  let at = sorted.indexOf(month);
  if (at === -1) return false;
  let tail = 0;
  for (let i = sorted.length - 1; i >= at; i--) tail += counts.get(sorted[i] as YearMonth) ?? 0;
  while (tail <= MAX_OUTLIER_LINES) {
    if (at === 0) return false;
    const before = sorted[at - 1] as YearMonth;
    if (monthsBetween(before, sorted[at] as YearMonth) >= GAP_MONTHS) return false;
    at--;
    tail += counts.get(before) ?? 0;
  }
  return true;
}

function monthsBetween(from: YearMonth, to: YearMonth): number {
  const [fromYear = 0, fromMonth = 0] = from.split('-').map(Number);
  const [toYear = 0, toMonth = 0] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}
