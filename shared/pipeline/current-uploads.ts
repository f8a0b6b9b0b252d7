import { choosePeriodOwners } from '../report/select-current-lines.ts';
import type { YearMonth } from '../types.ts';
import { archiveKeys } from './archive-layout.ts';
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
 * Which accepted upload is current for each month, by the same rule the report uses to choose lines: a
 * later upload for a month replaces the earlier ones' lines for it (`choosePeriodOwners`).
 */
export function buildCurrentManifest(uploads: readonly UploadManifest[]): CurrentManifest {
  const accepted = orderUploads(uploads.filter((upload) => upload.status === 'accepted'));
  const owners = choosePeriodOwners(accepted.map((upload) => ({ accepted: true, period: upload.period })));
  const ref = (index: number) => {
    const upload = accepted[index];
    return { name: upload?.name ?? '', sha256: upload?.sha256 ?? '' };
  };
  const months: Record<YearMonth, { name: string; sha256: string }> = {};
  for (const month of [...owners.keys()].sort()) months[month] = ref(owners.get(month) ?? 0);

  return CurrentManifestSchema.parse({
    schemaVersion: 1,
    uploads: accepted.map((upload, index) => {
      const namedMonth = upload.period.from === 'file-name';
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
        currentMonths: upload.period.months.filter((month) => owners.get(month) === index),
        replacedMonths: upload.period.months
          .filter((month) => owners.get(month) !== index)
          .map((month) => ({
            month,
            by: ref(owners.get(month) ?? index),
            // A period named by the file name takes all its lines, back-dated ones included.
            rows: namedMonth ? upload.rows : (upload.monthCounts[month] ?? 0),
            total: namedMonth ? upload.total : (upload.monthTotals[month] ?? '0.00'),
          })),
      };
    }),
    months,
  });
}
