/**
 * `npm run bench`: how long the core takes, and how much memory it holds, on
 * ledgers far larger than a trust's monthly extract. Prints a table; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { kentAndMedway } from '../shared/classify/index.ts';
import { readLedger, readLedgerStream } from '../shared/ledger/index.ts';
import { parseFinancialYear } from '../shared/periods/financial-year.ts';
import { buildReport, renderWorkbook, toSummaryJson } from '../shared/report/index.ts';
import { readSupplierReference } from '../shared/suppliers/index.ts';
import type { InputFile, LedgerFile } from '../shared/types.ts';

const SUPPLIERS = 5_000;
const encoder = new TextEncoder();
v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, so that heap figures count what is held, not what awaits collection. */
const gc = vm.runInNewContext('gc') as () => void;

/** A small deterministic generator so runs are comparable. */
function* numbers(seed: number): Generator<number> {
  let state = seed >>> 0;
  for (;;) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    yield ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

function supplierName(i: number): string {
  return `Supplier ${i} ${i % 7 === 0 ? 'Limited' : 'Ltd'}`;
}

function csvExtract(name: string, year: number, month: number, lines: number, seed: number): InputFile {
  const random = numbers(seed);
  const next = () => random.next().value as number;
  const rows = ['Department Family,Entity,Date Paid,Expense Type,Supplier Name,Transaction Number,Amount'];
  for (let i = 0; i < lines; i++) {
    const day = 1 + Math.floor(next() * 28);
    const pence = Math.floor(next() * 50_000_000) - 1_000_000;
    const amount = (pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 });
    rows.push(
      `Department of Health,Bench Trust,${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year},Drugs,` +
        `${supplierName(Math.floor(next() * SUPPLIERS))},${seed}${i},"${amount}"`,
    );
  }
  return { name, bytes: encoder.encode(`${rows.join('\r\n')}\r\n`) };
}

async function xlsxExtract(name: string, lines: number): Promise<InputFile> {
  const random = numbers(99);
  const next = () => random.next().value as number;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['Payment Date', 'Supplier', 'Amount']);
  for (let i = 0; i < lines; i++) {
    sheet.addRow([
      new Date(Date.UTC(2024, 4, 1 + Math.floor(next() * 28))),
      supplierName(Math.floor(next() * SUPPLIERS)),
      Math.floor(next() * 5_000_000) / 100 + 1e-9,
    ]);
  }
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

function referenceFile(): InputFile {
  const rows = ['Supplier Name,Postcode,Employees,Turnover GBP,SME,VCSE'];
  for (let i = 0; i < SUPPLIERS; i++) {
    const postcode = i % 3 === 0 ? 'ME14 1XX' : i % 3 === 1 ? 'SW1A 1AA' : '';
    rows.push(`${supplierName(i)},${postcode},${i % 400},${i * 10_000},,${i % 11 === 0 ? 'Y' : ''}`);
  }
  return { name: 'suppliers.csv', bytes: encoder.encode(rows.join('\n')) };
}

async function measure<T>(label: string, units: string, count: number, work: () => Promise<T>): Promise<T> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const rate = Math.round(count / (ms / 1000)).toLocaleString('en-GB');
  console.log(
    `${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms ${rate.padStart(10)} ${units}/s  heap +${heapMb.toFixed(0)} MB`,
  );
  return result;
}

/** A CSV of about `bytes` bytes in 64 KiB chunks, made as it is read: no file, no buffer. */
async function* generatedCsv(bytes: number): AsyncGenerator<Uint8Array> {
  const random = numbers(7);
  const next = () => random.next().value as number;
  let text = 'Department Family,Entity,Date Paid,Expense Type,Supplier Name,Transaction Number,Amount\r\n';
  let produced = 0;
  let chunks = 0;
  for (let i = 0; produced < bytes; i++) {
    const day = 1 + Math.floor(next() * 28);
    const pence = Math.floor(next() * 50_000_000) - 1_000_000;
    text +=
      `Department of Health,Bench Trust,${day < 10 ? '0' : ''}${day}/05/2024,Drugs,` +
      `${supplierName(Math.floor(next() * SUPPLIERS))},${i},"${formatAmount(pence)}"\r\n`;
    if (text.length >= 65_536) {
      const chunk = encoder.encode(text);
      produced += chunk.length;
      text = '';
      yield chunk;
      // A network source waits for bytes now and then; without this the memory sampler never runs.
      if (++chunks % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (text !== '') yield encoder.encode(text);
}

/** 123456789 → `1,234,567.89` (what `toLocaleString` gives, at a fraction of its cost). */
function formatAmount(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** A workbook of `lines` payment lines, written by exceljs' streaming writer into one Buffer. */
async function largeXlsx(lines: number): Promise<Uint8Array> {
  const random = numbers(11);
  const next = () => random.next().value as number;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Payments');
  sheet.columns = [{ style: { numFmt: 'dd/mm/yyyy' } }, {}, {}];
  sheet.addRow(['Payment Date', 'Supplier', 'Amount']).commit();
  for (let i = 0; i < lines; i++) {
    sheet
      .addRow([
        new Date(Date.UTC(2024, 4, 1 + Math.floor(next() * 28))),
        supplierName(Math.floor(next() * SUPPLIERS)),
        Math.floor(next() * 5_000_000) / 100,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/**
 * As `measure`, sampling the heap and RSS while the work runs (a streamed read's memory is its peak);
 * `work` returns how many lines it read.
 */
async function measurePeak(label: string, work: () => Promise<number>): Promise<void> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage.rss();
  let heapPeak = heapBefore;
  let rssPeak = rssBefore;
  const sample = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  const count = await work();
  const ms = performance.now() - started;
  clearInterval(sample);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  const rate = Math.round(count / (ms / 1000)).toLocaleString('en-GB');
  console.log(
    `${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms ${rate.padStart(10)} lines/s  ${count.toLocaleString('en-GB')} lines; ` +
      `heap used +${mb(heapPeak - heapBefore)} MB at most (garbage included), RSS ${mb(rssBefore)} → ${mb(rssPeak)} MB`,
  );
}

const MONTHS = 12;
const LINES_PER_MONTH = 25_000;

console.log(
  `socval benchmarks — Node ${process.version}, ${MONTHS}×${LINES_PER_MONTH.toLocaleString('en-GB')} CSV lines, ${SUPPLIERS} suppliers\n`,
);
console.log('Streamed (readLedgerStream, no-op onLine), first while the process is small:');
await measurePeak('200 MiB CSV, generated as it is read', async () => {
  const summary = await readLedgerStream(
    'generated.csv',
    () => generatedCsv(200 * 1024 * 1024),
    () => {},
  );
  return summary.rowCount;
});
const bigXlsxLines = 600_000;
const bigXlsx = await largeXlsx(bigXlsxLines);
await measurePeak(
  `${(bigXlsx.length / 1024 / 1024).toFixed(0)} MiB XLSX, from a Buffer in 64 KiB chunks`,
  async () => {
    const summary = await readLedgerStream(
      'large.xlsx',
      () => chunksOf(bigXlsx, 65_536),
      () => {},
    );
    return summary.rowCount;
  },
);
console.log('');
const extracts = Array.from({ length: MONTHS }, (_, m) =>
  csvExtract(
    `2024-${String(((m + 3) % 12) + 1).padStart(2, '0')}.csv`,
    m < 9 ? 2024 : 2025,
    ((m + 3) % 12) + 1,
    LINES_PER_MONTH,
    m + 1,
  ),
);
const totalLines = MONTHS * LINES_PER_MONTH;
const ledgers: LedgerFile[] = await measure(
  'read CSV extracts (readLedger)',
  'lines',
  totalLines,
  async () => {
    const out: LedgerFile[] = [];
    for (const file of extracts) out.push(await readLedger(file));
    return out;
  },
);
await measure('read CSV extracts (readLedgerStream, 64 KiB)', 'lines', totalLines, async () => {
  for (const file of extracts) {
    await readLedgerStream(
      file.name,
      () => chunksOf(file.bytes, 65_536),
      () => {},
    );
  }
});
const reference = await measure('read supplier reference', 'rows', SUPPLIERS, () =>
  readSupplierReference(referenceFile()),
);
const report = await measure('classify + aggregate (buildReport)', 'lines', totalLines, async () =>
  buildReport(ledgers, reference, {
    firstYear: parseFinancialYear('2022/23'),
    classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
  }),
);
await measure('summary.json', 'files', MONTHS, async () => JSON.stringify(toSummaryJson(report)));
await measure('render workbook', 'suppliers', report.suppliers.length, () => renderWorkbook(report));
const xlsxLines = 50_000;
const xlsx = await xlsxExtract('2024-05.xlsx', xlsxLines);
await measure(`read one XLSX extract (${(xlsx.bytes.length / 1e6).toFixed(1)} MB)`, 'lines', xlsxLines, () =>
  readLedger(xlsx),
);
await measure(`  the same, readLedgerStream`, 'lines', xlsxLines, () =>
  readLedgerStream(
    xlsx.name,
    () => chunksOf(xlsx.bytes, 65_536),
    () => {},
  ),
);

console.log(
  `\nAccepted ${ledgers.filter((l) => l.status === 'accepted').length}/${MONTHS} files; peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
