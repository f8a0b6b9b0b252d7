import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import {
  ArchiveIntegrityError,
  CURRENT_MANIFEST_KEY,
  type CurrentManifest,
  REFERENCE_MANIFESTS_PREFIX,
  type ReferenceManifest,
  ReferenceManifestSchema,
  UPLOAD_MANIFESTS_PREFIX,
  type UploadManifest,
  UploadManifestSchema,
} from '../../shared/pipeline/index.ts';
import {
  copyObjectByStream,
  deleteObject,
  getJson,
  listObjects,
  objectExists,
  putJson,
} from '../adapters/s3.ts';
import { logInfo } from '../log.ts';
import { mapLimited } from '../map-limited.ts';

/** Reads at most this many archive objects at once. */
const READ_CONCURRENCY = 16;

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of listObjects(s3, bucket, prefix))
    if (object.key.endsWith('.json')) keys.push(object.key);
  return keys.sort();
}

/** Every ledger upload's manifest in the archive. */
export async function loadUploadManifests(s3: S3Client, bucket: string): Promise<UploadManifest[]> {
  const keys = await listKeys(s3, bucket, UPLOAD_MANIFESTS_PREFIX);
  const manifests = await mapLimited(keys, READ_CONCURRENCY, (key) =>
    getJson(s3, bucket, key, UploadManifestSchema),
  );
  return manifests.filter((manifest): manifest is UploadManifest => manifest !== undefined);
}

/** Every reference upload's manifest in the archive. */
export async function loadReferenceManifests(s3: S3Client, bucket: string): Promise<ReferenceManifest[]> {
  const keys = await listKeys(s3, bucket, REFERENCE_MANIFESTS_PREFIX);
  const manifests = await mapLimited(keys, READ_CONCURRENCY, (key) =>
    getJson(s3, bucket, key, ReferenceManifestSchema),
  );
  return manifests.filter((manifest): manifest is ReferenceManifest => manifest !== undefined);
}

/** Just the stamp of a stored `current.json`: whatever else it holds, an older layout included. */
const CurrentStampSchema = z.object({
  writtenBy: z.object({ runAt: z.string(), runId: z.string() }).optional(),
});

/**
 * Writes a report run's view of the uploads to `manifests/current.json`, unless a run that started later
 * already wrote its own there (it read the upload manifests later, so its view is the newer one).
 */
export async function publishCurrentManifest(
  s3: S3Client,
  bucket: string,
  current: CurrentManifest,
): Promise<'written' | 'kept-later'> {
  const mine = current.writtenBy;
  const stored = (await getJson(s3, bucket, CURRENT_MANIFEST_KEY, CurrentStampSchema))?.writtenBy;
  if (mine && stored && compareRuns(stored, mine) > 0) {
    logInfo('current.json was written by a later report run (it names the run); leaving it', {
      runId: mine.runId,
    });
    return 'kept-later';
  }
  await putJson(s3, bucket, CURRENT_MANIFEST_KEY, current);
  return 'written';
}

function compareRuns(a: { runAt: string; runId: string }, b: { runAt: string; runId: string }): number {
  return Date.parse(a.runAt) - Date.parse(b.runAt) || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);
}

export class RawCopyMismatchError extends Error {
  override name = 'RawCopyMismatchError';
}

/**
 * Archives an upload's original bytes under their hash, unless already there (a retried ingest). The copy
 * is hashed as it streams: if the landing object changed since it was hashed, the copy is refused.
 */
export async function archiveOriginal(
  s3: S3Client,
  from: { bucket: string; key: string; etag: string },
  to: { bucket: string; key: string },
  sha256: string,
): Promise<'copied' | 'already-archived'> {
  if (await objectExists(s3, to.bucket, to.key)) return 'already-archived';
  const copied = await copyObjectByStream(
    s3,
    { bucket: from.bucket, key: from.key, ifMatch: from.etag },
    { bucket: to.bucket, key: to.key, contentType: 'application/octet-stream' },
  );
  if (copied.sha256 !== sha256) {
    // Real S3 refuses the read instead (If-Match); s3rver ignores If-Match, so this is the local guard.
    await deleteObject(s3, to.bucket, to.key);
    throw new RawCopyMismatchError(
      `s3://${from.bucket}/${from.key} changed while it was read (SHA-256 ${sha256}, then ${copied.sha256}); it will be read again`,
    );
  }
  return 'copied';
}

/**
 * Checks that the bytes a reader saw (`read`, their SHA-256 in hex) are the ones archived under `sha256`.
 *
 * @throws ArchiveIntegrityError when they differ.
 */
export function checkReadHash(read: string, sha256: string, rawKey: string): void {
  if (read !== sha256) {
    throw new ArchiveIntegrityError(`${rawKey} read with SHA-256 ${read}, archived as ${sha256}`);
  }
}
