import { shortenText } from '../table/shorten-text.ts';
import type { Pence } from '../types.ts';
import { fail, type Parsed, succeed } from './parsed.ts';

const MINUS = /^[-\u2212\u2013]/;
const TRAILING_MINUS = /[-\u2212\u2013]$/;
const HINT = 'write it like 1,234.56 or -1234.56';
/** Most digits of pounds read by the shortcut (their pence are an exact double); more take the general path. */
const MAX_PLAIN_DIGITS = 13;
const SHORT_DECIMAL = /^(-?)(\d+)\.(\d+)$/;
/** Longer text is no amount (`-£1,234,567,890.12 CR` is 21 characters). */
const MAX_MONEY_TEXT = 64;

/**
 * Reads a money amount written as text into integer pence.
 * Accepts `£`/`GBP`, thousands separators (comma, space, no-break space), a leading or trailing minus,
 * brackets, `CR` (negative) and `DR`; more than two decimals are rounded half away from zero.
 *
 * @example
 * parseMoney(' £38,148.43 ') // → { ok: true, value: 3814843 }
 * parseMoney('(1,200.00)')   // → { ok: true, value: -120000 }
 */
export function parseMoney(text: string): Parsed<Pence> {
  const plain = readPlainAmount(text);
  if (plain !== undefined) return succeed(plain);
  const shown = text.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  const bad = (detail: string) => fail<Pence>(`"${shown}" is not a money amount: ${detail}`);
  if (shown === '') return fail('the amount is empty: fill in the amount paid, e.g. 1,234.56');
  if (shown.length > MAX_MONEY_TEXT) {
    return fail(`"${shortenText(shown)}" is not a money amount: it is far too long for one; ${HINT}`);
  }

  let rest = shown;
  let negatives = 0;
  let currency = false;
  let brackets = false;
  let creditDebit = false;
  for (let changed = true; changed; ) {
    changed = false;
    const before = rest;
    if (!brackets && rest.startsWith('(') && rest.endsWith(')')) {
      brackets = true;
      negatives++;
      rest = rest.slice(1, -1);
    } else if (!currency && /^(£|GBP\b)/i.test(rest)) {
      currency = true;
      rest = rest.replace(/^(£|GBP)/i, '');
    } else if (!currency && /(£|\bGBP)$/i.test(rest)) {
      currency = true;
      rest = rest.replace(/(£|GBP)$/i, '');
    } else if (!creditDebit && /(?<=[\d\s).£])(CR|DR)$/i.test(rest)) {
      creditDebit = true;
      if (/CR$/i.test(rest)) negatives++;
      rest = rest.slice(0, -2);
    } else if (MINUS.test(rest)) {
      negatives++;
      rest = rest.slice(1);
    } else if (TRAILING_MINUS.test(rest) && rest.length > 1) {
      negatives++;
      rest = rest.slice(0, -1);
    } else if (rest.startsWith('+')) {
      rest = rest.slice(1);
    }
    rest = rest.trim();
    changed = rest !== before;
  }

  if (negatives > 1) return bad(`it has more than one minus sign, bracket or CR; ${HINT}`);
  if (rest === '') {
    // Excel's accounting format shows zero as "-" (or "£ -").
    if (negatives === 1 && !brackets && !creditDebit && /^[£\s]*[-\u2212\u2013][£\s]*$/i.test(shown)) {
      return succeed(0);
    }
    return bad(`it has no digits; ${HINT}`);
  }
  if (/[€$¥]|\b(EUR|USD)\b/i.test(rest)) return bad('it is not in pounds sterling; convert it to GBP');
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(rest)) {
    return bad(
      'it is in scientific notation (Excel shortened it); format the column as a number with 2 decimals and export again',
    );
  }
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(rest) || /^\d+,\d{1,2}$/.test(rest) || /\.\d*,/.test(rest)) {
    return bad('it looks like a European decimal comma; use a point before the pence, e.g. 1234.56');
  }
  const match = /^(\d[\d, ]*)?(?:\.(\d*))?$/.exec(rest);
  if (match === null || (match[1] === undefined && (match[2] ?? '') === '')) {
    const odd = [...rest].find((char) => !/[\d.,\s]/.test(char));
    return bad(odd === undefined ? HINT : `unexpected "${odd}"; ${HINT}`);
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const grouped = /[, ]/.test(whole);
  const groups = whole.split(/[, ]/);
  if (grouped) {
    const separators = new Set(whole.replace(/\d/g, ''));
    const [first = '', ...others] = groups;
    if (
      separators.size > 1 ||
      first.length < 1 ||
      first.length > 3 ||
      others.some((group) => group.length !== 3)
    ) {
      return bad(`thousands separators must group three digits; ${HINT}`);
    }
  }
  return penceFromDecimal(negatives === 1, groups.join(''), fraction, shown);
}

/**
 * Reads a number stored in a workbook cell as Excel shows it: 15 significant digits first, then rounded
 * half away from zero to the penny, so `75573.509999999995` is 7557351 and `1.005` is 101.
 */
export function penceFromNumber(value: number): Parsed<Pence> {
  if (!Number.isFinite(value)) return fail(`${value} is not a money amount: the cell holds no finite number`);
  if (Number.isInteger(value) && Math.abs(value) < 10 ** MAX_PLAIN_DIGITS)
    return succeed(value === 0 ? 0 : value * 100);
  // When the shortest text of the double has at most 15 digits, it is the 15-digit text Excel shows.
  const shown = String(value);
  const short = SHORT_DECIMAL.exec(shown);
  if (short !== null) {
    const [, minus, whole = '', fraction = ''] = short;
    if (whole.length + fraction.length <= 15) {
      if (fraction.length > 2 || whole.length > MAX_PLAIN_DIGITS)
        return penceFromDecimal(minus === '-', whole, fraction, shown);
      const pence = Number(whole) * 100 + (fraction.length === 1 ? Number(fraction) * 10 : Number(fraction));
      return succeed(minus === '-' && pence !== 0 ? -pence : pence);
    }
  }
  const [mantissa = '0', exponentText = '0'] = value.toPrecision(15).split('e');
  const negative = mantissa.startsWith('-');
  const [intDigits = '0', fracDigits = ''] = mantissa.replace('-', '').split('.');
  const digits = intDigits + fracDigits;
  const point = intDigits.length + Number(exponentText);
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const fraction = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  return penceFromDecimal(negative, whole, fraction, String(value));
}

function penceFromDecimal(negative: boolean, whole: string, fraction: string, shown: string): Parsed<Pence> {
  const pennies = `${fraction}00`.slice(0, 2);
  const roundUp = (fraction[2] ?? '0') >= '5' ? 1n : 0n;
  const magnitude = BigInt(whole === '' ? '0' : whole) * 100n + BigInt(pennies) + roundUp;
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail(`"${shown}" is not a money amount: it is too large to be a payment`);
  }
  const pence = Number(magnitude);
  return succeed(negative && pence !== 0 ? -pence : pence);
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
const POINT = 46;
const MINUS_SIGN = 45;
const POUND = 0xa3;
const OPEN_BRACKET = 40;
const CLOSE_BRACKET = 41;

/**
 * The pence of the common shapes, read by a character scan, without the general rules of `parseMoney`:
 * `1234.5`, `-67,132.60`, `£1,234.56`, `-£12.00`, `£-12.00`, `(1,200.00)`, `(£1,200.00)` — digits
 * grouped by commas in threes or not at all, at most {@link MAX_PLAIN_DIGITS} of them, and one or two
 * decimals. `undefined` for anything else (spaces, `GBP`, `CR`, three decimals…), which the general
 * rules read to the same pence or explain.
 */
function readPlainAmount(text: string): number | undefined {
  let end = text.length;
  let at = 0;
  let negative = false;
  if (text.charCodeAt(0) === OPEN_BRACKET) {
    if (text.charCodeAt(end - 1) !== CLOSE_BRACKET) return undefined;
    negative = true;
    at = 1;
    end--;
    if (text.charCodeAt(at) === POUND) at++;
  } else {
    if (text.charCodeAt(at) === MINUS_SIGN) {
      negative = true;
      at++;
    }
    if (text.charCodeAt(at) === POUND) {
      at++;
      if (!negative && text.charCodeAt(at) === MINUS_SIGN) {
        negative = true;
        at++;
      }
    }
  }
  // Pounds: digits, or groups of three after a first group of one to three, separated by commas.
  let pounds = 0;
  let digits = 0;
  let group = 0;
  let grouped = false;
  for (; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      pounds = pounds * 10 + (code - DIGIT_0);
      digits++;
      group++;
    } else if (code === COMMA) {
      if (grouped ? group !== 3 : group < 1 || group > 3) return undefined;
      grouped = true;
      group = 0;
    } else {
      break;
    }
  }
  if (digits === 0 || digits > MAX_PLAIN_DIGITS || (grouped && group !== 3)) return undefined;
  let pence = pounds * 100;
  if (at < end) {
    if (text.charCodeAt(at) !== POINT) return undefined;
    const decimals = end - at - 1;
    if (decimals < 1 || decimals > 2) return undefined;
    const first = text.charCodeAt(at + 1) - DIGIT_0;
    if (first < 0 || first > 9) return undefined;
    let fraction = first * 10;
    if (decimals === 2) {
      const second = text.charCodeAt(at + 2) - DIGIT_0;
      if (second < 0 || second > 9) return undefined;
      fraction += second;
    }
    pence += fraction;
  }
  return negative && pence !== 0 ? -pence : pence;
}
