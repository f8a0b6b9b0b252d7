/**
 * `npx tsx --expose-gc bench/csv-split.ts [--lines 500000 | --file ledger.csv] [--runs 3]`: the ledger
 * reader's CSV splitting alone, csv-parse (configured as shared/table/csv-rows.ts configured it, fed
 * chunks and read as it went) against `CsvSplitter`, on the same text already decoded and with `\n`
 * line ends, so only the splitting is timed. Without `--file` it generates the benchmark's ledger
 * (bench/ledger-generator.ts: quoted names with commas, `£1,234.56`, `"1,234.56"`, CRLF). Checks that
 * both give the same records, times each `--runs` times (best run kept, alternating), and, with
 * `--expose-gc`, measures the heap a reader holds keeping one text cell of every row.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import { LineEndNormaliser, MAX_RECORD_CHARS } from '../shared/table/csv-rows.ts';
import { CsvSplitter } from '../shared/table/split-csv.ts';
import { makeSuppliers, writeLedgerCsv } from './ledger-generator.ts';

const SEED = 20_260_401;
const CHUNK_CHARS = 1 << 16;
const MiB = 2 ** 20;

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const lines = Number(option('lines') ?? 500_000);
const runs = Number(option('runs') ?? 3);

/** Emits every record to `onRecord`; returns how many. */
type Splitter = (chunks: readonly string[], onRecord: (fields: string[]) => void) => number;

const csvParse: Splitter = (chunks, onRecord) => {
  const parser = parse({
    delimiter: ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  let error: Error | undefined;
  parser.on('error', (failure: Error) => {
    error ??= failure;
  });
  let records = 0;
  const take = () => {
    for (let record = parser.read() as string[] | null; record !== null; record = parser.read()) {
      onRecord(record);
      records++;
    }
  };
  for (const chunk of chunks) {
    parser.write(chunk);
    take();
  }
  parser.end();
  take();
  if (error !== undefined) throw error;
  return records;
};

const csvSplitter: Splitter = (chunks, onRecord) => {
  const splitter = new CsvSplitter(',', MAX_RECORD_CHARS);
  let records = 0;
  for (const chunk of chunks) {
    for (const row of splitter.write(chunk)) {
      onRecord(row.fields);
      records++;
    }
  }
  for (const row of splitter.end()) {
    onRecord(row.fields);
    records++;
  }
  if (splitter.problem !== undefined) throw new Error(`${splitter.problem} on line ${splitter.nextLine}`);
  return records;
};

const candidates: [string, Splitter][] = [
  ['csv-parse (stream, as csv-rows.ts had it)', csvParse],
  ['CsvSplitter', csvSplitter],
];

async function loadText(): Promise<{ text: string; bytes: number; source: string }> {
  const file = option('file');
  if (file !== undefined) {
    const bytes = await readFile(file);
    return { text: new TextDecoder().decode(bytes), bytes: bytes.length, source: file };
  }
  const dir = await mkdtemp(join(os.tmpdir(), 'socval-csv-split-'));
  try {
    const path = join(dir, 'ledger.csv');
    await writeLedgerCsv(path, lines, makeSuppliers(20_000, SEED), SEED);
    const bytes = await readFile(path);
    return {
      text: new TextDecoder().decode(bytes),
      bytes: bytes.length,
      source: `generated, ${lines.toLocaleString('en-GB')} lines`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** FNV-1a over every field and record boundary: equal records, equal hashes. */
function hashRecords(split: Splitter, chunks: readonly string[]): { records: number; hash: number } {
  let hash = 0x811c9dc5;
  const mix = (code: number) => {
    hash = Math.imul(hash ^ code, 0x01000193) >>> 0;
  };
  const records = split(chunks, (fields) => {
    for (const field of fields) {
      for (let at = 0; at < field.length; at++) mix(field.charCodeAt(at));
      mix(0x1f);
    }
    mix(0x1e);
  });
  return { records, hash };
}

function time(
  split: Splitter,
  chunks: readonly string[],
): { wallMs: number; cpuMs: number; records: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const records = split(chunks, () => {});
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, records };
}

/** Heap held (after GC) by keeping column 6 (the supplier's name) of every record. */
function heldHeap(split: Splitter, chunks: readonly string[]): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  split(chunks, (fields) => {
    kept.push(fields[5] ?? '');
  });
  gc();
  const held = process.memoryUsage().heapUsed - before;
  if (kept.length === 0) return undefined;
  return held;
}

const { text, bytes, source } = await loadText();
const lineEnds = new LineEndNormaliser();
const chunks: string[] = [];
for (let at = 0; at < text.length; at += CHUNK_CHARS)
  chunks.push(lineEnds.normalise(text.slice(at, at + CHUNK_CHARS)));
chunks.push(lineEnds.end());
console.log(
  `${source}: ${(bytes / MiB).toFixed(1)} MiB, ${chunks.length} chunks of ${CHUNK_CHARS} characters`,
);

const hashes = candidates.map(([, split]) => hashRecords(split, chunks));
const [first, second] = hashes;
if (
  first === undefined ||
  second === undefined ||
  first.records !== second.records ||
  first.hash !== second.hash
) {
  throw new Error(`the splitters disagree: ${JSON.stringify(hashes)}`);
}
console.log(
  `same records from both: ${first.records.toLocaleString('en-GB')} records, hash ${first.hash.toString(16)}`,
);

const best = candidates.map(() => ({ wallMs: Infinity, cpuMs: Infinity, records: 0 }));
for (let run = 0; run < runs; run++) {
  candidates.forEach(([, split], i) => {
    const result = time(split, chunks);
    const kept = best[i];
    if (kept === undefined) return;
    kept.wallMs = Math.min(kept.wallMs, result.wallMs);
    kept.cpuMs = Math.min(kept.cpuMs, result.cpuMs);
    kept.records = result.records;
  });
}

const load = os.loadavg().map((value) => value.toFixed(2));
console.log(`best of ${runs} runs each (load average ${load.join(' ')}):`);
const rows = candidates.map(([name, split], i) => {
  const { wallMs, cpuMs, records } = best[i] ?? { wallMs: 0, cpuMs: 0, records: 0 };
  const held = heldHeap(split, chunks);
  return {
    splitter: name,
    'wall s': (wallMs / 1000).toFixed(2),
    'CPU s': (cpuMs / 1000).toFixed(2),
    'rows/s (CPU)': Math.round(records / (cpuMs / 1000)).toLocaleString('en-GB'),
    'MiB/s (CPU)': (bytes / MiB / (cpuMs / 1000)).toFixed(1),
    'heap keeping one name per row':
      held === undefined ? '(run with --expose-gc)' : `${(held / MiB).toFixed(1)} MiB`,
  };
});
console.table(rows);
const [parsed, split] = best;
if (parsed !== undefined && split !== undefined) {
  console.log(
    `CsvSplitter / csv-parse: ${(parsed.cpuMs / split.cpuMs).toFixed(1)}× faster in CPU time, ${(parsed.wallMs / split.wallMs).toFixed(1)}× in wall time`,
  );
}
