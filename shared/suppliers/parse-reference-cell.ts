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
 * A money figure as pence, in pounds or — `unit` from the column's header (`Turnover £m`: 1,000,000) —
 * in thousands or millions of pounds. Accepts spreadsheet numbers and text like `£44,000,000`,
 * `44000000.50`, `GBP 44m`, `£1.5bn`, `250k` (`k`, `m`/`mn`/`million`, `bn`/`billion`, any case). A
 * figure that names its own scale (`£12.5m`) is read at that scale whatever the column's unit; the
 * column's unit applies to the rest (`12.5` and `£12.5` in a £m column are £12,500,000). Exact: the
 * decimal digits are shifted, never multiplied in floating point. Refuses negatives, other currencies,
 * anything else, and a figure of £1 trillion or more read in a column's unit (a figure in pounds typed
 * into a £m column).
 */
export function parseMoneyCell(cell: Cell, unit: MoneyUnit = 1): CellReading<Pence> {
  const what =
    unit === 1
      ? 'is not an amount in pounds: write it like 44000000, £44,000,000 or £44m (positive, no other currency)'
      : `is not an amount in ${UNIT_WORDS[unit]} of pounds, as the column's header says: write it like ${unit === 1_000_000 ? '44 or 12.5' : '44000 or 12500'} (positive, no other currency), or with its own unit like £44m`;
  if (typeof cell === 'number') {
    if (!(Number.isFinite(cell) && cell >= 0)) return { ok: false, reason: what };
    // As Excel shows it (15 significant digits), so a binary fraction reads as its decimal.
    const shown = String(Number(cell.toPrecision(15)));
    const decimal = /^(\d+)(?:\.(\d+))?$/.exec(shown);
    const pence =
      decimal === null
        ? Math.round(cell * unit * 100)
        : shiftToPence(decimal[1] ?? '0', decimal[2] ?? '', unit);
    return checkPence(pence, unit, what);
  }
  if (typeof cell === 'boolean' || cell instanceof Date) return { ok: false, reason: what };
  const text = cellText(cell).toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  // No figure is this long; the pattern below takes quadratic time on long runs of spaces.
  if (text.length > 64) return { ok: false, reason: what };
  const match =
    /^(?:£|gbp)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(k|thousand|mn|m|million|bn|billion)?\s*(?:gbp)?$/.exec(
      text,
    );
  if (!match) return { ok: false, reason: what };
  const own = match[3];
  const scale = own === undefined ? unit : (SCALES[own] ?? 1);
  const pence = shiftToPence((match[1] ?? '').replaceAll(',', ''), match[2] ?? '', scale);
  return checkPence(pence, own === undefined ? unit : 1, what);
}

/** Pounds per unit of a money column: pounds, thousands of pounds, millions of pounds. */
export type MoneyUnit = 1 | 1_000 | 1_000_000;

const UNIT_WORDS: Readonly<Record<MoneyUnit, string>> = {
  1: 'pounds',
  1000: 'thousands',
  1000000: 'millions',
};

/** The digits `whole.fraction` times `scale` (a power of ten) pounds, in pence, rounded half up. */
function shiftToPence(whole: string, fraction: string, scale: number): number {
  const shift = Math.round(Math.log10(scale)) + 2 - fraction.length;
  const digits = `${whole}${fraction}`;
  if (shift >= 0) return Number(BigInt(digits + '0'.repeat(shift)));
  const kept = digits.slice(0, digits.length + shift);
  const dropped = digits.slice(digits.length + shift).padStart(-shift, '0');
  return Number(BigInt(kept === '' ? '0' : kept)) + ((dropped[0] ?? '0') >= '5' ? 1 : 0);
}

/** More than any supplier's turnover or balance sheet: a figure in pounds typed into a £k or £m column. */
const MAX_SCALED_PENCE = 1_000_000_000_000 * 100;

function checkPence(pence: number, unit: MoneyUnit, what: string): CellReading<Pence> {
  if (!Number.isSafeInteger(pence)) return { ok: false, reason: what };
  if (unit !== 1 && pence >= MAX_SCALED_PENCE) {
    return {
      ok: false,
      reason: `would be £1 trillion or more read in ${UNIT_WORDS[unit]} of pounds, as the column's header says: if it is in pounds, write it with its unit (£${unit === 1_000_000 ? '12.5m' : '12,500k'}) or in ${UNIT_WORDS[unit]} (${unit === 1_000_000 ? '12.5' : '12500'})`,
    };
  }
  return { ok: true, value: pence };
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
