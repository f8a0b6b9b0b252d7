import type { YearMonth } from '../types.ts';

/** The trust's clock for "last month": the schedule runs in Europe/London, so month ends are London's. */
export const REPORT_TIME_ZONE = 'Europe/London';

/**
 * The last month that has ended at `at`, in `timeZone`: a run at 00:30 BST on 1 April reports March.
 *
 * @example lastCompleteMonth(new Date('2026-11-01T06:00:00Z')) // '2026-10'
 */
export function lastCompleteMonth(at: Date, timeZone: string = REPORT_TIME_ZONE): YearMonth {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(at);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  if (!Number.isInteger(year) || !Number.isInteger(month))
    throw new RangeError(`${String(at)} is not a date`);
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * A report run's id: its start time (sortable, safe in a key) and a nonce that keeps two runs in the same
 * second apart.
 *
 * @example formatRunId(new Date('2026-11-01T06:00:00.123Z'), '1a2b3c') // '20261101T060000Z-1a2b3c'
 */
export function formatRunId(runAt: Date, nonce: string): string {
  const stamp = runAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${nonce}`;
}
