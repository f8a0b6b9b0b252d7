import { monthOfDate } from '../periods/financial-year.ts';
import type { LedgerFile, LedgerLine, Pence, YearMonth } from '../types.ts';

/** Months of an earlier file that a later file covers too, and so replaces. */
export interface ReplacedMonth {
  month: YearMonth;
  /** The later file whose lines for this month are used instead. */
  by: string;
  lines: number;
  total: Pence;
}

export interface CurrentLines {
  lines: LedgerLine[];
  /** Per file (same order as given): the months it covers that a later file replaced. */
  replaced: ReplacedMonth[][];
}

/** The distinct months a file's lines are dated in, sorted. */
export function monthsCovered(file: LedgerFile): YearMonth[] {
  return [...new Set(file.lines.map((line) => monthOfDate(line.date)))].sort();
}

/**
 * Chooses which lines count when files overlap: for every month, the lines of the
 * last accepted file (in the order given) that covers that month. Earlier files keep
 * their other months. Nothing is counted twice and every dropped line is accounted
 * for in `replaced`.
 */
export function selectCurrentLines(files: readonly LedgerFile[]): CurrentLines {
  const owner = new Map<YearMonth, number>();
  files.forEach((file, index) => {
    if (file.status !== 'accepted') return;
    for (const month of monthsCovered(file)) owner.set(month, index);
  });

  const lines: LedgerLine[] = [];
  const replaced = files.map((file, index) => {
    const dropped = new Map<YearMonth, ReplacedMonth>();
    if (file.status !== 'accepted') return [];
    for (const line of file.lines) {
      const month = monthOfDate(line.date);
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
  return { lines, replaced };
}
