import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadUploadManifests } from '../../functions/archive/archive-records.ts';
import type { ReportResult } from '../../functions/report/run-monthly-report.ts';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import {
  archiveKeys,
  buildCurrentManifest,
  CURRENT_MANIFEST_KEY,
  CurrentManifestSchema,
  ReportManifestSchema,
} from '../../shared/pipeline/index.ts';
import type { InputFile } from '../../shared/types.ts';
import { ARCHIVE, type Pipeline, startPipeline } from './pipeline-harness.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A May extract finance has to send again: the amounts are text. */
const REJECTED: InputFile = {
  name: 'kvft-payments-2024-05 draft.csv',
  bytes: Buffer.from('Date,Supplier,Amount\r\n13/05/2024,Acme Ltd,tbc\r\n14/05/2024,Acme Ltd,tbc\r\n'),
};

/** `file` with its last line's amount replaced by a credit note (a corrected extract for the same month). */
function correctionOf(file: InputFile, name: string): InputFile {
  const lines = Buffer.from(file.bytes).toString('latin1').trimEnd().split(/\r?\n/);
  const last = lines.at(-1)?.replace(/"?-?[\d,]+\.\d{2}"?\s*$/, '"-10.00"') ?? '';
  return { name, bytes: Buffer.from(`${[...lines.slice(0, -1), last].join('\r\n')}\r\n`, 'latin1') };
}

describe('current.json, written by the report run from the upload manifests it used', () => {
  let pipeline: Pipeline;
  let april: InputFile;
  let may: InputFile;
  let june: InputFile;
  let mayCorrected: InputFile;

  const ingestAll = async (files: InputFile[]) => {
    for (const file of files)
      await pipeline.ingest(await pipeline.upload(`incoming/${file.name}`, file.bytes));
  };
  const archiveKeyList = async () => (await pipeline.listArchive()).map((object) => object.key);
  const readCurrent = async (key: string) => CurrentManifestSchema.parse(await pipeline.readArchiveJson(key));

  beforeAll(async () => {
    pipeline = await startPipeline();
    const trust = await generateSampleTrust({ firstMonth: '2024-04', lastMonth: '2024-06' });
    [april, may, june] = trust.ledgerFiles as [InputFile, InputFile, InputFile];
    mayCorrected = correctionOf(may, 'kvft-payments-2024-05 corrected.csv');
    await ingestAll([april, may, REJECTED, mayCorrected]);
    await pipeline.local.clearMailbox();
  });
  afterAll(() => pipeline.stop());

  it('is not written by the ingest', async () => {
    expect(await archiveKeyList()).not.toContain(CURRENT_MANIFEST_KEY);
  });

  let sent: ReportResult;

  it('lists exactly the accepted uploads with the months each owns, as buildCurrentManifest of the manifests, in the run folder and as the latest view', async () => {
    sent = await pipeline.report({ month: '2024-05' });

    expect(sent).toMatchObject({ status: 'sent', sent: true });
    const runId = sent.runId ?? '';
    const runKey = archiveKeys.reportCurrentManifest('2024-05', runId);
    const manifestKey = archiveKeys.reportManifest('2024-05', runId);
    const latest = await readCurrent(CURRENT_MANIFEST_KEY);
    const manifests = await loadUploadManifests(pipeline.local.s3, ARCHIVE);
    expect(latest).toEqual({
      ...buildCurrentManifest(manifests),
      writtenBy: {
        reportMonth: '2024-05',
        runId,
        runAt: expect.any(String),
        dryRun: false,
        manifestKey,
      },
    });
    expect(latest.uploads.map((upload) => [upload.name, upload.currentMonths])).toEqual([
      [april.name, ['2024-04']],
      [may.name, []],
      [mayCorrected.name, ['2024-05']],
    ]);
    expect(latest.uploads.map((upload) => upload.sha256)).not.toContain(sha256(REJECTED.bytes));
    expect(Object.keys(latest.months).sort()).toEqual(['2024-04', '2024-05']);
    // The run's own copy is the same bytes: the immutable record of which uploads its figures used.
    expect(await pipeline.readArchive(runKey)).toEqual(await pipeline.readArchive(CURRENT_MANIFEST_KEY));
    const run = ReportManifestSchema.parse(await pipeline.readArchiveJson(manifestKey));
    expect(run.outputs.current).toBe(runKey);
    expect(latest.writtenBy?.runAt).toBe(run.runAt);
    expect(sent.keys).toEqual(expect.arrayContaining([runKey, CURRENT_MANIFEST_KEY]));
  });

  it('stays as the last report run left it while uploads arrive', async () => {
    const before = await pipeline.readArchive(CURRENT_MANIFEST_KEY);

    await ingestAll([june]);

    expect(await pipeline.readArchive(CURRENT_MANIFEST_KEY)).toEqual(before);
  });

  it('is written by a dry run too, which says so and sends nothing', async () => {
    await pipeline.local.clearMailbox();

    const dry = await pipeline.report({ month: '2024-06', dryRun: true });

    expect(dry).toMatchObject({ status: 'dry-run', sent: false });
    expect(await pipeline.mailbox()).toHaveLength(0);
    const latest = await readCurrent(CURRENT_MANIFEST_KEY);
    expect(latest.writtenBy).toMatchObject({ reportMonth: '2024-06', runId: dry.runId, dryRun: true });
    expect(latest.uploads.find((upload) => upload.sha256 === sha256(june.bytes))?.currentMonths).toEqual([
      '2024-06',
    ]);
    expect(await pipeline.readArchive(archiveKeys.reportCurrentManifest('2024-06', dry.runId ?? ''))).toEqual(
      await pipeline.readArchive(CURRENT_MANIFEST_KEY),
    );
    // The earlier run's record is untouched.
    const first = await readCurrent(archiveKeys.reportCurrentManifest('2024-05', sent.runId ?? ''));
    expect(first.uploads.map((upload) => upload.sha256)).not.toContain(sha256(june.bytes));
  });

  it('is not replaced by a run that started before the one that wrote it; that run keeps its own copy', async () => {
    const before = await pipeline.readArchive(CURRENT_MANIFEST_KEY);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-07-01T06:00:00Z'));
    // The handler reads the clock once, as it starts; S3 must then see the real time to accept signatures.
    const running = pipeline.report({ month: '2024-06', dryRun: true });
    vi.useRealTimers();

    const earlier = await running;

    expect(earlier).toMatchObject({ status: 'dry-run' });
    expect(earlier.keys).not.toContain(CURRENT_MANIFEST_KEY);
    expect(await pipeline.readArchive(CURRENT_MANIFEST_KEY)).toEqual(before);
    const own = await readCurrent(archiveKeys.reportCurrentManifest('2024-06', earlier.runId ?? ''));
    expect(own.writtenBy).toMatchObject({ runId: earlier.runId, runAt: '2024-07-01T06:00:00.000Z' });
  });
});
