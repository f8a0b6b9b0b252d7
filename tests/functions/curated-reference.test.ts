import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../cli/run-report.ts';
import { parseFunctionConfig } from '../../functions/config.ts';
import { ingestS3Event } from '../../functions/ingest/ingest-event.ts';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import { SettingsSchema } from '../../shared/config/settings.ts';
import { CuratedReferenceSchema } from '../../shared/curated/index.ts';
import {
  archiveKeys,
  type ReferenceManifest,
  ReferenceManifestSchema,
  ReportManifestSchema,
} from '../../shared/pipeline/index.ts';
import { type Summary, SummarySchema } from '../../shared/report/index.ts';
import { readSupplierReference } from '../../shared/suppliers/index.ts';
import type { InputFile } from '../../shared/types.ts';
import { ARCHIVE, type Pipeline, pipelineEnv, startPipeline } from './pipeline-harness.ts';

const TRUST = 'Kent Valley NHS Foundation Trust';
const FIRST_FY = '2024/25';
const MONTH = '2024-06';
const NUMERIC = new Set(['Employees', 'Turnover (GBP)', 'Balance Sheet Total (GBP)']);

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The sample's supplier reference saved as a workbook, as finance keeps it: a cover sheet first, counts
 * and money as numbers, SME/VCSE as text — plus a supplier whose employee count is not a number (an issue).
 */
async function asWorkbook(reference: InputFile): Promise<InputFile> {
  const [header = [], ...rows] = parse(Buffer.from(reference.bytes), { bom: true }) as string[][];
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Cover').addRows([['Supplier reference kept by Procurement'], ['Updated monthly']]);
  const sheet = workbook.addWorksheet('Suppliers');
  sheet.addRow(header);
  for (const row of rows) {
    sheet.addRow(
      row.map((cell, index) =>
        NUMERIC.has(header[index] ?? '') && /^\d+$/.test(cell) ? Number(cell) : cell === '' ? null : cell,
      ),
    );
  }
  sheet.addRow(
    header.map((column) => ({ 'Supplier Name': 'Curated Test Ltd', Employees: 'lots' })[column] ?? null),
  );
  return {
    name: 'Suppliers 2024-06.xlsx',
    bytes: new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer),
  };
}

describe('the supplier reference, kept as read for the report (curated/suppliers/)', () => {
  let pipeline: Pipeline;
  let ledgers: InputFile[];
  let csv: InputFile;
  let xlsx: InputFile;
  let cliDir: string;

  const manifestOf = async (file: InputFile): Promise<ReferenceManifest> =>
    ReferenceManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.referenceManifest(sha256(file.bytes))),
    );

  const putArchive = (key: string, body: string | Uint8Array) =>
    pipeline.local.s3.send(new PutObjectCommand({ Bucket: ARCHIVE, Key: key, Body: body }));

  /** What `socval report` writes for the ledgers and this supplier reference, read from their bytes. */
  async function cliSummary(reference: InputFile): Promise<Summary> {
    const dir = await mkdtemp(join(cliDir, 'run-'));
    await mkdir(join(dir, 'extracts'));
    for (const file of ledgers) await writeFile(join(dir, 'extracts', file.name), file.bytes);
    await writeFile(join(dir, reference.name), reference.bytes);
    const settings = SettingsSchema.parse({
      trustName: TRUST,
      firstFinancialYear: FIRST_FY,
      reportMonth: MONTH,
    });
    await runReport(
      { ledger: [join(dir, 'extracts')], suppliers: join(dir, reference.name), out: join(dir, 'out') },
      settings,
    );
    return SummarySchema.parse(JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8')));
  }

  async function dryRun() {
    const result = await pipeline.report({ month: MONTH, dryRun: true });
    const runId = result.runId ?? '';
    return {
      summary: SummarySchema.parse(await pipeline.readArchiveJson(archiveKeys.summary(MONTH, runId))),
      manifest: ReportManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.reportManifest(MONTH, runId)),
      ),
    };
  }

  beforeAll(async () => {
    cliDir = await mkdtemp(join(tmpdir(), 'socval-cli-'));
    pipeline = await startPipeline({ FIRST_FINANCIAL_YEAR: FIRST_FY });
    const trust = await generateSampleTrust({ firstMonth: '2024-04', lastMonth: MONTH });
    ledgers = trust.ledgerFiles;
    csv = trust.supplierReference;
    xlsx = await asWorkbook(csv);
    for (const file of ledgers)
      await pipeline.ingest(await pipeline.upload(`incoming/${file.name}`, file.bytes));
  }, 120_000);
  afterAll(async () => {
    await pipeline.stop();
    await rm(cliDir, { recursive: true, force: true });
  });

  it.each([
    ['a CSV', () => csv],
    ['an XLSX', () => xlsx],
  ])(
    'keeps %s supplier reference as readSupplierReference reads its raw bytes, named by its manifest',
    async (_, file) => {
      const reference = file();

      const { results } = await pipeline.ingest(
        await pipeline.upload(`reference/${reference.name}`, reference.bytes),
      );

      expect(results).toMatchObject([{ outcome: 'accepted', kind: 'suppliers' }]);
      const manifest = await manifestOf(reference);
      const curatedKey = archiveKeys.curatedSuppliers(sha256(reference.bytes));
      expect(manifest.curatedKey).toBe(curatedKey);
      expect(curatedKey).toBe(`curated/suppliers/${sha256(reference.bytes)}.json`);
      const curated = CuratedReferenceSchema.parse(await pipeline.readArchiveJson(curatedKey));
      const { name, sha256: hash, records, issues } = await readSupplierReference(reference);
      expect(curated).toEqual({ schemaVersion: 1, kind: 'suppliers', name, sha256: hash, records, issues });
      expect(curated.records).toHaveLength(manifest.records ?? -1);
      expect(curated.issues).toHaveLength(manifest.issueCount);
    },
  );

  it('holds the issues of the workbook and its numbers as numbers', async () => {
    const curated = CuratedReferenceSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.curatedSuppliers(sha256(xlsx.bytes))),
    );
    expect(curated.issues).toEqual([
      expect.objectContaining({ file: xlsx.name, column: 'Employees', value: 'lots' }),
    ]);
    expect(
      curated.records.some((record) => record.turnover !== undefined && record.employees !== undefined),
    ).toBe(true);
  });

  it('reports from the latest supplier reference (the XLSX) the same summary.json as `socval report` on the raw files', async () => {
    const { summary, manifest } = await dryRun();

    expect(manifest.inputs.find((input) => input.kind === 'suppliers')).toMatchObject({
      name: xlsx.name,
      sha256: sha256(xlsx.bytes),
    });
    expect(summary).toEqual(await cliSummary(xlsx));
    expect(summary.supplierReference).toMatchObject({ name: xlsx.name, sha256: sha256(xlsx.bytes) });
  });

  it('stops the report, naming the object and what is wrong, when the curated reference fails its schema', async () => {
    const key = archiveKeys.curatedSuppliers(sha256(xlsx.bytes));
    const good = await pipeline.readArchive(key);
    const curated = JSON.parse(good.toString('utf8'));
    curated.records[1].line = 'three';
    await putArchive(key, JSON.stringify(curated));
    try {
      await expect(pipeline.report({ month: MONTH, dryRun: true })).rejects.toThrow(
        new RegExp(
          `^${key} is not a curated supplier reference \\(schema version 1\\) for supplier reference ` +
            `${xlsx.name} \\(raw/reference/.*\\): records\\.1\\.line: .*re-upload the supplier reference`,
        ),
      );
      await putArchive(key, '{"schemaVersion": 1, "kind": "supp');
      await expect(pipeline.report({ month: MONTH, dryRun: true })).rejects.toThrow(/: it is not JSON; /);
    } finally {
      await putArchive(key, good);
    }
    expect((await dryRun()).summary.supplierReference?.name).toBe(xlsx.name);
  });

  it('stops the report on a supplier reference accepted before references were curated, saying to upload it again', async () => {
    const key = archiveKeys.referenceManifest(sha256(xlsx.bytes));
    const good = await pipeline.readArchive(key);
    const { curatedKey: _, ...before } = ReferenceManifestSchema.parse(JSON.parse(good.toString('utf8')));
    await putArchive(key, JSON.stringify(before));
    try {
      await expect(pipeline.report({ month: MONTH, dryRun: true })).rejects.toThrow(
        `supplier reference ${xlsx.name} (${before.rawKey}) was accepted before the ingest kept supplier ` +
          'references as read, so the report cannot use it: re-upload the supplier reference',
      );
    } finally {
      await putArchive(key, good);
    }
  });

  it('converges when the ingest stops after the curated object and before the manifest: re-delivery commits it', async () => {
    const file = {
      name: 'suppliers (retry).csv',
      bytes: Buffer.concat([Buffer.from(csv.bytes), Buffer.from('\r\n')]),
    };
    const hash = sha256(file.bytes);
    const curatedKey = archiveKeys.curatedSuppliers(hash);
    const failing = new S3Client({
      endpoint: pipeline.local.s3Endpoint,
      forcePathStyle: true,
      region: pipeline.local.env.AWS_REGION ?? 'eu-west-2',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    failing.middlewareStack.add(
      (next, context) => async (args) => {
        const key = String((args.input as { Key?: unknown }).Key ?? '');
        if (context.commandName === 'PutObjectCommand' && key === archiveKeys.referenceManifest(hash)) {
          throw Object.assign(new Error(`PutObject ${key}: InternalError (injected)`), {
            name: 'InternalError',
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failManifest' },
    );
    const event = await pipeline.upload(`reference/${file.name}`, file.bytes);
    const config = parseFunctionConfig(pipelineEnv(pipeline.local));

    await expect(ingestS3Event({ config, s3: failing, ses: pipeline.local.ses }, event)).rejects.toThrow(
      /injected/,
    );
    const written = await pipeline.readArchive(curatedKey);
    expect(await pipeline.listLanding()).toEqual([`reference/${file.name}`]);
    const { results } = await pipeline.ingest(event);

    expect(results).toMatchObject([{ outcome: 'accepted', kind: 'suppliers', sha256: hash }]);
    expect((await manifestOf(file)).curatedKey).toBe(curatedKey);
    expect(await pipeline.readArchive(curatedKey)).toEqual(written);
    expect(await pipeline.listLanding()).toEqual([]);
  });
});
