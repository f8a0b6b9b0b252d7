import { monthOfDate } from '../periods/financial-year.ts';
import type { LedgerFile, LedgerLine, Pence, YearMonth } from '../types.ts';
import { decideFilePeriod, type FilePeriod } from './file-period.ts';

/** Lines of an earlier file for a month that a later file is also for, and so replaces. */
export interface ReplacedMonth {
  /** The period month replaced. */
  month: YearMonth;
  /** The later file whose lines for this month are used instead. */
  by: string;
  lines: number;
  total: Pence;
}

export interface CurrentLines {
  lines: LedgerLine[];
  /** Per file (same order as given): its period. */
  periods: FilePeriod[];
  /** Per file (same order as given): the months of its period that a later file replaced. */
  replaced: ReplacedMonth[][];
}

/** The distinct months a file's lines are dated in, sorted. */
export function monthsCovered(file: LedgerFile): YearMonth[] {
  return [...new Set(file.lines.map((line) => monthOfDate(line.date)))].sort();
}

/** The period month a line belongs to: its own month when that is in the period, else the file's one named month. */
function periodMonthOf(line: LedgerLine, period: FilePeriod): YearMonth {
  const own = monthOfDate(line.date);
  return period.from === 'line-dates' ? own : (period.months[0] ?? own);
}

/**
 * For every period month, the index of the last accepted file (in the order given) that is for it: that
 * file's lines for the month count, and every earlier file's are replaced. Also used where only the
 * files' periods are known (the pipeline's record of which upload is current).
 */
export function choosePeriodOwners(
  files: readonly { accepted: boolean; period: FilePeriod }[],
): Map<YearMonth, number> {
  const owner = new Map<YearMonth, number>();
  files.forEach((file, index) => {
    if (!file.accepted) return;
    for (const month of file.period.months) owner.set(month, index);
  });
  return owner;
}

/**
 * Chooses which lines count when files overlap: for every period month, the lines
 * of the last accepted file (in the order given) for that month. Earlier files keep
 * their other months. Nothing is counted twice and every dropped line is accounted
 * for in `replaced`.
 */
export function selectCurrentLines(files: readonly LedgerFile[]): CurrentLines {
  const periods = files.map(decideFilePeriod);
  const owner = choosePeriodOwners(
    files.map((file, index) => ({
      accepted: file.status === 'accepted',
      period: periods[index] ?? { months: [], from: 'line-dates', evidence: 'no lines' },
    })),
  );

  const lines: LedgerLine[] = [];
  const replaced = files.map((file, index) => {
    const dropped = new Map<YearMonth, ReplacedMonth>();
    const period = periods[index];
    if (file.status !== 'accepted' || !period) return [];
    for (const line of file.lines) {
      const month = periodMonthOf(line, period);
      const winner = owner.get(month) ?? index;
      if (winner === index) {
        lines.push(line);
        continue;
      }
      const entry = dropped.get(month) ?? { month, by: files[winner]?.name ?? '', lines: 0, total: 0 };
      entry.lines += 1;
      entry.total += line.amount;
      dropped.set(month, entry);
    }
    return [...dropped.values()].sort((a, b) => a.month.localeCompare(b.month));
  });
  return { lines, periods, replaced };
}
