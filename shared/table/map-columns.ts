import { measureEditDistance } from './edit-distance.ts';
import { type Cell, cellText, isBlankRow, type TableRow } from './read-table.ts';

/** How to recognise one field's column. */
export interface ColumnSpec {
  /** Header names, best first. Compared case-, space- and punctuation-insensitively. */
  aliases: readonly string[];
  required?: boolean;
  /** Header names that must never be taken for this field, even when they look close. */
  never?: readonly string[];
}

export type ColumnSpecs<F extends string> = Readonly<Record<F, ColumnSpec>>;

/** One field's column, as found in a header row. */
export interface ColumnMatch {
  index: number;
  /** Header text as in the file (trimmed). */
  header: string;
  /** The alias it matched. */
  alias: string;
  /** Edit distance to that alias (0 when exact). */
  distance: number;
}

export interface ColumnMapping<F extends string> {
  columns: Partial<Record<F, ColumnMatch>>;
  /** Required fields with no column. */
  missing: F[];
}

/**
 * `' Amount  (£) '` → `'amount £'`: lower case, punctuation other than `£` and `%` turned into spaces,
 * whitespace collapsed.
 */
export function normaliseHeaderKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}£%]+/gu, ' ')
    .trim();
}

/**
 * Edit distance a header word may be from an alias word: none for short words (`date` ≠ `data`),
 * one from five characters, two from eight.
 */
function allowedTypos(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/** Distance from a header to an alias, or `undefined` when it is not close enough to be a typo. */
export function matchHeaderToAlias(header: string, alias: string): number | undefined {
  return matchKeyToAlias(normaliseHeaderKey(header), normaliseHeaderKey(alias));
}

/** {@link matchHeaderToAlias} on keys already normalised by {@link normaliseHeaderKey}. */
function matchKeyToAlias(h: string, a: string): number | undefined {
  if (h === '' || a === '') return undefined;
  if (h === a) return 0;
  // Spaces in a key are single, so it has at least half its length in letters: far too long to match.
  if (h.length > 2 * a.length + 8) return undefined;
  const hCompact = h.replaceAll(' ', '');
  const aCompact = a.replaceAll(' ', '');
  if (hCompact === aCompact) return 0;
  // The distance is at least the difference in length: a long cell is never measured against an alias.
  if (Math.abs(hCompact.length - aCompact.length) > allowedTypos(aCompact)) return undefined;
  const hWords = h.split(' ');
  const aWords = a.split(' ');
  if (hWords.length !== aWords.length) return undefined;
  let total = 0;
  for (let i = 0; i < aWords.length; i++) {
    const aWord = aWords[i] ?? '';
    const hWord = hWords[i] ?? '';
    if (aWord === hWord) continue;
    const distance = measureEditDistance(hWord, aWord);
    if (distance > allowedTypos(aWord)) return undefined;
    total += distance;
  }
  return total <= allowedTypos(aCompact) ? total : undefined;
}

/**
 * Assigns each field the header cell that names it best: exact aliases before typos, earlier aliases
 * before later ones, each cell to at most one field. A header listed in any field's `never`, or
 * matching another field's alias exactly, is not taken as a typo of this one.
 *
 * @example
 * mapColumns(['Date Paid', 'Suppklier', ' Amount '], { supplier: { aliases: ['Supplier'], required: true } })
 * // → { columns: { supplier: { index: 1, header: 'Suppklier', alias: 'Supplier', distance: 1 } }, missing: [] }
 */
export function mapColumns<F extends string>(
  headerCells: readonly Cell[],
  specs: ColumnSpecs<F>,
): ColumnMapping<F> {
  const fields = Object.keys(specs) as F[];
  const headers = headerCells.map((cell) => cellText(cell));
  const exactAliases = new Set(fields.flatMap((field) => specs[field].aliases.map(normaliseHeaderKey)));
  const candidates: { field: F; index: number; alias: string; distance: number; rank: number }[] = [];
  const keys = headers.map(normaliseHeaderKey);
  for (const field of fields) {
    const spec = specs[field];
    const never = new Set((spec.never ?? []).map(normaliseHeaderKey));
    const aliasKeys = spec.aliases.map(normaliseHeaderKey);
    keys.forEach((key, index) => {
      if (key === '' || never.has(key)) return;
      spec.aliases.forEach((alias, rank) => {
        const distance = matchKeyToAlias(key, aliasKeys[rank] ?? '');
        if (distance === undefined) return;
        if (distance > 0 && exactAliases.has(key)) return;
        candidates.push({ field, index, alias, distance, rank });
      });
    });
  }
  candidates.sort((x, y) => x.distance - y.distance || x.rank - y.rank || x.index - y.index);
  const columns: Partial<Record<F, ColumnMatch>> = {};
  const usedCells = new Set<number>();
  for (const candidate of candidates) {
    if (columns[candidate.field] !== undefined || usedCells.has(candidate.index)) continue;
    usedCells.add(candidate.index);
    columns[candidate.field] = {
      index: candidate.index,
      header: headers[candidate.index] ?? '',
      alias: candidate.alias,
      distance: candidate.distance,
    };
  }
  const missing = fields.filter((field) => specs[field].required === true && columns[field] === undefined);
  return { columns, missing };
}

/** A row near the top of a table, mapped as if it were the header row. */
export interface HeaderCandidate<F extends string> extends ColumnMapping<F> {
  /** Position of the row in the rows searched. */
  index: number;
  row: TableRow;
}

/**
 * Each non-blank row among the first `maxRows`, top down, with the columns {@link mapColumns} finds
 * in it. Which candidate is the header is the reader's rule; this is lazy, so a reader taking the
 * first good one maps no further rows.
 *
 * @example
 * for (const candidate of mapHeaderCandidates(rows, LEDGER_COLUMNS, 30)) {
 *   if (candidate.missing.length === 0) return candidate;
 * }
 */
export function* mapHeaderCandidates<F extends string>(
  rows: readonly TableRow[],
  specs: ColumnSpecs<F>,
  maxRows: number,
): Generator<HeaderCandidate<F>> {
  const limit = Math.min(rows.length, maxRows);
  for (let index = 0; index < limit; index++) {
    const row = rows[index];
    if (row === undefined || isBlankRow(row)) continue;
    yield { index, row, ...mapColumns(row.cells, specs) };
  }
}
