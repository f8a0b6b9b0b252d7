import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readObjectLineBatches, uploadStream } from '../../functions/adapters/s3.ts';
import { parseCuratedRow } from '../../shared/curated/index.ts';
import { formatPence } from '../../shared/money/format-pence.ts';
import { archiveKeys, UploadManifestSchema } from '../../shared/pipeline/index.ts';
import { ARCHIVE, LANDING, type Pipeline, startPipeline } from './pipeline-harness.ts';

/**
 * 40 MB: big enough that holding it (bytes, text and line objects) would show as hundreds of MB of heap,
 * small enough to keep the suite within its minute. The 200 MB run is `npm run bench:pipeline`.
 */
const TARGET_BYTES = 40 * 1024 * 1024;
/** What an ingest may hold whatever the file's size; holding this file whole would take several times it. */
const MEMORY_BUDGET_MB = 64;
const SUPPLIERS = [
  'Medway Catering Ltd',
  'Kent Linen Services',
  'Acme Surgical Ltd',
  'Maidstone Taxis',
  'REDACTED',
];

/** A month's extract of `TARGET_BYTES`, generated chunk by chunk, with its true line count, total and hash. */
function generateExtract(): {
  chunks: AsyncIterable<Uint8Array>;
  truth: () => { lines: number; pence: number; sha256: string; bytes: number };
} {
  const hash = createHash('sha256');
  let lines = 0;
  let pence = 0;
  let bytes = 0;
  async function* chunks() {
    const header = 'Date Paid,Supplier Name,Transaction Number,Expense Type,Description,Amount\r\n';
    hash.update(header);
    bytes += header.length;
    yield Buffer.from(header);
    while (bytes < TARGET_BYTES) {
      const rows: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const n = lines + 1;
        const amount = ((n * 7919) % 2_000_000) - 50_000;
        lines = n;
        pence += amount;
        const day = 13 + (n % 16);
        rows.push(
          `${day}/05/2024,${SUPPLIERS[n % SUPPLIERS.length]},TX${String(n).padStart(9, '0')},Clinical supplies,` +
            `Order ${n} for ward ${n % 40}: gloves; aprons; wipes,${formatPence(amount)}\r\n`,
        );
      }
      const chunk = Buffer.from(rows.join(''));
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }
  return { chunks: chunks(), truth: () => ({ lines, pence, sha256: hash.digest('hex'), bytes }) };
}

/**
 * The most memory (heap and buffers) held above what was held before `run`, sampled twice a second after
 * a full garbage collection, so it measures what is kept, not garbage V8 has yet to collect.
 */
async function peakMemoryDuring<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const held = () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  await new Promise((resolve) => setTimeout(resolve, 50));
  held();
  const baseline = held();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, held());
  }, 500);
  try {
    const result = await run();
    return { result, peakMb: (peak - baseline) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

describe('a large extract', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(() => pipeline.stop());

  it('is streamed: every line counted and curated, without holding the file in memory', async () => {
    const key = 'incoming/2024-05 AP extract (full).csv';
    const extract = generateExtract();
    const events: unknown[] = [];
    const stop = pipeline.local.onObjectCreated((event) => {
      events.push(event);
    });
    await uploadStream(pipeline.local.s3, { bucket: LANDING, key }, Readable.from(extract.chunks));
    await pipeline.local.idle();
    stop();
    const truth = extract.truth();
    const event = events.find((e) => JSON.stringify(e).includes(LANDING)) as Parameters<
      Pipeline['ingest']
    >[0];
    expect(event.Records[0]?.eventName).toBe('ObjectCreated:Post'); // multipart, as big uploads arrive

    const { result, peakMb } = await peakMemoryDuring(() => pipeline.ingest(event));

    expect(result.results).toEqual([{ key, outcome: 'accepted', kind: 'ledger', sha256: truth.sha256 }]);
    const manifest = UploadManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.uploadManifest(truth.sha256)),
    );
    expect(manifest).toMatchObject({
      rows: truth.lines,
      total: formatPence(truth.pence),
      size: truth.bytes,
      months: ['2024-05'],
    });

    let curatedLines = 0;
    let curatedPence = 0;
    let lineNumber = 0;
    for await (const batch of readObjectLineBatches(
      pipeline.local.s3,
      ARCHIVE,
      archiveKeys.curatedLedger(truth.sha256),
    )) {
      for (const text of batch) {
        lineNumber += 1;
        if (lineNumber === 1) continue;
        const line = parseCuratedRow(text, lineNumber);
        curatedLines += 1;
        curatedPence += line.amount;
      }
    }
    expect({ curatedLines, curatedPence }).toEqual({ curatedLines: truth.lines, curatedPence: truth.pence });
    console.info(`40 MB extract: ${truth.lines} lines, peak memory held ${peakMb.toFixed(0)} MB`);
    // Read whole (readLedger on the buffered bytes) it held 600 MB. Streamed it holds 35–45 MB, the same as
    // the 200 MB bench: the multipart uploads' part buffers (5 MB parts, 4 in flight) and s3rver, which
    // runs in this process, receiving them — a budget that does not grow with the file.
    expect(peakMb).toBeLessThan(MEMORY_BUDGET_MB);
  }, 120_000);
});
