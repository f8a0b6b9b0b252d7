import * as z from 'zod';
import { SettingsSchema } from '../config/settings.ts';
import { REGISTER_KINDS, type RegisterKind } from '../registers/detect-register.ts';

/**
 * The archive's JSON records, each zod-checked when written and when read back. `schemaVersion` 1;
 * changes are additive.
 */

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2024-05');
const Money = z.string().regex(/^-?\d+\.\d{2}$/, 'GBP with two decimals');
const Timestamp = z.iso.datetime({ offset: true });
const RegisterKindSchema = z.enum(REGISTER_KINDS as [RegisterKind, ...RegisterKind[]]);

export const LineIssueSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});

const SkippedLineSchema = z.object({ line: z.number().int(), reason: z.string() });

const DateStyleSchema = z.object({
  style: z.string(),
  order: z.enum(['DMY', 'MDY']).optional(),
  evidence: z.string(),
  lines: z.number().int(),
});

export const FilePeriodSchema = z.object({
  months: z.array(Month),
  from: z.enum(['file-name', 'line-dates']),
  evidence: z.string(),
});

/** How many issues a manifest lists; the full list is in the problems record. */
export const MANIFEST_ISSUE_LIMIT = 50;

/** `manifests/uploads/<sha256>.json`: one per distinct ledger upload, accepted or rejected. */
export const UploadManifestSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('ledger'),
  name: z.string(),
  /** The landing key it arrived under (first arrival, when the same bytes came twice). */
  sourceKey: z.string(),
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  /** The S3 event time of the upload: the order uploads replace each other in. */
  receivedAt: Timestamp,
  status: z.enum(['accepted', 'rejected']),
  format: z.enum(['csv', 'xlsx', 'xls', 'unknown']),
  encoding: z.string().optional(),
  sheet: z.string().optional(),
  headerLine: z.number().int().optional(),
  rows: z.number().int().nonnegative(),
  total: Money,
  months: z.array(Month),
  monthCounts: z.record(Month, z.number().int()),
  monthTotals: z.record(Month, Money),
  period: FilePeriodSchema,
  /**
   * Which extract it is a version of (`deriveSeriesKey` of its key under `incoming/`): only an upload of the
   * same series replaces it. Absent before series; then `seriesOfUpload` derives it from `sourceKey`.
   */
  series: z.string().optional(),
  columns: z.record(z.string(), z.string()),
  dateStyles: z.array(DateStyleSchema),
  /** Lines read but not spend (Total rows, repeated headers); blank lines are not counted. */
  skipped: z.number().int().nonnegative(),
  issueCount: z.number().int().nonnegative(),
  /** The first `MANIFEST_ISSUE_LIMIT` issues; all of them are in `problemsKey`. */
  issues: z.array(LineIssueSchema),
  rejection: LineIssueSchema.optional(),
  rawKey: z.string(),
  curatedKey: z.string().optional(),
  problemsKey: z.string().optional(),
  quarantineKey: z.string().optional(),
  errorReportKey: z.string().optional(),
  notificationKey: z.string().optional(),
});
export type UploadManifest = z.infer<typeof UploadManifestSchema>;

/** `manifests/problems/<sha256>.json`: every issue, skipped line and note of one upload. */
export const UploadProblemsSchema = z.object({
  schemaVersion: z.literal(1),
  sha256: Sha256,
  issues: z.array(LineIssueSchema),
  skipped: z.array(SkippedLineSchema),
  notes: z.array(LineIssueSchema),
});
export type UploadProblems = z.infer<typeof UploadProblemsSchema>;

/**
 * `manifests/reference/<sha256>.json`: one per distinct supplier reference, postcode lookup or open
 * register upload.
 */
export const ReferenceManifestSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(['suppliers', 'postcodes', 'register']),
  /** Which open register, told by its header (registers only). */
  register: RegisterKindSchema.optional(),
  name: z.string(),
  sourceKey: z.string(),
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  receivedAt: Timestamp,
  status: z.enum(['accepted', 'rejected']),
  /**
   * Records read: supplier records; for a register or postcode lookup, every row of the file, read to its
   * last byte when it arrived (not set on register and postcode manifests written before that check).
   */
  records: z.number().int().nonnegative().optional(),
  /** The line the last row starts on (registers and postcode lookups). */
  lastLine: z.number().int().nonnegative().optional(),
  /** The register's edition: from its name (Companies House, OSCR) or its `date_of_extract` column. */
  dated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  datedFrom: z.enum(['file-name', 'date_of_extract']).optional(),
  /** Rows by status as the register words it (`Active`, `Registered`, `Removed`, …; registers only). */
  statuses: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** The postcode and district columns found (postcodes only). */
  columns: z.object({ postcode: z.string(), district: z.string() }).optional(),
  issueCount: z.number().int().nonnegative(),
  issues: z.array(LineIssueSchema),
  rejection: LineIssueSchema.optional(),
  rawKey: z.string(),
  /**
   * An accepted supplier reference as read (`curated/suppliers/<sha256>.json`): what the report reads. Absent
   * on other kinds, and on supplier references accepted before the ingest wrote it.
   */
  curatedKey: z.string().optional(),
  quarantineKey: z.string().optional(),
  errorReportKey: z.string().optional(),
  notificationKey: z.string().optional(),
});
export type ReferenceManifest = z.infer<typeof ReferenceManifestSchema>;

const UploadRefSchema = z.object({ name: z.string(), sha256: Sha256 });

/**
 * Which accepted upload is current for each month, as a report run decided it: written by every report run
 * into its folder (`reports/<YYYY-MM>/<runId>/current.json`) and, as the latest view, to
 * `manifests/current.json`.
 */
export const CurrentManifestSchema = z.object({
  schemaVersion: z.literal(1),
  /** The report run that wrote this file (absent from `buildCurrentManifest`'s own result). */
  writtenBy: z
    .object({
      reportMonth: Month,
      runId: z.string(),
      runAt: Timestamp,
      dryRun: z.boolean(),
      /** The run's `manifest.json`, beside this file's copy in the run folder. */
      manifestKey: z.string(),
    })
    .optional(),
  /** Accepted uploads in the order they replace each other: received time, then landing key. */
  uploads: z.array(
    UploadRefSchema.extend({
      sourceKey: z.string(),
      receivedAt: Timestamp,
      manifestKey: z.string(),
      curatedKey: z.string(),
      rows: z.number().int(),
      total: Money,
      period: FilePeriodSchema,
      /** Its series (absent before series): uploads replace only uploads of the same series. */
      series: z.string().optional(),
      /** Period months for which this upload's lines count. */
      currentMonths: z.array(Month),
      /** Period months a later upload replaced, with the lines and total no longer counted. */
      replacedMonths: z.array(
        z.object({ month: Month, by: UploadRefSchema, rows: z.number().int(), total: Money }),
      ),
    }),
  ),
  /**
   * Each period month → the uploads whose lines count for it, one per series, in the order above (a single
   * upload, not a list, before series).
   */
  months: z.record(
    Month,
    z.preprocess((refs) => (Array.isArray(refs) ? refs : [refs]), z.array(UploadRefSchema)),
  ),
});
export type CurrentManifest = z.infer<typeof CurrentManifestSchema>;

/** `reports/<YYYY-MM>/<runId>/manifest.json`: everything an auditor needs to re-run a report. */
export const ReportManifestSchema = z.object({
  schemaVersion: z.literal(1),
  reportMonth: Month,
  runId: z.string(),
  runAt: Timestamp,
  dryRun: z.boolean(),
  sent: z.boolean(),
  messageId: z.string().optional(),
  /** Why the email was not sent, when it was meant to be. */
  sendError: z.string().optional(),
  recipients: z.array(z.string()),
  /** False when the workbook was too large to attach; the email then says where it is. */
  attached: z.boolean(),
  /** False when even the chart had to be left out to keep within the size limit (absent before charts). */
  chart: z.boolean().optional(),
  emailBytes: z.number().int(),
  inputs: z.array(
    z.object({
      kind: z.enum(['ledger', 'suppliers', 'postcodes', 'register']),
      /** Which open register (kind `register` only). */
      register: RegisterKindSchema.optional(),
      name: z.string(),
      sha256: Sha256,
      key: z.string(),
      status: z.enum(['accepted', 'rejected']),
      receivedAt: Timestamp,
      curatedKey: z.string().optional(),
    }),
  ),
  /**
   * The register extract the suppliers were classified with (`manifests/registers/…`): built from the
   * `register` inputs by this run, or re-used from an earlier run on the same files because it covers
   * this report's suppliers.
   */
  registerExtract: z.object({ key: z.string(), sha256: Sha256, reused: z.boolean() }).optional(),
  /**
   * Accepted reference files (registers, postcode lookup) the report could not read and went without, and
   * why: the ingest reads them whole now, so only a file accepted before it did can be here.
   */
  unreadableInputs: z
    .array(
      z.object({
        kind: z.enum(['postcodes', 'register']),
        register: RegisterKindSchema.optional(),
        name: z.string(),
        sha256: Sha256,
        key: z.string(),
        line: z.number().int(),
        column: z.string().optional(),
        reason: z.string(),
      }),
    )
    .optional(),
  settings: SettingsSchema,
  codeVersion: z.string(),
  outputs: z.object({
    workbook: z.string(),
    summary: z.string(),
    email: z.string(),
    /** The uploads the figures used (`current.json` in the run folder; absent from runs before it was written). */
    current: z.string().optional(),
  }),
});
export type ReportManifest = z.infer<typeof ReportManifestSchema>;

/** `reports/<YYYY-MM>/sent.json`: written after the board's email for the month was accepted by SES. */
export const SentMarkerSchema = z.object({
  schemaVersion: z.literal(1),
  reportMonth: Month,
  runId: z.string(),
  sentAt: Timestamp,
  messageId: z.string(),
  recipients: z.array(z.string()),
  manifestKey: z.string(),
  emailKey: z.string(),
});
export type SentMarker = z.infer<typeof SentMarkerSchema>;
