/** Not preceded / followed by a letter or digit: a whole word even when brackets or hyphens touch it. */
const word = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'gu');

/**
 * Word sequences that name the same legal form, replaced by their short form, in this order (the
 * long forms first, so `Public Limited Company` becomes `plc`, not `public ltd company`); each with
 * its first word, which a text must hold for the pattern to match (a cheap test first).
 */
const LEGAL_FORMS: readonly (readonly [RegExp, string, string])[] = [
  [word('public\\s+(?:limited|ltd)\\s+company'), 'plc', 'public'],
  [word('community\\s+interest\\s+company'), 'cic', 'community'],
  [word('limited'), 'ltd', 'limited'],
];

/** Any character but ASCII, which is its own NFKC form. */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * The key suppliers are matched on: case-insensitive, whitespace collapsed, `. , '` and `’` removed,
 * `&` read as `and`, and `Limited`/`Ltd`, `Public Limited Company`/`PLC`,
 * `Community Interest Company`/`CIC` treated as the same words. Idempotent.
 *
 * @example
 * normaliseSupplierName('Smith & Sons Limited.') // → 'smith and sons ltd'
 */
export function normaliseSupplierName(name: string): string {
  let text = (NOT_ASCII.test(name) ? name.normalize('NFKC') : name)
    .toLowerCase()
    .replace(/[.,'\u2018\u2019\u02bc`]/g, '')
    .replace(/&/g, ' and ');
  for (const [pattern, short, firstWord] of LEGAL_FORMS) {
    if (text.includes(firstWord)) text = text.replace(pattern, short);
  }
  return text.replace(/\s+/g, ' ').trim();
}
