import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPence } from '../../../shared/money/format-pence.ts';
import {
  buildCurrentManifest,
  buildUploadManifest,
  CurrentManifestSchema,
  type LedgerReading,
  orderUploads,
  type UploadManifest,
  UploadManifestSchema,
} from '../../../shared/pipeline/index.ts';
import { countLinesByMonth, selectCurrentLines } from '../../../shared/report/index.ts';
import type { LedgerFile } from '../../../shared/types.ts';
import { ledgerFile, line, totalLinesByMonth } from '../report/helpers.ts';

/** The manifest the ingest writes for a file that `readLedger` would read as `file`. */
function manifestOf(
  file: LedgerFile,
  receivedAt: string,
  index: number,
  sourceKey = `incoming/${file.name}`,
): UploadManifest {
  const { lines, ...rest } = file;
  const sha256 = index.toString(16).padStart(64, '0');
  const reading: LedgerReading = {
    ...rest,
    sha256,
    rowCount: lines.length,
    total: lines.reduce((sum, l) => sum + l.amount, 0),
    monthCounts: Object.fromEntries(countLinesByMonth(lines)),
    monthTotals: totalLinesByMonth(lines),
  };
  return buildUploadManifest(reading, {
    sourceKey,
    size: 100,
    receivedAt,
    keys: {
      raw: `raw/ledger/${sha256}/${file.name}`,
      ...(file.status === 'accepted' ? { curated: `curated/ledger/${sha256}.csv` } : {}),
    },
  });
}

const at = (minute: number) => new Date(Date.UTC(2024, 6, 1, 9, minute)).toISOString();

describe('current.json', () => {
  it('says which upload is current for each month and what a later upload replaced', () => {
    const quarter = ledgerFile('Q1 payments.csv', [
      line('2024-04-10', 100),
      line('2024-05-10', 200),
      line('2024-05-20', 50),
      line('2024-06-10', 300),
    ]);
    const may = ledgerFile('Q1 payments 2024-05 corrected.csv', [line('2024-05-03', 260)]);
    const broken = ledgerFile('2024-06.csv', [], 'rejected');
    const uploads = [manifestOf(may, at(2), 2), manifestOf(quarter, at(1), 1), manifestOf(broken, at(3), 3)];

    const current = buildCurrentManifest(uploads);

    expect(current.uploads.map((u) => [u.name, u.series])).toEqual([
      ['Q1 payments.csv', 'payments q1'],
      ['Q1 payments 2024-05 corrected.csv', 'payments q1'],
    ]);
    expect(current.months).toEqual({
      '2024-04': [{ name: 'Q1 payments.csv', sha256: uploads[1]?.sha256 }],
      '2024-05': [{ name: 'Q1 payments 2024-05 corrected.csv', sha256: uploads[0]?.sha256 }],
      '2024-06': [{ name: 'Q1 payments.csv', sha256: uploads[1]?.sha256 }],
    });
    expect(current.uploads[0]).toMatchObject({
      currentMonths: ['2024-04', '2024-06'],
      replacedMonths: [
        {
          month: '2024-05',
          by: { name: 'Q1 payments 2024-05 corrected.csv', sha256: uploads[0]?.sha256 },
          rows: 2,
          total: '2.50',
        },
      ],
    });
    expect(current.uploads[1]).toMatchObject({ currentMonths: ['2024-05'], replacedMonths: [] });
  });

  it('counts uploads of different series for the same month, each folder its own series', () => {
    const cardiology = ledgerFile('2024-05.csv', [line('2024-05-03', 100)]);
    const oncology = ledgerFile('2024-05.csv', [line('2024-05-04', 200)]);
    const resent = ledgerFile('2024-05 v2.csv', [line('2024-05-04', 210)]);
    const uploads = [
      manifestOf(cardiology, at(1), 1, 'incoming/cardiology/2024-05.csv'),
      manifestOf(oncology, at(2), 2, 'incoming/oncology/2024-05.csv'),
      manifestOf(resent, at(3), 3, 'incoming/oncology/2024-05 v2.csv'),
    ];

    const current = buildCurrentManifest(uploads);

    expect(uploads.map((u) => u.series)).toEqual(['cardiology', 'oncology', 'oncology']);
    expect(current.months['2024-05']?.map((ref) => ref.sha256)).toEqual([
      uploads[0]?.sha256,
      uploads[2]?.sha256,
    ]);
    expect(current.uploads.map((u) => [u.sourceKey, u.currentMonths])).toEqual([
      ['incoming/cardiology/2024-05.csv', ['2024-05']],
      ['incoming/oncology/2024-05.csv', []],
      ['incoming/oncology/2024-05 v2.csv', ['2024-05']],
    ]);
  });

  it('reads manifests from before series: the series from the landing key, a month’s one upload as a list', () => {
    const split = [
      ledgerFile('CC1234 2024-05.csv', [line('2024-05-03', 100)]),
      ledgerFile('CC5678 2024-05.csv', [line('2024-05-04', 200)]),
    ];
    const old = split.map((file, index) => {
      const { series: _series, ...manifest } = manifestOf(file, at(index), index);
      return UploadManifestSchema.parse(manifest);
    });

    const current = buildCurrentManifest(old);

    expect(current.uploads.map((u) => [u.series, u.currentMonths])).toEqual([
      ['cc1234', ['2024-05']],
      ['cc5678', ['2024-05']],
    ]);
    const { months: _months, ...rest } = current;
    const written = {
      ...rest,
      months: { '2024-05': { name: 'CC5678 2024-05.csv', sha256: old[1]?.sha256 } },
    };
    expect(CurrentManifestSchema.parse(written).months).toEqual({
      '2024-05': [{ name: 'CC5678 2024-05.csv', sha256: old[1]?.sha256 }],
    });
  });

  it('orders uploads by arrival, then landing key', () => {
    const a = { receivedAt: '2024-07-01T09:00:00.000Z', sourceKey: 'incoming/b.csv', sha256: '1' };
    const b = { receivedAt: '2024-07-01T09:00:00.000Z', sourceKey: 'incoming/a.csv', sha256: '2' };
    const c = { receivedAt: '2024-07-01T08:59:59.999+00:00', sourceKey: 'incoming/z.csv', sha256: '3' };
    expect(orderUploads([a, b, c])).toEqual([c, b, a]);
  });

  it('agrees with the report’s choice of lines, month by month, for any set of uploads', () => {
    const months = ['2024-04', '2024-05', '2024-06'];
    const arbitraryFile = fc.record({
      named: fc.option(fc.constantFrom(...months), { nil: undefined }),
      centre: fc.constantFrom('CC1', 'CC2'),
      lines: fc.array(
        fc.record({
          month: fc.constantFrom(...months),
          day: fc.integer({ min: 10, max: 28 }),
          amount: fc.integer({ min: -5000, max: 90000 }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      accepted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryFile, { minLength: 1, maxLength: 5 }), (specs) => {
        const files = specs.map((spec, index) =>
          ledgerFile(
            `${spec.centre} upload v${index}${spec.named ? ` ${spec.named}` : ''}.csv`,
            spec.accepted ? spec.lines.map((l) => line(`${l.month}-${l.day}`, l.amount)) : [],
            spec.accepted ? 'accepted' : 'rejected',
          ),
        );
        const { replaced } = selectCurrentLines(files);
        const current = buildCurrentManifest(files.map((file, index) => manifestOf(file, at(index), index)));

        for (const upload of current.uploads) {
          const index = files.findIndex((file) => file.name === upload.name);
          expect(
            upload.replacedMonths.map((r) => ({
              month: r.month,
              by: r.by.name,
              rows: r.rows,
              total: r.total,
            })),
          ).toEqual(
            (replaced[index] ?? []).map((r) => ({
              month: r.month,
              by: r.by,
              rows: r.lines,
              total: formatPence(r.total),
            })),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
