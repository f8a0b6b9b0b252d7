import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../shared/email/index.ts';
import { formatWholePounds } from '../../../shared/money/format-pence.ts';
import {
  formatShare,
  formatTenths,
  hasShares,
  pointChangeInTenths,
  shareInTenths,
  whyNoShares,
} from '../../../shared/money/format-share.ts';

describe('formatWholePounds', () => {
  it.each([
    [0, '£0'],
    [49, '£0'],
    [50, '£1'],
    [123_456_789, '£1,234,568'],
    [100_000_049, '£1,000,000'],
    [-150, '-£2'],
    [-149, '-£1'],
    [-49, '£0'],
    [Number.MAX_SAFE_INTEGER, '£90,071,992,547,410'],
  ])('shows %i pence as %s, rounding half away from zero', (pence, text) => {
    expect(formatWholePounds(pence)).toBe(text);
  });

  it('refuses a fraction of a penny', () => {
    expect(() => formatWholePounds(1.5)).toThrow(RangeError);
  });
});

describe('shares and changes', () => {
  it.each([
    [1, 8, '12.5%'],
    [1, 3, '33.3%'],
    [2, 3, '66.7%'],
    [1, 2000, '0.1%'],
    [-1, 2000, '-0.1%'],
    [-1, 2001, '0.0%'],
    [150, 100, '150.0%'],
    [2 ** 52, Number.MAX_SAFE_INTEGER, '50.0%'],
  ])('shows %i of %i as %s to one decimal place', (part, total, text) => {
    expect(formatShare(part, total)).toBe(text);
  });

  it('has no share of nothing', () => {
    expect(shareInTenths(10, 0)).toBeUndefined();
    expect(formatShare(0, 0)).toBeUndefined();
    expect(pointChangeInTenths({ part: 1, total: 2 }, { part: 0, total: 0 })).toBeUndefined();
  });

  it('has no share of a total below zero, where credits exceed payments, and says why', () => {
    // −£100 of −£1,000 would otherwise read "10.0%", as if a tenth of the spend went there.
    expect(shareInTenths(-100_00, -1_000_00)).toBeUndefined();
    expect(formatShare(-100_00, -1_000_00)).toBeUndefined();
    expect(formatShare(100_00, -1)).toBeUndefined();
    expect(pointChangeInTenths({ part: 1, total: 2 }, { part: -1, total: -2 })).toBeUndefined();
    expect(pointChangeInTenths({ part: -1, total: -2 }, { part: 1, total: 2 })).toBeUndefined();
    expect([hasShares(1), hasShares(0), hasShares(-1)]).toEqual([true, false, false]);
    expect(whyNoShares(0)).toBe('no spend recorded');
    expect(whyNoShares(-1)).toBe('credits exceed payments, so no share is shown');
  });

  it('works the change out from unrounded shares, not from the rounded ones shown', () => {
    const now = { part: 1234, total: 10_000 };
    const before = { part: 1116, total: 10_000 };

    expect([formatShare(now.part, now.total), formatShare(before.part, before.total)]).toEqual([
      '12.3%',
      '11.2%',
    ]);
    expect(formatTenths(pointChangeInTenths(now, before) ?? Number.NaN)).toBe('1.2');
    expect(formatTenths(pointChangeInTenths(before, now) ?? Number.NaN)).toBe('-1.2');
  });

  it('shows tenths with one decimal place and a sign only when negative', () => {
    expect([formatTenths(0), formatTenths(7), formatTenths(-4), formatTenths(1234)]).toEqual([
      '0.0',
      '0.7',
      '-0.4',
      '123.4',
    ]);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
    expect(escapeHtml('£1,234 — Café')).toBe('£1,234 — Café');
  });
});
