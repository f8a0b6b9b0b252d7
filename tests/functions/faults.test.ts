import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFunctionConfig } from '../../functions/config.ts';
import { type IngestOutcome, ingestS3Event } from '../../functions/ingest/ingest-event.ts';
import type { LocalAws } from '../../functions/local/local-aws.ts';
import type { S3Event } from '../../functions/s3-event.ts';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import { parseCuratedRows } from '../../shared/curated/index.ts';
import {
  archiveKeys,
  CURRENT_MANIFEST_KEY,
  CurrentManifestSchema,
  ReferenceManifestSchema,
  UploadManifestSchema,
} from '../../shared/pipeline/index.ts';
import { type Summary, SummarySchema } from '../../shared/report/index.ts';
import type { InputFile } from '../../shared/types.ts';
import { type Pipeline, pipelineEnv, startPipeline } from './pipeline-harness.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const REPORT_MONTH = '2024-06';

/** A June draft finance has to send again: most amounts unreadable. */
const REJECTED: InputFile = {
  name: 'kvft-payments-2024-06 draft.csv',
  bytes: Buffer.from(
    'Date,Supplier,Amount\r\n13/06/2024,Acme Ltd,tbc\r\n14/06/2024,Acme Ltd,tbc\r\n15/06/2024,Acme Ltd,1.00\r\n',
  ),
};

/** `file` with its last line's amount replaced by a credit note of `amount` (a corrected extract). */
function correctionOf(file: InputFile, name: string, amount: string): InputFile {
  const lines = Buffer.from(file.bytes).toString('latin1').trimEnd().split(/\r?\n/);
  const last = lines.at(-1)?.replace(/"?-?[\d,]+\.\d{2}"?\s*$/, `"${amount}"`) ?? '';
  return { name, bytes: Buffer.from(`${[...lines.slice(0, -1), last].join('\r\n')}\r\n`, 'latin1') };
}

interface Delivery {
  key: string;
  sha256: string;
  kind: 'ledger' | 'reference';
  event: S3Event;
}

type Status = 'accepted' | 'rejected' | 'retryable';

/** What the fault runs add up to, for docs/reliability.md. */
const figures = {
  faultsInjected: 0,
  redeliveries: 0,
  objectsLost: 0,
  linesDoubleCounted: 0,
  duplicateFinanceEmails: 0,
};

/**
 * The S3 client the ingest code is given, with a fault injected by middleware. No local server fails a
 * response half way or a write on demand, so the faults are made in the SDK; the bytes still go to and
 * come from the real local S3 server.
 */
function faultyS3(local: LocalAws, inject: FaultInjector): S3Client {
  const s3 = new S3Client({
    endpoint: local.s3Endpoint,
    forcePathStyle: true,
    region: local.env.AWS_REGION ?? 'eu-west-2',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const key = String((args.input as { Key?: unknown }).Key ?? '');
      await inject.before?.(command, key);
      const result = await next(args);
      await inject.after?.(command, key, result.output as { Body?: unknown });
      return result;
    },
    { step: 'initialize', name: 'injectFault' },
  );
  return s3;
}

interface FaultInjector {
  before?(command: string, key: string): Promise<void> | void;
  after?(command: string, key: string, output: { Body?: unknown }): Promise<void> | void;
}

/** Yields `body` until `limit` bytes have passed, then fails as a reset connection would. */
function breakAfter(body: Readable, limit: number): Readable {
  async function* truncated() {
    let seen = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (seen + chunk.length > limit) {
        yield chunk.subarray(0, Math.max(0, limit - seen));
        body.destroy();
        throw Object.assign(new Error('read ECONNRESET (injected)'), { code: 'ECONNRESET' });
      }
      seen += chunk.length;
      yield chunk;
    }
  }
  return Readable.from(truncated(), { objectMode: false });
}

/** An SES client that hangs while `frozen()` (a timed-out Lambda sends nothing more). */
function freezableSes(local: LocalAws, frozen: () => boolean): SESv2Client {
  const ses = new SESv2Client({
    endpoint: local.sesEndpoint,
    region: local.env.AWS_REGION ?? 'eu-west-2',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  ses.middlewareStack.add(
    (next) => async (args) => {
      if (frozen()) await new Promise<never>(() => {});
      return next(args);
    },
    { step: 'initialize', name: 'freeze' },
  );
  return ses;
}

/** The ingest code as the handler runs it, but on these clients (the handler builds its own). */
function ingestWith(
  pipeline: Pipeline,
  s3: S3Client,
  event: S3Event,
  ses: SESv2Client = pipeline.local.ses,
): Promise<IngestOutcome[]> {
  const config = parseFunctionConfig(pipelineEnv(pipeline.local));
  return ingestS3Event({ config, s3, ses }, event);
}

describe('ingest under faults converges to the fault-free state on re-delivery', () => {
  let files: { path: string; file: InputFile }[];
  let baseline: {
    summary: Summary;
    archive: Map<string, string>;
    current: unknown;
    statuses: Map<string, Status>;
    financeEmails: number;
  };

  /** A fresh local S3 and SES with every file uploaded in order (events not yet delivered). */
  async function freshPipeline(): Promise<{ pipeline: Pipeline; deliveries: Delivery[] }> {
    const pipeline = await startPipeline();
    await pipeline.local.clearMailbox();
    const deliveries: Delivery[] = [];
    for (const { path, file } of files) {
      deliveries.push({
        key: path,
        sha256: sha256(file.bytes),
        kind: path.startsWith('reference/') ? 'reference' : 'ledger',
        event: await pipeline.upload(path, file.bytes),
      });
    }
    return { pipeline, deliveries };
  }

  const delivery = (deliveries: Delivery[], path: string): Delivery => {
    const found = deliveries.find((d) => d.key === path);
    if (!found) throw new Error(`no upload ${path}`);
    return found;
  };

  /** For each upload, every state it is in: its manifest's status, and `retryable` while in the landing bucket. */
  async function statesOf(pipeline: Pipeline, deliveries: Delivery[]): Promise<Map<string, Status[]>> {
    const landing = new Set(await pipeline.listLanding());
    const archive = new Set((await pipeline.listArchive()).map((object) => object.key));
    const states = new Map<string, Status[]>();
    for (const { key, sha256: hash, kind } of deliveries) {
      const found: Status[] = [];
      const manifestKey =
        kind === 'ledger' ? archiveKeys.uploadManifest(hash) : archiveKeys.referenceManifest(hash);
      if (archive.has(manifestKey)) {
        const json = await pipeline.readArchiveJson(manifestKey);
        const schema = kind === 'ledger' ? UploadManifestSchema : ReferenceManifestSchema;
        found.push(schema.parse(json).status);
      }
      if (landing.has(key)) found.push('retryable');
      states.set(key, found);
    }
    return states;
  }

  /**
   * The ingest's archive objects (not the report run's: its folder and current.json), each with its bytes'
   * hash when they depend only on the uploads (not on event times or Message-IDs).
   */
  async function archiveContents(pipeline: Pipeline): Promise<Map<string, string>> {
    const contents = new Map<string, string>();
    for (const { key } of await pipeline.listArchive()) {
      if (key.startsWith('reports/') || key === CURRENT_MANIFEST_KEY) continue;
      const deterministic = /^(raw|curated)\/|\.errors\.csv$/.test(key);
      contents.set(key, deterministic ? sha256(await pipeline.readArchive(key)) : 'present');
    }
    return contents;
  }

  /** current.json as the last report run wrote it, without what differs between runs: event times, the run. */
  async function currentWithoutTimes(pipeline: Pipeline): Promise<unknown> {
    const { writtenBy: _, ...current } = CurrentManifestSchema.parse(
      await pipeline.readArchiveJson(CURRENT_MANIFEST_KEY),
    );
    return { ...current, uploads: current.uploads.map(({ receivedAt: _, ...upload }) => upload) };
  }

  async function reportSummary(pipeline: Pipeline): Promise<Summary> {
    const result = await pipeline.report({ month: REPORT_MONTH, dryRun: true });
    return SummarySchema.parse(
      await pipeline.readArchiveJson(archiveKeys.summary(result.month, result.runId ?? '')),
    );
  }

  const financeEmails = async (pipeline: Pipeline) =>
    (await pipeline.mailbox()).filter((mail) => mail.destination.to.includes('ap-team@kvft.nhs.uk')).length;

  /** Re-delivers `event` through the real handler, as Lambda's retry would. */
  async function redeliver(pipeline: Pipeline, event: S3Event): Promise<IngestOutcome[]> {
    figures.redeliveries++;
    return (await pipeline.ingest(event)).results;
  }

  /** Nothing lost mid-fault: each upload has a manifest or is still in incoming/ (or both, until re-delivered). */
  async function expectNothingLost(pipeline: Pipeline, deliveries: Delivery[]): Promise<void> {
    const states = await statesOf(pipeline, deliveries);
    const lost = [...states].filter(([, found]) => found.length === 0).map(([key]) => key);
    figures.objectsLost += lost.length;
    expect(lost).toEqual([]);
  }

  /**
   * The convergence invariant: each upload in exactly one state, the one it has fault-free; the archive holds
   * the same objects with the same raw and curated bytes; curated rows = manifest rows; one finance email per
   * rejected upload; the report's summary.json equals the fault-free run's.
   */
  async function expectConverged(
    pipeline: Pipeline,
    deliveries: Delivery[],
    { overlapping = false } = {},
  ): Promise<void> {
    const states = await statesOf(pipeline, deliveries);
    expect(Object.fromEntries(states)).toEqual(
      Object.fromEntries([...baseline.statuses].map(([key, status]) => [key, [status]])),
    );
    expect(await pipeline.listLanding()).toEqual([]);

    const archive = await archiveContents(pipeline);
    expect(Object.fromEntries(archive)).toEqual(Object.fromEntries(baseline.archive));
    for (const { sha256: hash, kind } of deliveries) {
      if (kind !== 'ledger' || !archive.has(archiveKeys.curatedLedger(hash))) continue;
      const manifest = UploadManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.uploadManifest(hash)),
      );
      const rows = parseCuratedRows((await pipeline.readArchive(archiveKeys.curatedLedger(hash))).toString());
      figures.linesDoubleCounted += Math.max(0, rows.length - manifest.rows);
      expect(rows).toHaveLength(manifest.rows);
    }
    // Deliveries that overlap can each tell finance before any has archived the email (at least once).
    const emails = await financeEmails(pipeline);
    if (overlapping) {
      figures.duplicateFinanceEmails += emails - baseline.financeEmails;
      expect(emails).toBeGreaterThanOrEqual(baseline.financeEmails);
      expect(emails).toBeLessThanOrEqual(3 * baseline.financeEmails);
    } else {
      expect(emails).toBe(baseline.financeEmails);
    }
    expect(await reportSummary(pipeline)).toEqual(baseline.summary);
    expect(await currentWithoutTimes(pipeline)).toEqual(baseline.current);
  }

  beforeAll(async () => {
    const trust = await generateSampleTrust({ firstMonth: '2024-04', lastMonth: '2024-06' });
    const [april, may, june] = trust.ledgerFiles;
    if (!april || !may || !june) throw new Error('expected three sample months');
    files = [
      { path: `reference/${trust.supplierReference.name}`, file: trust.supplierReference },
      ...[april, may, june].map((file) => ({ path: `incoming/${file.name}`, file })),
      { path: `incoming/${REJECTED.name}`, file: REJECTED },
      {
        path: 'incoming/kvft-payments-2024-05 corrected.csv',
        file: correctionOf(may, 'kvft-payments-2024-05 corrected.csv', '-10.00'),
      },
      {
        path: 'incoming/kvft-payments-2024-05 corrected again.csv',
        file: correctionOf(may, 'kvft-payments-2024-05 corrected again.csv', '-20.00'),
      },
    ];

    const { pipeline, deliveries } = await freshPipeline();
    try {
      for (const { event } of deliveries) await pipeline.ingest(event);
      const statuses = new Map<string, Status>();
      for (const [key, found] of await statesOf(pipeline, deliveries)) {
        const [status] = found;
        if (found.length !== 1 || status === undefined) throw new Error(`${key} is in ${found.join(', ')}`);
        statuses.set(key, status);
      }
      baseline = {
        summary: await reportSummary(pipeline),
        archive: await archiveContents(pipeline),
        current: await currentWithoutTimes(pipeline),
        statuses,
        financeEmails: await financeEmails(pipeline),
      };
    } finally {
      await pipeline.stop();
    }
  });

  afterAll(() => {
    process.stdout.write(`fault figures: ${JSON.stringify(figures)}\n`);
  });

  it('has a fault-free baseline with accepted and rejected uploads and a replaced month', () => {
    expect([...baseline.statuses.values()].sort()).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'rejected',
    ]);
    expect(baseline.financeEmails).toBe(1);
    expect(baseline.current).toMatchObject({
      months: { '2024-05': [{ name: 'kvft-payments-2024-05 corrected again.csv' }] },
    });
  });

  it('converges when every event is delivered three times at once', async () => {
    const { pipeline, deliveries } = await freshPipeline();
    try {
      for (const { event } of deliveries) {
        figures.faultsInjected++;
        figures.redeliveries += 2;
        const outcomes = (await Promise.all([1, 2, 3].map(() => pipeline.ingest(event)))).flatMap((result) =>
          result.results.map((outcome) => outcome.outcome),
        );
        expect(outcomes.some((outcome) => outcome === 'accepted' || outcome === 'rejected')).toBe(true);
      }
      await expectConverged(pipeline, deliveries, { overlapping: true });
    } finally {
      await pipeline.stop();
    }
  });

  describe('two corrected uploads for one month racing: the later arrival wins, whichever finishes first', () => {
    const FIRST = 'incoming/kvft-payments-2024-05 corrected.csv';
    const SECOND = 'incoming/kvft-payments-2024-05 corrected again.csv';

    it.each([
      ['concurrently', 'both at once'],
      ['later arrival first', 'the later arrival finishes before the earlier one starts'],
    ])('%s (%s)', async (order) => {
      const { pipeline, deliveries } = await freshPipeline();
      try {
        const racing = [delivery(deliveries, FIRST), delivery(deliveries, SECOND)];
        for (const d of deliveries) if (!racing.includes(d)) await pipeline.ingest(d.event);
        figures.faultsInjected++;
        if (order === 'concurrently') {
          await Promise.all(racing.map((d) => pipeline.ingest(d.event)));
        } else {
          for (const d of [...racing].reverse()) await pipeline.ingest(d.event);
        }
        await expectConverged(pipeline, deliveries);
      } finally {
        await pipeline.stop();
      }
    });
  });

  const MAY = 'incoming/kvft-payments-2024-05.csv';
  const DRAFT = `incoming/${REJECTED.name}`;

  describe('an S3 read that fails mid-stream, then re-delivery', () => {
    it.each([
      ['the landing object, while hashing', MAY, 'incoming/', 1],
      ['the landing object, while archiving the original', MAY, 'incoming/', 2],
      ['the archived original, while parsing it', MAY, 'raw/ledger/', 1],
      ['a rejected upload, on the first read of its original', DRAFT, 'raw/ledger/', 1],
      ['a rejected upload, on the second read of its original', DRAFT, 'raw/ledger/', 2],
    ])('%s', async (_, path, prefix, nth) => {
      const { pipeline, deliveries } = await freshPipeline();
      try {
        const target = delivery(deliveries, path);
        let reads = 0;
        let injected = 0;
        const s3 = faultyS3(pipeline.local, {
          after(command, key, output) {
            if (command !== 'GetObjectCommand' || !key.startsWith(prefix)) return;
            if (++reads !== nth || !(output.Body instanceof Readable)) return;
            injected++;
            output.Body = breakAfter(output.Body, 40);
          },
        });
        for (const d of deliveries) if (d !== target) await pipeline.ingest(d.event);

        await expect(ingestWith(pipeline, s3, target.event)).rejects.toThrow(/ECONNRESET/);
        expect(injected).toBe(1);
        figures.faultsInjected++;
        await expectNothingLost(pipeline, deliveries);
        expect((await statesOf(pipeline, [target])).get(path)).toEqual(['retryable']);

        await redeliver(pipeline, target.event);
        await expectConverged(pipeline, deliveries);
      } finally {
        await pipeline.stop();
      }
    });
  });

  describe('a write that fails after some outputs were written, then re-delivery', () => {
    it.each([
      ['the curated rows', MAY, 'PutObjectCommand', 'curated/'],
      ['the upload manifest', MAY, 'PutObjectCommand', 'manifests/uploads/'],
      ['removing the landing object', MAY, 'DeleteObjectCommand', 'incoming/'],
      ['the error report of a rejected upload', DRAFT, 'PutObjectCommand', 'quarantine/'],
      ['the rejected upload manifest', DRAFT, 'PutObjectCommand', 'manifests/uploads/'],
    ])('%s', async (_, path, failing, prefix) => {
      const { pipeline, deliveries } = await freshPipeline();
      try {
        const target = delivery(deliveries, path);
        let injected = 0;
        const s3 = faultyS3(pipeline.local, {
          before(command, key) {
            if (command !== failing || !key.startsWith(prefix) || injected > 0) return;
            if (prefix === 'quarantine/' && !key.endsWith('.errors.csv')) return;
            injected++;
            throw Object.assign(new Error(`${command} ${key}: InternalError (injected)`), {
              name: 'InternalError',
              $metadata: { httpStatusCode: 500 },
            });
          },
        });
        for (const d of deliveries) if (d !== target) await pipeline.ingest(d.event);

        await expect(ingestWith(pipeline, s3, target.event)).rejects.toThrow(/injected/);
        expect(injected).toBe(1);
        figures.faultsInjected++;
        await expectNothingLost(pipeline, deliveries);
        expect((await statesOf(pipeline, [target])).get(path)).toContain('retryable');

        await redeliver(pipeline, target.event);
        await expectConverged(pipeline, deliveries);
      } finally {
        await pipeline.stop();
      }
    });
  });

  describe('the function timing out half way, then re-delivery', () => {
    it.each([
      ['after the original is archived', MAY, 'raw/ledger/'],
      ['after the curated rows are written', MAY, 'curated/'],
      ['after the upload manifest is written', MAY, 'manifests/uploads/'],
      ['after a rejected upload is quarantined', DRAFT, 'quarantine/'],
      ['after the error report is written, before finance is emailed', DRAFT, 'quarantine/'],
    ])('%s', async (point, path, prefix) => {
      const { pipeline, deliveries } = await freshPipeline();
      try {
        const target = delivery(deliveries, path);
        const finalWrite = point.includes('error report') ? /\.errors\.csv$/ : /./;
        let frozen = false;
        let timeOut: () => void = () => {};
        const timedOut = new Promise<never>((_, reject) => {
          timeOut = () => reject(new Error('Task timed out (injected)'));
        });
        const s3 = faultyS3(pipeline.local, {
          // A Lambda that times out is frozen: nothing it started afterwards reaches S3.
          async before() {
            if (frozen) await new Promise<never>(() => {});
          },
          after(command, key) {
            if (command !== 'PutObjectCommand' || !key.startsWith(prefix) || !finalWrite.test(key)) return;
            frozen = true;
            timeOut();
          },
        });
        for (const d of deliveries) if (d !== target) await pipeline.ingest(d.event);

        const ses = freezableSes(pipeline.local, () => frozen);
        await expect(Promise.race([ingestWith(pipeline, s3, target.event, ses), timedOut])).rejects.toThrow(
          /timed out/,
        );
        figures.faultsInjected++;
        await expectNothingLost(pipeline, deliveries);
        expect((await statesOf(pipeline, [target])).get(path)).toContain('retryable');

        await redeliver(pipeline, target.event);
        await expectConverged(pipeline, deliveries);
      } finally {
        await pipeline.stop();
      }
    });
  });
});
