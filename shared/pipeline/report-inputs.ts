import { normalisePostcode } from '../suppliers/postcode.ts';
import type { ReportLedger, SupplierReference, YearMonth } from '../types.ts';
import type { UploadManifest } from './manifest.ts';

/**
 * The postcodes a report can use — on ledger lines and in the supplier reference, and `extra` ones (the
 * registers', as `collectExtractPostcodes` gives them, taken as they are but for their spaces) — in the
 * spaceless form `buildPostcodeLookup` keys by, so a national postcode file can be streamed keeping only these.
 */
export function collectWantedPostcodes(
  ledgers: readonly ReportLedger[],
  reference: SupplierReference | undefined,
  extra: readonly string[] = [],
): Set<string> {
  const wanted = new Set<string>();
  const want = (postcode: string | undefined) => {
    const normal = postcode ? normalisePostcode(postcode) : undefined;
    if (normal) wanted.add(normal.replace(/\s+/g, ''));
  };
  for (const ledger of ledgers) for (const line of ledger.lines) want(line.postcode);
  for (const record of reference?.records ?? []) {
    want(record.postcode);
    for (const branch of record.branchPostcodes) want(branch);
  }
  for (const postcode of extra) wanted.add(postcode.replace(/\s+/g, ''));
  return wanted;
}

/** The accepted uploads with lines dated in `month`: without one, a report for the month would show it empty. */
export function uploadsCoveringMonth(uploads: readonly UploadManifest[], month: YearMonth): UploadManifest[] {
  return uploads.filter((upload) => upload.status === 'accepted' && upload.months.includes(month));
}
