import type { Pence } from '../types.ts';

/** Integer pence → `"1234.56"` (the summary.json contract: no separators, two decimals). */
export function formatPence(pence: Pence): string {
  if (!Number.isSafeInteger(pence)) {
    throw new RangeError(`${pence} is not a whole number of pence`);
  }
  // A safe integer's text is its digits, after a '-' when negative (never for -0), and no exponent: the
  // pounds and pennies are slices of it (this runs once a line when curated rows are written).
  const text = String(pence);
  const negative = pence < 0;
  const digits = negative ? text.length - 1 : text.length;
  if (digits > 2) return `${text.slice(0, -2)}.${text.slice(-2)}`;
  const sign = negative ? '-' : '';
  const abs = negative ? text.slice(1) : text;
  return digits === 2 ? `${sign}0.${abs}` : `${sign}0.0${abs}`;
}

/** Integer pence → `"£1,234.56"` / `"-£1,234.56"` for people. */
export function formatPounds(pence: Pence): string {
  const [pounds = '0', pennies = '00'] = formatPence(Math.abs(pence)).split('.');
  const grouped = pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${pence < 0 ? '-' : ''}£${grouped}.${pennies}`;
}

/** Adds pence, refusing to lose precision silently. */
export function addPence(a: Pence, b: Pence): Pence {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError('spend total exceeds the range of exact whole pence');
  }
  return sum;
}

/** Integer pence → `"£1,234,567"` / `"-£1,234"`: whole pounds, rounded half away from zero, for prose. */
export function formatWholePounds(pence: Pence): string {
  if (!Number.isSafeInteger(pence)) {
    throw new RangeError(`${pence} is not a whole number of pence`);
  }
  const abs = Math.abs(pence);
  const pounds = (abs - (abs % 100)) / 100 + (abs % 100 >= 50 ? 1 : 0);
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${pence < 0 && pounds > 0 ? '-' : ''}£${grouped}`;
}
