/**
 * The report function's work after reading the archive: the curated lines of five financial years
 * (read back with `splitLines` → `collectCuratedTable` into a `LineTable`, as `loadReportInputs` does) →
 * `buildReport` → chart, workbook, summary.json and the board's MIME email with the workbook attached.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { buildMime } from '../../functions/adapters/mime.ts';
import { kentAndMedway } from '../../shared/classify/index.ts';
import { collectCuratedTable, type LineTable } from '../../shared/curated/index.ts';
import { composeReportEmail } from '../../shared/email/index.ts';
import { parseFinancialYear } from '../../shared/periods/financial-year.ts';
import {
  buildReport,
  CHART_FILE_NAME,
  renderShareChart,
  renderWorkbook,
  toSummaryJson,
} from '../../shared/report/index.ts';
import { readSupplierReference } from '../../shared/suppliers/index.ts';
import { splitLines } from '../../shared/table/split-lines.ts';
import type { LedgerFile } from '../../shared/types.ts';
import {
  currentRss,
  type FyFigures,
  finish,
  peakRss,
  resetPeakRss,
  stepArguments,
  stopwatch,
} from './child.ts';

interface ReportArguments {
  curated: string;
  reference: string;
  firstYear: string;
}

const args = stepArguments<ReportArguments>();
const gc = (globalThis as { gc?: () => void }).gc;
const clock = stopwatch();
const reference = await readSupplierReference({
  name: 'suppliers.csv',
  bytes: new Uint8Array(await readFile(args.reference)),
});
const file = JSON.parse(await readFile(`${args.curated}.file.json`, 'utf8')) as Omit<LedgerFile, 'lines'>;
// Without the manifest's line count the function passes as `capacity`, so the columns grow by doubling.
// Held only through `ledgers`, released and emptied once the report is built, as the report function does.
let ledgers: (Omit<LedgerFile, 'lines'> & { lines: LineTable })[] = [
  { ...file, lines: await collectCuratedTable(splitLines(createReadStream(args.curated))) },
];
const lineCount = ledgers[0]?.lines.length ?? 0;
clock.lap('loadCurated');
gc?.();
// The table's columns are typed arrays, outside the JS heap: counted here with it.
const held = process.memoryUsage();
const heapHoldingLines = held.heapUsed + held.arrayBuffers;
const rssHoldingLines = currentRss();
const peakBeforeBuild = peakRss();
clock.lap('gc');

const report = buildReport(ledgers, reference, {
  firstYear: parseFinancialYear(args.firstYear),
  classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
});
for (const ledger of ledgers) ledger.lines.release();
ledgers = [];
clock.lap('buildReport');
const rssBeforeRender = currentRss();
const peakReset = resetPeakRss();

const chart = renderShareChart(report);
clock.lap('chart');
const workbook = await renderWorkbook(report, {
  title: 'Bench Valley NHS Foundation Trust',
  chart,
  accent: '#005EB8',
  generatedAt: '2026-04-05T08:00:00.000Z',
  codeVersion: 'bench',
  inputs: [],
});
clock.lap('workbook');
const summaryJson = JSON.stringify(toSummaryJson(report));
clock.lap('summaryJson');
const workbookName = `social-value-${report.reportMonth}.xlsx`;
const mime = await buildMime({
  from: 'socval@bench.nhs.uk',
  to: ['board@bench.nhs.uk'],
  ...composeReportEmail(report, {
    trustName: 'Bench Valley NHS Foundation Trust',
    archiveLocation: 's3://bench-archive/reports/',
    attachmentName: workbookName,
    chart: { src: 'cid:share-chart@socval', alt: chart.alt, width: chart.width, height: chart.height },
  }),
  attachments: [
    {
      filename: CHART_FILE_NAME,
      content: chart.png,
      contentType: 'image/png',
      contentId: 'share-chart@socval',
    },
    {
      filename: workbookName,
      content: workbook,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  ],
});
clock.lap('email');
const peakDuringRender = peakReset ? peakRss() : undefined;

const figures: FyFigures = {};
for (const year of report.financialYears) figures[year.fy.label] = year.figures;
finish({
  lines: lineCount,
  suppliers: report.suppliers.length,
  financialYears: report.financialYears.length,
  reportMonth: report.reportMonth,
  workbookBytes: workbook.byteLength,
  summaryJsonBytes: summaryJson.length,
  emailBytes: mime.byteLength,
  chartBytes: chart.png.byteLength,
  phasesMs: clock.phases,
  cpuMs: clock.cpuPhases,
  heapHoldingLinesBytes: heapHoldingLines,
  rssHoldingLinesBytes: rssHoldingLines,
  peakRssBeforeBuildBytes: peakBeforeBuild,
  rssBeforeRenderBytes: rssBeforeRender,
  peakRssDuringRenderBytes: peakDuringRender,
  figures,
});
