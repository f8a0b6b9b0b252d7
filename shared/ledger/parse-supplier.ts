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
  return text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();
}

const MARKS = new Set(['*', '-', '–', '_', '.']);

/** Drops `*`, `-`, `–`, `_` and `.` from both ends (a loop: a regex anchored at the end alone is quadratic on a long run). */
function trimMarks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && MARKS.has(text.charAt(start))) start++;
  while (end > start && MARKS.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
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
 * True for payees whose name is withheld ("REDACTED", "Redacted personal data", "Name withheld",
 * "Personal data"). A whole-word match: "Redactive Media Ltd" is a supplier.
 */
export function isRedactedPayee(name: string): boolean {
  const tidy = trimMarks(tidySupplierName(name).toLowerCase()).trim();
  if (WITHHELD_WORDS.test(tidy)) return true;
  if (WITHHELD_NAMES.has(tidy)) return true;
  return /^(\*+|x{3,}|#+)$/i.test(tidySupplierName(name));
}
