import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPence } from '../../../shared/money/format-pence.ts';

/** `formatPence` as it was written before it sliced the text of its argument: the reference it must match. */
function formatPenceByArithmetic(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const pennies = String(abs % 100).padStart(2, '0');
  return `${sign}${pounds}.${pennies}`;
}

describe('formatPence', () => {
  it('writes pounds and two decimals', () => {
    expect(formatPence(0)).toBe('0.00');
    expect(formatPence(-0)).toBe('0.00');
    expect(formatPence(5)).toBe('0.05');
    expect(formatPence(-5)).toBe('-0.05');
    expect(formatPence(50)).toBe('0.50');
    expect(formatPence(-50)).toBe('-0.50');
    expect(formatPence(100)).toBe('1.00');
    expect(formatPence(-123456)).toBe('-1234.56');
    expect(formatPence(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(formatPence(Number.MIN_SAFE_INTEGER)).toBe('-90071992547409.91');
  });

  it('writes every safe integer as the arithmetic did', () => {
    const pence = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.maxSafeInteger(),
      fc.constantFrom(-0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
    );
    fc.assert(
      fc.property(pence, (value) => {
        expect(formatPence(value)).toBe(formatPenceByArithmetic(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what is not a safe integer', () => {
    for (const value of [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => formatPence(value)).toThrow(RangeError);
    }
  });
});
