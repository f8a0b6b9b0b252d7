import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLimited } from '../../functions/map-limited.ts';
import type { S3Event } from '../../functions/s3-event.ts';
import { buildSampleModel } from '../../sample/generate-trust.ts';
import { layoutFor } from '../../sample/layouts.ts';
import { createRandom } from '../../sample/random.ts';
import { renderExtract } from '../../sample/render-extract.ts';
import { parseCuratedRows } from '../../shared/curated/index.ts';
import {
  archiveKeys,
  CURRENT_MANIFEST_KEY,
  CurrentManifestSchema,
  UploadManifestSchema,
} from '../../shared/pipeline/index.ts';
import { SummarySchema } from '../../shared/report/index.ts';
import type { InputFile } from '../../shared/types.ts';
import { type Pipeline, startPipeline } from './pipeline-harness.ts';

const MONTHS = [
  '2024-04',
  '2024-05',
  '2024-06',
  '2024-07',
  '2024-08',
  '2024-09',
  '2024-10',
  '2024-11',
  '2024-12',
  '2025-01',
  '2025-02',
  '2025-03',
] as const;
const COST_CENTRES = 16;
/** Broken extracts finance has to send again, mixed into the burst. */
const BROKEN = 8;
/** Lambda's concurrency for the ingest function during the burst. */
const CONCURRENCY = 16;
/**
 * Generous: about 300 MiB was measured, s3rver and SES in the same process. It catches an ingest that
 * keeps what it read (every upload held at once), not a few MB.
 */
const HEAP_BOUND = 768 * 1024 * 1024;

interface Upload {
  key: string;
  file: InputFile;
  sha256: string;
  month: string;
  expected: 'accepted' | 'rejected';
  /** The generator's own amounts (pence) and dates: the truth, not read by the code under test. */
  lines: { date: string; amount: number }[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sumPence = (lines: readonly { amount: number }[]) => lines.reduce((sum, line) => sum + line.amount, 0);
/** `"-1234.56"` → -123456, by the digits (no floating point). */
const toPence = (money: string) => {
  const [pounds = '0', pennies = '00'] = money.replace('-', '').split('.');
  return (money.startsWith('-') ? -1 : 1) * (Number(pounds) * 100 + Number(pennies));
};

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function spreadOver<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from(
    { length: count },
    (_, i) => items[Math.floor((i * (items.length - 1)) / (count - 1))] as T,
  );
}

/** 16 cost centres × 12 months of realistic extracts (each its own trust model), plus 8 with unreadable amounts. */
async function generateBurst(): Promise<Upload[]> {
  const uploads: Upload[] = [];
  for (let centre = 0; centre < COST_CENTRES; centre++) {
    const model = buildSampleModel({ seed: 7100 + centre, firstMonth: MONTHS[0], lastMonth: MONTHS[11] });
    for (const month of MONTHS) {
      const all = model.lines.filter((line) => line.month === month);
      // Spread over the month, so day-first and month-first dates stay decidable as in a full extract.
      const lines = spreadOver(all, 10 + centre);
      const extract = await renderExtract(month, lines, layoutFor(month));
      const name = `CC${401 + centre} ${extract.name}`;
      uploads.push({
        key: `incoming/${name}`,
        file: { name, bytes: extract.bytes },
        sha256: sha256(extract.bytes),
        month,
        expected: 'accepted',
        lines: lines.map((line) => ({ date: line.date, amount: line.amount })),
      });
    }
  }
  for (let index = 0; index < BROKEN; index++) {
    const month = MONTHS[index] ?? '2024-04';
    const name = `CC499 payments ${month} draft.csv`;
    const day = `1${index}/${month.slice(5)}/${month.slice(0, 4)}`;
    const bytes = Buffer.from(
      `Date,Supplier,Amount\r\n${day},Acme Ltd,tbc\r\n${day},Acme Ltd,TBC ${index}\r\n`,
    );
    uploads.push({
      key: `incoming/${name}`,
      file: { name, bytes },
      sha256: sha256(bytes),
      month,
      expected: 'rejected',
      lines: [],
    });
  }
  return uploads;
}

describe('a burst of 200 uploads through the local pipeline', () => {
  let pipeline: Pipeline;
  /** In upload order: the order S3 stamps their event times, so the order uploads replace each other. */
  let uploads: Upload[];
  let events: S3Event[];
  let results: Awaited<ReturnType<Pipeline['ingest']>>['results'];
  let peakHeap = 0;
  let peakRss = 0;
  let heapBefore = 0;

  beforeAll(async () => {
    pipeline = await startPipeline({ FIRST_FINANCIAL_YEAR: '2024/25' });
    uploads = shuffle(await generateBurst(), 20240401);
    events = [];
    for (const upload of uploads) events.push(await pipeline.upload(upload.key, upload.file.bytes));

    heapBefore = process.memoryUsage().heapUsed;
    const sample = () => {
      const { heapUsed, rss } = process.memoryUsage();
      peakHeap = Math.max(peakHeap, heapUsed);
      peakRss = Math.max(peakRss, rss);
    };
    const sampler = setInterval(sample, 20);
    try {
      const burst = shuffle(events, 7);
      const outcomes = await mapLimited(burst, CONCURRENCY, (event) => pipeline.ingest(event));
      results = outcomes.flatMap((outcome) => outcome.results);
    } finally {
      sample();
      clearInterval(sampler);
    }
  }, 300_000);
  afterAll(() => pipeline?.stop());

  it('generates 200 distinct files, a few thousand lines', () => {
    expect(uploads).toHaveLength(200);
    expect(new Set(uploads.map((upload) => upload.sha256)).size).toBe(200);
    expect(new Set(uploads.map((upload) => upload.key)).size).toBe(200);
    const lines = uploads.reduce((sum, upload) => sum + upload.lines.length, 0);
    expect(lines).toBeGreaterThan(2000);
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    console.info(
      `load figures: ${uploads.length} uploads, ${lines} lines; heap ${mib(heapBefore)} before the burst, peak heap ${mib(peakHeap)}, peak RSS ${mib(peakRss)}`,
    );
  });

  it('processes every upload exactly once: accepted or rejected as expected, landing emptied', async () => {
    expect(results).toHaveLength(200);
    const byKey = new Map(results.map((result) => [result.key, result]));
    expect(byKey.size).toBe(200);
    for (const upload of uploads) {
      expect(byKey.get(upload.key)).toEqual({
        key: upload.key,
        outcome: upload.expected,
        kind: 'ledger',
        sha256: upload.sha256,
      });
    }
    expect(await pipeline.listLanding()).toEqual([]);
    expect(await pipeline.mailbox()).toHaveLength(BROKEN);
    // current.json is written by the report run (below), not by each ingest.
    expect((await pipeline.listArchive()).map((object) => object.key)).not.toContain(CURRENT_MANIFEST_KEY);
  });

  it('writes one manifest per upload and curated rows equal to the input lines, count and pence', async () => {
    const keys = (await pipeline.listArchive()).map((object) => object.key);
    const manifestKeys = keys.filter((key) =>
      key.startsWith(archiveKeys.uploadManifest('').replace(/\.json$/, '')),
    );
    expect(manifestKeys.sort()).toEqual(
      uploads.map((upload) => archiveKeys.uploadManifest(upload.sha256)).sort(),
    );

    let rows = 0;
    let pence = 0;
    await mapLimited(uploads, 8, async (upload) => {
      const manifest = UploadManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.uploadManifest(upload.sha256)),
      );
      expect(manifest).toMatchObject({
        status: upload.expected,
        sourceKey: upload.key,
        name: upload.file.name,
      });
      if (upload.expected === 'rejected') {
        expect(keys).not.toContain(archiveKeys.curatedLedger(upload.sha256));
        return;
      }
      const curated = parseCuratedRows(
        (await pipeline.readArchive(archiveKeys.curatedLedger(upload.sha256))).toString('utf8'),
      );
      expect(curated.map((line) => [line.date, line.amount])).toEqual(
        upload.lines.map((line) => [line.date, line.amount]),
      );
      expect([manifest.rows, toPence(manifest.total)]).toEqual([upload.lines.length, sumPence(upload.lines)]);
      rows += curated.length;
      pence += sumPence(curated);
    });
    const input = uploads.flatMap((upload) => upload.lines);
    expect([rows, pence]).toEqual([input.length, sumPence(input)]);
  });

  it('reports FY totals equal to the independent sums to the penny: every cost centre’s file counts, once', async () => {
    // Each cost centre's extract is its own series (docs/rules.md), so no upload replaces another's month.
    const accepted = uploads.filter((upload) => upload.expected === 'accepted');
    const counted = accepted.flatMap((upload) => upload.lines);
    const inYear = counted.filter((line) => line.date >= '2024-04-01' && line.date <= '2025-03-31');
    const before = counted.filter((line) => line.date < '2024-04-01');
    expect(inYear.length + before.length).toBe(counted.length);

    const result = await pipeline.report({ month: '2025-03' });

    expect(result).toMatchObject({ status: 'sent', sent: true });
    const current = CurrentManifestSchema.parse(await pipeline.readArchiveJson(CURRENT_MANIFEST_KEY));
    expect(
      Object.fromEntries(
        Object.entries(current.months).map(([month, refs]) => [month, refs.map((ref) => ref.sha256).sort()]),
      ),
    ).toEqual(
      Object.fromEntries(
        MONTHS.map((month) => [
          month,
          accepted
            .filter((upload) => upload.month === month)
            .map((upload) => upload.sha256)
            .sort(),
        ]),
      ),
    );
    expect(current.uploads.flatMap((upload) => upload.replacedMonths)).toEqual([]);
    const summary = SummarySchema.parse(
      await pipeline.readArchiveJson(archiveKeys.summary(result.month, result.runId ?? '')),
    );
    const year = summary.financialYears.find((fy) => fy.fy === '2024/25');
    expect([year?.lines, toPence(year?.total ?? '0.00')]).toEqual([inYear.length, sumPence(inYear)]);
    expect([
      summary.outsideReportWindow.before.rows,
      toPence(summary.outsideReportWindow.before.total),
    ]).toEqual([before.length, sumPence(before)]);
    // Nothing replaced, nothing taken for a double count: 16 series a month, one per cost centre.
    const files = summary.files.filter((file) => file.status === 'accepted');
    expect(files).toHaveLength(uploads.length - BROKEN);
    expect(files.flatMap((file) => file.replacedMonths)).toEqual([]);
    expect(summary.overlaps).toEqual([]);
    for (const month of MONTHS) {
      const series = files.filter((file) => file.period.months.includes(month)).map((file) => file.series);
      expect(new Set(series).size).toBe(COST_CENTRES);
    }
  });

  it('changes nothing when the burst is delivered again (S3 delivers at least once)', async () => {
    const before = await pipeline.listArchive();

    const again = await mapLimited(shuffle(events, 11), CONCURRENCY, (event) => pipeline.ingest(event));

    expect(again.flatMap((outcome) => outcome.results.map((result) => result.outcome))).toEqual(
      Array(200).fill('gone'),
    );
    expect(await pipeline.listArchive()).toEqual(before);
  });

  it('keeps the heap bounded during the burst', () => {
    expect(peakHeap).toBeGreaterThan(0);
    expect(peakHeap).toBeLessThan(HEAP_BOUND);
  });
});
