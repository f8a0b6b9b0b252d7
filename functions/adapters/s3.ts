import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type * as z from 'zod';
import { hashChunks } from '../../shared/table/byte-reader.ts';
import { splitLines } from '../../shared/table/split-lines.ts';

/**
 * S3 as the handlers use it: plain functions taking the client. Every write carries a CRC32 checksum,
 * which S3 requires on Object Lock buckets (the archive).
 */

export interface ObjectTarget {
  bucket: string;
  key: string;
  contentType?: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
}

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (('$metadata' in error &&
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) ||
    ('name' in error && (error.name === 'NoSuchKey' || error.name === 'NotFound')));

/** Size and ETag of an object, or undefined when there is none. */
export async function headObject(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<ObjectInfo | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { key, size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function objectExists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  return (await headObject(client, bucket, key)) !== undefined;
}

/**
 * The object's body as a Node stream. `ifMatch` (an ETag) makes every read see the same bytes: S3 answers
 * 412 if the object was replaced since.
 */
export async function getObjectStream(
  client: S3Client,
  bucket: string,
  key: string,
  options: { ifMatch?: string } = {},
): Promise<Readable> {
  const response = await client.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
    }),
  );
  if (!(response.Body instanceof Readable)) throw new Error(`s3://${bucket}/${key} has no readable body`);
  return response.Body;
}

/** The object's bytes as an iterable that fetches on each iteration (so it can be read more than once). */
export function openObject(
  client: S3Client,
  bucket: string,
  key: string,
  options: { ifMatch?: string } = {},
): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* await getObjectStream(client, bucket, key, options);
    },
  };
}

export async function getObjectBytes(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await getObjectStream(client, bucket, key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A JSON object checked against its schema, or undefined when there is no such object. */
export async function getJson<T>(
  client: S3Client,
  bucket: string,
  key: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await getObjectBytes(client, bucket, key);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  return schema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
}

/** Up to `maxBytes` from the start of an object, reading no further (for sniffing a header row). */
export async function readObjectStart(
  client: S3Client,
  bucket: string,
  key: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await getObjectStream(client, bucket, key)) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

/**
 * The object's text lines (UTF-8, without line breaks, as `node:readline` splits them), streamed a batch
 * per chunk of the body (`splitLines`). A read that fails part way throws, after the lines before it.
 */
export async function* readObjectLineBatches(
  client: S3Client,
  bucket: string,
  key: string,
): AsyncGenerator<string[]> {
  yield* splitLines(await getObjectStream(client, bucket, key));
}

export async function putObjectBytes(
  client: S3Client,
  target: ObjectTarget,
  body: Uint8Array | string,
): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
      ...(target.contentType ? { ContentType: target.contentType } : {}),
      ChecksumAlgorithm: 'CRC32',
    }),
  );
}

export async function putJson(client: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
  await putObjectBytes(
    client,
    { bucket, key, contentType: 'application/json' },
    `${JSON.stringify(value, null, 2)}\n`,
  );
}

/** `putJson`, unless the object exists (`putObjectIfAbsent`). */
export async function putJsonIfAbsent(
  client: S3Client,
  bucket: string,
  key: string,
  value: unknown,
): Promise<'written' | 'exists'> {
  return putObjectIfAbsent(
    client,
    { bucket, key, contentType: 'application/json' },
    `${JSON.stringify(value, null, 2)}\n`,
  );
}

/**
 * Writes the object unless one exists: `'exists'` leaves it untouched. A HEAD first, then a PUT with
 * `If-None-Match: *`, which real S3 enforces atomically. s3rver ignores that header, so locally only the
 * HEAD guards, and two writers racing between HEAD and PUT could both write; callers write the same bytes
 * for the same key (content-addressed keys), so the loser's write changes nothing.
 */
export async function putObjectIfAbsent(
  client: S3Client,
  target: ObjectTarget,
  body: Uint8Array | string,
): Promise<'written' | 'exists'> {
  if (await objectExists(client, target.bucket, target.key)) return 'exists';
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
        ...(target.contentType ? { ContentType: target.contentType } : {}),
        ChecksumAlgorithm: 'CRC32',
        IfNoneMatch: '*',
      }),
    );
    return 'written';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 412) return 'exists';
    throw error;
  }
}

/** Streams `body` into an object (multipart above 5 MB), never holding more than a few parts in memory. */
export async function uploadStream(
  client: S3Client,
  target: ObjectTarget,
  body: AsyncIterable<Uint8Array> | Readable,
): Promise<void> {
  await new Upload({
    client,
    params: {
      Bucket: target.bucket,
      Key: target.key,
      Body: body instanceof Readable ? body : Readable.from(body),
      ...(target.contentType ? { ContentType: target.contentType } : {}),
      ChecksumAlgorithm: 'CRC32',
    },
  }).done();
}

/** An object written piece by piece, with back-pressure: `write` waits while the upload catches up. */
export interface ObjectWriter {
  write(text: string): Promise<void>;
  /** Finishes the object; throws if the upload failed. */
  end(): Promise<void>;
  /** Gives up: no object is written, and any parts already sent are deleted before this resolves. */
  abort(): Promise<void>;
}

const WRITE_BATCH_CHARS = 64 * 1024;

export function createObjectWriter(client: S3Client, target: ObjectTarget): ObjectWriter {
  const stream = new PassThrough();
  stream.on('error', () => {
    // The failure is reported by `end`/`write`; this listener only keeps it from being thrown globally.
  });
  const upload = new Upload({
    client,
    params: {
      Bucket: target.bucket,
      Key: target.key,
      Body: stream,
      ...(target.contentType ? { ContentType: target.contentType } : {}),
      ChecksumAlgorithm: 'CRC32',
    },
  });
  let failure: unknown;
  const done = upload.done().then(
    () => undefined,
    (error: unknown) => {
      failure = error;
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    },
  );
  done.catch(() => undefined);
  let pending = '';
  const flush = async () => {
    if (failure !== undefined) throw failure;
    const chunk = pending;
    pending = '';
    if (chunk !== '' && !stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    async write(text) {
      pending += text;
      if (pending.length >= WRITE_BATCH_CHARS) await flush();
    },
    async end() {
      await flush();
      stream.end();
      await done;
    },
    async abort() {
      // Failing the body makes lib-storage send AbortMultipartUpload (when parts were sent) before `done`
      // settles, so nothing is left behind when this returns; `upload.abort()` resolved before it was sent.
      stream.destroy(new Error(`the upload of ${target.key} was given up`));
      await done.catch(() => undefined);
    },
  };
}

/** SHA-256 and size of an object, read as a stream. */
export async function hashObject(
  client: S3Client,
  bucket: string,
  key: string,
  options: { ifMatch?: string } = {},
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of hashChunks(openObject(client, bucket, key, options), hash)) size += chunk.length;
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies an object by streaming it through (GET → multipart upload) and returns the SHA-256 of the bytes
 * copied. Not `CopyObject`: that needs a URL-encoded `CopySource`, which s3rver does not decode, so the
 * local tests could not show it working for keys with spaces or `+`; streaming behaves the same on both and
 * proves the copy's hash.
 */
export async function copyObjectByStream(
  client: S3Client,
  from: { bucket: string; key: string; ifMatch?: string },
  to: ObjectTarget,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  async function* counted(source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      size += chunk.length;
      yield chunk;
    }
  }
  const source = openObject(client, from.bucket, from.key, from.ifMatch ? { ifMatch: from.ifMatch } : {});
  await uploadStream(client, to, counted(hashChunks(source, hash)));
  return { sha256: hash.digest('hex'), size };
}

export async function deleteObject(client: S3Client, bucket: string, key: string): Promise<void> {
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/**
 * Deletes the object only while it still has `etag`: `'replaced'` when someone put a new object under the
 * key since (it is left alone), `'gone'` when there is none. S3 enforces `If-Match` on DELETE; s3rver
 * ignores it, so a HEAD checks first, and locally only a replacement between HEAD and DELETE is missed.
 */
export async function deleteObjectIfUnchanged(
  client: S3Client,
  bucket: string,
  key: string,
  etag: string,
): Promise<'deleted' | 'replaced' | 'gone'> {
  const now = await headObject(client, bucket, key);
  if (now === undefined) return 'gone';
  if (now.etag !== etag) return 'replaced';
  try {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag }));
    return 'deleted';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 412) return 'replaced';
    if (isNotFound(error)) return 'gone';
    throw error;
  }
}

/**
 * Every object under `prefix`, page after page (`pageSize` up to S3's 1000). ListObjects (v1) with
 * `Marker` = the last key seen: the same listing as v2 on S3, and s3rver's v2 continuation tokens use DES,
 * which Node's OpenSSL 3 no longer has (any truncated v2 listing fails there).
 */
export async function* listObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  pageSize?: number,
): AsyncGenerator<ObjectInfo> {
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListObjectsCommand({
        Bucket: bucket,
        Prefix: prefix,
        ...(pageSize ? { MaxKeys: pageSize } : {}),
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      marker = item.Key;
      yield { key: item.Key, size: item.Size ?? 0, etag: item.ETag ?? '' };
    }
    if (!page.IsTruncated || (page.Contents ?? []).length === 0) return;
  }
}
