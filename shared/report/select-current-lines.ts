import {
  concatLines,
  type DatesAndAmounts,
  forEachDateAndAmount,
  type SupplierCodes,
} from '../curated/line-table.ts';
import { formatPounds } from '../money/format-pence.ts';
import { monthOfDate } from '../periods/financial-year.ts';
import type { LedgerFile, LedgerLine, LedgerLines, Pence, ReportLedger, YearMonth } from '../types.ts';
import {
  countLinesByMonth,
  decidePeriodFromCounts,
  deriveSeriesKey,
  type FilePeriod,
} from './file-period.ts';
import { findSeriesOverlaps, periodMonthOf } from './find-series-overlaps.ts';

/** Lines of an earlier file for a month that a later file of the same series is also for, and so replaces. */
export interface ReplacedMonth {
  /** The period month replaced. */
  month: YearMonth;
  /** The later file whose lines for this month are used instead. */
  by: string;
  lines: number;
  total: Pence;
}

/**
 * Two files of different series that both count for a month and carry many identical lines: perhaps one
 * corrects the other under a name that does not say so, and the lines are counted twice.
 */
export interface SeriesOverlap {
  month: YearMonth;
  /** The two files, in the order given. */
  files: [string, string];
  series: [string, string];
  /** Identical lines: same date, supplier, amount, and transaction when both files have one; each pair once. */
  lines: number;
  total: Pence;
}

/** Which of a file's lines count: every one, none, or those whose flag is 1. */
export type LineMask = 'all' | 'none' | Uint8Array;

/** {@link CurrentLines} without the lines themselves: which count, per file, and what was replaced. */
export interface CurrentLineChoice {
  /** Per file (same order as given): its period. */
  periods: FilePeriod[];
  /** Per file (same order as given): its series. */
  series: string[];
  /** Per file (same order as given): the months of its period that a later file of its series replaced. */
  replaced: ReplacedMonth[][];
  /** Files of different series whose lines for a month are largely the same, by month, then file order. */
  overlaps: SeriesOverlap[];
  /** Per file (same order as given): which of its lines count. */
  masks: LineMask[];
  /** Per file (same order as given): the distinct months its lines are dated in, sorted ({@link monthsCovered}). */
  covered: YearMonth[][];
  /** How many lines count, over all files. */
  counted: number;
}

export interface CurrentLines extends CurrentLineChoice {
  /** The lines that count, file by file in the order given. */
  lines: LedgerLine[];
}

export { OVERLAP_MIN_SHARE } from './find-series-overlaps.ts';

/** How a file's series is shown: its key, or what an empty key means. */
export function describeSeries(series: string): string {
  return series === '' ? '(no words besides dates and versions)' : series;
}

/** The warning for a possible double count, saying what to do about it. */
export function describeSeriesOverlap(overlap: SeriesOverlap): string {
  const [a, b] = overlap.files;
  const [seriesA, seriesB] = overlap.series.map(describeSeries);
  const lines = `${overlap.lines} identical line${overlap.lines === 1 ? '' : 's'}`;
  return (
    `${a} and ${b} both carry ${lines} for ${overlap.month} (${formatPounds(overlap.total)}), and both count: ` +
    `their names make them different extracts ("${seriesA}", "${seriesB}"). If one corrects the other, give ` +
    'them the same name apart from the date and version words (v2, corrected, …) and send them again'
  );
}

/** The distinct months a file's lines are dated in, sorted. */
export function monthsCovered(file: ReportLedger): YearMonth[] {
  const months = new Set<YearMonth>();
  forEachDateAndAmount(file.lines, (date) => {
    months.add(monthOfDate(date));
  });
  return [...months].sort();
}

/** A file's series: the one it was given, else the one its name says. */
export function seriesOfFile(file: Pick<LedgerFile, 'name' | 'series'>): string {
  return file.series ?? deriveSeriesKey(file.name);
}

/** Per series, per period month: the index of the file whose lines count for it. */
export type PeriodOwners = Map<string, Map<YearMonth, number>>;

/** The file whose lines count for `month` in `series`, if any does. */
export function ownerOf(owners: PeriodOwners, series: string, month: YearMonth): number | undefined {
  return owners.get(series)?.get(month);
}

/**
 * For every series and period month, the index of the last accepted file (in the order given) of that
 * series that is for the month: that file's lines for the month count, and every earlier file's of the
 * same series are replaced. Files of different series never replace each other. Also used where only the
 * files' periods are known (the pipeline's record of which upload is current).
 */
export function choosePeriodOwners(
  files: readonly { accepted: boolean; period: FilePeriod; series: string }[],
): PeriodOwners {
  const owners: PeriodOwners = new Map();
  files.forEach((file, index) => {
    if (!file.accepted) return;
    const months = owners.get(file.series) ?? new Map<YearMonth, number>();
    for (const month of file.period.months) months.set(month, index);
    owners.set(file.series, months);
  });
  return owners;
}

/**
 * Chooses which lines count when files overlap: for every series and period month, the lines of the last
 * accepted file (in the order given) of that series for that month. Earlier files keep their other
 * months, and files of other series all count. Nothing is counted twice within a series, every dropped
 * line is accounted for in `replaced`, and files of different series that look like one extract sent
 * twice are listed in `overlaps`.
 */
export function selectCurrentLines(files: readonly ReportLedger[]): CurrentLines {
  const choice = chooseCurrentLines(files);
  return { ...choice, lines: [...eachCurrentLine(files, choice)] };
}

/**
 * As {@link selectCurrentLines}, but says which lines count with a mask per file rather than copying them
 * into one array: read them with {@link eachCurrentLine}.
 */
export function chooseCurrentLines(files: readonly ReportLedger[]): CurrentLineChoice {
  const counts = files.map((file) => countLinesByMonth(file.lines));
  const periods = files.map((file, index) => decidePeriodFromCounts(file.name, counts[index] ?? new Map()));
  const series = files.map(seriesOfFile);
  const owners = choosePeriodOwners(
    files.map((file, index) => ({
      accepted: file.status === 'accepted',
      period: periods[index] ?? { months: [], from: 'line-dates', evidence: 'no lines' },
      series: series[index] ?? '',
    })),
  );

  /** Per period month, per file: how many of its lines count. */
  const countedByMonth = new Map<YearMonth, Map<number, number>>();
  const addCounted = (month: YearMonth, index: number, lines: number) => {
    const byFile = countedByMonth.get(month) ?? new Map<number, number>();
    byFile.set(index, (byFile.get(index) ?? 0) + lines);
    countedByMonth.set(month, byFile);
  };
  let counted = 0;
  const masks: LineMask[] = [];
  const replaced = files.map((file, index) => {
    const period = periods[index];
    const own = counts[index] ?? new Map<YearMonth, number>();
    if (file.status !== 'accepted' || !period) {
      masks.push('none');
      return [];
    }
    /** Per month a line is dated in: its period month, and the file whose lines count for it. */
    const routes = new Map<YearMonth, { month: YearMonth; winner: number }>();
    for (const dated of own.keys()) {
      const month = periodMonthOf(dated, period);
      routes.set(dated, { month, winner: ownerOf(owners, series[index] ?? '', month) ?? index });
    }
    if ([...routes.values()].every((route) => route.winner === index)) {
      masks.push('all');
      for (const [dated, route] of routes) addCounted(route.month, index, own.get(dated) ?? 0);
      counted += file.lines.length;
      return [];
    }
    const mask = new Uint8Array(file.lines.length);
    const dropped = new Map<YearMonth, ReplacedMonth>();
    forEachDateAndAmount(file.lines, (date, amount, at) => {
      const route = routes.get(monthOfDate(date)) as { month: YearMonth; winner: number };
      if (route.winner === index) {
        mask[at] = 1;
        counted += 1;
        addCounted(route.month, index, 1);
        return;
      }
      const entry = dropped.get(route.month) ?? {
        month: route.month,
        by: files[route.winner]?.name ?? '',
        lines: 0,
        total: 0,
      };
      entry.lines += 1;
      entry.total += amount;
      dropped.set(route.month, entry);
    });
    masks.push(mask);
    return [...dropped.values()].sort((a, b) => a.month.localeCompare(b.month));
  });
  const choice = { periods, series, replaced, masks, counted };
  return {
    ...choice,
    overlaps: findSeriesOverlaps(files, choice, countedByMonth),
    covered: counts.map((byMonth) => [...byMonth.keys()].sort()),
  };
}

/**
 * The lines that count, file by file in the order given, without copying them: one file's own lines when
 * every line that counts is in it. Their dates and amounts can be read without building each line
 * ({@link forEachDateAndAmount}), and their suppliers' codes too when every file's lines are `LineTable`s
 * sharing one `LineStrings` (as the report function reads them).
 */
export function eachCurrentLine(
  files: readonly ReportLedger[],
  choice: Pick<CurrentLineChoice, 'masks' | 'counted'>,
): LedgerLines & Partial<DatesAndAmounts> & Partial<SupplierCodes> {
  const { masks, counted } = choice;
  const whole = masks.flatMap((mask, index) =>
    mask === 'none' || (files[index]?.lines.length ?? 0) === 0 ? [] : [index],
  );
  const only =
    whole.length === 1 && masks[whole[0] as number] === 'all' ? files[whole[0] as number] : undefined;
  if (only) return only.lines;
  const counting = whole.map((index) => masks[index] as 'all' | Uint8Array);
  const current = concatLines(
    whole.map((index) => (files[index] as ReportLedger).lines),
    counting,
  );
  if (current.length !== counted) throw new Error(`${current.length} lines count, not ${counted}`);
  return current;
}
