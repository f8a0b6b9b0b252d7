/**
 * The reference for what this machine can do: the same per-financial-year figures computed by DuckDB
 * (`read_csv` + join with the supplier reference + `GROUP BY`), on the same files.
 *
 * The SQL reproduces the subset of socval's rules this generated data exercises (docs/performance.md):
 * - supplier names matched on `normaliseSupplierName`'s key: lower case; `. , ' ‘ ’ ʼ` and backtick
 *   removed; `&` as ` and `; public limited company → plc, community interest company → cic, limited →
 *   ltd as whole words; whitespace collapsed (NFKC and Unicode word boundaries are not reproduced: the
 *   names are ASCII);
 * - withheld payees by the words `redacted`/`withheld` (the data uses `REDACTED` and `Redacted personal
 *   data`): total only;
 * - local from the reference postcode's district against kentAndMedway's own district lists;
 * - SME: the trust's Y/N, else fewer than 250 staff and turnover at most £44m (the reference has no
 *   balance sheet column, so "no" needs 250+ staff);
 * - VCSE: the trust's Y/N, else a charity number, a CIO/society company number, or a name ending CIC;
 * - a line counts when its `DD/MM/YYYY` date is a real date and its amount reads as money.
 */
import { createRequire as requireFrom } from 'node:module';
import { join } from 'node:path';
import { kentAndMedway } from '../../shared/classify/index.ts';
import { type FyFigures, finish, stepArguments, stopwatch } from './child.ts';

interface DuckArguments {
  /** The repository root, to load the native DuckDB package from its node_modules. */
  root: string;
  mode: 'csv' | 'xlsx';
  ledger: string;
  reference: string;
  /** DuckDB worker threads; default: one per core. */
  threads?: number;
}

type DuckModule = typeof import('@duckdb/node-api');
const args = stepArguments<DuckArguments>();
const duckdb = requireFrom(join(args.root, 'package.json'))('@duckdb/node-api') as DuckModule;
// Timed from here, as ours is timed once its modules are loaded.
const clock = stopwatch();
const instance = await duckdb.DuckDBInstance.create(':memory:', {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  ...(args.threads === undefined ? {} : { threads: String(args.threads) }),
});
const db = await instance.connect();
const run = (sql: string) => db.run(sql);
const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const text = (path: string) => `'${path.replace(/'/g, "''")}'`;

await run(`CREATE MACRO norm_name(s) AS trim(regexp_replace(
  regexp_replace(regexp_replace(regexp_replace(
    replace(regexp_replace(lower(s), '[.,''\u2018\u2019\u02bc\`]', '', 'g'), '&', ' and '),
  '\\bpublic\\s+(limited|ltd)\\s+company\\b', 'plc', 'g'),
  '\\bcommunity\\s+interest\\s+company\\b', 'cic', 'g'),
  '\\blimited\\b', 'ltd', 'g'),
  '\\s+', ' ', 'g'))`);
await run(`CREATE MACRO yes_no(s) AS CASE WHEN upper(trim(s)) IN ('Y', 'YES') THEN true
  WHEN upper(trim(s)) IN ('N', 'NO') THEN false END`);

let source: string;
if (args.mode === 'xlsx') {
  // Only if the excel extension is already on this machine: nothing is downloaded.
  await run('LOAD excel');
  source = `read_xlsx(${text(args.ledger)}, header = true, all_varchar = true)`;
} else {
  source = `read_csv(${text(args.ledger)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
}

await run(`CREATE TABLE ref AS
WITH raw AS (
  SELECT row_number() OVER () AS line, *
  FROM read_csv(${text(args.reference)}, header = true, all_varchar = true, delim = ',', quote = '"')
), facts AS (
  SELECT line, norm_name("Supplier Name") AS key,
    nullif(upper(regexp_replace(coalesce("Postcode", ''), '\\s+', '', 'g')), '') AS postcode,
    nullif(trim(coalesce("Charity Number", '')), '') AS charity,
    upper(left(trim(coalesce("Company Number", '')), 2)) AS company_prefix,
    try_cast("Employees" AS BIGINT) AS employees,
    try_cast(replace(replace("Turnover GBP", '£', ''), ',', '') AS DECIMAL(18, 2)) * 100 AS turnover_pence,
    yes_no("SME") AS sme_flag, yes_no("VCSE") AS vcse_flag
  FROM raw
)
SELECT key,
  CASE WHEN postcode IS NULL THEN 'unknown'
    WHEN left(postcode, length(postcode) - 3) IN (${sqlList(kentAndMedway.inDistricts)}) THEN 'yes'
    WHEN left(postcode, length(postcode) - 3) IN (${sqlList(kentAndMedway.ambiguousDistricts)}) THEN 'unknown'
    ELSE 'no' END AS local,
  CASE WHEN sme_flag IS NOT NULL THEN (CASE WHEN sme_flag THEN 'yes' ELSE 'no' END)
    WHEN employees >= 250 THEN 'no'
    WHEN employees < 250 AND turnover_pence <= 4400000000 THEN 'yes'
    ELSE 'unknown' END AS sme,
  CASE WHEN vcse_flag IS NOT NULL THEN vcse_flag
    WHEN charity IS NOT NULL THEN true
    WHEN company_prefix IN ('CE', 'CS', 'RS', 'IP', 'SP', 'NP') THEN true
    ELSE regexp_matches(key, '(^|[\\s(])c ?i ?c\\)?$') END AS vcse
FROM facts
QUALIFY row_number() OVER (PARTITION BY key ORDER BY line) = 1`);
clock.lap('startAndReadReference');

const reader = await db.runAndReadAll(`
WITH raw AS (
  SELECT try_strptime(trim("Date Paid"), '%d/%m/%Y') AS d, coalesce("Supplier Name", '') AS supplier,
    trim("Amount") AS a
  FROM ${source}
), parsed AS (
  SELECT d, supplier,
    try_cast(regexp_replace(a, '[£,()\\-\\s]', '', 'g') AS DECIMAL(18, 2)) AS magnitude,
    (a LIKE '-%' OR a LIKE '(%)') AS negative
  FROM raw
), names AS (
  -- Each spelling normalised and matched once, as socval memoises normaliseSupplierName per spelling.
  SELECT n.supplier, n.redacted, r.local, r.sme,
    coalesce(r.vcse, regexp_matches(n.key, '(^|[\\s(])c ?i ?c\\)?$')) AS vcse
  FROM (
    SELECT supplier, norm_name(supplier) AS key,
      regexp_matches(lower(supplier), '\\b(redacted|withheld)\\b') AS redacted
    FROM (SELECT DISTINCT supplier FROM parsed)
  ) n
  -- A plain equi-join (hash join). A withheld payee's name matches no reference row here, and counts only
  -- in total and redacted through the filters below. (Adding "AND NOT redacted" to the ON clause makes it a
  -- nested-loop join: 31 s instead of 2.6 s for 200,000 lines on a loaded machine.)
  LEFT JOIN ref r ON n.key = r.key
), lines AS (
  SELECT CASE WHEN month(d) >= 4 THEN year(d) ELSE year(d) - 1 END AS fy,
    CAST(magnitude * 100 AS BIGINT) * (CASE WHEN negative THEN -1 ELSE 1 END) AS pence,
    supplier
  FROM parsed WHERE d IS NOT NULL AND magnitude IS NOT NULL
)
SELECT fy,
  count(*) AS lines,
  sum(pence) AS total,
  coalesce(sum(pence) FILTER (WHERE NOT redacted AND local = 'yes'), 0) AS local,
  coalesce(sum(pence) FILTER (WHERE NOT redacted AND coalesce(local, 'unknown') = 'unknown'), 0) AS local_unknown,
  coalesce(sum(pence) FILTER (WHERE NOT redacted AND sme = 'yes'), 0) AS sme,
  coalesce(sum(pence) FILTER (WHERE NOT redacted AND coalesce(sme, 'unknown') = 'unknown'), 0) AS sme_unknown,
  coalesce(sum(pence) FILTER (WHERE NOT redacted AND vcse), 0) AS vcse,
  coalesce(sum(pence) FILTER (WHERE redacted), 0) AS redacted
FROM lines JOIN names USING (supplier)
GROUP BY fy ORDER BY fy`);
clock.lap('aggregateLedger');

const figures: FyFigures = {};
let lines = 0;
for (const row of reader.getRowObjectsJS()) {
  const start = Number(row.fy);
  const n = (key: string) => Number(row[key] as bigint | number);
  figures[`${start}/${String((start + 1) % 100).padStart(2, '0')}`] = {
    lines: n('lines'),
    total: n('total'),
    local: n('local'),
    localUnknown: n('local_unknown'),
    sme: n('sme'),
    smeUnknown: n('sme_unknown'),
    vcse: n('vcse'),
    redacted: n('redacted'),
  };
  lines += n('lines');
}
const threads = await db.runAndReadAll("SELECT current_setting('threads') AS t");
const version = await db.runAndReadAll('SELECT version() AS v');
db.closeSync();
instance.closeSync();
finish({
  mode: args.mode,
  lines,
  threads: Number(threads.getRowObjectsJS()[0]?.t),
  duckdbVersion: String(version.getRowObjectsJS()[0]?.v),
  phasesMs: clock.phases,
  cpuMs: clock.cpuPhases,
  figures,
});
