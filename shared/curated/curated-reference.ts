import * as z from 'zod';
import { LineIssueSchema, type ReferenceManifest } from '../pipeline/manifest.ts';
import { ArchiveIntegrityError } from '../pipeline/upload-manifest.ts';
import type { SupplierReference } from '../types.ts';

/**
 * `curated/suppliers/<sha256>.json`: an accepted supplier reference as `readSupplierReference` read it from
 * the raw upload, written by the ingest so the report needs no XLSX or CSV reader. `schemaVersion` 1.
 */

const Pence = z.number().int().nonnegative();

export const CuratedSupplierRecordSchema = z.object({
  line: z.number().int().positive(),
  supplierId: z.string().exactOptional(),
  name: z.string(),
  companyNumber: z.string().exactOptional(),
  charityNumber: z.string().exactOptional(),
  postcode: z.string().exactOptional(),
  branchPostcodes: z.array(z.string()),
  employees: z.number().nonnegative().exactOptional(),
  turnover: Pence.exactOptional(),
  balanceSheet: Pence.exactOptional(),
  sme: z.boolean().exactOptional(),
  vcse: z.boolean().exactOptional(),
});

export const CuratedReferenceSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('suppliers'),
  /** The file name as uploaded. */
  name: z.string(),
  /** Of the raw upload's bytes: the `<sha256>` of its raw, curated and manifest keys. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
  records: z.array(CuratedSupplierRecordSchema),
  /** Every issue the read found (the manifest lists the first 50). */
  issues: z.array(LineIssueSchema),
});
export type CuratedReference = z.infer<typeof CuratedReferenceSchema>;

/** What fixes a supplier reference the report cannot use: a new upload (the same bytes count as ingested). */
const REUPLOAD =
  're-upload the supplier reference to reference/ in the landing bucket, saved again (the same bytes are taken as already ingested)';

/** The curated object for a supplier reference read from its raw upload. */
export function buildCuratedReference(reference: SupplierReference): CuratedReference {
  return CuratedReferenceSchema.parse({
    schemaVersion: 1,
    kind: 'suppliers',
    name: reference.name,
    sha256: reference.sha256,
    records: reference.records,
    issues: reference.issues,
  });
}

/**
 * The `SupplierReference` the report uses, from the curated object an accepted supplier reference's
 * manifest names (`text`: the object's text, or undefined when there is no such object) — the reference
 * `readSupplierReference` gave for the raw bytes. Throws `ArchiveIntegrityError`, naming the upload and
 * what to do, when the manifest names no curated object (accepted before the ingest wrote one) or the
 * object is missing, is not JSON, fails the schema, or disagrees with the manifest.
 */
export function supplierReferenceFromCurated(
  manifest: ReferenceManifest,
  text: string | undefined,
): SupplierReference {
  const upload = `supplier reference ${manifest.name} (${manifest.rawKey})`;
  if (manifest.curatedKey === undefined) {
    throw new ArchiveIntegrityError(
      `${upload} was accepted before the ingest kept supplier references as read, so the report cannot use it: ${REUPLOAD}`,
    );
  }
  if (text === undefined) {
    throw new ArchiveIntegrityError(
      `${manifest.curatedKey} is missing for ${upload}: restore it from a previous version, or ${REUPLOAD}`,
    );
  }
  const notCurated = (problem: string) =>
    new ArchiveIntegrityError(
      `${manifest.curatedKey} is not a curated supplier reference (schema version 1) for ${upload}: ${problem}; ` +
        `restore it from a previous version, or ${REUPLOAD}`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notCurated('it is not JSON');
  }
  const parsed = CuratedReferenceSchema.safeParse(value);
  if (!parsed.success) {
    throw notCurated(
      parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the object'}: ${issue.message}`)
        .join('; '),
    );
  }
  const curated = parsed.data;
  if (
    curated.sha256 !== manifest.sha256 ||
    curated.records.length !== manifest.records ||
    curated.issues.length !== manifest.issueCount
  ) {
    throw new ArchiveIntegrityError(
      `${manifest.curatedKey} holds ${curated.records.length} records and ${curated.issues.length} issues of ` +
        `${curated.sha256}, but its manifest says ${manifest.records} records and ${manifest.issueCount} issues ` +
        `of ${manifest.sha256}: restore it from a previous version, or ${REUPLOAD}`,
    );
  }
  return {
    name: curated.name,
    sha256: curated.sha256,
    records: curated.records,
    issues: curated.issues,
  };
}
