import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type startSesServer from 'aws-ses-v2-local';
import S3rver from 's3rver';
import { encodeS3Key, type S3Event, S3EventSchema } from '../s3-event.ts';

/** One email as aws-ses-v2-local stores it (`GET /store`): attachments in base64. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; content: string; size: number }[];
  at: number;
}

export interface LocalAws {
  s3Endpoint: string;
  sesEndpoint: string;
  /** Clients pointed at the local servers. */
  s3: S3Client;
  ses: SESv2Client;
  /** What a handler's environment needs to reach these servers (endpoints, region, credentials, checksums). */
  env: Record<string, string>;
  createBuckets(...names: string[]): Promise<void>;
  /**
   * Calls `listener` for every object created, with the key URL-encoded as real S3 sends it. Returns a
   * function that stops listening. A listener's failure is kept and thrown by `idle()`.
   */
  onObjectCreated(listener: (event: S3Event) => unknown): () => void;
  /** Waits until every listener call so far has finished; throws the first failure. */
  idle(): Promise<void>;
  readMailbox(): Promise<StoredEmail[]>;
  /** The message as the SES server re-renders it from its store (not byte-identical to what was sent). */
  readEml(messageId: string): Promise<string>;
  clearMailbox(): Promise<void>;
  stop(): Promise<void>;
}

// aws-ses-v2-local is CommonJS with `exports.default`: Node's ESM import and vitest's interop disagree on
// what its default import is, while `require` gives the same module object everywhere.
const { default: startSes } = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: typeof startSesServer.default;
};

/** The region the local servers pretend to be in. */
const LOCAL_REGION = 'eu-west-2';

/**
 * Starts S3 (s3rver) and SES (aws-ses-v2-local) protocol servers on loopback, on free ports. s3rver keeps
 * its objects under `directory`. The SES mailbox is one per process (aws-ses-v2-local keeps it in module
 * state), so run one of these per process.
 *
 * @example
 * const local = await startLocalAws({ directory: await mkdtemp(join(tmpdir(), 's3-')) });
 * Object.assign(process.env, local.env);
 */
export async function startLocalAws(options: { directory: string }): Promise<LocalAws> {
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: options.directory });
  const s3Address = await s3rver.run();
  const sesServer = await startSes({ host: '127.0.0.1', port: 0 });
  const sesPort = (sesServer.address() as AddressInfo).port;

  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;
  const sesEndpoint = `http://127.0.0.1:${sesPort}`;
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_ENDPOINT_URL_SESV2: sesEndpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // s3rver stores aws-chunked framing inside streamed objects unless checksums are only sent when required.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
  const clientConfig = {
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  } as const;
  const s3 = new S3Client({ ...clientConfig, endpoint: s3Endpoint, forcePathStyle: true });
  const ses = new SESv2Client({ ...clientConfig, endpoint: sesEndpoint });

  const pending = new Set<Promise<unknown>>();
  const failures: unknown[] = [];
  const bridges = new Set<(event: unknown) => void>();

  const mailbox = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${sesEndpoint}${path}`, init);
    if (!response.ok) throw new Error(`SES server ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  };

  return {
    s3Endpoint,
    sesEndpoint,
    s3,
    ses,
    env,
    async createBuckets(...names) {
      for (const name of names) await s3.send(new CreateBucketCommand({ Bucket: name }));
    },
    onObjectCreated(listener) {
      const bridge = (raw: unknown) => {
        const parsed = S3EventSchema.safeParse(raw);
        if (!parsed.success) return;
        const records = parsed.data.Records.filter((record) =>
          record.eventName.startsWith('ObjectCreated:'),
        ).map((record) => ({
          ...record,
          s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(record.s3.object.key) } },
        }));
        if (records.length === 0) return;
        const run = Promise.resolve()
          .then(() => listener({ Records: records }))
          .catch((error: unknown) => {
            failures.push(error);
          })
          .finally(() => pending.delete(run));
        pending.add(run);
      };
      s3rver.on('event', bridge);
      bridges.add(bridge);
      return () => {
        s3rver.off('event', bridge);
        bridges.delete(bridge);
      };
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
    },
    async readMailbox() {
      const store = (await (await mailbox('/store')).json()) as { emails: StoredEmail[] };
      return store.emails;
    },
    async readEml(messageId) {
      const eml = (await (
        await mailbox(`/get-emlContent?messageId=${encodeURIComponent(messageId)}`)
      ).json()) as {
        body: { type: 'Buffer'; data: number[] } | string;
      };
      return typeof eml.body === 'string' ? eml.body : Buffer.from(eml.body.data).toString('utf8');
    },
    async clearMailbox() {
      await mailbox('/clear-store', { method: 'POST' });
    },
    async stop() {
      for (const bridge of bridges) s3rver.off('event', bridge);
      bridges.clear();
      s3.destroy();
      ses.destroy();
      sesServer.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve, reject) =>
          sesServer.close((error?: Error) => (error ? reject(error) : resolve())),
        ),
        s3rver.close(),
      ]);
    },
  };
}
