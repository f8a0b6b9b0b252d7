const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const stemOf = (name: string) => name.replace(/\.[^.]*$/, '');

/**
 * Name order as people expect it: numbers numerically, and a name before the same
 * name with more after it (`2023-09 payments.csv` before `2023-09 payments (corrected).csv`).
 * The order `socval report --registers DIR` reads a folder in, and the pipeline its register uploads.
 */
export function compareFileNames(a: string, b: string): number {
  return collator.compare(stemOf(a), stemOf(b)) || collator.compare(a, b);
}
