import { forEachDateAndAmount } from '../curated/line-table.ts';
import { MONTH_NAMES, monthOfDate } from '../periods/financial-year.ts';
import { compareFileNames } from '../pipeline/compare-file-names.ts';
import { measureEditDistance } from '../table/index.ts';
import type { LedgerLines, ReportLedger, YearMonth } from '../types.ts';

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

/** A month named in a name, and where: `[start, end)` of the text searched. */
interface MonthToken extends NamedMonth {
  start: number;
  end: number;
  /** Named by a word (`May`, `Spetember`), not by digits. */
  word: boolean;
}

/** The months named in `text`, with where each is; digits first, then month words with any year after them. */
function findMonthTokens(text: string): MonthToken[] {
  const found: MonthToken[] = [];
  const at = (m: RegExpExecArray | RegExpMatchArray) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  });
  for (const m of text.matchAll(/(?<!\d)(20\d{2})[-_. ]?(0[1-9]|1[0-2])(?!\d)/g)) {
    found.push({ year: Number(m[1]), month: Number(m[2]), ...at(m), word: false });
  }
  // Not `P02 2024-25` nor `CC12 2024`: a number after letters is a period or cost centre, not a month.
  for (const m of text.matchAll(/(?<![\dA-Za-z])(0[1-9]|1[0-2])[-_. ](20\d{2})(?!\d)/g)) {
    const token = { year: Number(m[2]), month: Number(m[1]), ...at(m), word: false };
    // `Payments 01 2024-05`: the year belongs to the month after it, not to a number before it.
    if (!found.some((other) => other.start < token.end && token.start < other.end)) found.push(token);
  }
  for (const m of text.matchAll(/([A-Za-z]+)[-_. ']*(\d{4}|\d{2})?(?!\d)/g)) {
    const month = monthFromWord(m[1] ?? '');
    if (month === undefined) continue;
    const digits = m[2];
    const year =
      digits === undefined ? undefined : digits.length === 4 ? Number(digits) : 2000 + Number(digits);
    const span = at(m);
    // Only the word and its year: separators after a word with no year are not part of it.
    if (digits === undefined) span.end = span.start + (m[1] ?? '').length;
    found.push(
      year !== undefined && year >= 2000 && year <= 2099
        ? { month, year, ...span, word: true }
        : { month, ...span, word: true },
    );
  }
  return found;
}

/** A file name without its folders and extension. */
const stemOf = (fileName: string) => fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');

/** Months a file name names: `2024-05`, `202405`, `05-2024`, `May 2024`, `May-24`, `KICO 02 - May`, `Spetember`. */
export function findMonthsInFileName(fileName: string): NamedMonth[] {
  return findMonthTokens(stemOf(fileName)).map(({ month, year }) =>
    year === undefined ? { month } : { month, year },
  );
}

/** A month's number in the financial year: April is 1, March 12. */
const fiscalNumber = (month: number) => ((month + 8) % 12) + 1;

/** `20231019`, `2024-05-06`, `06-05-2024`, `6.5.2024`. */
const FULL_DATE =
  /(?<!\d)(?:20\d{2}[-_. ]?(?:0[1-9]|1[0-2])[-_. ]?(?:0[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-_. ](?:0?[1-9]|1[0-2])[-_. ]20\d{2})(?!\d)/g;
/** `P02`, `M2`, `Period 2`, `Month 12`: a period number with its prefix. */
const PERIOD_MARKER =
  /(?<![\p{L}\p{N}])(?:[pm]|(?:per|period|mth|month)[-_. ]?)0?(?:[1-9]|1[0-4])(?![\p{L}\p{N}])/giu;
/** `v2`, `v 2.1`, `version 3`, `rev 2`, `rev`, and a copy number in brackets: `(1)`. */
const VERSION_MARKER =
  /(?<![\p{L}\p{N}])(?:v[-_. ]?\d+(?:\.\d+)?|(?:ver|version|rev|revision)(?:[-_. ]?\d+(?:\.\d+)?)?)(?![\p{L}\p{N}])|\(\s*\d+\s*\)/giu;
/** Words that say which version of an extract a file is, not which extract. */
const VERSION_WORDS = new Set([
  'copy',
  'corrected',
  'correction',
  'revised',
  'amended',
  'amendment',
  'updated',
  'update',
  'final',
  'draft',
  'latest',
  'resubmitted',
  'resubmission',
  'reissued',
  'reissue',
  'replacement',
  'new',
  'fixed',
  'again',
]);

/**
 * One folder or file name with its months, period numbers and version markers taken out, its
 * remaining words lower-cased and sorted.
 */
function seriesWordsOf(segment: string): string {
  const gone = new Array<boolean>(segment.length).fill(false);
  const remove = (start: number, end: number) => gone.fill(true, start, end);
  // A whole date, as in `exported 20231019`: a day of the extract's making, not which extract it is.
  for (const m of segment.matchAll(FULL_DATE)) remove(m.index, m.index + m[0].length);
  for (const token of findMonthTokens(segment)) {
    remove(token.start, token.end);
    if (!token.word) continue;
    // `KICO 02 - May`, `05 May`: the month's number in the financial year or the calendar, just before it.
    const before = /(?<!\d)(\d{1,2})[-_. ]*$/.exec(segment.slice(0, token.start));
    const number = Number(before?.[1]);
    if (before && (number === token.month || number === fiscalNumber(token.month))) {
      remove(before.index, token.start);
    }
  }
  for (const marker of [PERIOD_MARKER, VERSION_MARKER]) {
    for (const m of segment.matchAll(marker)) remove(m.index, m.index + m[0].length);
  }
  const kept = segment
    .split('')
    .map((char, index) => (gone[index] ? ' ' : char))
    .join('');
  const words = kept
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const version = words.filter((word, index) => !isVersionWord(word, words[index - 1]));
  return version.sort().join(' ');
}

/**
 * Whether a lower-cased word says which version of an extract a file is, not which extract: a version
 * word, or the `of` of `Copy of May.csv`, as Windows names a copy (`previous`: the word before it).
 */
function isVersionWord(word: string, previous: string | undefined): boolean {
  return VERSION_WORDS.has(word) || (word === 'of' && previous === 'copy');
}

/** A file name without its extension. */
const withoutExtension = (name: string): string => name.replace(/\.[A-Za-z0-9]+$/, '');

/**
 * How late a version a file's name says it is: 0 with no version word or marker (the original), else
 * 1 plus the highest version number it gives (`v2` → 3, `rev 3` → 4, `revised` → 1).
 */
function versionRankOf(stem: string): { rank: number; rest: string } {
  let rank = 0;
  const rest = stem.replace(VERSION_MARKER, (marker) => {
    const number = Number(/\d+(?:\.\d+)?/.exec(marker)?.[0] ?? 0);
    rank = Math.max(rank, 1 + number);
    return ' ';
  });
  // Words and the separators between them, so the rest keeps its spacing: the word before is two back.
  const words = rest.split(/([^\p{L}\p{N}]+)/u);
  const kept = words.map((word, index) => {
    if (!isVersionWord(word.toLowerCase(), words[index - 2]?.toLowerCase())) return word;
    rank = Math.max(rank, 1);
    return ' ';
  });
  return { rank, rest: kept.join('').replace(/\s+/g, ' ').trim() };
}

/**
 * Name order for the versions of extracts (numbers numerically): names that differ only in version words
 * and markers sort original first, then by version (`2025-05 payments.csv`, `2025-05 amended
 * payments.csv`, `2025-05 payments v3.csv`), since a later version replaces an earlier one in that order;
 * other names as {@link compareFileNames}.
 */
export function compareExtractNames(a: string, b: string): number {
  const [va, vb] = [versionRankOf(withoutExtension(a)), versionRankOf(withoutExtension(b))];
  return compareFileNames(va.rest, vb.rest) || va.rank - vb.rank || compareFileNames(a, b);
}

/**
 * The *series* of a file: which extract it is a version of. Replacement works only within a series.
 * Taken from its name — its path under the folder or prefix it was given in, so folders count — with
 * the extension, every month the name names (with its year), a period number next to a month word or
 * as `P02`/`M02`/`Period 2`/`Month 2`, and version words (`v2`, `rev 2`, `(1)`, `copy`, `corrected`,
 * `final`, …) taken out, and the remaining words of each part lower-cased and sorted. Other numbers
 * stay: `CC1234 2024-05.csv` and `CC5678 2024-05.csv` are two series.
 *
 * @example deriveSeriesKey('KICO 02 - May (corrected).csv') // 'kico'
 */
export function deriveSeriesKey(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '');
  const last = parts.length - 1;
  return parts
    .map((part, index) => seriesWordsOf(index === last ? withoutExtension(part) : part))
    .filter((words) => words !== '')
    .join('/');
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
export function decideFilePeriod(file: ReportLedger): FilePeriod {
  return decidePeriodFromCounts(file.name, countLinesByMonth(file.lines));
}

/**
 * How many lines a file has dated in each month, reading a month only where the date changes: a ledger's
 * lines come in runs of one date, shared as one string. A `LineTable`'s dates are read without building
 * its lines.
 */
export function countLinesByMonth(lines: LedgerLines): Map<YearMonth, number> {
  const counts = new Map<YearMonth, number>();
  const add = (date: string, run: number) => {
    const month = monthOfDate(date);
    counts.set(month, (counts.get(month) ?? 0) + run);
  };
  let date: string | undefined;
  let run = 0;
  const visit = (next: string) => {
    if (next === date) {
      run += 1;
      return;
    }
    if (date !== undefined) add(date, run);
    date = next;
    run = 1;
  };
  forEachDateAndAmount(lines, visit);
  if (date !== undefined) add(date, run);
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
