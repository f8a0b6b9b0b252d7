import {
  archiveKeys,
  fileNameOfKey,
  INCOMING_PREFIX,
  REFERENCE_PREFIX,
  ReferenceManifestSchema,
  UploadManifestSchema,
} from '../../shared/pipeline/index.ts';
import { deleteObjectIfUnchanged, getJson, hashObject, headObject, type ObjectInfo } from '../adapters/s3.ts';
import type { PipelineDeps } from '../deps.ts';
import { logInfo, logWarn } from '../log.ts';
import { decodeS3Key, type S3Event, type S3EventRecord } from '../s3-event.ts';
import { type Arrival, ingestLedger } from './ingest-ledger.ts';
import { ingestReference } from './ingest-reference.ts';

export type IngestOutcome =
  | {
      key: string;
      outcome: 'accepted' | 'rejected';
      kind: 'ledger' | 'suppliers' | 'postcodes' | 'register';
      sha256: string;
    }
  | { key: string; outcome: 'duplicate'; sha256: string }
  | { key: string; outcome: 'ignored' | 'gone'; reason: string };

/**
 * Handles each record of an S3 event in turn. A failure throws (Lambda retries the event) and leaves the
 * landing object in place; everything written is keyed by the upload's hash, so the retry completes it.
 */
export async function ingestS3Event(deps: PipelineDeps, event: S3Event): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const record of event.Records) outcomes.push(await ingestRecord(deps, record));
  return outcomes;
}

function ignored(key: string, reason: string): IngestOutcome {
  logInfo('ignored', { key, reason });
  return { key, outcome: 'ignored', reason };
}

/** Lock files and hidden files that come along when a folder is dragged in. */
const NOT_A_FILE = /^(\.|~\$)|^Thumbs\.db$|^desktop\.ini$/i;

async function ingestRecord(deps: PipelineDeps, record: S3EventRecord): Promise<IngestOutcome> {
  const { config, s3 } = deps;
  const key = decodeS3Key(record.s3.object.key);
  const bucket = record.s3.bucket.name;
  if (!record.eventName.startsWith('ObjectCreated:'))
    return ignored(key, `not an upload (${record.eventName})`);
  if (bucket !== config.landingBucket) return ignored(key, `not the landing bucket (${bucket})`);
  const kind = key.startsWith(INCOMING_PREFIX)
    ? 'ledger'
    : key.startsWith(REFERENCE_PREFIX)
      ? 'reference'
      : undefined;
  if (kind === undefined) return ignored(key, `not under ${INCOMING_PREFIX} or ${REFERENCE_PREFIX}`);
  const name = fileNameOfKey(key);
  if (name === '' || NOT_A_FILE.test(name)) return ignored(key, 'a folder, hidden or lock file');

  const head = await headObject(s3, bucket, key);
  if (head === undefined) {
    logInfo('already handled: the upload has left the landing bucket', { key });
    return { key, outcome: 'gone', reason: 'the object is no longer in the landing bucket' };
  }
  const { sha256 } = await hashObject(s3, bucket, key, { ifMatch: head.etag });
  const arrival: Arrival = {
    bucket,
    key,
    name,
    etag: head.etag,
    size: head.size,
    sha256,
    receivedAt: record.eventTime,
  };

  if (await alreadyIngested(deps, kind, sha256)) {
    await removeFromLanding(deps, bucket, key, head);
    logInfo('duplicate: these bytes were already ingested; nothing changed', { key, sha256 });
    return { key, outcome: 'duplicate', sha256 };
  }

  if (kind === 'ledger') {
    const manifest = await ingestLedger(deps, arrival);
    await removeFromLanding(deps, bucket, key, head);
    return { key, outcome: manifest.status, kind: 'ledger', sha256 };
  }
  const manifest = await ingestReference(deps, arrival);
  await removeFromLanding(deps, bucket, key, head);
  return { key, outcome: manifest.status, kind: manifest.kind, sha256 };
}

/** True when a manifest for these bytes exists: it is written last, so the upload was fully ingested. */
async function alreadyIngested(
  { config, s3 }: PipelineDeps,
  kind: 'ledger' | 'reference',
  sha256: string,
): Promise<boolean> {
  const archive = config.archiveBucket;
  const manifest =
    kind === 'reference'
      ? await getJson(s3, archive, archiveKeys.referenceManifest(sha256), ReferenceManifestSchema)
      : await getJson(s3, archive, archiveKeys.uploadManifest(sha256), UploadManifestSchema);
  return manifest !== undefined;
}

/**
 * Deletes the landing object once everything it produced is written — unless it was replaced meanwhile
 * (another ETag): that upload has its own event and must not be lost.
 */
async function removeFromLanding(
  { s3 }: PipelineDeps,
  bucket: string,
  key: string,
  processed: ObjectInfo,
): Promise<void> {
  const outcome = await deleteObjectIfUnchanged(s3, bucket, key, processed.etag);
  if (outcome === 'replaced') {
    logWarn('the landing object was replaced while it was ingested; leaving the new one for its own event', {
      key,
    });
  }
}
