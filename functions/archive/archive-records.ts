import type { S3Client } from '@aws-sdk/client-s3';
import {
  buildCurrentManifest,
  CURRENT_MANIFEST_KEY,
  type CurrentManifest,
  CurrentManifestSchema,
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
import { logWarn } from '../log.ts';
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

/**
 * Rewrites `manifests/current.json` from every upload manifest. Two ingests finishing together could each
 * write a view missing the other's upload, so after writing it checks the manifests again and rewrites
 * while they changed; the report never reads current.json (it decides from the manifests themselves).
 */
export async function rewriteCurrentManifest(s3: S3Client, bucket: string): Promise<CurrentManifest> {
  let manifests = await loadUploadManifests(s3, bucket);
  for (let attempt = 1; ; attempt++) {
    const current = buildCurrentManifest(manifests);
    await putJson(s3, bucket, CURRENT_MANIFEST_KEY, current);
    const seen = new Set(manifests.map((manifest) => manifest.sha256));
    const keys = await listKeys(s3, bucket, UPLOAD_MANIFESTS_PREFIX);
    if (keys.length === seen.size || attempt === 3) return current;
    logWarn('upload manifests changed while current.json was written; writing it again', { attempt });
    manifests = await loadUploadManifests(s3, bucket);
  }
}

export async function readCurrentManifest(
  s3: S3Client,
  bucket: string,
): Promise<CurrentManifest | undefined> {
  return getJson(s3, bucket, CURRENT_MANIFEST_KEY, CurrentManifestSchema);
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
