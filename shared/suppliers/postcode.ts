/**
 * UK postcode shape (Royal Mail's letter rules): outward code A9, A99, AA9, AA99, A9A or AA9A, then
 * inward code 9AA without C, I, K, M, O or V. `GIR 0AA` is the one historic exception.
 */
const POSTCODE =
  /^([A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])([0-9][ABD-HJLNP-UW-Z]{2})$/;

/**
 * A UK postcode in its standard form (`ME14 1XX`), or `undefined` when the text is not shaped like one.
 * Case and whitespace do not matter; any other character does (`ME14-1XX` is not a postcode). The one
 * reading of a postcode, for ledger extracts and the supplier reference alike.
 *
 * @example
 * normalisePostcode('me141xx') // → 'ME14 1XX'
 */
export function normalisePostcode(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, '').toUpperCase();
  if (text === 'GIR0AA') return 'GIR 0AA';
  const match = POSTCODE.exec(text);
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** The outward code (postcode district) of a postcode: `ME14 1XX` → `ME14`. Accepts any spacing. */
export function outwardCode(postcode: string): string | undefined {
  return normalisePostcode(postcode)?.split(' ')[0];
}

/** The key a `PostcodeLookup` uses: the normalised postcode without spaces (`ME141XX`). */
export function postcodeKey(postcode: string): string | undefined {
  return normalisePostcode(postcode)?.replace(' ', '');
}
