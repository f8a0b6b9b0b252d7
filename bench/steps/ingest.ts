/**
 * Our ingest path on one ledger file, from disk, as a stream (`readLedgerStream`):
 * - `report`: parse → validate → normalise (the stream reader), holding every accepted line as columns
 *   (a `LineTable`, as the CLI and the report function hold them), then classify → aggregate with
 *   `buildReport`;
 * - `curated`: what the ingest function does with an upload — every accepted line to the curated CSV
 *   (`formatCuratedRow`, written to a file with back-pressure instead of to S3), holding nothing;
 * - `csv-parse`: a reference point — one pass of csv-parse alone, with the options the ledger reader
 *   gave it before it took its own splitter (shared/table/split-csv.ts, ~6x faster), counting records.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { kentAndMedway } from '../../shared/classify/index.ts';
import { formatCuratedHeader, formatCuratedRow, LineTable } from '../../shared/curated/index.ts';
import { fileOfSummary, readLedgerStream } from '../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../shared/periods/financial-year.ts';
import { buildReport } from '../../shared/report/index.ts';
import { readSupplierReference } from '../../shared/suppliers/index.ts';
import type { ReportLedger } from '../../shared/types.ts';
import { currentRss, type FyFigures, finish, stepArguments, stopwatch } from './child.ts';

interface IngestArguments {
  mode: 'report' | 'curated' | 'csv-parse';
  ledger: string;
  reference: string;
  firstYear: string;
  /** `curated` mode: where to write the curated CSV. */
  curatedOut?: string;
}

const args = stepArguments<IngestArguments>();
const open = () => createReadStream(args.ledger, { highWaterMark: 1 << 16 });
const name = basename(args.ledger);
const bytes = (await stat(args.ledger)).size;
const clock = stopwatch();

if (args.mode === 'csv-parse') {
  let records = 0;
  const parser = createReadStream(args.ledger, { highWaterMark: 1 << 16, encoding: 'utf8' }).pipe(
    parse({ delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  for await (const _record of parser) records++;
  clock.lap('csvParse');
  finish({ mode: args.mode, bytes, records, phasesMs: clock.phases, cpuMs: clock.cpuPhases });
} else if (args.mode === 'report') {
  const reference = await readSupplierReference({
    name: basename(args.reference),
    bytes: new Uint8Array(await readFile(args.reference)),
  });
  clock.lap('readReference');
  let lines = new LineTable();
  const summary = await readLedgerStream(name, open, {
    lines: (batch) => {
      for (const line of batch) lines.push(line);
    },
    discard: () => {
      lines = new LineTable();
    },
  });
  clock.lap('readLedger');
  const rssHoldingLines = currentRss();
  if (summary.status !== 'accepted') throw new Error(`${name} was rejected: ${summary.rejection?.reason}`);
  const ledger: ReportLedger = { ...fileOfSummary(summary), lines };
  const report = buildReport([ledger], reference, {
    firstYear: parseFinancialYear(args.firstYear),
    classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
  });
  clock.lap('classifyAggregate');
  const figures: FyFigures = {};
  for (const year of report.financialYears) figures[year.fy.label] = year.figures;
  finish({
    mode: args.mode,
    bytes,
    lines: summary.rowCount,
    skipped: summary.skipped.length,
    issues: summary.issues.length,
    suppliers: report.suppliers.length,
    referenceRecords: reference.records.length,
    phasesMs: clock.phases,
    cpuMs: clock.cpuPhases,
    rssHoldingLinesBytes: rssHoldingLines,
    figures,
  });
} else {
  const path = args.curatedOut ?? '/dev/null';
  let out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let started = false;
  // As the function's S3 writer (`createObjectWriter`) does: a batch of lines is one write.
  const summary = await readLedgerStream(name, open, {
    lines: async (lines) => {
      let text = '';
      if (!started) {
        started = true;
        text = `${formatCuratedHeader()}\n`;
      }
      for (const line of lines) text += `${formatCuratedRow(line)}\n`;
      await write(text);
    },
    discard: async () => {
      // The file turned out rejected (the step then fails) or is read again: start the output again.
      out.end();
      await once(out, 'finish');
      out = createWriteStream(path);
      started = false;
    },
  });
  out.end();
  await once(out, 'finish');
  clock.lap('readLedgerToCurated');
  if (summary.status !== 'accepted') throw new Error(`${name} was rejected: ${summary.rejection?.reason}`);
  // What the manifest and problems records keep, for the report step to rebuild the LedgerFile.
  if (args.curatedOut)
    await writeFile(`${args.curatedOut}.file.json`, JSON.stringify(fileOfSummary(summary)));
  finish({
    mode: args.mode,
    bytes,
    lines: summary.rowCount,
    total: summary.total,
    skipped: summary.skipped.length,
    issues: summary.issues.length,
    phasesMs: clock.phases,
    cpuMs: clock.cpuPhases,
  });
}
