import type { Pence } from '../types.ts';

/** `num / den` rounded half away from zero, exactly. */
function divideRounded(num: bigint, den: bigint): bigint {
  const [n, d] = den < 0n ? [-num, -den] : [num, den];
  const magnitude = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}

/** `part / total` in tenths of a percent (123 is 12.3%), rounded half away from zero; undefined when total is 0. */
export function shareInTenths(part: Pence, total: Pence): number | undefined {
  if (total === 0) return undefined;
  return Number(divideRounded(1000n * BigInt(part), BigInt(total)));
}

/**
 * The change from one share to another in tenths of a percentage point, worked out from the
 * unrounded shares; undefined when either total is 0.
 */
export function pointChangeInTenths(
  now: { part: Pence; total: Pence },
  before: { part: Pence; total: Pence },
): number | undefined {
  if (now.total === 0 || before.total === 0) return undefined;
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

/** `"12.3%"` to one decimal place, or undefined when total is 0 (no share of nothing). */
export function formatShare(part: Pence, total: Pence): string | undefined {
  const tenths = shareInTenths(part, total);
  return tenths === undefined ? undefined : `${formatTenths(tenths)}%`;
}
