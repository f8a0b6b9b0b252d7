import { deriveSeriesKey } from '../report/file-period.ts';
import { choosePeriodOwners, ownerOf } from '../report/select-current-lines.ts';
import type { YearMonth } from '../types.ts';
import { archiveKeys, INCOMING_PREFIX } from './archive-layout.ts';
import { type CurrentManifest, CurrentManifestSchema, type UploadManifest } from './manifest.ts';

/**
 * Uploads in the order they replace each other: the S3 event time, then the landing key, then the hash
 * (so the order is total and the same on every run).
 */
export function orderUploads<T extends Pick<UploadManifest, 'receivedAt' | 'sourceKey' | 'sha256'>>(
  uploads: readonly T[],
): T[] {
  return [...uploads].sort(
    (a, b) =>
      Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
      compareText(a.sourceKey, b.sourceKey) ||
      compareText(a.sha256, b.sha256),
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An upload's series: as its manifest records it, else (a manifest from before series) derived from its
 * landing key under `incoming/`, folders included — `incoming/cardiology/2024-05.csv` is series
 * `cardiology`.
 */
export function seriesOfUpload(upload: Pick<UploadManifest, 'sourceKey' | 'series'>): string {
  if (upload.series !== undefined) return upload.series;
  const { sourceKey } = upload;
  return deriveSeriesKey(
    sourceKey.startsWith(INCOMING_PREFIX) ? sourceKey.slice(INCOMING_PREFIX.length) : sourceKey,
  );
}

/**
 * Which accepted uploads are current for each month, by the same rule the report uses to choose lines: a
 * later upload of the same series for a month replaces the earlier ones' lines for it; uploads of different
 * series all count (`choosePeriodOwners`).
 */
export function buildCurrentManifest(uploads: readonly UploadManifest[]): CurrentManifest {
  const accepted = orderUploads(uploads.filter((upload) => upload.status === 'accepted'));
  const series = accepted.map(seriesOfUpload);
  const owners = choosePeriodOwners(
    accepted.map((upload, index) => ({ accepted: true, period: upload.period, series: series[index] ?? '' })),
  );
  const ref = (index: number) => {
    const upload = accepted[index];
    return { name: upload?.name ?? '', sha256: upload?.sha256 ?? '' };
  };
  const current = new Map<YearMonth, number[]>();
  for (const byMonth of owners.values()) {
    for (const [month, index] of byMonth) current.set(month, [...(current.get(month) ?? []), index]);
  }
  const months: Record<YearMonth, { name: string; sha256: string }[]> = {};
  for (const month of [...current.keys()].sort()) {
    months[month] = (current.get(month) ?? []).sort((a, b) => a - b).map(ref);
  }

  return CurrentManifestSchema.parse({
    schemaVersion: 1,
    uploads: accepted.map((upload, index) => {
      const namedMonth = upload.period.from === 'file-name';
      const owner = (month: YearMonth) => ownerOf(owners, series[index] ?? '', month);
      return {
        name: upload.name,
        sha256: upload.sha256,
        sourceKey: upload.sourceKey,
        receivedAt: upload.receivedAt,
        manifestKey: archiveKeys.uploadManifest(upload.sha256),
        curatedKey: upload.curatedKey ?? archiveKeys.curatedLedger(upload.sha256),
        rows: upload.rows,
        total: upload.total,
        period: upload.period,
        series: series[index],
        currentMonths: upload.period.months.filter((month) => owner(month) === index),
        replacedMonths: upload.period.months
          .filter((month) => owner(month) !== index)
          .map((month) => ({
            month,
            by: ref(owner(month) ?? index),
            // A period named by the file name takes all its lines, back-dated ones included.
            rows: namedMonth ? upload.rows : (upload.monthCounts[month] ?? 0),
            total: namedMonth ? upload.total : (upload.monthTotals[month] ?? '0.00'),
          })),
      };
    }),
    months,
  });
}
