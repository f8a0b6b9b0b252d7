/**
 * `npm run bench [-- --lines 50000]`: issue 8's benchmark. Generates (seeded) a ledger CSV of a million
 * lines in a real NHS spend file's layout, a 200,000-line XLSX and a reference of 20,000 suppliers,
 * then measures — each step alone in a fresh `node` process, so one step's memory is not another's —
 * our ingest path against DuckDB on the same file, the report, and each Lambda bundle's size and cold
 * import. Every reader's per-financial-year figures must agree to the penny with each other and with
 * the generator's own sums, or the run fails. Writes bench/results.json and prints a table.
 *
 * Options: --lines N (1,000,000), --xlsx-lines N (200,000), --suppliers N (20,000), --import-runs N (7),
 * --cpu-prof (profile our CSV ingest in one more run: top self-time functions), --keep (keep the
 * generated files), --out FILE (bench/results.json), --snapshot (measure HEAD from `git archive`, not
 * the working tree).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { build } from 'esbuild';
import { summariseCpuProfile } from './cpu-profile.ts';
import {
  FIRST_FY,
  makeSuppliers,
  referenceCsv,
  type TruthFigures,
  writeLedgerCsv,
  writeLedgerXlsx,
} from './ledger-generator.ts';
import { RESULT_MARK } from './steps/child.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20_260_401;
const MiB = 2 ** 20;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(String(process.argv[at + 1]).replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const LINES = option('lines', 1_000_000);
const XLSX_LINES = option('xlsx-lines', 200_000);
const SUPPLIERS = option('suppliers', 20_000);
const IMPORT_RUNS = option('import-runs', 7);
const outAt = process.argv.indexOf('--out');
const OUT = outAt === -1 ? join(ROOT, 'bench', 'results.json') : String(process.argv[outAt + 1]);

/** A memory target as the results show it: `< 300 MB (286.1 MiB)`. */

/** Issue 8's targets. */
const TARGETS = {
  csvVsDuckdb: 2,
  /**
   * Peak RSS, in decimal MB as the issue writes them (300 MB = 286.1 MiB): the stricter reading of "MB",
   * and the one the bundle sizes use. Figures are shown in MiB.
   */
  csvPeakRssMB: 200,
  xlsxPeakRssMB: 400,
  reportSeconds: 3,
  reportPeakRssMB: 300,
  /** Decimal, as tests/infra/bundle-size.test.ts holds it: 2,000,000 bytes. */
  bundleMB: 2,
  coldImportMs: 300,
};

// --- running one step in its own process ----------------------------------------------------------

interface StepResult {
  peakRssBytes: number;
  processUptimeMs: number;
  phasesMs: Record<string, number>;
  /** CPU time (user + system, every thread) per phase: less disturbed than wall time by a busy machine. */
  cpuMs: Record<string, number>;
  figures?: Record<string, TruthFigures>;
  [key: string]: unknown;
}

function runNode(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code === 0) resolve({ stdout, stderr, wallMs });
      else reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}

async function runStep(
  label: string,
  bundle: string,
  args: object,
  nodeFlags: string[] = [],
): Promise<StepResult> {
  process.stdout.write(`  ${label} … `);
  const { stdout, wallMs } = await runNode([...nodeFlags, bundle, JSON.stringify(args)]);
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARK));
  if (line === undefined) throw new Error(`${label}: the step printed no result:\n${stdout.slice(-2000)}`);
  const result = { ...(JSON.parse(line.slice(RESULT_MARK.length)) as StepResult), childWallMs: wallMs };
  const work = Object.values(result.phasesMs).reduce((a, b) => a + b, 0);
  const cpu = Object.values(result.cpuMs).reduce((a, b) => a + b, 0);
  console.log(
    `${(work / 1000).toFixed(2)} s (CPU ${(cpu / 1000).toFixed(2)} s), peak RSS ${(result.peakRssBytes / MiB).toFixed(0)} MiB`,
  );
  return result;
}

// --- comparing figures ----------------------------------------------------------------------------

const FIELDS = ['lines', 'total', 'local', 'localUnknown', 'sme', 'smeUnknown', 'vcse', 'redacted'] as const;
const disagreements: string[] = [];

/** Every financial year's figures must be equal; each difference is recorded and fails the run. */
function compareFigures(
  what: string,
  expected: Record<string, TruthFigures>,
  actual: Record<string, TruthFigures> | undefined,
  fields: readonly (typeof FIELDS)[number][] = FIELDS,
): boolean {
  const before = disagreements.length;
  if (actual === undefined) {
    disagreements.push(`${what}: no figures`);
    return false;
  }
  const years = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const fy of [...years].sort()) {
    for (const field of fields) {
      const a = expected[fy]?.[field] ?? 0;
      const b = actual[fy]?.[field] ?? 0;
      if (a !== b)
        disagreements.push(`${what}, FY ${fy}, ${field}: expected ${a}, got ${b} (difference ${b - a})`);
    }
  }
  return disagreements.length === before;
}

const sumLines = (figures: Record<string, TruthFigures>) =>
  Object.values(figures).reduce((sum, f) => sum + f.lines, 0);

// --- bundles ------------------------------------------------------------------------------------

/** The measured steps, bundled as the Lambda bundles are (ESM, `require` banner), but not minified. */
async function buildSteps(outdir: string): Promise<Record<'ingest' | 'duckdb' | 'report', string>> {
  const entries = { ingest: 'ingest', duckdb: 'duckdb', report: 'report' } as const;
  await build({
    entryPoints: Object.values(entries).map((name) => join(ROOT, 'bench', 'steps', `${name}.ts`)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
    external: ['@duckdb/node-api'],
    logLevel: 'error',
  });
  return {
    ingest: join(outdir, 'ingest.mjs'),
    duckdb: join(outdir, 'duckdb.mjs'),
    report: join(outdir, 'report.mjs'),
  };
}

/** The esbuild command `NodejsFunction` runs for `infra/functions.ts`' bundling options, word for word. */
async function buildFunctionBundle(entry: string, outdir: string): Promise<string> {
  const outfile = join(outdir, 'index.mjs');
  const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild');
  // NodejsFunction targets the runtime's Node version: NODEJS_LATEST, as infra/functions.ts sets it.
  const runtimeName = Runtime.NODEJS_LATEST.name;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      esbuild,
      [
        '--bundle',
        entry,
        `--target=${runtimeName.replace(/^nodejs(\d+).*/, 'node$1')}`,
        '--platform=node',
        '--format=esm',
        `--outfile=${outfile}`,
        '--minify',
        '--sourcemap',
        '--sources-content=false',
        '--log-level=error',
        "--banner:js=import { createRequire } from 'module';const require = createRequire(import.meta.url);",
        '--main-fields=module,main',
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`esbuild exited with ${code}`))));
  });
  return outfile;
}

const FUNCTION_ENV = {
  LANDING_BUCKET: 'bench-landing',
  ARCHIVE_BUCKET: 'bench-archive',
  SENDER: 'socval@bench.nhs.uk',
  BOARD_RECIPIENTS: 'board@bench.nhs.uk',
  FINANCE_ADDRESS: 'finance@bench.nhs.uk',
  TRUST_NAME: 'Bench Valley NHS Foundation Trust',
  AWS_REGION: 'eu-west-2',
};

/** The commit measured, and how many files differed from it (uncommitted work is measured too). */
async function describeCode(): Promise<{ commit: string; uncommittedFiles: number }> {
  const git = (args: string[]) =>
    new Promise<string>((resolve) => {
      const child = spawn('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('close', () => resolve(out.trim()));
      child.on('error', () => resolve(''));
    });
  const commit = await git(['rev-parse', 'HEAD']);
  // A snapshot made with `git archive` has no .git: it names its commit in SOCVAL_BENCH_COMMIT.
  if (commit === '') return { commit: process.env.SOCVAL_BENCH_COMMIT ?? 'unknown', uncommittedFiles: 0 };
  const status = await git(['status', '--porcelain']);
  return { commit, uncommittedFiles: status === '' ? 0 : status.split('\n').length };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Imports the bundle in fresh processes: the import's own time, and the process's time from start. */
async function coldImport(bundle: string, probe: string, sourceMaps: boolean) {
  const importMs: number[] = [];
  const importCpuMs: number[] = [];
  const fromStartMs: number[] = [];
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const { stdout } = await runNode(
      sourceMaps ? ['--enable-source-maps', probe, bundle] : [probe, bundle],
      FUNCTION_ENV,
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      importMs: number;
      cpuMs: number;
      fromStartMs: number;
    };
    importMs.push(result.importMs);
    importCpuMs.push(result.cpuMs);
    fromStartMs.push(result.fromStartMs);
  }
  return {
    importMs: median(importMs),
    cpuMs: median(importCpuMs),
    fromStartMs: median(fromStartMs),
    runs: importMs,
  };
}

// --- the run -------------------------------------------------------------------------------------

interface Figure {
  id: string;
  label: string;
  value: number | string | null;
  unit: string;
  target?: string;
  pass?: boolean;
  note?: string;
}
const figures: Figure[] = [];
const add = (figure: Figure) => figures.push(figure);
/**
 * A peak RSS against its target, which the issue gives in decimal MB (the stricter reading: 200 MB is
 * 190.7 MiB); the value is shown in MiB.
 */
const peakRssFigure = (id: string, label: string, bytes: number, targetMB: number): Figure => ({
  id,
  label,
  value: round(bytes / MiB),
  unit: 'MiB',
  target: `< ${targetMB} MB (${((targetMB * 1e6) / MiB).toFixed(1)} MiB)`,
  pass: bytes < targetMB * 1e6,
});
const round = (value: number, places = 1) => Number(value.toFixed(places));
const ms = (result: StepResult) => Object.values(result.phasesMs).reduce((a, b) => a + b, 0);
const cpuMs = (result: StepResult) => Object.values(result.cpuMs).reduce((a, b) => a + b, 0);

/**
 * `--snapshot`: measure the last commit, not a working tree others may be editing — run this same
 * benchmark inside `git archive HEAD` (with this tree's bench/ and node_modules), writing results here.
 */
async function runInSnapshot(): Promise<number> {
  const dir = await mkdtemp(join(os.tmpdir(), 'socval-bench8-head-'));
  const sh = (command: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn('sh', ['-c', command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('close', (code) =>
        code === 0 ? resolve(out.trim()) : reject(new Error(`${command}: exit ${code}`)),
      );
    });
  try {
    const commit = await sh('git rev-parse HEAD');
    await sh(
      `git archive HEAD | tar -x -C '${dir}' && cp -R bench/. '${dir}/bench/' && ln -s '${ROOT}/node_modules' '${dir}/node_modules'`,
    );
    console.log(`Measuring commit ${commit} (git archive in ${dir}; bench/ from the working tree)`);
    const args = process.argv.slice(2).filter((arg) => arg !== '--snapshot');
    if (!args.includes('--out')) args.push('--out', OUT);
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'bench', 'run.ts'), ...args], {
        cwd: dir,
        stdio: 'inherit',
        env: {
          ...process.env,
          SOCVAL_BENCH_COMMIT: `${commit} (HEAD via git archive; bench/ from the working tree)`,
        },
      });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
if (flag('snapshot')) {
  process.exitCode = await runInSnapshot();
  process.exit();
}

const work = await mkdtemp(join(os.tmpdir(), 'socval-bench8-'));
const loadAtStart = os.loadavg();
console.log(
  `socval benchmark (issue 8): ${LINES.toLocaleString('en-GB')} CSV lines, ${XLSX_LINES.toLocaleString('en-GB')} XLSX lines, ` +
    `${SUPPLIERS.toLocaleString('en-GB')} suppliers — ${os.cpus()[0]?.model}, ${os.cpus().length} cores, Node ${process.version}`,
);
console.log(`  files in ${work}`);
try {
  const steps = await buildSteps(join(ROOT, 'node_modules', '.cache', 'socval-bench'));
  const probe = join(work, 'import-probe.mjs');
  await writeFile(
    probe,
    "import { performance } from 'node:perf_hooks';\nimport { pathToFileURL } from 'node:url';\n" +
      'const started = performance.now();\nconst cpu = process.cpuUsage();\n' +
      'await import(pathToFileURL(process.argv[2]).href);\nconst done = performance.now();\nconst used = process.cpuUsage(cpu);\n' +
      'console.log(JSON.stringify({ importMs: done - started, cpuMs: (used.user + used.system) / 1000, fromStartMs: done }));\n',
  );

  // Generate.
  let clock = performance.now();
  const suppliers = makeSuppliers(SUPPLIERS, SEED);
  const referencePath = join(work, 'suppliers.csv');
  await writeFile(referencePath, referenceCsv(suppliers));
  const csvPath = join(work, 'Bench Valley spend 2021-04 to 2026-03.csv');
  const csvTruth = Object.fromEntries(await writeLedgerCsv(csvPath, LINES, suppliers, SEED));
  const csvBytes = (await stat(csvPath)).size;
  console.log(
    `  generated the CSV: ${(csvBytes / MiB).toFixed(1)} MiB in ${((performance.now() - clock) / 1000).toFixed(1)} s`,
  );
  clock = performance.now();
  const xlsxPath = join(work, 'Bench Valley spend.xlsx');
  const xlsxTruth = Object.fromEntries(await writeLedgerXlsx(xlsxPath, XLSX_LINES, suppliers, SEED + 1));
  const xlsxBytes = (await stat(xlsxPath)).size;
  console.log(
    `  generated the XLSX: ${(xlsxBytes / MiB).toFixed(1)} MiB in ${((performance.now() - clock) / 1000).toFixed(1)} s`,
  );

  // VmHWM, as the steps read it: resourceUsage().maxRSS in a child carries this parent's high-water mark
  // across fork + exec on Linux (a child of a 500 MB parent reports 480 MB; its VmHWM says 39 MB).
  const baseline = await runNode([
    '-e',
    "console.log(Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]) * 1024)",
  ]);
  const baselineRss = Number(baseline.stdout.trim());
  add({
    id: 'node.baselineRss',
    label: 'an empty node process',
    value: round(baselineRss / MiB),
    unit: 'MiB peak RSS',
  });

  // CSV.
  console.log('CSV ledger:');
  const common = { reference: referencePath, firstYear: FIRST_FY };
  const oursCsv = await runStep('ours: parse → validate → normalise → classify → aggregate', steps.ingest, {
    ...common,
    mode: 'report',
    ledger: csvPath,
  });
  const curatedPath = join(work, 'curated.csv');
  const oursCsvCurated = await runStep('ours: the ingest function’s path, to curated CSV', steps.ingest, {
    ...common,
    mode: 'curated',
    ledger: csvPath,
    curatedOut: curatedPath,
  });
  const csvParseOnly = await runStep(
    'csv-parse alone, one pass (a reference point: our reader splits with its own CsvSplitter)',
    steps.ingest,
    {
      ...common,
      mode: 'csv-parse',
      ledger: csvPath,
    },
  );
  const duckCsv = await runStep('DuckDB: read_csv + join + GROUP BY (all cores)', steps.duckdb, {
    ...common,
    root: ROOT,
    mode: 'csv',
    ledger: csvPath,
  });
  const duckCsv1 = await runStep('DuckDB, one thread', steps.duckdb, {
    ...common,
    root: ROOT,
    mode: 'csv',
    ledger: csvPath,
    threads: 1,
  });
  // Every comparison runs (no short-circuit), so a failure lists all that differ.
  const csvAgrees = [
    compareFigures('ours (CSV) vs generator', csvTruth, oursCsv.figures),
    compareFigures('DuckDB (CSV) vs generator', csvTruth, duckCsv.figures),
    compareFigures('DuckDB 1 thread (CSV) vs generator', csvTruth, duckCsv1.figures),
    compareFigures('ours (CSV) vs DuckDB', duckCsv.figures ?? {}, oursCsv.figures),
  ].every(Boolean);
  if (oursCsvCurated.lines !== sumLines(csvTruth)) {
    disagreements.push(`curated path: ${oursCsvCurated.lines} lines, expected ${sumLines(csvTruth)}`);
  }
  const csvTotal = Object.values(csvTruth).reduce((sum, f) => sum + f.total, 0);
  if (oursCsvCurated.total !== csvTotal) {
    disagreements.push(`curated path: total ${oursCsvCurated.total}, expected ${csvTotal}`);
  }

  const oursMs = ms(oursCsv);
  const duckMs = ms(duckCsv);
  add({ id: 'csv.bytes', label: 'CSV file', value: round(csvBytes / MiB), unit: 'MiB' });
  add({ id: 'csv.lines', label: 'CSV lines read (accepted)', value: oursCsv.lines as number, unit: 'lines' });
  add({
    id: 'csv.ours.seconds',
    label: 'ours, CSV → figures: wall time',
    value: round(oursMs / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.ours.linesPerSecond',
    label: 'ours, CSV → figures: lines/s',
    value: Math.round((oursCsv.lines as number) / (oursMs / 1000)),
    unit: 'lines/s',
  });
  add({
    id: 'csv.ours.mibPerSecond',
    label: 'ours, CSV → figures: MiB/s',
    value: round(csvBytes / MiB / (oursMs / 1000)),
    unit: 'MiB/s',
  });
  add(
    peakRssFigure(
      'csv.ours.peakRss',
      'ours, CSV → figures: peak RSS',
      oursCsv.peakRssBytes,
      TARGETS.csvPeakRssMB,
    ),
  );
  add({
    id: 'csv.duckdb.seconds',
    label: `DuckDB, CSV → figures (${duckCsv.threads} threads): wall time`,
    value: round(duckMs / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.duckdb.peakRss',
    label: 'DuckDB, CSV → figures: peak RSS',
    value: round(duckCsv.peakRssBytes / MiB),
    unit: 'MiB',
  });
  add({
    id: 'csv.duckdb1.seconds',
    label: 'DuckDB, one thread: wall time',
    value: round(ms(duckCsv1) / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.ratio',
    label: 'ours / DuckDB wall time',
    value: round(oursMs / duckMs, 1),
    unit: '×',
    target: `≤ ${TARGETS.csvVsDuckdb}×`,
    pass: oursMs / duckMs <= TARGETS.csvVsDuckdb,
  });
  add({
    id: 'csv.ours.cpuSeconds',
    label: 'ours, CSV → figures: CPU time',
    value: round(cpuMs(oursCsv) / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.duckdb.cpuSeconds',
    label: 'DuckDB, CSV → figures: CPU time (all threads)',
    value: round(cpuMs(duckCsv) / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.cpuRatio',
    label: 'ours / DuckDB CPU time (less disturbed by a busy machine)',
    value: round(cpuMs(oursCsv) / cpuMs(duckCsv), 1),
    unit: '×',
  });
  add({
    id: 'csv.ratio1',
    label: 'ours / DuckDB one thread',
    value: round(oursMs / ms(duckCsv1), 1),
    unit: '×',
  });
  add({
    id: 'csv.agree',
    label: 'ours = DuckDB = generator, to the penny',
    value: csvAgrees ? 'yes' : 'NO',
    unit: '',
    pass: csvAgrees,
  });
  const curatedMs = ms(oursCsvCurated);
  add({
    id: 'csv.curated.seconds',
    label: 'ours, CSV → curated CSV (ingest function): wall time',
    value: round(curatedMs / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.curated.mibPerSecond',
    label: 'ours, CSV → curated CSV: MiB/s',
    value: round(csvBytes / MiB / (curatedMs / 1000)),
    unit: 'MiB/s',
  });
  add({
    id: 'csv.csvParse.seconds',
    label: 'csv-parse alone, one pass over the CSV: wall time',
    value: round(ms(csvParseOnly) / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.csvParse.cpuSeconds',
    label: 'csv-parse alone, one pass: CPU time',
    value: round(cpuMs(csvParseOnly) / 1000, 2),
    unit: 's',
  });
  add({
    id: 'csv.curated.cpuSeconds',
    label: 'ours, CSV → curated CSV: CPU time',
    value: round(cpuMs(oursCsvCurated) / 1000, 2),
    unit: 's',
  });
  add(
    peakRssFigure(
      'csv.curated.peakRss',
      'ours, CSV → curated CSV: peak RSS',
      oursCsvCurated.peakRssBytes,
      TARGETS.csvPeakRssMB,
    ),
  );

  // XLSX.
  console.log('XLSX ledger:');
  const oursXlsx = await runStep('ours: parse → validate → normalise → classify → aggregate', steps.ingest, {
    ...common,
    mode: 'report',
    ledger: xlsxPath,
  });
  const oursXlsxCurated = await runStep('ours: the ingest function’s path, to curated CSV', steps.ingest, {
    ...common,
    mode: 'curated',
    ledger: xlsxPath,
    curatedOut: join(work, 'curated-xlsx.csv'),
  });
  let duckXlsx: StepResult | undefined;
  let duckXlsxError: string | undefined;
  try {
    duckXlsx = await runStep('DuckDB: excel extension, if it loads offline', steps.duckdb, {
      ...common,
      root: ROOT,
      mode: 'xlsx',
      ledger: xlsxPath,
    });
  } catch (error) {
    duckXlsxError = (error instanceof Error ? error.message : String(error))
      .split('\n')
      .find((l) => /Error/.test(l))
      ?.replace(/^\[?Error: /, '')
      .replace(/\.$/, '');
    console.log(`not available: ${duckXlsxError ?? 'failed'}`);
  }
  const xlsxAgrees = [
    compareFigures('ours (XLSX) vs generator', xlsxTruth, oursXlsx.figures),
    duckXlsx === undefined || compareFigures('DuckDB (XLSX) vs generator', xlsxTruth, duckXlsx.figures),
  ].every(Boolean);
  if (oursXlsxCurated.lines !== sumLines(xlsxTruth)) {
    disagreements.push(`XLSX curated path: ${oursXlsxCurated.lines} lines, expected ${sumLines(xlsxTruth)}`);
  }
  const xlsxMs = ms(oursXlsx);
  const xlsxCuratedMs = ms(oursXlsxCurated);
  add({ id: 'xlsx.bytes', label: 'XLSX file', value: round(xlsxBytes / MiB), unit: 'MiB' });
  add({
    id: 'xlsx.lines',
    label: 'XLSX lines read (accepted)',
    value: oursXlsx.lines as number,
    unit: 'lines',
  });
  add({
    id: 'xlsx.ours.seconds',
    label: 'ours, XLSX → figures: wall time',
    value: round(xlsxMs / 1000, 2),
    unit: 's',
  });
  add({
    id: 'xlsx.ours.cpuSeconds',
    label: 'ours, XLSX → figures: CPU time',
    value: round(cpuMs(oursXlsx) / 1000, 2),
    unit: 's',
  });
  add({
    id: 'xlsx.ours.linesPerSecond',
    label: 'ours, XLSX → figures: lines/s',
    value: Math.round((oursXlsx.lines as number) / (xlsxMs / 1000)),
    unit: 'lines/s',
  });
  add(
    peakRssFigure(
      'xlsx.ours.peakRss',
      'ours, XLSX → figures: peak RSS',
      oursXlsx.peakRssBytes,
      TARGETS.xlsxPeakRssMB,
    ),
  );
  add({
    id: 'xlsx.curated.seconds',
    label: 'ours, XLSX → curated CSV (ingest function): wall time',
    value: round(xlsxCuratedMs / 1000, 2),
    unit: 's',
  });
  add(
    peakRssFigure(
      'xlsx.curated.peakRss',
      'ours, XLSX → curated CSV: peak RSS',
      oursXlsxCurated.peakRssBytes,
      TARGETS.xlsxPeakRssMB,
    ),
  );
  add({
    id: 'xlsx.duckdb.seconds',
    label: 'DuckDB, XLSX → figures',
    value: duckXlsx ? round(ms(duckXlsx) / 1000, 2) : null,
    unit: duckXlsx ? 's' : 'not measured (see note)',
    ...(duckXlsx
      ? {}
      : {
          note: `DuckDB's excel extension is not on this machine and the run downloads nothing: ${duckXlsxError ?? 'LOAD excel failed'}`,
        }),
  });
  add({
    id: 'xlsx.agree',
    label: 'ours (XLSX) = generator, to the penny',
    value: xlsxAgrees ? 'yes' : 'NO',
    unit: '',
    pass: xlsxAgrees,
  });

  // Report.
  console.log('Report (5 financial years):');
  let report: StepResult | undefined;
  let reportError: string | undefined;
  try {
    report = await runStep(
      'curated lines → buildReport → chart, workbook, summary.json, email',
      steps.report,
      {
        ...common,
        curated: curatedPath,
      },
      ['--expose-gc'],
    );
  } catch (error) {
    reportError = (error instanceof Error ? error.message : String(error)).split('\n').slice(-12).join('\n');
    console.log(`failed:\n${reportError}`);
    disagreements.push('the report step failed: it produced no figures to compare');
    add({
      id: 'report.failed',
      label: 'report: the step failed',
      value: null,
      unit: 'failed (see note)',
      pass: false,
      note: reportError,
    });
  }
  if (report !== undefined) {
    const reportAgrees = compareFigures('report vs ours (CSV)', oursCsv.figures ?? {}, report.figures);
    const p = report.phasesMs;
    const buildAndRender =
      (p.buildReport ?? 0) + (p.chart ?? 0) + (p.workbook ?? 0) + (p.summaryJson ?? 0) + (p.email ?? 0);
    const render = buildAndRender - (p.buildReport ?? 0);
    add({
      id: 'report.lines',
      label: 'report: curated lines held',
      value: report.lines as number,
      unit: 'lines',
    });
    add({
      id: 'report.suppliers',
      label: 'report: suppliers',
      value: report.suppliers as number,
      unit: 'suppliers',
    });
    add({
      id: 'report.years',
      label: 'report: financial years',
      value: report.financialYears as number,
      unit: 'FYs',
    });
    add({
      id: 'report.loadSeconds',
      label: 'report: read the curated lines back',
      value: round((p.loadCurated ?? 0) / 1000, 2),
      unit: 's',
    });
    add({
      id: 'report.buildSeconds',
      label: 'report: buildReport (classify + aggregate)',
      value: round((p.buildReport ?? 0) / 1000, 2),
      unit: 's',
    });
    add({
      id: 'report.renderSeconds',
      label: 'report: chart + workbook + summary.json + email',
      value: round(render / 1000, 2),
      unit: 's',
    });
    const c = report.cpuMs;
    const buildAndRenderCpu =
      (c.buildReport ?? 0) + (c.chart ?? 0) + (c.workbook ?? 0) + (c.summaryJson ?? 0) + (c.email ?? 0);
    add({
      id: 'report.cpuSeconds',
      label: 'report: buildReport + render, CPU time',
      value: round(buildAndRenderCpu / 1000, 2),
      unit: 's',
    });
    add({
      id: 'report.seconds',
      label: 'report: buildReport + render',
      value: round(buildAndRender / 1000, 2),
      unit: 's',
      target: `< ${TARGETS.reportSeconds} s`,
      pass: buildAndRender / 1000 < TARGETS.reportSeconds,
    });
    add(
      peakRssFigure(
        'report.peakRss',
        'report: peak RSS (whole process, lines held as columns)',
        report.peakRssBytes,
        TARGETS.reportPeakRssMB,
      ),
    );
    add({
      id: 'report.heapPerLine',
      label: 'report: heap held per curated line (after GC)',
      value: Math.round((report.heapHoldingLinesBytes as number) / (report.lines as number)),
      unit: 'bytes',
    });
    add({
      id: 'report.rssBeforeRender',
      label: 'report: RSS before rendering',
      value: round((report.rssBeforeRenderBytes as number) / MiB),
      unit: 'MiB',
    });
    const renderPeak = report.peakRssDuringRenderBytes as number | undefined;
    add({
      id: 'report.peakRssRender',
      label: 'report: peak RSS while rendering',
      value: renderPeak ? round(renderPeak / MiB) : null,
      unit: renderPeak ? 'MiB' : 'not measured (clear_refs refused)',
    });
    add({
      id: 'report.workbookBytes',
      label: 'report: workbook size',
      value: round((report.workbookBytes as number) / MiB, 2),
      unit: 'MiB',
    });
    add({
      id: 'report.emailBytes',
      label: 'report: email (MIME) size',
      value: round((report.emailBytes as number) / MiB, 2),
      unit: 'MiB',
    });
    add({
      id: 'report.agree',
      label: 'report figures = CSV ingest figures',
      value: reportAgrees ? 'yes' : 'NO',
      unit: '',
      pass: reportAgrees,
    });
  }

  // Bundles.
  console.log('Lambda bundles:');
  const bundles: Record<string, unknown> = {};
  for (const name of ['ingest', 'report'] as const) {
    const dir = join(work, 'bundles', name);
    await mkdir(dir, { recursive: true });
    const bundle = await buildFunctionBundle(join(ROOT, 'functions', name, 'handler.ts'), dir);
    const bytes = await readFile(bundle);
    const map = await stat(`${bundle}.map`);
    const cold = await coldImport(bundle, probe, true);
    const plain = await coldImport(bundle, probe, false);
    bundles[name] = {
      bytes: bytes.byteLength,
      gzipBytes: gzipSync(bytes).byteLength,
      mapBytes: map.size,
      cold,
      withoutSourceMaps: plain,
    };
    console.log(
      `  ${name}: ${(bytes.byteLength / 1e6).toFixed(2)} MB, cold import ${cold.importMs.toFixed(0)} ms (${plain.importMs.toFixed(0)} ms without --enable-source-maps)`,
    );
    add({
      id: `bundle.${name}.size`,
      label: `${name} bundle (index.mjs, minified)`,
      value: round(bytes.byteLength / 1e6, 2),
      unit: 'MB (10⁶ bytes)',
      target: `< ${TARGETS.bundleMB} MB`,
      pass: bytes.byteLength < TARGETS.bundleMB * 1e6,
    });
    add({
      id: `bundle.${name}.gzip`,
      label: `${name} bundle, gzipped`,
      value: round(gzipSync(bytes).byteLength / 1e6, 2),
      unit: 'MB (10⁶ bytes)',
    });
    add({
      id: `bundle.${name}.coldImport`,
      label: `${name} cold import (median of ${IMPORT_RUNS}, --enable-source-maps as deployed)`,
      value: round(cold.importMs, 0),
      unit: 'ms',
      target: `< ${TARGETS.coldImportMs} ms`,
      pass: cold.importMs < TARGETS.coldImportMs,
    });
    add({
      id: `bundle.${name}.coldImportCpu`,
      label: `${name} cold import: CPU time (median)`,
      value: round(cold.cpuMs, 0),
      unit: 'ms',
    });
    add({
      id: `bundle.${name}.coldImportNoMaps`,
      label: `${name} cold import without source maps`,
      value: round(plain.importMs, 0),
      unit: 'ms',
    });
    add({
      id: `bundle.${name}.coldProcess`,
      label: `${name}: node start → imported`,
      value: round(cold.fromStartMs, 0),
      unit: 'ms',
    });
  }

  // Where the time goes.
  let profile: unknown;
  if (flag('cpu-prof')) {
    console.log('CPU profile of ours, CSV → figures (one more run):');
    const profileDir = join(work, 'profile');
    await runStep('profiling', steps.ingest, { ...common, mode: 'report', ledger: csvPath }, [
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
    ]);
    const [file] = await readdir(profileDir);
    if (file === undefined) throw new Error('no CPU profile was written');
    profile = await summariseCpuProfile(join(profileDir, file), steps.ingest, ROOT, 12);
  }

  const loadAtEnd = os.loadavg();
  const results = {
    benchmark: 'issue 8: npm run bench',
    measuredAt: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      arch: process.arch,
      node: process.version,
      duckdb: duckCsv.duckdbVersion,
      loadAverage: { atStart: loadAtStart.map((l) => round(l, 2)), atEnd: loadAtEnd.map((l) => round(l, 2)) },
    },
    code: await describeCode(),
    inputs: {
      seed: SEED,
      csvLines: LINES,
      xlsxLines: XLSX_LINES,
      suppliers: SUPPLIERS,
      firstFinancialYear: FIRST_FY,
    },
    units:
      'MiB = 2^20 bytes; times are wall-clock inside each step (process start-up excluded; childWallMs includes it)',
    figures,
    agreement: { ok: disagreements.length === 0, disagreements },
    steps: {
      oursCsv,
      oursCsvCurated,
      csvParseOnly,
      duckCsv,
      duckCsv1,
      oursXlsx,
      oursXlsxCurated,
      duckXlsx: duckXlsx ?? { error: duckXlsxError },
      report: report ?? { error: reportError },
    },
    bundles,
    ...(profile === undefined ? {} : { cpuProfile: profile }),
    truth: { csv: csvTruth, xlsx: xlsxTruth },
  };
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);

  console.log('');
  const rows = figures.map((f) => [
    f.label,
    f.value === null ? '—' : typeof f.value === 'number' ? f.value.toLocaleString('en-GB') : f.value,
    f.unit,
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const row of rows) {
    console.log(
      `${String(row[0]).padEnd(widths[0] ?? 0)}  ${String(row[1]).padStart(widths[1] ?? 0)} ${String(row[2]).padEnd(widths[2] ?? 0)}  ${String(row[3]).padEnd(widths[3] ?? 0)}  ${row[4]}`,
    );
  }
  for (const f of figures) if (f.note) console.log(`Note (${f.label}): ${f.note}`);
  if (profile !== undefined) {
    console.log('\nTop self time, ours CSV → figures:');
    for (const entry of (
      profile as { top: { selfMs: number; share: number; name: string; source: string }[] }
    ).top) {
      console.log(
        `  ${entry.selfMs.toFixed(0).padStart(7)} ms ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}  ${entry.source}`,
      );
    }
  }
  console.log(
    `\nWrote ${OUT}. Load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} → ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')}.`,
  );
  if (disagreements.length > 0) {
    console.error(
      `\nTHE FIGURES DISAGREE (${disagreements.length}):\n  ${disagreements.slice(0, 40).join('\n  ')}`,
    );
    process.exitCode = 1;
  }
} finally {
  if (flag('keep')) console.log(`Kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
