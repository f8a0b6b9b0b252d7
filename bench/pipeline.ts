/**
 * `npm run bench:pipeline [MB]`: one ledger extract of MB megabytes (default 200) through the real ingest
 * handler on local S3 and SES — generated and uploaded as a stream, hashed, archived, read as a stream and
 * curated — printing the time taken and the most memory held. Asserts only that every line arrived.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { getObjectBytes, uploadStream } from '../functions/adapters/s3.ts';
import { startLocalAws } from '../functions/local/local-aws.ts';
import type { S3Event } from '../functions/s3-event.ts';
import { formatPence } from '../shared/money/format-pence.ts';
import { archiveKeys, UploadManifestSchema } from '../shared/pipeline/index.ts';

const SUPPLIERS = ['Medway Catering Ltd', 'Kent Linen Services', 'Acme Surgical Ltd', 'Maidstone Taxis'];

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 200);
  const target = megabytes * 2 ** 20;
  const directory = await mkdtemp(join(tmpdir(), 'socval-bench-'));
  const local = await startLocalAws({ directory });
  try {
    await local.createBuckets('bench-landing', 'bench-archive');
    Object.assign(process.env, local.env, {
      LANDING_BUCKET: 'bench-landing',
      ARCHIVE_BUCKET: 'bench-archive',
      SENDER: 'socval@bench.nhs.uk',
      BOARD_RECIPIENTS: 'board@bench.nhs.uk',
      FINANCE_ADDRESS: 'finance@bench.nhs.uk',
      TRUST_NAME: 'Bench Trust',
    });
    const { handler } = await import('../functions/ingest/handler.ts');
    const events: S3Event[] = [];
    local.onObjectCreated((event) => {
      if (event.Records.some((record) => record.s3.bucket.name === 'bench-landing')) events.push(event);
    });

    const hash = createHash('sha256');
    let lines = 0;
    let pence = 0;
    async function* extract() {
      let bytes = 0;
      const header = Buffer.from('Date Paid,Supplier Name,Transaction Number,Description,Amount\r\n');
      hash.update(header);
      yield header;
      while (bytes < target) {
        const rows: string[] = [];
        for (let i = 0; i < 5000; i++) {
          lines += 1;
          const amount = ((lines * 7919) % 2_000_000) - 50_000;
          pence += amount;
          rows.push(
            `${13 + (lines % 16)}/05/2024,${SUPPLIERS[lines % SUPPLIERS.length]},TX${lines},Order ${lines},${formatPence(amount)}\r\n`,
          );
        }
        const chunk = Buffer.from(rows.join(''));
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    }
    const key = `incoming/2024-05 bench ${megabytes}MB.csv`;
    await uploadStream(local.s3, { bucket: 'bench-landing', key }, Readable.from(extract()));
    await local.idle();
    const sha256 = hash.digest('hex');
    const event = events.at(-1);
    if (!event) throw new Error('no S3 event for the upload');

    // With --expose-gc (the npm script passes it) each sample first collects garbage, so the peak is of
    // memory actually held, not of garbage V8 has not collected yet.
    const gc = (globalThis as { gc?: () => void }).gc;
    let peakRss = 0;
    let peakHeld = 0;
    const sample = () => {
      gc?.();
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeld = Math.max(peakHeld, usage.heapUsed + usage.arrayBuffers);
    };
    sample();
    const before = process.memoryUsage();
    const timer = setInterval(sample, gc ? 1000 : 20);
    const started = performance.now();
    const { results } = await handler(event);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    sample();

    const manifestBytes = await getObjectBytes(local.s3, 'bench-archive', archiveKeys.uploadManifest(sha256));
    const manifest = UploadManifestSchema.parse(JSON.parse(Buffer.from(manifestBytes).toString('utf8')));
    if (manifest.rows !== lines || manifest.total !== formatPence(pence)) {
      throw new Error(
        `expected ${lines} lines totalling ${formatPence(pence)}, the manifest says ${manifest.rows} / ${manifest.total}`,
      );
    }
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
    console.log(
      `ingest of a ${megabytes} MB CSV extract (${lines} lines): ${results[0]?.outcome} in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `  ${(megabytes / seconds).toFixed(1)} MB/s; peak RSS ${mb(peakRss)} (before ${mb(before.rss)}),`,
    );
    console.log(
      `  peak heap + buffers ${mb(peakHeld)}${gc ? ' after GC' : ''} (before ${mb(before.heapUsed + before.arrayBuffers)}); s3rver runs in the same process`,
    );
  } finally {
    await local.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
