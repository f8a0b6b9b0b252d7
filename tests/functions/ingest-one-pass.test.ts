import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCuratedRows } from '../../shared/curated/index.ts';
import { readLedger } from '../../shared/ledger/index.ts';
import { archiveKeys, UploadManifestSchema } from '../../shared/pipeline/index.ts';
import { type Pipeline, startPipeline } from './pipeline-harness.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * 60,000 good May 2024 lines — over 5 MB of curated rows, so the curated object's multipart upload has
 * sent a part before the end — then `bad` lines whose amounts nobody can read, at the end of the file.
 */
function extract(bad: number): string {
  const lines = ['Date Paid,Supplier Name,Transaction Number,Description,Amount'];
  for (let i = 1; i <= 60_000; i++) {
    lines.push(`${13 + (i % 16)}/05/2024,Medway Catering Ltd,TX${i},Order ${i} for ward ${i % 40},${i}.00`);
  }
  for (let i = 1; i <= bad; i++) lines.push(`28/05/2024,Kent Linen Services,TXB${i},Order,TBC`);
  return `${lines.join('\r\n')}\r\n`;
}

describe('the ingest handler on a large file read in one pass', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(() => pipeline.stop());

  it('rejected only at its end, after its lines went to the curated upload: no curated object, and no manifest names one', async () => {
    // prepare: 6,000 of 66,000 lines unreadable (9%, over the 5% allowed)
    const text = extract(6000);
    const name = '2024-05 AP extract.csv';
    const expected = await readLedger({ name, bytes: Buffer.from(text) });
    const event = await pipeline.upload(`incoming/${name}`, text);
    const hash = sha256(text);
    const curatedCalls: string[] = [];
    const send = S3Client.prototype.send as (this: S3Client, ...args: unknown[]) => Promise<unknown>;
    const spy = vi.spyOn(S3Client.prototype, 'send').mockImplementation(function (
      this: S3Client,
      ...args: unknown[]
    ) {
      const command = args[0] as { input: { Key?: string }; constructor: { name: string } };
      if (command.input.Key === archiveKeys.curatedLedger(hash)) curatedCalls.push(command.constructor.name);
      return send.apply(this, args);
    } as S3Client['send']);
    // act
    const { results } = await pipeline.ingest(event).finally(() => spy.mockRestore());
    // assert
    expect(expected.status).toBe('rejected');
    // The lines went to the curated upload while the file was read; the rejection aborted it.
    expect(curatedCalls).toContain('UploadPartCommand');
    expect(curatedCalls.at(-1)).toBe('AbortMultipartUploadCommand');
    expect(curatedCalls).not.toContain('CompleteMultipartUploadCommand');
    expect(curatedCalls).not.toContain('PutObjectCommand');
    expect(results).toEqual([{ key: `incoming/${name}`, outcome: 'rejected', kind: 'ledger', sha256: hash }]);
    const keys = (await pipeline.listArchive()).map((object) => object.key);
    expect(keys.filter((key) => key.startsWith('curated/'))).toEqual([]);
    expect(keys).not.toContain(archiveKeys.curatedLedger(hash));
    const manifest = UploadManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.uploadManifest(hash)),
    );
    expect(manifest).toMatchObject({
      status: 'rejected',
      rows: 0,
      total: '0.00',
      months: [],
      monthTotals: {},
      issueCount: expected.issues.length,
      quarantineKey: archiveKeys.quarantine(hash, name),
      errorReportKey: archiveKeys.errorReport(hash, name),
      rejection: expected.rejection,
    });
    expect(manifest.curatedKey).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('curated/');
    expect((await pipeline.readArchive(archiveKeys.quarantine(hash, name))).toString()).toBe(text);
    const errors = (await pipeline.readArchive(archiveKeys.errorReport(hash, name))).toString('utf8');
    expect(errors).toMatch(/2024-05 AP extract\.csv,60002,Amount,TBC,/);
    expect(await pipeline.mailbox()).toHaveLength(1);
  }, 120_000);

  it('accepted at its end: the curated object holds every line once, as readLedger reads them', async () => {
    // prepare: 600 unreadable lines of 60,600 (1%) are allowed
    const text = extract(600);
    const name = '2024-05 AP extract (corrected).csv';
    const expected = await readLedger({ name, bytes: Buffer.from(text) });
    const event = await pipeline.upload(`incoming/${name}`, text);
    // act
    const { results } = await pipeline.ingest(event);
    // assert
    const hash = sha256(text);
    expect(results).toEqual([{ key: `incoming/${name}`, outcome: 'accepted', kind: 'ledger', sha256: hash }]);
    const curated = parseCuratedRows(
      (await pipeline.readArchive(archiveKeys.curatedLedger(hash))).toString(),
    );
    expect(curated).toEqual(expected.lines);
    const manifest = UploadManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.uploadManifest(hash)),
    );
    expect(manifest).toMatchObject({
      status: 'accepted',
      rows: 60_000,
      curatedKey: archiveKeys.curatedLedger(hash),
    });
  }, 120_000);
});
