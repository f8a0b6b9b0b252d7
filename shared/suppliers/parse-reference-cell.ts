import { type Cell, cellText } from '../table/index.ts';
import type { Pence } from '../types.ts';

/** A cell read as a value, or the reason (with what to do) it could not be. `value` is `undefined` for a blank cell. */
export type CellReading<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

const SCALES: Readonly<Record<string, number>> = {
  '': 1,
  k: 1_000,
  thousand: 1_000,
  m: 1_000_000,
  mn: 1_000_000,
  million: 1_000_000,
  bn: 1_000_000_000,
  billion: 1_000_000_000,
};

/**
 * A money figure in pounds as pence. Accepts spreadsheet numbers and text like `£44,000,000`,
 * `44000000.50`, `GBP 44m`, `£1.5bn`, `250k` (`k`, `m`/`mn`/`million`, `bn`/`billion`, any case).
 * Refuses negatives, other currencies and anything else.
 */
export function parseMoneyCell(cell: Cell): CellReading<Pence> {
  const what =
    'is not an amount in pounds: write it like 44000000, £44,000,000 or £44m (positive, no other currency)';
  if (typeof cell === 'number') {
    return Number.isFinite(cell) && cell >= 0 ? toPence(cell, what) : { ok: false, reason: what };
  }
  if (typeof cell === 'boolean' || cell instanceof Date) return { ok: false, reason: what };
  const text = cellText(cell).toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  // No figure is this long; the pattern below takes quadratic time on long runs of spaces.
  if (text.length > 64) return { ok: false, reason: what };
  const match =
    /^(?:£|gbp)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k|thousand|mn|m|million|bn|billion)?\s*(?:gbp)?$/.exec(
      text,
    );
  if (!match) return { ok: false, reason: what };
  const amount = Number(`${(match[1] ?? '').replaceAll(',', '')}${match[2] ?? ''}`);
  return toPence(amount * (SCALES[match[3] ?? ''] ?? 1), what);
}

function toPence(pounds: number, what: string): CellReading<Pence> {
  const pence = Math.round(pounds * 100);
  return Number.isSafeInteger(pence) ? { ok: true, value: pence } : { ok: false, reason: what };
}

/** A head count: a non-negative number (full-time equivalents may have decimals), `1,200` allowed. */
export function parseCountCell(cell: Cell): CellReading<number> {
  const what = 'is not a number of staff: write a whole number such as 45 (or leave it blank if unknown)';
  if (typeof cell === 'number') {
    return Number.isFinite(cell) && cell >= 0 ? { ok: true, value: cell } : { ok: false, reason: what };
  }
  if (typeof cell === 'boolean' || cell instanceof Date) return { ok: false, reason: what };
  const text = cellText(cell);
  if (text === '') return { ok: true, value: undefined };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return { ok: false, reason: what };
  return { ok: true, value: Number(text.replaceAll(',', '')) };
}

const YES = new Set(['y', 'yes', 'true', '1']);
const NO = new Set(['n', 'no', 'false', '0']);

/** `Y`/`N`, `Yes`/`No`, `True`/`False`, `1`/`0` (any case) or a spreadsheet boolean; blank is not stated. */
export function parseYesNoCell(cell: Cell): CellReading<boolean> {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  if (cell instanceof Date) return { ok: false, reason: 'is not Y or N: write Y, N or leave it blank' };
  const text = cellText(cell).toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, reason: 'is not Y or N: write Y, N or leave it blank' };
}
