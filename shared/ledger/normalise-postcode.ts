const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/**
 * A UK postcode in its standard form (`me141xx` → `ME14 1XX`), or `undefined` when the text is not one.
 *
 * @example
 * normalisePostcode(' me141xx ') // → 'ME14 1XX'
 */
export function normalisePostcode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === 'GIR0AA') return 'GIR 0AA';
  const match = UK_POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : undefined;
}
