import { sumAmounts } from '../curated/line-table.ts';
import { formatPence } from '../money/format-pence.ts';
import { decidePeriodFromCounts, deriveSeriesKey } from '../report/file-period.ts';
import type { LedgerFile, LedgerLine, LedgerLines, Pence, YearMonth } from '../types.ts';
import { seriesOfUpload } from './current-uploads.ts';
import {
  MANIFEST_ISSUE_LIMIT,
  type UploadManifest,
  UploadManifestSchema,
  type UploadProblems,
  UploadProblemsSchema,
} from './manifest.ts';

/** A ledger read as a stream: everything but the lines, plus their count and total, in all and per month. */
export type LedgerReading = Omit<LedgerFile, 'lines'> & {
  rowCount: number;
  total: Pence;
  monthCounts: Record<YearMonth, number>;
  monthTotals: Record<YearMonth, Pence>;
};

export interface UploadFacts {
  sourceKey: string;
  size: number;
  receivedAt: string;
  keys: {
    raw: string;
    curated?: string;
    problems?: string;
    quarantine?: string;
    errorReport?: string;
    notification?: string;
  };
}

const notBlank = (reading: Pick<LedgerFile, 'skipped'>) =>
  reading.skipped.filter((s) => s.reason !== 'blank');

/** True when an upload has issues, skipped lines or notes worth a problems record. */
export function hasProblems(reading: LedgerReading): boolean {
  return reading.issues.length > 0 || notBlank(reading).length > 0 || (reading.notes?.length ?? 0) > 0;
}

/** The problems record of an upload: every issue, every non-blank skipped line, every note. */
export function buildUploadProblems(reading: LedgerReading): UploadProblems {
  return UploadProblemsSchema.parse({
    schemaVersion: 1,
    sha256: reading.sha256,
    issues: reading.issues,
    skipped: notBlank(reading),
    notes: reading.notes ?? [],
  });
}

/** The manifest of one ledger upload, from how it was read and where its outputs were written. */
export function buildUploadManifest(reading: LedgerReading, facts: UploadFacts): UploadManifest {
  const months = Object.keys(reading.monthCounts).sort();
  const { keys } = facts;
  return UploadManifestSchema.parse({
    schemaVersion: 1,
    kind: 'ledger',
    name: reading.name,
    sourceKey: facts.sourceKey,
    sha256: reading.sha256,
    size: facts.size,
    receivedAt: facts.receivedAt,
    status: reading.status,
    format: reading.format,
    ...(reading.encoding === undefined ? {} : { encoding: reading.encoding }),
    ...(reading.sheet === undefined ? {} : { sheet: reading.sheet }),
    ...(reading.headerLine === undefined ? {} : { headerLine: reading.headerLine }),
    rows: reading.rowCount,
    total: formatPence(reading.total),
    months,
    monthCounts: Object.fromEntries(months.map((month) => [month, reading.monthCounts[month] ?? 0])),
    monthTotals: Object.fromEntries(
      months.map((month) => [month, formatPence(reading.monthTotals[month] ?? 0)]),
    ),
    period: decidePeriodFromCounts(reading.name, new Map(Object.entries(reading.monthCounts))),
    series: seriesOfUpload({ sourceKey: facts.sourceKey }),
    columns: reading.columns,
    dateStyles: reading.dateStyles,
    skipped: notBlank(reading).length,
    issueCount: reading.issues.length,
    issues: reading.issues.slice(0, MANIFEST_ISSUE_LIMIT),
    ...(reading.rejection ? { rejection: reading.rejection } : {}),
    rawKey: keys.raw,
    ...(keys.curated ? { curatedKey: keys.curated } : {}),
    ...(keys.problems ? { problemsKey: keys.problems } : {}),
    ...(keys.quarantine ? { quarantineKey: keys.quarantine } : {}),
    ...(keys.errorReport ? { errorReportKey: keys.errorReport } : {}),
    ...(keys.notification ? { notificationKey: keys.notification } : {}),
  });
}

/** The archive does not agree with itself: a manifest and the rows or problems it names differ. */
export class ArchiveIntegrityError extends Error {
  override name = 'ArchiveIntegrityError';
}

/**
 * The `LedgerFile` the report needs, rebuilt from an upload's manifest, its curated lines and its problems
 * record — the same file `readLedger` gives for the original bytes (its lines an array, or a `LineTable` as
 * the report function reads them). Checks the lines against the manifest's count and total.
 */
export function ledgerFileFromManifest<Lines extends LedgerLines = LedgerLine[]>(
  manifest: UploadManifest,
  lines: Lines,
  problems: UploadProblems | undefined,
): Omit<LedgerFile, 'lines'> & { lines: Lines } {
  const total = sumAmounts(lines);
  if (lines.length !== manifest.rows || formatPence(total) !== manifest.total) {
    throw new ArchiveIntegrityError(
      `${manifest.curatedKey ?? manifest.name} holds ${lines.length} lines totalling ${formatPence(total)}, ` +
        `but its manifest says ${manifest.rows} lines totalling ${manifest.total}: re-run the ingest for ${manifest.sourceKey}`,
    );
  }
  if (manifest.problemsKey !== undefined && problems === undefined) {
    throw new ArchiveIntegrityError(`${manifest.problemsKey} is missing for ${manifest.name}`);
  }
  const issues = problems?.issues ?? manifest.issues;
  if (issues.length !== manifest.issueCount) {
    throw new ArchiveIntegrityError(
      `${manifest.name}: the archive lists ${issues.length} issues, its manifest says ${manifest.issueCount}`,
    );
  }
  const notes = problems?.notes ?? [];
  const series = seriesOfUpload(manifest);
  return {
    name: manifest.name,
    // Only when its folder makes it other than its name says, so the file is the one `readLedger` gives.
    ...(series === deriveSeriesKey(manifest.name) ? {} : { series }),
    sha256: manifest.sha256,
    format: manifest.format,
    ...(manifest.encoding === undefined ? {} : { encoding: manifest.encoding }),
    ...(manifest.sheet === undefined ? {} : { sheet: manifest.sheet }),
    ...(manifest.headerLine === undefined ? {} : { headerLine: manifest.headerLine }),
    columns: manifest.columns,
    dateStyles: manifest.dateStyles.map(({ order, ...style }) =>
      order === undefined ? style : { ...style, order },
    ),
    status: manifest.status,
    ...(manifest.rejection ? { rejection: manifest.rejection } : {}),
    lines,
    issues,
    skipped: problems?.skipped ?? [],
    ...(notes.length > 0 ? { notes } : {}),
  };
}
