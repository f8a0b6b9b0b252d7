import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { vi } from 'vitest';
import { listObjects } from '../../functions/adapters/s3.ts';
import { type LocalAws, type StoredEmail, startLocalAws } from '../../functions/local/local-aws.ts';
import type { S3Event } from '../../functions/s3-event.ts';

export const LANDING = 'socval-landing';
export const ARCHIVE = 'socval-archive';

/** The environment the CDK stack will set, with the local servers' endpoints. */
export function pipelineEnv(local: LocalAws, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...local.env,
    LANDING_BUCKET: LANDING,
    ARCHIVE_BUCKET: ARCHIVE,
    SENDER: 'Social value reports <socval@kvft.nhs.uk>',
    BOARD_RECIPIENTS: 'board@kvft.nhs.uk, procurement-chair@kvft.nhs.uk',
    FINANCE_ADDRESS: 'ap-team@kvft.nhs.uk',
    TRUST_NAME: 'Kent Valley NHS Foundation Trust',
    CODE_VERSION: 'test',
    ...overrides,
  };
}

type IngestHandler = typeof import('../../functions/ingest/handler.ts').handler;
type ReportHandler = typeof import('../../functions/report/handler.ts').handler;

/**
 * Imports fresh handler modules under `env`, as Lambda would start them (config parsed and clients built
 * at module scope). The SDK reads endpoints from the environment at a client's first request, so keep
 * `env` in place until the handlers have made one; `Pipeline.restoreEnv` puts the pipeline's back.
 */
export async function loadHandlers(
  env: Record<string, string>,
): Promise<{ ingest: IngestHandler; report: ReportHandler }> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const ingest = (await import('../../functions/ingest/handler.ts')).handler;
  const report = (await import('../../functions/report/handler.ts')).handler;
  return { ingest, report };
}

export interface Pipeline {
  local: LocalAws;
  ingest: IngestHandler;
  report: ReportHandler;
  /** Puts an object into the landing bucket and returns the S3 event it caused (key URL-encoded). */
  upload(key: string, body: Uint8Array | string): Promise<S3Event>;
  /** Every archive object with its ETag, sorted by key. */
  listArchive(): Promise<{ key: string; etag: string }[]>;
  listLanding(): Promise<string[]>;
  readArchive(key: string): Promise<Buffer>;
  readArchiveJson<T = unknown>(key: string): Promise<T>;
  mailbox(): Promise<StoredEmail[]>;
  /** Puts back the pipeline's own environment after `loadHandlers` loaded handlers under another. */
  restoreEnv(): void;
  stop(): Promise<void>;
}

/** Starts local S3 and SES, creates the buckets and loads the real handlers pointed at them. */
export async function startPipeline(overrides: Record<string, string> = {}): Promise<Pipeline> {
  const directory = await mkdtemp(join(tmpdir(), 'socval-s3-'));
  const local = await startLocalAws({ directory });
  await local.createBuckets(LANDING, ARCHIVE);
  // The handlers log a JSON line per upload, run and failure; keep test output to the results.
  const quiet = [
    vi.spyOn(console, 'log').mockImplementation(() => {}),
    vi.spyOn(console, 'warn').mockImplementation(() => {}),
    vi.spyOn(console, 'error').mockImplementation(() => {}),
  ];
  const env = pipelineEnv(local, overrides);
  const { ingest, report } = await loadHandlers(env);
  const events: S3Event[] = [];
  local.onObjectCreated((event) => {
    if (event.Records.some((record) => record.s3.bucket.name === LANDING)) events.push(event);
  });

  const readArchive = async (key: string) => {
    const response = await local.s3.send(new GetObjectCommand({ Bucket: ARCHIVE, Key: key }));
    return Buffer.from(await (response.Body?.transformToByteArray() ?? new Uint8Array()));
  };
  return {
    local,
    ingest,
    report,
    async upload(key, body) {
      const before = events.length;
      await local.s3.send(
        new PutObjectCommand({
          Bucket: LANDING,
          Key: key,
          Body: typeof body === 'string' ? Buffer.from(body) : body,
        }),
      );
      await local.idle();
      const event = events[before];
      if (event === undefined || events.length !== before + 1) {
        throw new Error(`expected one event for ${key}, got ${events.length - before}`);
      }
      // Distinct event times keep the upload order the order of the calls.
      await new Promise((resolve) => setTimeout(resolve, 3));
      return event;
    },
    async listArchive() {
      const objects: { key: string; etag: string }[] = [];
      for await (const object of listObjects(local.s3, ARCHIVE, ''))
        objects.push({ key: object.key, etag: object.etag });
      return objects.sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    async listLanding() {
      const keys: string[] = [];
      for await (const object of listObjects(local.s3, LANDING, '')) keys.push(object.key);
      return keys.sort();
    },
    readArchive,
    async readArchiveJson<T>(key: string) {
      return JSON.parse((await readArchive(key)).toString('utf8')) as T;
    },
    mailbox: () => local.readMailbox(),
    restoreEnv() {
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    },
    async stop() {
      await local.stop();
      vi.unstubAllEnvs();
      for (const spy of quiet) spy.mockRestore();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
