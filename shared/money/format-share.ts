import type { Pence } from '../types.ts';

/** `num / den` rounded half away from zero, exactly. */
function divideRounded(num: bigint, den: bigint): bigint {
  const [n, d] = den < 0n ? [-num, -den] : [num, den];
  const magnitude = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}

/**
 * Whether spend of `total` has shares at all: only when it is above zero. At zero there is no spend; below
 * zero credits exceed payments, and a share would mislead (−£100 of −£1,000 would read "10%").
 */
export function hasShares(total: Pence): boolean {
  return total > 0;
}

/** Why spend of `total` has no shares ({@link hasShares} false), in words for a reader. */
export function whyNoShares(total: Pence): string {
  return total < 0 ? 'credits exceed payments, so no share is shown' : 'no spend recorded';
}

/** `part / total` in tenths of a percent (123 is 12.3%), rounded half away from zero; undefined when total is not above 0 ({@link hasShares}). */
export function shareInTenths(part: Pence, total: Pence): number | undefined {
  if (!hasShares(total)) return undefined;
  return Number(divideRounded(1000n * BigInt(part), BigInt(total)));
}

/**
 * The change from one share to another in tenths of a percentage point, worked out from the
 * unrounded shares; undefined when either total is not above 0 ({@link hasShares}).
 */
export function pointChangeInTenths(
  now: { part: Pence; total: Pence },
  before: { part: Pence; total: Pence },
): number | undefined {
  if (!hasShares(now.total) || !hasShares(before.total)) return undefined;
  const [a, b, c, d] = [now.part, now.total, before.part, before.total].map((n) => BigInt(n)) as [
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  return Number(divideRounded(1000n * (a * d - c * b), b * d));
}

/** `123` → `"12.3"`, `-4` → `"-0.4"`. */
export function formatTenths(tenths: number): string {
  const abs = Math.abs(tenths);
  return `${tenths < 0 ? '-' : ''}${Math.floor(abs / 10)}.${abs % 10}`;
}

/** `"12.3%"` to one decimal place, or undefined when total is not above 0 ({@link hasShares}). */
export function formatShare(part: Pence, total: Pence): string | undefined {
  const tenths = shareInTenths(part, total);
  return tenths === undefined ? undefined : `${formatTenths(tenths)}%`;
}
