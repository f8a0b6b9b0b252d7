import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import {
  buildPostcodeLookup,
  collectRegisterWants,
  kentAndMedway,
  POSTCODE_LOOKUP_CSV,
} from '../shared/classify/index.ts';
import { chartColoursOf, type Settings } from '../shared/config/settings.ts';
import { concatLines, createLineStrings, LineTable } from '../shared/curated/index.ts';
import { fileOfSummary, readLedgerStream } from '../shared/ledger/index.ts';
import { parseFinancialYear } from '../shared/periods/financial-year.ts';
import { collectWantedPostcodes } from '../shared/pipeline/index.ts';
import { collectExtractPostcodes } from '../shared/registers/index.ts';
import {
  buildReport,
  CHART_FILE_NAME,
  deriveSeriesKey,
  type Report,
  renderShareChart,
  renderWorkbook,
  type Summary,
  toSummaryJson,
} from '../shared/report/index.ts';
import { readSupplierReference } from '../shared/suppliers/index.ts';
import type { LedgerFile, PostcodeLookup, ReportLedger, SupplierReference } from '../shared/types.ts';
import {
  findLedgerFiles,
  type LedgerPath,
  type OtherInput,
  type ReadOnce,
  readInputFile,
  seriesPathOf,
} from './collect-inputs.ts';
import { describeRejection } from './format-text-summary.ts';
import { EXTRACT_FILE_NAME, loadRegisters } from './read-registers.ts';

export interface ReportPaths {
  ledger: readonly string[];
  /** Read the ledger files in the order given, not in name order (a re-run from the archive's report manifest). */
  keepOrder?: boolean;
  suppliers?: string | undefined;
  postcodes?: string | undefined;
  /** Register downloads or a register extract, or folders of them. */
  registers?: readonly string[] | undefined;
  out: string;
}

export interface ReportRun {
  report: Report;
  summary: Summary;
  written: string[];
  ignored: string[];
  /** Files under `--ledger` not read as ledgers because another option names them. */
  leftOut: OtherInput[];
  /** Ledger files not passed to the report because a file read before them has the same bytes. */
  readOnce: ReadOnce[];
  /** What was done with the registers, one line each. */
  registerNotes: string[];
}

/**
 * Reads the inputs from disk, runs the core, writes the workbook and summary.json (and, with
 * registers, the register extract it used).
 */
export async function runReport(paths: ReportPaths, settings: Settings): Promise<ReportRun> {
  const { files, ignored, leftOut } = await findLedgerFiles(paths.ledger, otherInputsOf(paths), {
    keepOrder: paths.keepOrder === true,
  });
  let ledgers: (ReportLedger & { lines: LineTable })[] = [];
  // Each file streamed from disk, its lines kept as columns sharing one copy of each supplier, date…
  // (~40 bytes a line): a file of millions of lines is never held whole, as bytes or as objects.
  const strings = createLineStrings();
  // A file with the same bytes (SHA-256) as one read before it is left out, as the pipeline's ingest
  // skips bytes it has already ingested. The first in the CLI's order is kept (name order, however the
  // files were given, unless --keep-order): not whichever the disk lists first, and, as in the pipeline, a later copy
  // changes nothing — neither the figures nor the name the extract goes by.
  const firstWithBytes = new Map<string, LedgerPath>();
  const readOnce: ReadOnce[] = [];
  for (const file of files) {
    let lines = new LineTable({ strings });
    const summary = await readLedgerStream(
      file.name,
      () => createReadStream(file.path),
      {
        lines: (batch) => {
          for (const line of batch) lines.push(line);
        },
        discard: () => {
          lines.release();
          lines = new LineTable({ strings });
        },
      },
      {
        maxBadShare: settings.maxBadShare,
        ...(settings.dateOrder ? { dateOrder: settings.dateOrder } : {}),
      },
    );
    const ledger = fileOfSummary(summary);
    // The hash comes from this one read of the file; a copy's lines, just read, are dropped.
    const sameAs = firstWithBytes.get(ledger.sha256);
    if (sameAs !== undefined) {
      lines.release();
      readOnce.push({ file, sameAs });
      continue;
    }
    firstWithBytes.set(ledger.sha256, file);
    ledgers.push(
      file.folder === undefined
        ? { ...ledger, lines }
        : { ...ledger, lines, series: deriveSeriesKey(seriesPathOf(file)) },
    );
  }
  if (ledgers.every((ledger) => ledger.status === 'rejected')) throw new NothingToReportError(ledgers);
  const reference: SupplierReference | undefined = paths.suppliers
    ? await readSupplierReference(await readInputFile(paths.suppliers, '--suppliers'))
    : undefined;
  const registers = paths.registers?.length
    ? await loadRegisters(
        paths.registers,
        collectRegisterWants(concatLines(ledgers.map((ledger) => ledger.lines)), reference?.records ?? []),
      )
    : undefined;
  const postcodeLookup = paths.postcodes
    ? await readPostcodeLookup(
        paths.postcodes,
        ledgers,
        reference,
        registers === undefined ? [] : collectExtractPostcodes(registers.extract),
      )
    : undefined;

  const report = buildReport(ledgers, reference, {
    firstYear: parseFinancialYear(settings.firstFinancialYear),
    ...(settings.reportMonth ? { reportMonth: settings.reportMonth } : {}),
    classification: {
      locality: kentAndMedway,
      smeDefinition: settings.smeDefinition,
      eurToGbp: settings.eurToGbp,
      ...(postcodeLookup ? { postcodeLookup } : {}),
      ...(registers ? { registers: registers.extract } : {}),
      cooperativesAreVcse: settings.cooperativesAreVcse,
    },
  });
  // The report holds no lines: free them before rendering, as the report function does.
  for (const ledger of ledgers) ledger.lines.release();
  ledgers = [];
  const summary = toSummaryJson(report);
  await mkdir(paths.out, { recursive: true });
  const workbookPath = join(paths.out, `social-value-${report.reportMonth}.xlsx`);
  const summaryPath = join(paths.out, 'summary.json');
  const chartPath = join(paths.out, CHART_FILE_NAME);
  const chart = renderShareChart(report, chartColoursOf(settings));
  await writeFile(
    workbookPath,
    await renderWorkbook(report, {
      ...(settings.trustName ? { title: settings.trustName } : {}),
      chart,
      accent: settings.brandColour,
    }),
  );
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(chartPath, chart.png);
  const written = [workbookPath, summaryPath, chartPath];
  if (registers) {
    const extractPath = join(paths.out, EXTRACT_FILE_NAME);
    await writeFile(extractPath, `${JSON.stringify(registers.extract, null, 1)}\n`);
    written.push(extractPath);
  }
  return {
    report,
    summary,
    written,
    ignored,
    leftOut,
    readOnce,
    registerNotes: registers?.notes ?? [],
  };
}

/** The files given with options other than `--ledger`, which a ledger folder may also hold. */
function otherInputsOf(paths: ReportPaths): OtherInput[] {
  return [
    ...(paths.suppliers ? [{ path: paths.suppliers, flag: '--suppliers' }] : []),
    ...(paths.postcodes ? [{ path: paths.postcodes, flag: '--postcodes' }] : []),
    ...(paths.registers ?? []).map((path) => ({ path, flag: '--registers' })),
  ];
}

/** Every ledger file was rejected: there is no spend to report, and each file says why. */
export class NothingToReportError extends Error {
  override name = 'NothingToReportError';
  constructor(ledgers: readonly Pick<LedgerFile, 'name' | 'rejection'>[]) {
    const reasons = ledgers.map((ledger) => `  ${describeRejection(ledger, 'rejected')}`);
    super(`no file was accepted, so there is nothing to report:\n${reasons.join('\n')}`);
  }
}

/** Streams an ONS postcode file, keeping only the postcodes this report can use. */
async function readPostcodeLookup(
  path: string,
  ledgers: readonly ReportLedger[],
  reference: SupplierReference | undefined,
  registerPostcodes: readonly string[],
): Promise<PostcodeLookup> {
  const wanted = collectWantedPostcodes(ledgers, reference, registerPostcodes);
  const records = createReadStream(path).pipe(parse(POSTCODE_LOOKUP_CSV));
  return buildPostcodeLookup(records, wanted);
}
