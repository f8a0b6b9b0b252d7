import { isKnownCompanyPrefix, normaliseCompanyNumber } from '../suppliers/company-number.ts';

/** `NAME : SC 123456`: a name, a colon, then a company number's digits with or without its prefix. */
const COMPANY_SUFFIX = /^(.*?)\s*:\s*([A-Z]{2}|R0)?\s*(\d{1,8})\s*$/i;

/** A payee name with the company number some ledgers append (`KINGS COLLEGE LONDON:03529700`). */
export interface SupplierName {
  name: string;
  /** Upper case, 8 characters: digits padded with zeros after any prefix (`SC123456`, `03529700`). */
  companyNumber?: string;
}

/**
 * Splits `NAME:01234567` or `NAME : SC123456` into the name and a Companies House number, read by
 * `normaliseCompanyNumber`. What follows the colon stays in the name unless it is a company number
 * with a known prefix or none, written with at least six characters (`ACME:12345` and `Ref: 2021`
 * are names).
 *
 * @example
 * splitCompanyNumber('KINGS COLLEGE LONDON:3529700') // → { name: 'KINGS COLLEGE LONDON', companyNumber: '03529700' }
 */
export function splitCompanyNumber(text: string): SupplierName {
  const name = tidySupplierName(text);
  if (!name.includes(':')) return { name };
  const match = COMPANY_SUFFIX.exec(name);
  if (match === null) return { name };
  const [, before = '', prefix = '', digits = ''] = match;
  if (before.trim() === '' || prefix.length + digits.length < 6) return { name };
  if (prefix !== '' && !isKnownCompanyPrefix(prefix)) return { name };
  const companyNumber = normaliseCompanyNumber(`${prefix}${digits}`);
  return companyNumber === undefined ? { name } : { name: before.trim(), companyNumber };
}

/** Trims and collapses runs of whitespace in a payee name. */
export function tidySupplierName(text: string): string {
  if (isTidyName(text)) return text;
  return text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();
}

const SPACE = 0x20;

/**
 * True when `tidySupplierName` would return the text as it is: printable ASCII or U+00A1–U+167F
 * (where there is no white space) throughout, single spaces only between words. A scan, not a
 * regex, as it runs on most lines.
 */
function isTidyName(text: string): boolean {
  const last = text.length - 1;
  if (last < 0) return true;
  if (text.charCodeAt(0) === SPACE || text.charCodeAt(last) === SPACE) return false;
  let previous = 0;
  for (let at = 0; at <= last; at++) {
    const code = text.charCodeAt(at);
    if (code === SPACE) {
      if (previous === SPACE) return false;
    } else if (!((code > SPACE && code < 0x7f) || (code > 0xa0 && code < 0x1680))) {
      return false;
    }
    previous = code;
  }
  return true;
}

/** `*`, `-`, `–`, `_` and `.`. */
function isMark(code: number): boolean {
  return code === 0x2a || code === 0x2d || code === 0x2013 || code === 0x5f || code === 0x2e;
}

/** Drops `*`, `-`, `–`, `_` and `.` from both ends (a loop: a regex anchored at the end alone is quadratic on a long run). */
function trimMarks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isMark(text.charCodeAt(start))) start++;
  while (end > start && isMark(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const WITHHELD_WORDS = /\b(redacted|redact|withheld|anonymised|anonymized)\b/i;
const WITHHELD_NAMES = new Set([
  'personal data',
  'personal information',
  'private individual',
  'individual',
  'private',
  'confidential',
  'name not disclosed',
  'not disclosed',
  'data protection',
]);
/**
 * A word every withheld word or name holds, in any case: a name without one is a supplier's, told
 * without lower-casing it. (Lower case makes ASCII letters of no other character but `İ` and the
 * Kelvin sign, and none of these words holds a `k` or ends in `i`.)
 */
const WITHHELD_HINT =
  /redact|withheld|anonymi|personal|private|individual|confidential|disclosed|protection/i;

/**
 * True for payees whose name is withheld ("REDACTED", "Redacted personal data", "Name withheld",
 * "Personal data"). A whole-word match: "Redactive Media Ltd" is a supplier.
 */
export function isRedactedPayee(name: string): boolean {
  return isWithheldTidyName(tidySupplierName(name));
}

/**
 * {@link isRedactedPayee} of a name `tidySupplierName` has tidied already (as `splitCompanyNumber`'s
 * names are): tidying again would change nothing. (Tidying only replaces runs of white space, so the
 * hint words are found in a name exactly when they are found in its tidied form.)
 */
export function isWithheldTidyName(tidyName: string): boolean {
  const first = tidyName.charCodeAt(0);
  if (first === 0x2a || first === 0x23 || (first | 0x20) === 0x78) {
    if (/^(\*+|x{3,}|#+)$/i.test(tidyName)) return true;
  } else if (!WITHHELD_HINT.test(tidyName)) {
    return false;
  }
  const tidy = trimMarks(tidyName.toLowerCase()).trim();
  if (WITHHELD_WORDS.test(tidy)) return true;
  return WITHHELD_NAMES.has(tidy);
}
