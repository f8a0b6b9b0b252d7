import { monthOfDate } from '../periods/financial-year.ts';
import type { Pence, ReportLedger, YearMonth } from '../types.ts';
import type { FilePeriod } from './file-period.ts';
import type { LineMask, SeriesOverlap } from './select-current-lines.ts';

/**
 * Identical lines must make up at least this share of the smaller file's lines for the month before two
 * files of different series are reported as perhaps counting the same spend twice.
 */
export const OVERLAP_MIN_SHARE = 0.5;

/** The period month of a line dated in `dated`: that month when the file's period is its lines' dates, else the file's one named month. */
export function periodMonthOf(dated: YearMonth, period: FilePeriod): YearMonth {
  return period.from === 'line-dates' ? dated : (period.months[0] ?? dated);
}

/** Ids are interned in pairs as `first * ID_LIMIT + second`, which must stay an exact integer. */
const ID_LIMIT = 2 ** 26;

/** Gives each distinct number (or string) a small id, in order of first sight. */
function createInterner<K>(): { id: (key: K) => number; size: () => number } {
  const ids = new Map<K, number>();
  return {
    id(key) {
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      return id;
    },
    size: () => ids.size,
  };
}

const normaliseSupplier = (supplier: string) => supplier.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * For each month, the pairs of counted files of different series whose identical lines (same date, supplier,
 * amount, and transaction when both files have one) make up at least `OVERLAP_MIN_SHARE` of the smaller one's
 * lines for the month. Only months that files of two or more series count for are looked at. Each line there
 * becomes a compact id per key (with and without the transaction), counted per file; pairs are only formed
 * from ids two files share.
 */
export function findSeriesOverlaps(
  files: readonly ReportLedger[],
  choice: { periods: readonly FilePeriod[]; series: readonly string[]; masks: readonly LineMask[] },
  countedByMonth: ReadonlyMap<YearMonth, ReadonlyMap<number, number>>,
): SeriesOverlap[] {
  const { periods, series, masks } = choice;
  const months = [...countedByMonth.keys()]
    .filter((month) => {
      const byFile = countedByMonth.get(month) ?? new Map<number, number>();
      return new Set([...byFile.keys()].map((index) => series[index])).size >= 2;
    })
    .sort();
  if (months.length === 0) return [];
  const slotOf = new Map(months.map((month, slot) => [month, slot]));
  const hasTransaction = (index: number) => files[index]?.columns.transaction !== undefined;

  const dates = createInterner<string>();
  const suppliers = createInterner<string>();
  const supplierIds = new Map<string, number>();
  const amounts = createInterner<number>();
  const transactions = createInterner<string>();
  /** (month, date) → (…, supplier) → (…, amount) = a line's key; (…, transaction) = its key with the transaction. */
  const byDate = createInterner<number>();
  const bySupplier = createInterner<number>();
  const plainKeys = createInterner<number>();
  const fullKeys = createInterner<number>();
  /** Per key id: its month slot and amount. */
  const plainSlot: number[] = [];
  const plainAmount: Pence[] = [];
  const fullSlot: number[] = [];
  const fullAmount: Pence[] = [];
  /** (key, file) → how many of the file's lines have the key, for keys without and with the transaction. */
  const plainTally = createTally(files.length);
  const fullTally = createTally(files.length);
  const pair = (a: number, b: number) => {
    if (a >= ID_LIMIT || b >= ID_LIMIT) {
      throw new RangeError(`too many distinct lines to compare for overlaps (over ${ID_LIMIT})`);
    }
    return a * ID_LIMIT + b;
  };

  files.forEach((file, index) => {
    const mask = masks[index];
    const period = periods[index];
    if (mask === undefined || mask === 'none' || period === undefined) return;
    const withTransaction = hasTransaction(index);
    let at = -1;
    for (const line of file.lines) {
      at += 1;
      if (mask !== 'all' && mask[at] !== 1) continue;
      const slot = slotOf.get(periodMonthOf(monthOfDate(line.date), period));
      if (slot === undefined) continue;
      let supplier = supplierIds.get(line.supplier);
      if (supplier === undefined) {
        supplier = suppliers.id(normaliseSupplier(line.supplier));
        supplierIds.set(line.supplier, supplier);
      }
      const dated = byDate.id(pair(slot, dates.id(line.date)));
      const named = bySupplier.id(pair(dated, supplier));
      const plain = plainKeys.id(pair(named, amounts.id(line.amount)));
      if (plain === plainSlot.length) {
        plainSlot.push(slot);
        plainAmount.push(line.amount);
      }
      plainTally.add(plain, index);
      if (!withTransaction) continue;
      const full = fullKeys.id(pair(plain, transactions.id(line.transaction ?? '')));
      if (full === fullSlot.length) {
        fullSlot.push(slot);
        fullAmount.push(line.amount);
      }
      fullTally.add(full, index);
    }
  });

  /** (month slot, a, b) → identical lines and their total, for files a < b of different series. */
  const pairs = new Map<number, { slot: number; a: number; b: number; lines: number; total: Pence }>();
  const count = (
    tally: Tally,
    slots: readonly number[],
    amountOf: readonly Pence[],
    byTransaction: boolean,
  ): void => {
    tally.eachShared(slots.length, (key, holders, counts) => {
      for (let i = 0; i < holders.length; i++) {
        for (let j = i + 1; j < holders.length; j++) {
          const a = holders[i] as number;
          const b = holders[j] as number;
          // A pair is compared by transaction exactly when both files have one.
          if (series[a] === series[b] || byTransaction !== (hasTransaction(a) && hasTransaction(b))) continue;
          const slot = slots[key] as number;
          const same = Math.min(counts[i] as number, counts[j] as number);
          const id = (slot * files.length + a) * files.length + b;
          const entry = pairs.get(id) ?? { slot, a, b, lines: 0, total: 0 };
          entry.lines += same;
          entry.total += same * (amountOf[key] as Pence);
          pairs.set(id, entry);
        }
      }
    });
  };
  count(plainTally, plainSlot, plainAmount, false);
  count(fullTally, fullSlot, fullAmount, true);

  const overlaps: SeriesOverlap[] = [];
  const found = [...pairs.values()].sort((x, y) => x.slot - y.slot || x.a - y.a || x.b - y.b);
  for (const { slot, a, b, lines, total } of found) {
    const month = months[slot] as YearMonth;
    const byFile = countedByMonth.get(month);
    const smaller = Math.min(byFile?.get(a) ?? 0, byFile?.get(b) ?? 0);
    if (lines === 0 || lines < OVERLAP_MIN_SHARE * smaller) continue;
    overlaps.push({
      month,
      files: [files[a]?.name ?? '', files[b]?.name ?? ''],
      series: [series[a] ?? '', series[b] ?? ''],
      lines,
      total,
    });
  }
  return overlaps;
}

interface Tally {
  add: (key: number, file: number) => void;
  /** Calls `visit` for every key more than one file has, with those files in order and their counts. */
  eachShared: (keys: number, visit: (key: number, holders: number[], counts: number[]) => void) => void;
}

/** How many lines of each file have each key: one entry per (key, file), grouped by key at the end. */
function createTally(fileCount: number): Tally {
  const entryOf = new Map<number, number>();
  const entryKey: number[] = [];
  const entryFile: number[] = [];
  const entryCount: number[] = [];
  return {
    add(key, file) {
      const id = key * fileCount + file;
      const entry = entryOf.get(id);
      if (entry !== undefined) {
        entryCount[entry] = (entryCount[entry] as number) + 1;
        return;
      }
      entryOf.set(id, entryKey.length);
      entryKey.push(key);
      entryFile.push(file);
      entryCount.push(1);
    },
    eachShared(keys, visit) {
      // Counting sort of the entries by key, keeping their order (files come in the order given).
      const start = new Int32Array(keys + 1);
      for (const key of entryKey) start[key + 1] = (start[key + 1] as number) + 1;
      for (let key = 0; key < keys; key++)
        start[key + 1] = (start[key + 1] as number) + (start[key] as number);
      const next = start.slice(0, keys);
      const order = new Int32Array(entryKey.length);
      entryKey.forEach((key, entry) => {
        order[next[key] as number] = entry;
        next[key] = (next[key] as number) + 1;
      });
      for (let key = 0; key < keys; key++) {
        const from = start[key] as number;
        const to = start[key + 1] as number;
        if (to - from < 2) continue;
        const holders: number[] = [];
        const counts: number[] = [];
        for (let at = from; at < to; at++) {
          const entry = order[at] as number;
          holders.push(entryFile[entry] as number);
          counts.push(entryCount[entry] as number);
        }
        visit(key, holders, counts);
      }
    },
  };
}
