import type { Pence } from '../types.ts';

/** Integer pence → `"1234.56"` (the summary.json contract: no separators, two decimals). */
export function formatPence(pence: Pence): string {
  if (!Number.isSafeInteger(pence)) {
    throw new RangeError(`${pence} is not a whole number of pence`);
  }
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const pennies = String(abs % 100).padStart(2, '0');
  return `${sign}${pounds}.${pennies}`;
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
