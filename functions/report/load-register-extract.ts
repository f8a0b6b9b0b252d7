import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  ArchiveIntegrityError,
  archiveKeys,
  hashRegisterInputs,
  hashRegisterWants,
  type RegisterUpload,
} from '../../shared/pipeline/index.ts';
import {
  buildRegisterExtract,
  findUncoveredWants,
  type RegisterExtract,
  RegisterExtractSchema,
  RegisterFormatError,
  type RegisterInput,
  type RegisterWants,
} from '../../shared/registers/index.ts';
import { hashChunks } from '../../shared/table/byte-reader.ts';
import { getObjectBytes, listObjects, openObject, putObjectIfAbsent } from '../adapters/s3.ts';
import { logError, logInfo } from '../log.ts';

export interface LoadedRegisterExtract {
  extract: RegisterExtract;
  /** The archive key of the extract used, and the SHA-256 of its bytes. */
  key: string;
  sha256: string;
  /** True when an extract stored by an earlier run on the same files covered these suppliers. */
  reused: boolean;
  /** The register files the extract was read from: those given, less any `unreadable`. */
  uploads: RegisterUpload[];
  /** Register files that could not be read after all (accepted before the ingest read files whole), and why. */
  unreadable: UnreadableRegister[];
}

export interface UnreadableRegister {
  upload: RegisterUpload;
  line: number;
  column?: string;
  reason: string;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const toJson = (extract: RegisterExtract) => Buffer.from(`${JSON.stringify(extract, null, 2)}\n`, 'utf8');
const coversAll = (missing: RegisterWants) => Object.values(missing).every((keys) => keys.length === 0);

/**
 * The register extract for a report's suppliers (`wants`): one stored under
 * `manifests/registers/<files hash>/` that covers them, or else one built by streaming the archived
 * register files (each checked against its SHA-256 as it is read) and stored there for later runs.
 *
 * The ingest reads every register file whole before accepting it, so a report should never meet a damaged
 * one; one accepted before that check could be. The report then goes on without that file — the rest are
 * read again without it — and returns it as `unreadable`, for the run manifest and an ERROR log line,
 * rather than failing and leaving the board without its email.
 */
export async function loadRegisterExtract(
  s3: S3Client,
  archive: string,
  uploads: readonly RegisterUpload[],
  wants: RegisterWants,
  codeVersion: string,
): Promise<LoadedRegisterExtract> {
  const unreadable: UnreadableRegister[] = [];
  let readable = [...uploads];
  for (;;) {
    try {
      const loaded = await loadFromFiles(s3, archive, readable, wants, codeVersion);
      return { ...loaded, uploads: readable, unreadable };
    } catch (error) {
      if (!(error instanceof RegisterFormatError)) throw error;
      const upload = readable.find((candidate) => candidate.name === error.file);
      if (upload === undefined) throw error;
      unreadable.push({
        upload,
        line: error.line,
        ...(error.column === undefined ? {} : { column: error.column }),
        reason: error.problem,
      });
      readable = readable.filter((candidate) => candidate !== upload);
      // The reason can quote a cell: it goes to the run manifest, not the log.
      logError('register file unreadable: the report goes on without it', {
        sha256: upload.sha256,
        key: upload.rawKey,
        line: error.line,
      });
    }
  }
}

async function loadFromFiles(
  s3: S3Client,
  archive: string,
  uploads: readonly RegisterUpload[],
  wants: RegisterWants,
  codeVersion: string,
): Promise<Omit<LoadedRegisterExtract, 'uploads' | 'unreadable'>> {
  const inputsHash = hashRegisterInputs(uploads, codeVersion);
  for await (const stored of listObjects(s3, archive, archiveKeys.registerExtracts(inputsHash))) {
    if (!stored.key.endsWith('.json')) continue;
    const bytes = await getObjectBytes(s3, archive, stored.key);
    const extract = RegisterExtractSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    if (coversAll(findUncoveredWants(extract, wants))) {
      logInfo('register extract re-used: it covers these suppliers', { key: stored.key });
      return { extract, key: stored.key, sha256: sha256Of(bytes), reused: true };
    }
  }

  const hashes = new Map<string, ReturnType<typeof createHash>>();
  const inputs = uploads.map((upload): RegisterInput => {
    const hash = createHash('sha256');
    hashes.set(upload.sha256, hash);
    return {
      name: upload.name,
      register: upload.register,
      bytes: hashChunks(openObject(s3, archive, upload.rawKey), hash),
      sha256: () => hash.copy().digest('hex'),
      size: upload.size,
      modified: upload.receivedAt.slice(0, 10),
    };
  });
  const extract = await buildRegisterExtract(inputs, wants);
  for (const upload of uploads) {
    const read = hashes.get(upload.sha256)?.digest('hex');
    if (read !== upload.sha256) {
      throw new ArchiveIntegrityError(
        `${upload.rawKey} does not hold the bytes its manifest names (SHA-256 ${upload.sha256}, read ${read}); restore it from a previous version`,
      );
    }
  }
  const key = archiveKeys.registerExtract(inputsHash, hashRegisterWants(wants));
  const bytes = toJson(extract);
  await putObjectIfAbsent(s3, { bucket: archive, key, contentType: 'application/json' }, bytes);
  logInfo('register extract built from the register files', {
    key,
    sources: extract.sources.map(({ file, rowsRead, rowsKept }) => ({ file, rowsRead, rowsKept })),
  });
  return { extract, key, sha256: sha256Of(bytes), reused: false };
}
