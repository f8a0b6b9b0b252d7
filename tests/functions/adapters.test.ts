import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMime } from '../../functions/adapters/mime.ts';
import {
  copyObjectByStream,
  createObjectWriter,
  deleteObjectIfUnchanged,
  getObjectBytes,
  headObject,
  listObjects,
  objectExists,
  putObjectBytes,
  putObjectIfAbsent,
  readObjectStart,
} from '../../functions/adapters/s3.ts';
import { EmailTooLargeError, sendRawEmail } from '../../functions/adapters/ses.ts';
import { type LocalAws, startLocalAws } from '../../functions/local/local-aws.ts';

const BUCKET = 'adapter-tests';
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('the S3 and SES adapters against local servers', () => {
  let local: LocalAws;
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'socval-adapters-'));
    local = await startLocalAws({ directory });
    await local.createBuckets(BUCKET);
  });
  afterAll(async () => {
    await local.stop();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => local.clearMailbox());

  it('tells a missing object from a present one', async () => {
    await putObjectBytes(local.s3, { bucket: BUCKET, key: 'present.txt' }, 'here');
    expect(await objectExists(local.s3, BUCKET, 'present.txt')).toBe(true);
    expect(await objectExists(local.s3, BUCKET, 'absent.txt')).toBe(false);
    expect(await headObject(local.s3, BUCKET, 'present.txt')).toMatchObject({ size: 4 });
  });

  it('writes an object only when there is none', async () => {
    const target = { bucket: BUCKET, key: 'once.json' };
    expect(await putObjectIfAbsent(local.s3, target, 'first')).toBe('written');
    expect(await putObjectIfAbsent(local.s3, target, 'second')).toBe('exists');
    expect(text(await getObjectBytes(local.s3, BUCKET, 'once.json'))).toBe('first');
  });

  it('deletes an object only while it is the one that was read', async () => {
    await putObjectBytes(local.s3, { bucket: BUCKET, key: 'landing.csv' }, 'first');
    const first = await headObject(local.s3, BUCKET, 'landing.csv');
    await putObjectBytes(local.s3, { bucket: BUCKET, key: 'landing.csv' }, 'second, uploaded meanwhile');

    expect(await deleteObjectIfUnchanged(local.s3, BUCKET, 'landing.csv', first?.etag ?? '')).toBe(
      'replaced',
    );
    expect(text(await getObjectBytes(local.s3, BUCKET, 'landing.csv'))).toBe('second, uploaded meanwhile');

    const second = await headObject(local.s3, BUCKET, 'landing.csv');
    expect(await deleteObjectIfUnchanged(local.s3, BUCKET, 'landing.csv', second?.etag ?? '')).toBe(
      'deleted',
    );
    expect(await deleteObjectIfUnchanged(local.s3, BUCKET, 'landing.csv', second?.etag ?? '')).toBe('gone');
  });

  it('lists every object across pages', async () => {
    for (let i = 0; i < 7; i++)
      await putObjectBytes(local.s3, { bucket: BUCKET, key: `paged/${i}.txt` }, String(i));
    const keys: string[] = [];
    for await (const object of listObjects(local.s3, BUCKET, 'paged/', 3)) keys.push(object.key);
    expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => `paged/${i}.txt`));
  });

  it('streams an object in pieces and writes nothing when aborted', async () => {
    const writer = createObjectWriter(local.s3, { bucket: BUCKET, key: 'written.csv' });
    for (let i = 0; i < 1000; i++) await writer.write(`${i},${'x'.repeat(100)}\n`);
    await writer.end();
    const written = text(await getObjectBytes(local.s3, BUCKET, 'written.csv'));
    expect(written.split('\n')).toHaveLength(1001);
    expect(written.startsWith('0,x')).toBe(true);

    const abandoned = createObjectWriter(local.s3, { bucket: BUCKET, key: 'abandoned.csv' });
    await abandoned.write('partial\n');
    await abandoned.abort();
    expect(await objectExists(local.s3, BUCKET, 'abandoned.csv')).toBe(false);
  });

  it('copies by streaming, keys with spaces and + included, and returns the hash of what it copied', async () => {
    const bytes = Buffer.alloc(6 * 1024 * 1024, 'a'); // above one multipart part
    await putObjectBytes(local.s3, { bucket: BUCKET, key: 'from/AP payments+May.csv' }, bytes);
    const copied = await copyObjectByStream(
      local.s3,
      { bucket: BUCKET, key: 'from/AP payments+May.csv' },
      { bucket: BUCKET, key: 'to/AP payments+May.csv' },
    );
    expect(copied).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    expect(Buffer.from(await getObjectBytes(local.s3, BUCKET, 'to/AP payments+May.csv')).equals(bytes)).toBe(
      true,
    );
    expect((await readObjectStart(local.s3, BUCKET, 'to/AP payments+May.csv', 10)).length).toBe(10);
  });

  it('sends a raw message that arrives with its attachment intact', async () => {
    const workbook = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
    const mime = await buildMime({
      from: 'socval@kvft.nhs.uk',
      to: ['board@kvft.nhs.uk'],
      subject: 'Social value — £ and “quotes”',
      text: 'Figures',
      html: '<p>Figures</p>',
      attachments: [
        { filename: 'social-value-2025-06.xlsx', content: workbook, contentType: 'application/octet-stream' },
      ],
    });

    const id = await sendRawEmail(local.ses, mime, { maxBytes: 100_000 });

    const [email] = await local.readMailbox();
    expect(email?.messageId).toBe(id);
    expect(email?.subject).toBe('Social value — £ and “quotes”');
    expect(Buffer.from(email?.attachments[0]?.content ?? '', 'base64')).toEqual(Buffer.from(workbook));
  });

  it('does not attempt a message over the size limit', async () => {
    const mime = await buildMime({
      from: 'a@kvft.nhs.uk',
      to: ['b@kvft.nhs.uk'],
      subject: 's',
      text: 'x'.repeat(5000),
      html: '',
    });
    await expect(sendRawEmail(local.ses, mime, { maxBytes: 1000 })).rejects.toThrow(EmailTooLargeError);
    expect(await local.readMailbox()).toEqual([]);
  });
});
