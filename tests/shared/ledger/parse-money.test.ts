import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoney, penceFromNumber } from '../../../shared/ledger/index.ts';

describe('parseMoney', () => {
  it.each([
    ['67,132.60', 6713260],
    [' £38,148.43 ', 3814843],
    ['49,521.52 ', 4952152],
    ['-85,260.00', -8526000],
    ['(1,200.00)', -120000],
    ['£-1,200.00', -120000],
    ['-£1,200.00', -120000],
    ['(£1,200.00)', -120000],
    ['1 234.56', 123456],
    ['1\u00a0234.56', 123456],
    ['77,041', 7704100],
    ['1,782,756', 178275600],
    ['1234.5', 123450],
    ['GBP 12.00', 1200],
    ['12.00 GBP', 1200],
    ['1,200.00-', -120000],
    ['1,200.00 CR', -120000],
    ['1,200.00CR', -120000],
    ['1,200.00 DR', 120000],
    ['+12', 1200],
    ['.5', 50],
    ['0', 0],
    ['-', 0],
    ['−12.00', -1200],
  ])('reads %j as %i pence', (text, pence) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: pence });
  });

  it.each([
    ['1.005', 101],
    ['-1.005', -101],
    ['2.675', 268],
    ['0.004', 0],
    ['-0.005', -1],
    ['1,234,567.895', 123456790],
    ['0.125000000000000000001', 13],
  ])('rounds %j half away from zero to %i pence, from the digits not a float', (text, pence) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: pence });
  });

  it('never returns negative zero', () => {
    const result = parseMoney('-0.001');
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });

  it.each([
    ['12,34.5', '"12,34.5" is not a money amount: thousands separators must group three digits'],
    ['1,2345', 'thousands separators must group three digits'],
    ['1.234,56', '"1.234,56" is not a money amount: it looks like a European decimal comma'],
    ['12,50', 'European decimal comma'],
    ['1.2E+05', 'scientific notation'],
    ['€12.00', 'not in pounds sterling'],
    ['abc', '"abc" is not a money amount: unexpected "a"'],
    ['--5', 'more than one minus sign'],
    ['(-5)', 'more than one minus sign'],
    ['12..3', '"12..3" is not a money amount'],
    ['£', 'it has no digits'],
    ['', 'the amount is empty'],
    ['   ', 'the amount is empty'],
    ['99999999999999999', 'too large'],
  ])('explains why %j is not an amount', (text, reason) => {
    const result = parseMoney(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('reads any whole number of pence written in any supported style back to the same pence', () => {
    const styles: ((pence: number) => string)[] = [
      (p) => `${p < 0 ? '-' : ''}${plain(p)}`,
      (p) => `${p < 0 ? '-' : ''}${grouped(p, ',')}`,
      (p) => `${p < 0 ? '-' : ''}£${grouped(p, ',')}`,
      (p) => `£${p < 0 ? '-' : ''}${grouped(p, ',')}`,
      (p) => ` £${grouped(p, ',')} `.replace('£', p < 0 ? '£-' : '£'),
      (p) => (p < 0 ? `(${grouped(p, ',')})` : grouped(p, ',')),
      (p) => (p < 0 ? `(£${grouped(p, ',')})` : `£${grouped(p, ',')}`),
      (p) => `${grouped(p, ',')}${p < 0 ? '-' : ''}`,
      (p) => `${grouped(p, ',')}${p < 0 ? ' CR' : ''}`,
      (p) => `${p < 0 ? '-' : ''}${grouped(p, ' ')}`,
      (p) => `${p < 0 ? '-' : ''}${grouped(p, '\u00a0')}`,
      (p) => `GBP ${p < 0 ? '-' : ''}${plain(p)}`,
      (p) => `${p < 0 ? '-' : ''}${plain(p)}0`,
      (p) => `${p < 0 ? '-' : ''}${short(p)}`,
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 13), max: 10 ** 13 }),
        fc.integer({ min: 0, max: styles.length - 1 }),
        (pence, style) => {
          const text = styles[style]?.(pence) ?? '';
          expect(parseMoney(text)).toEqual({ ok: true, value: pence });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('only ever returns a safe whole number of pence or a reason, whatever the text', () => {
    const moneyish = fc.string({ unit: fc.constantFrom(...'0123456789,. £-()CRDGBP€\u00a0eE+') });
    fc.assert(
      fc.property(fc.oneof(fc.string(), moneyish, fc.string({ unit: 'binary' })), (text) => {
        const result = parseMoney(text);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseMoney on the common shapes it reads by a shortcut', () => {
  it('reads them exactly as its general rules do (which a space around the text sends them through)', () => {
    const plainAmount = fc
      .tuple(
        fc.constantFrom('', '-', '£', '-£', '£-', '(', '(£', '(-', '£('),
        fc.oneof(
          fc.nat().map(String),
          fc.nat().map((n) => n.toLocaleString('en-GB')),
          fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
          fc.bigInt({ min: 0n, max: 10n ** 20n }).map((n) => n.toLocaleString('en-GB')),
        ),
        fc.constantFrom('', '.', '.5', '.05', '.50', '.99', '.999'),
        fc.constantFrom('', ')', '-'),
      )
      .map((parts) => parts.join(''));
    const moneyish = fc.string({ unit: fc.constantFrom(...'0123456789,.£-()\u2212 ') });
    fc.assert(
      fc.property(fc.oneof(plainAmount, moneyish, fc.string()), (text) => {
        expect(parseMoney(text)).toEqual(parseMoney(` ${text} `));
      }),
      { numRuns: 10000 },
    );
  });
});

describe('penceFromNumber', () => {
  it.each([
    [75573.509999999995, 7557351],
    [1.005, 101],
    [-1.005, -101],
    [0.1 + 0.2, 30],
    [1219077.21, 121907721],
    [-2549, -254900],
    [1e-7, 0],
    [-0, 0],
  ])('reads the cell number %d as Excel shows it: %i pence', (value, pence) => {
    const result = penceFromNumber(value);
    expect(result).toEqual({ ok: true, value: pence });
    expect(result.ok && Object.is(result.value, pence)).toBe(true);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1e21])('refuses %d with a reason', (value) => {
    expect(penceFromNumber(value).ok).toBe(false);
  });

  it('reads every double as its 15 significant digits rounded half away from zero to the penny', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e16, max: 1e16, noNaN: true }),
          fc.integer().map((n) => n / 1000),
          fc.integer({ min: -(10 ** 15), max: 10 ** 15 }),
        ),
        (value) => {
          const read = penceFromNumber(value);
          expect(read.ok ? { ok: true, value: read.value } : { ok: false }).toEqual(
            penceFromFifteenDigits(value),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('reads back any whole number of pence stored as pounds in a double', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14), max: 10 ** 14 }), (pence) => {
        expect(penceFromNumber(pence / 100)).toEqual({ ok: true, value: pence });
      }),
      { numRuns: 2000 },
    );
  });
});

/** The rule written out the slow way: `toPrecision(15)`, then the digits, then half away from zero. */
function penceFromFifteenDigits(value: number): { ok: boolean; value?: number } {
  const [mantissa = '0', exponent = '0'] = value.toPrecision(15).split('e');
  const negative = mantissa.startsWith('-');
  const [intDigits = '0', fracDigits = ''] = mantissa.replace('-', '').split('.');
  const digits = intDigits + fracDigits;
  const point = intDigits.length + Number(exponent);
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const fraction = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  const pence =
    BigInt(whole) * 100n + BigInt(`${fraction}00`.slice(0, 2)) + ((fraction[2] ?? '0') >= '5' ? 1n : 0n);
  if (pence > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false };
  return { ok: true, value: negative && pence !== 0n ? -Number(pence) : Number(pence) };
}

function plain(pence: number): string {
  const abs = Math.abs(pence);
  return `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function grouped(pence: number, separator: string): string {
  const [pounds = '', pennies = ''] = plain(pence).split('.');
  return `${pounds.replace(/\B(?=(\d{3})+(?!\d))/g, separator)}.${pennies}`;
}

/** Drops trailing zero decimals: 7704100 → "77041", 123450 → "1234.5". */
function short(pence: number): string {
  return plain(pence).replace(/\.?0+$/, (tail) => (tail.startsWith('.') ? '' : tail.replace(/0+$/, '')));
}
