import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { formatCuratedHeader, formatCuratedRow, parseCuratedRows } from '../../../shared/curated/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import {
  ArchiveIntegrityError,
  buildUploadManifest,
  buildUploadProblems,
  hasProblems,
  type LedgerReading,
  ledgerFileFromManifest,
  MANIFEST_ISSUE_LIMIT,
} from '../../../shared/pipeline/index.ts';
import {
  buildReport,
  countLinesByMonth,
  decideFilePeriod,
  toSummaryJson,
} from '../../../shared/report/index.ts';
import type { LedgerFile } from '../../../shared/types.ts';
import { totalLinesByMonth } from '../report/helpers.ts';

const FIXTURES = 'tests/fixtures/real-spend';

/** What the ingest archives for a file, and what the report reads back from it. */
function throughTheArchive(file: LedgerFile): LedgerFile {
  const { lines, ...rest } = file;
  const reading: LedgerReading = {
    ...rest,
    rowCount: lines.length,
    total: lines.reduce((sum, line) => sum + line.amount, 0),
    monthCounts: Object.fromEntries(countLinesByMonth(lines)),
    monthTotals: totalLinesByMonth(lines),
  };
  const manifest = JSON.parse(
    JSON.stringify(
      buildUploadManifest(reading, {
        sourceKey: `incoming/${file.name}`,
        size: 1,
        receivedAt: '2024-07-01T09:00:00.000Z',
        keys: { raw: 'raw', curated: 'curated', ...(hasProblems(reading) ? { problems: 'problems' } : {}) },
      }),
    ),
  );
  const problems = hasProblems(reading)
    ? JSON.parse(JSON.stringify(buildUploadProblems(reading)))
    : undefined;
  const curated = `${[formatCuratedHeader(), ...lines.map(formatCuratedRow)].join('\n')}\n`;
  expect(manifest.period).toEqual(decideFilePeriod(file));
  return ledgerFileFromManifest(manifest, parseCuratedRows(curated), problems);
}

const realFiles = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(join(FIXTURES, dir.name)).map((name) => ({
      name,
      bytes: readFileSync(join(FIXTURES, dir.name, name)),
    })),
  );

describe('an upload read back from the archive', () => {
  it('is the file readLedger reads from the original bytes, for every real published extract', async () => {
    expect(realFiles.length).toBeGreaterThan(50);
    const ledgers: LedgerFile[] = [];
    const rebuilt: LedgerFile[] = [];
    for (const input of realFiles) {
      const file = await readLedger(input);
      const back = throughTheArchive(file);
      expect(back).toEqual({ ...file, skipped: file.skipped.filter((s) => s.reason !== 'blank') });
      ledgers.push(file);
      rebuilt.push(back);
    }
    expect(ledgers.some((file) => file.status === 'rejected')).toBe(true);
    const config = {
      firstYear: parseFinancialYear('2019/20'),
      classification: {
        locality: kentAndMedway,
        smeDefinition: 'procurement-act-2023' as const,
        eurToGbp: 0.85,
      },
    };
    const sample = (files: LedgerFile[]) =>
      files.filter((file) => file.name.startsWith('KICO') || file.name.startsWith('BART'));
    expect(toSummaryJson(buildReport(sample(rebuilt), undefined, config))).toEqual(
      toSummaryJson(buildReport(sample(ledgers), undefined, config)),
    );
  });

  it('lists the first issues in the manifest and every issue in the problems record', async () => {
    const rows = [
      'Date,Supplier,Amount',
      ...Array.from({ length: 1200 }, (_, i) => `13/05/2024,Acme Ltd,${i % 10 === 0 ? 'bad' : '1.00'}`),
    ];
    const file = await readLedger(
      { name: 'may.csv', bytes: Buffer.from(rows.join('\n')) },
      { maxBadShare: 0.5 },
    );
    const { lines, ...rest } = file;
    const reading = {
      ...rest,
      rowCount: lines.length,
      total: lines.length * 100,
      monthCounts: { '2024-05': lines.length },
      monthTotals: { '2024-05': lines.length * 100 },
    };

    const manifest = buildUploadManifest(reading, {
      sourceKey: 'incoming/may.csv',
      size: 1,
      receivedAt: '2024-07-01T09:00:00Z',
      keys: { raw: 'raw', problems: 'problems' },
    });

    expect(manifest.issueCount).toBe(120);
    expect(manifest.issues).toHaveLength(MANIFEST_ISSUE_LIMIT);
    expect(buildUploadProblems(reading).issues).toHaveLength(120);
  });

  it('refuses curated rows that do not add up to their manifest', async () => {
    const file = await readLedger({
      name: 'may.csv',
      bytes: Buffer.from('Date,Supplier,Amount\n13/05/2024,Acme Ltd,1.00\n14/05/2024,Acme Ltd,2.00\n'),
    });
    const { lines, ...rest } = file;
    const manifest = buildUploadManifest(
      { ...rest, rowCount: 2, total: 300, monthCounts: { '2024-05': 2 }, monthTotals: { '2024-05': 300 } },
      {
        sourceKey: 'incoming/may.csv',
        size: 1,
        receivedAt: '2024-07-01T09:00:00Z',
        keys: { raw: 'raw' },
      },
    );
    expect(() => ledgerFileFromManifest(manifest, lines.slice(1), undefined)).toThrow(ArchiveIntegrityError);
  });
});
