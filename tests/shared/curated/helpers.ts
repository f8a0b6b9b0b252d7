import { formatCuratedHeader, formatCuratedRow } from '../../../shared/curated/index.ts';
import type { LedgerLine } from '../../../shared/types.ts';

/** A whole curated CSV of `lines`, as the ingest writes one. */
export function curatedFile(lines: readonly LedgerLine[]): string {
  return [formatCuratedHeader(), ...lines.map(formatCuratedRow)].map((line) => `${line}\n`).join('');
}

/** `text`'s UTF-8 bytes cut at `cuts` (mid-character too), as a stream's chunks. */
export async function* chunksOf(text: string, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let start = 0;
  for (const end of [...cuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    if (end > start) yield bytes.subarray(start, end);
    start = Math.max(start, end);
  }
}
