import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { measureEditDistance } from '../table/edit-distance.ts';

/**
 * Words that say only what legal form a body has, which Companies House's "same as" rules disregard
 * at the end of a name (Company, LLP and Business (Names and Trading Disclosures) Regulations 2015,
 * Sch. 3): `ACME LIMITED`, `ACME LTD`, `ACME PLC` and `ACME & CO` are one name there, so no two live
 * companies differ only by them.
 */
const TRAILING_FORMS = new Set([
  'ltd',
  'plc',
  'llp',
  'lp',
  'cic',
  'cio',
  'scio',
  'unlimited',
  'company',
  'co',
  'cyf',
  'cyfyngedig',
  'ccc',
]);

/**
 * Legal-form words the law keeps for registered bodies (limited companies, PLCs, LLPs, CICs, CIOs
 * and their Welsh forms): a sole trader or an ordinary partnership may not trade under them. `& Co`
 * and `Company` are not among them — anyone may use those.
 */
const REGISTERED_FORMS = new Set(['ltd', 'plc', 'llp', 'cic', 'cio', 'scio', 'cyf', 'cyfyngedig', 'ccc']);

/** Registered-body forms read only as a name's last word (`LP Gas Supplies` is not a limited partnership). */
const TRAILING_REGISTERED_FORMS = new Set(['lp', 'unlimited']);

/**
 * The legal-form word of a registered body that a name carries (`ltd` for `Limited` or `Ltd`,
 * `plc`, `llp`, `cic`, …), or `undefined` when it carries none — as a sole trader's or a
 * partnership's trading name does.
 *
 * @example
 * findRegisteredLegalForm('JON SMITH PLUMBING LIMITED') // → 'ltd'
 * findRegisteredLegalForm('Jon Smith Plumbing & Co') // → undefined
 */
export function findRegisteredLegalForm(name: string): string | undefined {
  const words = normaliseSupplierName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const last = words.at(-1);
  if (last !== undefined && words.length > 1 && TRAILING_REGISTERED_FORMS.has(last)) return last;
  return words.find((word, at) => at > 0 && REGISTERED_FORMS.has(word));
}

/** Words left out of a name's significant tokens (they say little about which body it is). */
const STOP_WORDS = new Set(['the', 'and', 'of', 'for', 'in', 'at', 'on', 'a', 't/a', 'ta']);

/**
 * The key a supplier is matched to register entries on: the core's normalised name
 * ({@link normaliseSupplierName}, which already drops accents: `SOCIÉTÉ GÉNÉRALE` = `Societe Generale`,
 * `STRASSE` = `Straße`), then hyphens dropped (`CO-OPERATIVE` = `cooperative`), other
 * punctuation read as spaces, a leading `the` and any trailing legal-form words (`limited`, `plc`,
 * `cic`, `& co`, `(the)`, …) left out. Only those are left out: `ABC` and `ABC HOLDINGS` keep
 * different keys, so a name never matches a longer name it is the start of.
 *
 * @example
 * registerNameKey('THE "BRIGHT START" NURSERY LTD') // → 'bright start nursery'
 */
export function registerNameKey(name: string): string {
  return registerKeyOfNormalised(normaliseSupplierName(name));
}

/** {@link registerNameKey} of a name already normalised by `normaliseSupplierName` (a register record's `nameKey`). */
export function registerKeyOfNormalised(normalised: string): string {
  const words = normalised
    .replace(/-/g, '')
    .replace(/[^\p{L}\p{M}\p{N}/]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  const all = words.join(' ');
  if (words[0] === 'the' && words.length > 1) words.shift();
  for (;;) {
    const last = words.at(-1);
    if (words.length <= 1 || last === undefined) break;
    if (TRAILING_FORMS.has(last) || last === 'the') {
      words.pop();
      if (last === 'co' && words.at(-1) === 'and' && words.length > 1) words.pop();
      continue;
    }
    if (last === 'partnership' && words.at(-2) === 'ltd' && words.length > 2) {
      words.splice(-2);
      continue;
    }
    break;
  }
  return words.length === 0 ? all : words.join(' ');
}

/** The words of a name key that say which body it is (`the`, `and`, `of`… left out). */
export function significantTokens(key: string): string[] {
  return key.split(' ').filter((word) => word !== '' && !STOP_WORDS.has(word));
}

/**
 * The block a name key is compared in for near matches: the first four letters of each of its first
 * two significant words (`kentish oast bakery` → `kent oast`), so a typo late in a word still meets
 * its name; a one-word name blocks on that word's first four letters.
 */
export function blockKeyOf(key: string): string | undefined {
  const tokens = significantTokens(key);
  if (tokens.length === 0) return undefined;
  return tokens
    .slice(0, 2)
    .map((token) => token.slice(0, 4))
    .join(' ');
}

/**
 * How alike two name keys are, from 0 to 1: one minus their edit distance (insertions, deletions,
 * substitutions, swaps) over the longer's length. `kentish oast bakery` / `kentish oasts bakery` is
 * 0.95; `abc` / `abc holdings` is 0.25.
 */
export function measureNameSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - measureEditDistance(a, b) / longer;
}

/**
 * Whether two name keys are at least `min` alike ({@link measureNameSimilarity}), cheaply: lengths
 * too far apart fail at once, and the edit distance is computed only within the band it may use,
 * stopping as soon as it is over budget — a register row is tested against every wanted name in
 * its block, millions of times.
 */
export function isNameAlike(a: string, b: string, min: number): boolean {
  const budget = Math.floor((1 - min) * Math.max(a.length, b.length) + 1e-9);
  if (Math.abs(a.length - b.length) > budget) return false;
  return measureEditDistanceWithin(a, b, budget) <= budget;
}

/**
 * The optimal-string-alignment distance of `a` and `b` when it is at most `budget`, else some number
 * above `budget`: only cells within `budget` of the diagonal are computed, and a row whose every cell
 * is over budget ends it.
 */
export function measureEditDistanceWithin(whole: string, other: string, budget: number): number {
  // Names in one block share their start, and a common start or end changes no distance.
  let start = 0;
  while (start < whole.length && start < other.length && whole.charCodeAt(start) === other.charCodeAt(start))
    start++;
  let end = 0;
  while (
    end < whole.length - start &&
    end < other.length - start &&
    whole.charCodeAt(whole.length - 1 - end) === other.charCodeAt(other.length - 1 - end)
  ) {
    end++;
  }
  const a = whole.slice(start, whole.length - end);
  const b = other.slice(start, other.length - end);
  const over = budget + 1;
  if (Math.abs(a.length - b.length) > budget) return over;
  const cols = b.length + 1;
  if (rows.length < 3 * cols) rows = new Int32Array(3 * cols * 2);
  // Rows i-2, i-1 and i of the table, side by side in one reused buffer.
  let before = 0;
  let previous = cols;
  let current = 2 * cols;
  rows.fill(over, 0, 3 * cols);
  for (let j = 0; j < cols && j <= budget; j++) rows[previous + j] = j;
  const at = (offset: number) => rows[offset] ?? over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - budget);
    const to = Math.min(b.length, i + budget);
    rows.fill(over, current, current + cols);
    if (i <= budget) rows[current] = i;
    let rowBest = at(current);
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(at(previous + j) + 1, at(current + j - 1) + 1, at(previous + j - 1) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        best = Math.min(best, at(before + j - 2) + 1);
      }
      if (best > over) best = over;
      rows[current + j] = best;
      if (best < rowBest) rowBest = best;
    }
    if (rowBest > budget) return over;
    [before, previous, current] = [previous, current, before];
  }
  return at(previous + b.length);
}

/** The reused buffer of {@link measureEditDistanceWithin}. */
let rows = new Int32Array(256);

/** The numbers in a name key (`abc 2010` → `['2010']`): names that differ in them are different bodies. */
export function numbersIn(key: string): string[] {
  return key.split(' ').filter((word) => /\d/.test(word));
}
