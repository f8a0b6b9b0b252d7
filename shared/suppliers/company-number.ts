/**
 * Companies House number prefixes that say what kind of body is registered. Those not listed are
 * still accepted by shape; they just carry no description.
 */
const PREFIX_KINDS: Readonly<Record<string, string>> = {
  SC: 'company registered in Scotland',
  NI: 'company registered in Northern Ireland',
  R0: 'company registered in Northern Ireland before 1922',
  OC: 'limited liability partnership (England and Wales)',
  SO: 'limited liability partnership (Scotland)',
  NC: 'limited liability partnership (Northern Ireland)',
  LP: 'limited partnership (England and Wales)',
  SL: 'limited partnership (Scotland)',
  NL: 'limited partnership (Northern Ireland)',
  FC: 'overseas company',
  SF: 'overseas company (Scotland)',
  NF: 'overseas company (Northern Ireland)',
  BR: 'UK establishment of an overseas company',
  OE: 'overseas entity',
  CE: 'charitable incorporated organisation (England and Wales)',
  CS: 'Scottish charitable incorporated organisation',
  RS: 'registered society (co-operative or community benefit society)',
  IP: 'industrial and provident society, now a registered society (England and Wales)',
  SP: 'industrial and provident society, now a registered society (Scotland)',
  NP: 'industrial and provident society, now a registered society (Northern Ireland)',
  SE: 'European public limited-liability company (Societas Europaea)',
  GE: 'European economic interest grouping',
  RC: 'body incorporated by royal charter',
  AC: 'assurance company',
  ZC: 'unregistered company',
  IC: 'investment company with variable capital',
};

/** Prefixes Companies House also uses, which carry no description here. */
const UNDESCRIBED_PREFIXES = ['NO', 'NR', 'NZ', 'SA', 'SI', 'SR'];

const KNOWN_PREFIXES: ReadonlySet<string> = new Set([...Object.keys(PREFIX_KINDS), ...UNDESCRIBED_PREFIXES]);

/**
 * A Companies House number in its 8-character form, or `undefined` when the text is not one.
 * Digits only are padded to 8 (`1234567` → `01234567`; spreadsheets drop leading zeros, so shorter
 * runs of digits are padded too); a two-character prefix (two letters, or `R0`) is upper-cased and
 * its digits padded to 6 (`sc 12345` → `SC012345`, `r0 123` → `R0000123`); society numbers ending
 * `R` keep it (`ip28037r` → `IP28037R`). Any two letters are accepted as a prefix here, where the
 * column says it is a company number; see {@link isKnownCompanyPrefix} for free text.
 *
 * @example
 * normaliseCompanyNumber(' sc12345 ') // → 'SC012345'
 */
export function normaliseCompanyNumber(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{1,8}$/.test(text)) {
    return /^0+$/.test(text) ? undefined : text.padStart(8, '0');
  }
  const prefixed = /^([A-Z]{2}|R0)(\d{1,6})$/.exec(text);
  if (prefixed?.[1] && prefixed[2]) return `${prefixed[1]}${prefixed[2].padStart(6, '0')}`;
  const society = /^([A-Z]{2})(\d{1,5})R$/.exec(text);
  if (society?.[1] && society[2]) return `${society[1]}${society[2].padStart(5, '0')}R`;
  return undefined;
}

/**
 * Whether Companies House uses this prefix (`SC`, `OC`, `R0`, …; any case). A number found in free
 * text, such as after a supplier's name, is only taken for a company number with one of these or none.
 */
export function isKnownCompanyPrefix(prefix: string): boolean {
  return KNOWN_PREFIXES.has(prefix.toUpperCase());
}

/** The prefix of a normalised company number (`SC`, `CE`, …), or `undefined` for 8 digits (England and Wales). */
export function companyNumberPrefix(companyNumber: string): string | undefined {
  const prefix = companyNumber.slice(0, 2);
  return /^[A-Z][A-Z0-9]$/.test(prefix) ? prefix : undefined;
}

/**
 * Registered societies — co-operatives and community benefit societies on the FCA mutuals register.
 * `RS` is the current Companies House prefix; `IP` (England and Wales), `SP` (Scotland) and `NP`
 * (Northern Ireland) are the prefixes of industrial and provident societies, the same bodies under
 * their name before the Co-operative and Community Benefit Societies Act 2014.
 */
const SOCIETY_PREFIXES: ReadonlySet<string> = new Set(['RS', 'IP', 'SP', 'NP']);

/** Whether a normalised company number is a registered society's (`RS`, `IP`, `SP` or `NP`). */
export function isRegisteredSocietyNumber(companyNumber: string): boolean {
  return SOCIETY_PREFIXES.has(companyNumberPrefix(companyNumber) ?? '');
}

/** Plain words for what a company number's prefix registers, e.g. `charitable incorporated organisation (England and Wales)`. */
export function describeCompanyNumber(companyNumber: string): string {
  const prefix = companyNumberPrefix(companyNumber);
  if (prefix === undefined) return 'company registered in England and Wales';
  return PREFIX_KINDS[prefix] ?? `body registered at Companies House with prefix ${prefix}`;
}
