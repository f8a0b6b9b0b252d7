import * as z from 'zod';
import { kentAndMedway } from '../../shared/classify/index.ts';
import { chartColoursOf } from '../../shared/config/settings.ts';
import { composeReportEmail } from '../../shared/email/index.ts';
import { parseFinancialYear, parseYearMonth } from '../../shared/periods/financial-year.ts';
import {
  archiveKeys,
  buildCurrentManifest,
  CURRENT_MANIFEST_KEY,
  type CurrentManifest,
  CurrentManifestSchema,
  lastCompleteMonth,
  type ReportManifest,
  ReportManifestSchema,
  SentMarkerSchema,
  s3Location,
  uploadsCoveringMonth,
  workbookName,
} from '../../shared/pipeline/index.ts';
import { REGISTER_NAMES } from '../../shared/registers/index.ts';
import type { Report } from '../../shared/report/index.ts';
import {
  buildReport,
  CHART_FILE_NAME,
  renderShareChart,
  renderWorkbook,
  type ShareChart,
  toSummaryJson,
} from '../../shared/report/index.ts';
import type { YearMonth } from '../../shared/types.ts';
import { buildMime } from '../adapters/mime.ts';
import { getJson, putJson, putObjectBytes } from '../adapters/s3.ts';
import { sendRawEmail } from '../adapters/ses.ts';
import { publishCurrentManifest } from '../archive/archive-records.ts';
import type { FunctionConfig } from '../config.ts';
import type { PipelineDeps } from '../deps.ts';
import { describeError, logInfo } from '../log.ts';
import { loadReportInputs, type ReportInputs } from './load-report-inputs.ts';

/** What the schedule (or a person) invokes the report with; every field optional. */
export const ReportEventSchema = z
  .object({
    /** `YYYY-MM`; default the last complete month (Europe/London). */
    month: z
      .string()
      .refine((text) => {
        try {
          parseYearMonth(text);
          return true;
        } catch {
          return false;
        }
      }, 'write the month like 2026-10')
      .optional(),
    /** Archive everything (current.json included), send nothing, write no sent.json. */
    dryRun: z.boolean().default(false),
    /** Run and send even though the month's email was already sent. */
    force: z.boolean().default(false),
  })
  .default({ dryRun: false, force: false });
export type ReportEvent = z.input<typeof ReportEventSchema>;

export interface ReportResult {
  month: YearMonth;
  status: 'sent' | 'dry-run' | 'already-sent';
  sent: boolean;
  runId?: string;
  /** The run that sent the month's email, when this run did nothing. */
  sentByRunId?: string;
  attached?: boolean;
  messageId?: string;
  /** Archive keys written by this run. */
  keys: string[];
}

/** The month's report was built and archived, but SES refused the email; the run's manifest says why. */
export class ReportNotSentError extends Error {
  override name = 'ReportNotSentError';
}

/** No accepted upload has lines in the report month, so its report would show the month as empty. */
export class NoDataForMonthError extends Error {
  override name = 'NoDataForMonthError';
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The share chart inside the board email: `<img src="cid:share-chart@socval">`. */
const CHART_CONTENT_ID = 'share-chart@socval';

/**
 * The monthly report: builds it from the archive with the same core as the CLI, archives workbook,
 * summary.json, the exact email, the uploads it counted (`current.json`) and a manifest, emails the board
 * (unless a dry run), updates `manifests/current.json`, then marks the month sent. A month already sent is
 * left alone unless forced.
 */
export async function runMonthlyReport(
  deps: PipelineDeps,
  event: ReportEvent,
  run: { runAt: Date; runId: string },
): Promise<ReportResult> {
  const { config, s3, ses } = deps;
  const archive = config.archiveBucket;
  const request = ReportEventSchema.parse(event ?? {});
  const month = request.month ?? lastCompleteMonth(run.runAt);
  const sentKey = archiveKeys.sentMarker(month);
  const sent = await getJson(s3, archive, sentKey, SentMarkerSchema);
  if (sent && !request.force) {
    logInfo('the report for this month was already sent; nothing done', { month, sentByRunId: sent.runId });
    return { month, status: 'already-sent', sent: false, sentByRunId: sent.runId, keys: [] };
  }

  const inputs = await loadReportInputs(deps);
  if (uploadsCoveringMonth(inputs.uploads, month).length === 0) {
    throw new NoDataForMonthError(
      `no accepted ledger upload has lines in ${month}: put the month's extract under incoming/ in ` +
        `${config.landingBucket} and run the report again, or invoke it with another "month"`,
    );
  }
  const report = buildReport(inputs.ledgers, inputs.suppliers?.reference, {
    firstYear: parseFinancialYear(config.settings.firstFinancialYear),
    reportMonth: month,
    classification: {
      locality: kentAndMedway,
      smeDefinition: config.settings.smeDefinition,
      eurToGbp: config.settings.eurToGbp,
      cooperativesAreVcse: config.settings.cooperativesAreVcse,
      ...(inputs.postcodes ? { postcodeLookup: inputs.postcodes.lookup } : {}),
      ...(inputs.registers ? { registers: inputs.registers.extract } : {}),
    },
  });
  // The report holds no lines: let them go before rendering, which needs memory of its own. Released,
  // not only dropped: the tables are old by now, and a major GC may not come before rendering peaks.
  for (const ledger of inputs.ledgers) ledger.lines.release();
  inputs.ledgers = [];
  const keys = {
    workbook: archiveKeys.workbook(month, run.runId),
    summary: archiveKeys.summary(month, run.runId),
    email: archiveKeys.reportEmail(month, run.runId),
    current: archiveKeys.reportCurrentManifest(month, run.runId),
    manifest: archiveKeys.reportManifest(month, run.runId),
  };
  const current = describeCurrentUploads(inputs, {
    reportMonth: month,
    runId: run.runId,
    runAt: run.runAt.toISOString(),
    dryRun: request.dryRun,
    manifestKey: keys.manifest,
  });
  const chart = renderShareChart(report, chartColoursOf(config.settings));
  const workbook = await renderWorkbook(report, {
    title: config.trustName,
    chart,
    accent: config.settings.brandColour,
    generatedAt: run.runAt.toISOString(),
    codeVersion: config.codeVersion,
    inputs: describeWorkbookInputs(inputs),
  });
  const email = await composeBoardEmail(
    config,
    report,
    chart,
    workbook,
    archiveKeys.reportFolder(month, run.runId),
  );
  await putObjectBytes(s3, { bucket: archive, key: keys.workbook, contentType: XLSX_TYPE }, workbook);
  await putJson(s3, archive, keys.summary, toSummaryJson(report));
  await putObjectBytes(s3, { bucket: archive, key: keys.email, contentType: 'message/rfc822' }, email.mime);
  await putJson(s3, archive, keys.current, current);

  let messageId: string | undefined;
  let sendError: string | undefined;
  let sendErrorName: string | undefined;
  if (!request.dryRun) {
    try {
      messageId = await sendRawEmail(ses, email.mime, {
        maxBytes: config.maxEmailBytes,
        ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
      });
    } catch (error) {
      sendError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      sendErrorName = Object.values(describeError(error)).join(' ');
    }
  }
  const manifest = describeRun(config, inputs, {
    month,
    ...run,
    dryRun: request.dryRun,
    messageId,
    sendError,
    attached: email.attached,
    chart: email.chart,
    emailBytes: email.mime.byteLength,
    keys,
  });
  await putJson(s3, archive, keys.manifest, manifest);
  // After the run's manifest, so the latest view never names a run that has none.
  const published = await publishCurrentManifest(s3, archive, current);
  const written = [
    keys.workbook,
    keys.summary,
    keys.email,
    keys.current,
    keys.manifest,
    ...(published === 'written' ? [CURRENT_MANIFEST_KEY] : []),
  ];
  if (sendError !== undefined) {
    throw new ReportNotSentError(
      // The SES message can name recipients; it is in the manifest, and the thrown error is logged.
      `the ${month} report is archived under ${keys.manifest} but was not sent (${sendErrorName}); the manifest says why`,
    );
  }
  if (messageId === undefined) {
    logInfo('dry run: report archived, not sent', { month, runId: run.runId });
    return {
      month,
      status: 'dry-run',
      sent: false,
      runId: run.runId,
      attached: email.attached,
      keys: written,
    };
  }
  await putJson(
    s3,
    archive,
    sentKey,
    SentMarkerSchema.parse({
      schemaVersion: 1,
      reportMonth: month,
      runId: run.runId,
      sentAt: run.runAt.toISOString(),
      messageId,
      recipients: config.boardRecipients,
      manifestKey: keys.manifest,
      emailKey: keys.email,
    }),
  );
  logInfo('report sent', { month, runId: run.runId, messageId, attached: email.attached });
  return {
    month,
    status: 'sent',
    sent: true,
    runId: run.runId,
    attached: email.attached,
    messageId,
    keys: [...written, sentKey],
  };
}

/**
 * The board's email as MIME: the chart inline and the workbook attached, unless that would exceed
 * `MAX_EMAIL_BYTES` — then without the workbook (the body saying where it is archived), and if that is
 * still too large, without the chart too (its figures are in the table beside it). The last form is
 * returned whatever its size; sending it reports the limit.
 */
async function composeBoardEmail(
  config: FunctionConfig,
  report: Report,
  chart: ShareChart,
  workbook: Uint8Array,
  folderKey: string,
): Promise<{ mime: Uint8Array; attached: boolean; chart: boolean }> {
  const archiveLocation = s3Location(config.archiveBucket, folderKey);
  const filename = workbookName(report.reportMonth);
  const envelope = { from: config.sender, to: config.boardRecipients };
  const base = { trustName: config.trustName, archiveLocation, accent: config.settings.brandColour };
  const chartImage = {
    filename: CHART_FILE_NAME,
    content: chart.png,
    contentType: 'image/png',
    contentId: CHART_CONTENT_ID,
  };
  const inline = { src: `cid:${CHART_CONTENT_ID}`, alt: chart.alt, width: chart.width, height: chart.height };
  const forms = [
    { attached: true, chart: true },
    { attached: false, chart: true },
    { attached: false, chart: false },
  ];
  let mime: Uint8Array = new Uint8Array();
  for (const form of forms) {
    mime = await buildMime({
      ...envelope,
      ...composeReportEmail(report, {
        ...base,
        ...(form.chart ? { chart: inline } : {}),
        ...(form.attached ? { attachmentName: filename } : {}),
      }),
      attachments: [
        ...(form.chart ? [chartImage] : []),
        ...(form.attached ? [{ filename, content: workbook, contentType: XLSX_TYPE }] : []),
      ],
    });
    if (mime.byteLength <= config.maxEmailBytes) return { mime, ...form };
  }
  return { mime, attached: false, chart: false };
}

/** The archived inputs the Method sheet names besides the ledgers and supplier reference. */
function describeWorkbookInputs(inputs: ReportInputs): { kind: string; name: string; sha256: string }[] {
  const { postcodes, registers } = inputs;
  return [
    ...(postcodes
      ? [{ kind: 'postcode lookup', name: postcodes.manifest.name, sha256: postcodes.manifest.sha256 }]
      : []),
    ...(registers?.uploads ?? []).map((manifest) => ({
      kind: REGISTER_NAMES[manifest.register],
      name: manifest.name,
      sha256: manifest.sha256,
    })),
    ...(registers
      ? [
          {
            kind: registers.reused ? 'register extract (re-used)' : 'register extract',
            name: registers.key,
            sha256: registers.sha256,
          },
        ]
      : []),
  ];
}

/**
 * Which upload counts for each month, by the rule the report's figures used (`buildCurrentManifest` of the
 * same upload manifests), stamped with the run.
 */
function describeCurrentUploads(
  inputs: ReportInputs,
  writtenBy: NonNullable<CurrentManifest['writtenBy']>,
): CurrentManifest {
  return CurrentManifestSchema.parse({ ...buildCurrentManifest(inputs.uploads), writtenBy });
}

function describeRun(
  config: FunctionConfig,
  inputs: ReportInputs,
  run: {
    month: YearMonth;
    runId: string;
    runAt: Date;
    dryRun: boolean;
    messageId: string | undefined;
    sendError: string | undefined;
    attached: boolean;
    chart: boolean;
    emailBytes: number;
    keys: { workbook: string; summary: string; email: string; current: string };
  },
): ReportManifest {
  const references = [inputs.suppliers?.manifest, inputs.postcodes?.manifest].filter(
    (manifest) => manifest !== undefined,
  );
  return ReportManifestSchema.parse({
    schemaVersion: 1,
    reportMonth: run.month,
    runId: run.runId,
    runAt: run.runAt.toISOString(),
    dryRun: run.dryRun,
    sent: run.messageId !== undefined,
    ...(run.messageId ? { messageId: run.messageId } : {}),
    ...(run.sendError ? { sendError: run.sendError } : {}),
    recipients: config.boardRecipients,
    attached: run.attached,
    chart: run.chart,
    emailBytes: run.emailBytes,
    inputs: [
      ...inputs.uploads.map((upload) => ({
        kind: 'ledger' as const,
        name: upload.name,
        sha256: upload.sha256,
        key: upload.rawKey,
        status: upload.status,
        receivedAt: upload.receivedAt,
        ...(upload.curatedKey ? { curatedKey: upload.curatedKey } : {}),
      })),
      ...[...references, ...(inputs.registers?.uploads ?? [])].map((reference) => ({
        kind: reference.kind,
        ...(reference.register ? { register: reference.register } : {}),
        name: reference.name,
        sha256: reference.sha256,
        key: reference.rawKey,
        status: reference.status,
        receivedAt: reference.receivedAt,
      })),
    ],
    ...(inputs.registers
      ? {
          registerExtract: {
            key: inputs.registers.key,
            sha256: inputs.registers.sha256,
            reused: inputs.registers.reused,
          },
        }
      : {}),
    ...(inputs.unreadable.length > 0 ? { unreadableInputs: inputs.unreadable } : {}),
    settings: config.settings,
    codeVersion: config.codeVersion,
    outputs: run.keys,
  });
}
