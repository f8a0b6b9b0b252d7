import { postcodeKey } from '../suppliers/postcode.ts';
import type { PostcodeLookup } from '../types.ts';

/** An ONS postcode file cannot be used (no postcode or district column, no rows). */
export class PostcodeLookupError extends Error {
  override name = 'PostcodeLookupError';
}

/** Postcode columns of ONS products, best first: `pcds` is `ME14 1XX`, the others are fixed-width forms. */
const POSTCODE_COLUMNS = ['pcds', 'pcd', 'pcd2', 'pcd7', 'pcd8', 'postcode'];

/** Rank of a district column: current-district names first, then year-stamped ones, newest first. */
function rankDistrictColumn(header: string): number | undefined {
  if (header === 'laua') return 0;
  if (header === 'oslaua') return 1;
  if (header === 'ladcd') return 2;
  const stamped = /^lad(\d{2})(cd)?$/.exec(header);
  if (stamped?.[1]) return 1000 - Number(stamped[1]) + (stamped[2] ? 0 : 0.5);
  return undefined;
}

const headerKey = (header: string): string =>
  header
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase();

/**
 * Finds the postcode and local-authority-district columns of an ONS NSPL/ONSPD-style header
 * (case-insensitive): postcode from `pcds`/`pcd`/`pcd2`/`pcd7`/`pcd8`, district from `laua`,
 * `oslaua`, `ladcd`, `ladNNcd` or `ladNN`. Throws `PostcodeLookupError` listing the headers seen.
 */
export function findPostcodeLookupColumns(headers: readonly string[]): {
  postcode: string;
  district: string;
} {
  const byKey = new Map(headers.map((header) => [headerKey(header), header]));
  const postcodeColumn = POSTCODE_COLUMNS.find((key) => byKey.has(key));
  const district = headers
    .map((header) => ({ header, rank: rankDistrictColumn(headerKey(header)) }))
    .filter((candidate): candidate is { header: string; rank: number } => candidate.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)[0];
  const postcode = postcodeColumn === undefined ? undefined : byKey.get(postcodeColumn);
  if (postcode === undefined || district === undefined) {
    const missing = [
      postcode === undefined ? 'postcode column (pcds, pcd, pcd2, pcd7 or pcd8)' : undefined,
      district === undefined ? 'local authority district column (laua, oslaua, ladcd or ladNNcd)' : undefined,
    ].filter((text) => text !== undefined);
    throw new PostcodeLookupError(
      `the postcode lookup has no ${missing.join(' and no ')}; headers seen: ${headers.map((h) => `"${h}"`).join(', ')}. ` +
        'Use the ONS Postcode Directory (ONSPD) or National Statistics Postcode Lookup (NSPL) CSV',
    );
  }
  return { postcode, district: district.header };
}

/**
 * How csv-parse reads an ONS postcode file into the records {@link buildPostcodeLookup} takes: a record per
 * row keyed by the header, a BOM dropped, blank lines skipped, short or long rows kept, cells trimmed.
 */
export const POSTCODE_LOOKUP_CSV = {
  columns: true,
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
  trim: true,
} as const;

/**
 * Builds postcode → local authority district code from the records of an ONS NSPL/ONSPD CSV,
 * keeping only `wanted` postcodes when given (any spacing). Rows without a district code or with
 * an unreadable postcode are skipped.
 *
 * @example
 * const lookup = await buildPostcodeLookup([{ pcds: 'ME14 1XX', laua: 'E07000110' }]);
 * lookup.get('ME141XX'); // → 'E07000110'
 */
export async function buildPostcodeLookup(
  records: AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>,
  wanted?: ReadonlySet<string>,
): Promise<PostcodeLookup> {
  const wantedKeys =
    wanted === undefined
      ? undefined
      : new Set([...wanted].map((postcode) => postcodeKey(postcode) ?? postcode));
  const lookup = new Map<string, string>();
  let columns: { postcode: string; district: string } | undefined;
  for await (const record of records) {
    columns ??= findPostcodeLookupColumns(Object.keys(record));
    const district = (record[columns.district] ?? '').trim().toUpperCase();
    if (district === '') continue;
    const key = postcodeKey(record[columns.postcode] ?? '');
    if (key === undefined) continue;
    if (wantedKeys !== undefined && !wantedKeys.has(key)) continue;
    lookup.set(key, district);
  }
  if (columns === undefined) {
    throw new PostcodeLookupError(
      'the postcode lookup has no rows: give the ONS Postcode Directory (ONSPD) or National Statistics Postcode Lookup (NSPL) CSV with its header row',
    );
  }
  return lookup;
}
