import { formatPounds } from '../money/format-pence.ts';
import { monthOfDate } from '../periods/financial-year.ts';
import type { LedgerFile, LedgerLine, Pence, YearMonth } from '../types.ts';
import { decideFilePeriod, deriveSeriesKey, type FilePeriod } from './file-period.ts';

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

export interface CurrentLines {
  lines: LedgerLine[];
  /** Per file (same order as given): its period. */
  periods: FilePeriod[];
  /** Per file (same order as given): its series. */
  series: string[];
  /** Per file (same order as given): the months of its period that a later file of its series replaced. */
  replaced: ReplacedMonth[][];
  /** Files of different series whose lines for a month are largely the same, by month, then file order. */
  overlaps: SeriesOverlap[];
}

/**
 * Identical lines must make up at least this share of the smaller file's lines for the month before two
 * files of different series are reported as perhaps counting the same spend twice.
 */
export const OVERLAP_MIN_SHARE = 0.5;

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
export function monthsCovered(file: LedgerFile): YearMonth[] {
  return [...new Set(file.lines.map((line) => monthOfDate(line.date)))].sort();
}

/** A file's series: the one it was given, else the one its name says. */
export function seriesOfFile(file: Pick<LedgerFile, 'name' | 'series'>): string {
  return file.series ?? deriveSeriesKey(file.name);
}

/** The period month a line belongs to: its own month when that is in the period, else the file's one named month. */
function periodMonthOf(line: LedgerLine, period: FilePeriod): YearMonth {
  const own = monthOfDate(line.date);
  return period.from === 'line-dates' ? own : (period.months[0] ?? own);
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
export function selectCurrentLines(files: readonly LedgerFile[]): CurrentLines {
  const periods = files.map(decideFilePeriod);
  const series = files.map(seriesOfFile);
  const owners = choosePeriodOwners(
    files.map((file, index) => ({
      accepted: file.status === 'accepted',
      period: periods[index] ?? { months: [], from: 'line-dates', evidence: 'no lines' },
      series: series[index] ?? '',
    })),
  );

  const lines: LedgerLine[] = [];
  /** Per period month, per file: the lines of it that count. */
  const counted = new Map<YearMonth, Map<number, LedgerLine[]>>();
  const replaced = files.map((file, index) => {
    const dropped = new Map<YearMonth, ReplacedMonth>();
    const period = periods[index];
    if (file.status !== 'accepted' || !period) return [];
    for (const line of file.lines) {
      const month = periodMonthOf(line, period);
      const winner = ownerOf(owners, series[index] ?? '', month) ?? index;
      if (winner === index) {
        lines.push(line);
        const byFile = counted.get(month) ?? new Map<number, LedgerLine[]>();
        const mine = byFile.get(index) ?? [];
        mine.push(line);
        byFile.set(index, mine);
        counted.set(month, byFile);
        continue;
      }
      const entry = dropped.get(month) ?? { month, by: files[winner]?.name ?? '', lines: 0, total: 0 };
      entry.lines += 1;
      entry.total += line.amount;
      dropped.set(month, entry);
    }
    return [...dropped.values()].sort((a, b) => a.month.localeCompare(b.month));
  });
  return { lines, periods, series, replaced, overlaps: findSeriesOverlaps(files, series, counted) };
}

const normaliseSupplier = (supplier: string) => supplier.trim().replace(/\s+/g, ' ').toUpperCase();

/** What makes two lines the same payment: date, supplier, amount, and the transaction when asked for. */
function lineKey(line: LedgerLine, withTransaction: boolean): string {
  const base = `${line.date}\u0000${normaliseSupplier(line.supplier)}\u0000${line.amount}`;
  return withTransaction ? `${base}\u0000${line.transaction ?? ''}` : base;
}

/**
 * For each month, the pairs of counted files of different series whose identical lines make up at least
 * `OVERLAP_MIN_SHARE` of the smaller one's lines for the month. Each file's lines are hashed once per month
 * (with and without the transaction); pairs are only formed from keys two files share.
 */
function findSeriesOverlaps(
  files: readonly LedgerFile[],
  series: readonly string[],
  counted: ReadonlyMap<YearMonth, ReadonlyMap<number, LedgerLine[]>>,
): SeriesOverlap[] {
  const overlaps: SeriesOverlap[] = [];
  const hasTransaction = (index: number) => files[index]?.columns.transaction !== undefined;
  for (const month of [...counted.keys()].sort()) {
    const byFile = counted.get(month);
    if (!byFile || new Set([...byFile.keys()].map((index) => series[index])).size < 2) continue;
    /** Per line key: how many lines of each file have it, and the amount. */
    const tally = (withTransaction: boolean) => {
      const keys = new Map<string, { amount: Pence; counts: Map<number, number> }>();
      for (const [index, fileLines] of byFile) {
        if (withTransaction && !hasTransaction(index)) continue;
        for (const line of fileLines) {
          const key = lineKey(line, withTransaction);
          const entry = keys.get(key) ?? { amount: line.amount, counts: new Map<number, number>() };
          entry.counts.set(index, (entry.counts.get(index) ?? 0) + 1);
          keys.set(key, entry);
        }
      }
      return keys;
    };
    /** `a:b` → identical lines and their total, for files a < b of different series. */
    const pairs = new Map<string, { lines: number; total: Pence }>();
    for (const withTransaction of [false, true]) {
      for (const { amount, counts } of tally(withTransaction).values()) {
        const holders = [...counts.keys()].sort((a, b) => a - b);
        for (let i = 0; i < holders.length; i++) {
          for (let j = i + 1; j < holders.length; j++) {
            const a = holders[i] as number;
            const b = holders[j] as number;
            // A pair is compared by transaction exactly when both files have one.
            if (series[a] === series[b] || withTransaction !== (hasTransaction(a) && hasTransaction(b))) {
              continue;
            }
            const same = Math.min(counts.get(a) ?? 0, counts.get(b) ?? 0);
            const pair = pairs.get(`${a}:${b}`) ?? { lines: 0, total: 0 };
            pair.lines += same;
            pair.total += same * amount;
            pairs.set(`${a}:${b}`, pair);
          }
        }
      }
    }
    const found: (SeriesOverlap & { at: [number, number] })[] = [];
    for (const [pairKey, pair] of pairs) {
      const [a, b] = pairKey.split(':').map(Number) as [number, number];
      const smaller = Math.min(byFile.get(a)?.length ?? 0, byFile.get(b)?.length ?? 0);
      if (pair.lines === 0 || pair.lines < OVERLAP_MIN_SHARE * smaller) continue;
      found.push({
        month,
        files: [files[a]?.name ?? '', files[b]?.name ?? ''],
        series: [series[a] ?? '', series[b] ?? ''],
        lines: pair.lines,
        total: pair.total,
        at: [a, b],
      });
    }
    found.sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1]);
    overlaps.push(...found.map(({ at: _at, ...overlap }) => overlap));
  }
  return overlaps;
}
