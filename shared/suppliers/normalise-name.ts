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

/** Any character but ASCII, which is its own NFKC form and has no accents to drop. */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * The combining diacritics NFKD splits off Latin, Greek and Cyrillic letters (acute, grave,
 * circumflex, diaeresis, ring, cedilla, caron, ogonek, tilde, …, and the dot `İ` lower-cases to).
 * Only these blocks, not every `\p{M}`: an Indic vowel sign or a kana voicing mark (`が` is
 * `か` + U+3099) is part of which word it is, not an accent.
 */
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/**
 * Letters whose mark is part of the letter, so NFKD leaves them whole, read as English writes them
 * when it drops the mark: `Straße`/`STRASSE` (Unicode's own case folding maps ß to ss, and upper
 * case has no ß: registers in capitals spell it SS), `Encyclopædia`/`Encyclopaedia`, `Œuvre`/
 * `Oeuvre`, `Møller`/`Moller` (as `Müller` is `Muller`), `Łódź`/`Lodz`, `Đorđe`/`Dorde`, Turkish
 * dotless `ı`/`i`. Each pair is two spellings of one name, never two words, and the plain form is
 * what an ASCII-only ledger or a capitals-only register holds. (Companies House's "same as" rules,
 * 2015 Names Regulations Sch. 3, are believed also to disregard accents — from memory, unchecked.)
 * Left alone: letters that are letters of their own, not marked ones (`ð`, `þ`, `ŋ`, …), too rare
 * in UK ledgers to earn a rule.
 */
const FOLDED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const FOLDABLE = /[ßæœøłđı]/g;

/**
 * Lower case, compatibility forms unified and accents dropped (`Café`, `Cafe\u0301` → `cafe`;
 * `Ｌｔｄ` → `ltd`): NFKD, lower case (which may add a mark: `İ` → `i̇`), marks and marked letters
 * dropped or spelled out ({@link FOLDED}), NFC for what is left (Hangul, other scripts' marks).
 */
function foldNonAscii(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(DIACRITICS, '')
    .replace(FOLDABLE, (letter) => FOLDED[letter] ?? letter)
    .normalize('NFC');
}

/**
 * The key suppliers are matched on: case-insensitive, accent-insensitive (`Café` = `Cafe`,
 * `Straße` = `Strasse`), whitespace collapsed, `. , '` and `’` removed, `&` read as `and`, and
 * `Limited`/`Ltd`, `Public Limited Company`/`PLC`, `Community Interest Company`/`CIC` treated as the
 * same words. Idempotent.
 *
 * @example
 * normaliseSupplierName('Smith & Sons Limited.') // → 'smith and sons ltd'
 * normaliseSupplierName('Café Nero Group Ltd') // → 'cafe nero group ltd'
 */
export function normaliseSupplierName(name: string): string {
  let text = (NOT_ASCII.test(name) ? foldNonAscii(name) : name.toLowerCase())
    .replace(/[.,'\u2018\u2019\u02bc`]/g, '')
    .replace(/&/g, ' and ');
  for (const [pattern, short, firstWord] of LEGAL_FORMS) {
    if (text.includes(firstWord)) text = text.replace(pattern, short);
  }
  return text.replace(/\s+/g, ' ').trim();
}
