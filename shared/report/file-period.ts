import { MONTH_NAMES, monthOfDate } from '../periods/financial-year.ts';
import { measureEditDistance } from '../table/index.ts';
import type { LedgerFile, YearMonth } from '../types.ts';

/**
 * The months a file is *for*. Replacement between files works on periods: a later
 * file for the same month replaces an earlier one. Lines still count in the month
 * of their own date.
 */
export interface FilePeriod {
  months: YearMonth[];
  from: 'file-name' | 'line-dates';
  /** A sentence for the Files sheet: why this period. */
  evidence: string;
}

/** A named month must hold at least this share of the file's lines to be its period. */
const NAMED_MONTH_MIN_SHARE = 0.25;

const MONTH_WORDS = MONTH_NAMES.map((name) => name.toLowerCase());

function monthFromWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w === 'sept') return 9;
  const exact = MONTH_WORDS.findIndex((name) => name === w || (w.length === 3 && name.startsWith(w)));
  if (exact >= 0) return exact + 1;
  if (w.length < 5) return undefined;
  const allowed = w.length >= 8 ? 2 : 1;
  const close = MONTH_WORDS.findIndex((name) => name.length >= 5 && measureEditDistance(w, name) <= allowed);
  return close >= 0 ? close + 1 : undefined;
}

interface NamedMonth {
  month: number;
  year?: number;
}

/** Months a file name names: `2024-05`, `202405`, `05-2024`, `May 2024`, `May-24`, `KICO 02 - May`, `Spetember`. */
export function findMonthsInFileName(fileName: string): NamedMonth[] {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
  const found: NamedMonth[] = [];
  for (const m of stem.matchAll(/(?<!\d)(20\d{2})[-_. ]?(0[1-9]|1[0-2])(?!\d)/g)) {
    found.push({ year: Number(m[1]), month: Number(m[2]) });
  }
  for (const m of stem.matchAll(/(?<!\d)(0[1-9]|1[0-2])[-_. ](20\d{2})(?!\d)/g)) {
    found.push({ year: Number(m[2]), month: Number(m[1]) });
  }
  for (const m of stem.matchAll(/([A-Za-z]+)[-_. ']*(\d{4}|\d{2})?(?!\d)/g)) {
    const month = monthFromWord(m[1] ?? '');
    if (month === undefined) continue;
    const digits = m[2];
    const year =
      digits === undefined ? undefined : digits.length === 4 ? Number(digits) : 2000 + Number(digits);
    found.push(year !== undefined && year >= 2000 && year <= 2099 ? { month, year } : { month });
  }
  return found;
}

function monthIndex(month: YearMonth): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function toYearMonth(index: number): YearMonth {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A month named without a year is taken in the year when the file has the most
 * lines dated in it; with none, the year nearest the file's latest line.
 */
function resolveYear(
  named: NamedMonth,
  counts: ReadonlyMap<YearMonth, number>,
  latest: YearMonth,
): YearMonth {
  if (named.year !== undefined) return toYearMonth(named.year * 12 + named.month - 1);
  const latestIndex = monthIndex(latest);
  const year = Number(latest.slice(0, 4));
  const candidates = [year - 1, year, year + 1].map((y) => toYearMonth(y * 12 + named.month - 1));
  const distance = (m: YearMonth) => Math.abs(monthIndex(m) - latestIndex);
  candidates.sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || distance(a) - distance(b) || a.localeCompare(b),
  );
  return candidates[0] ?? latest;
}

/**
 * Decides a file's period: the one month its name names, when that month holds at
 * least a quarter of its lines (monthly extracts often carry late, back-dated
 * invoices); otherwise every month its lines are dated in.
 */
export function decideFilePeriod(file: LedgerFile): FilePeriod {
  return decidePeriodFromCounts(file.name, countLinesByMonth(file.lines));
}

/** How many lines a file has dated in each month. */
export function countLinesByMonth(lines: readonly { date: string }[]): Map<YearMonth, number> {
  const counts = new Map<YearMonth, number>();
  for (const line of lines) {
    const month = monthOfDate(line.date);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  return counts;
}

/** As `decideFilePeriod`, from a file's name and its line counts per month (for files read as a stream). */
export function decidePeriodFromCounts(name: string, counts: ReadonlyMap<YearMonth, number>): FilePeriod {
  let lineCount = 0;
  for (const n of counts.values()) lineCount += n;
  const dated = [...counts.keys()].sort();
  const byDates: FilePeriod = {
    months: dated,
    from: 'line-dates',
    evidence: 'the months its lines are dated in',
  };
  const latest = dated.at(-1);
  if (latest === undefined) return byDates;

  const named = [...new Set(findMonthsInFileName(name).map((n) => resolveYear(n, counts, latest)))];
  if (named.length !== 1) {
    return named.length > 1
      ? { ...byDates, evidence: `${byDates.evidence} (its name names ${named.length} months)` }
      : byDates;
  }
  const month = named[0] as YearMonth;
  const share = (counts.get(month) ?? 0) / lineCount;
  if (share < NAMED_MONTH_MIN_SHARE) {
    return {
      ...byDates,
      evidence: `${byDates.evidence}: its name says ${month} but only ${Math.round(share * 100)}% of its lines are dated then`,
    };
  }
  return {
    months: [month],
    from: 'file-name',
    evidence: `its name names ${month}, when ${Math.round(share * 100)}% of its lines are dated`,
  };
}
