import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReport } from '../../cli/run-report.ts';
import type { ReportResult } from '../../functions/report/run-monthly-report.ts';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import { SettingsSchema } from '../../shared/config/settings.ts';
import {
  archiveKeys,
  compareFileNames,
  type ReportManifest,
  ReportManifestSchema,
  SentMarkerSchema,
} from '../../shared/pipeline/index.ts';
import { type Summary, SummarySchema } from '../../shared/report/index.ts';
import { readSupplierReference } from '../../shared/suppliers/index.ts';
import type { InputFile } from '../../shared/types.ts';
import { readPng } from '../shared/report/chart/read-png.ts';
import { ARCHIVE, loadHandlers, type Pipeline, pipelineEnv, startPipeline } from './pipeline-harness.ts';

const TRUST = 'Kent Valley NHS Foundation Trust';
const FIRST_FY = '2023/24';
const XLSX = 'social-value-2025-06.xlsx';

/** A June extract finance has to send again: the amounts column is text. */
const REJECTED: InputFile = {
  name: 'KVFT supplier payments 2025-06 draft.csv',
  bytes: Buffer.from('Date,Supplier,Amount\r\n13/06/2025,Acme Ltd,tbc\r\n14/06/2025,Acme Ltd,tbc\r\n'),
};

/**
 * An ONS-style postcode lookup for the reference's postcodes — the boundary-straddling TN districts in
 * Sevenoaks, the rest outside Kent — plus postcodes no supplier has, which the report must leave out.
 */
async function onsLookupFor(reference: InputFile): Promise<string> {
  const { records } = await readSupplierReference(reference);
  const known = records
    .flatMap((record) => [record.postcode, ...record.branchPostcodes])
    .filter((p) => p !== undefined);
  const rows = [...new Set(known)].map(
    (postcode) => `"${postcode}",${/^(ME|CT|TN)/.test(postcode) ? 'E07000111' : 'E09000033'},E92000001`,
  );
  return `pcds,laua,ctry\r\n${[...rows, '"ZZ99 9ZZ",E07000111,E92000001'].join('\r\n')}\r\n`;
}

/** The attachment's bytes inside a raw MIME message (base64 part named `filename`). */
function attachmentOf(eml: string, filename: string): Buffer {
  const at = eml.search(new RegExp(`filename="?${filename.replace(/[.]/g, '\\.')}"?\r\n`));
  expect(at).toBeGreaterThan(0);
  const body = eml.slice(eml.indexOf('\r\n\r\n', at) + 4);
  return Buffer.from(body.slice(0, body.indexOf('\r\n--')).replace(/\s+/g, ''), 'base64');
}

describe('the report handler on real local S3 and SES', () => {
  let pipeline: Pipeline;
  let files: InputFile[];
  let reference: InputFile;
  let postcodes: string;
  let cliDir: string;

  /** What `socval report` writes for the same files (the CLI reads a folder in name order). */
  async function cliSummary(month: string, extra: InputFile[] = []): Promise<Summary> {
    const dir = await mkdtemp(join(cliDir, 'run-'));
    await mkdir(join(dir, 'extracts'));
    for (const file of [...files, ...extra]) await writeFile(join(dir, 'extracts', file.name), file.bytes);
    await writeFile(join(dir, reference.name), reference.bytes);
    await writeFile(join(dir, 'nspl.csv'), postcodes);
    const settings = SettingsSchema.parse({
      trustName: TRUST,
      firstFinancialYear: FIRST_FY,
      reportMonth: month,
    });
    await runReport(
      {
        ledger: [join(dir, 'extracts')],
        suppliers: join(dir, reference.name),
        postcodes: join(dir, 'nspl.csv'),
        out: join(dir, 'out'),
      },
      settings,
    );
    return SummarySchema.parse(JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8')));
  }

  const archivedRun = async (result: ReportResult) => {
    const runId = result.runId ?? '';
    return {
      manifest: ReportManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.reportManifest(result.month, runId)),
      ),
      summary: SummarySchema.parse(await pipeline.readArchiveJson(archiveKeys.summary(result.month, runId))),
      workbook: await pipeline.readArchive(archiveKeys.workbook(result.month, runId)),
      eml: (await pipeline.readArchive(archiveKeys.reportEmail(result.month, runId))).toString('latin1'),
    };
  };

  beforeAll(async () => {
    cliDir = await mkdtemp(join(tmpdir(), 'socval-cli-'));
    pipeline = await startPipeline({ FIRST_FINANCIAL_YEAR: FIRST_FY });
    const trust = await generateSampleTrust({ firstMonth: '2024-01', lastMonth: '2025-06' });
    files = [...trust.ledgerFiles, REJECTED].sort((a, b) => compareFileNames(a.name, b.name));
    reference = trust.supplierReference;
    for (const file of files)
      await pipeline.ingest(await pipeline.upload(`incoming/${file.name}`, file.bytes));
    await pipeline.ingest(await pipeline.upload(`reference/${reference.name}`, reference.bytes));
    postcodes = await onsLookupFor(reference);
    await pipeline.ingest(await pipeline.upload('reference/NSPL_FEB_2025_UK.csv', postcodes));
    files = files.filter((file) => file !== REJECTED);
    files.push(REJECTED);
    files.sort((a, b) => compareFileNames(a.name, b.name));
    await pipeline.local.clearMailbox();
  });
  afterAll(async () => {
    await pipeline.stop();
    await rm(cliDir, { recursive: true, force: true });
  });

  let sent: ReportResult;

  it('emails the board the workbook it archived, byte for byte, with summary.json, email.eml and a manifest', async () => {
    sent = await pipeline.report({ month: '2025-06' });

    expect(sent).toMatchObject({ month: '2025-06', status: 'sent', sent: true, attached: true });
    const run = await archivedRun(sent);
    const mail = await pipeline.mailbox();
    expect(mail).toHaveLength(1);
    const [email] = mail;
    expect(email?.destination.to).toEqual(['board@kvft.nhs.uk, procurement-chair@kvft.nhs.uk']);
    const attached = email?.attachments.find((attachment) => attachment.filename === XLSX);
    expect(Buffer.from(attached?.content ?? '', 'base64')).toEqual(run.workbook);
    expect(attachmentOf(run.eml, XLSX)).toEqual(run.workbook);
    expect(run.eml).toContain('\r\nTo: board@kvft.nhs.uk, procurement-chair@kvft.nhs.uk\r\n');
    // The chart travels inside the message (multipart/related), shown by the HTML through its Content-ID.
    expect(run.eml).toMatch(/Content-Type: multipart\/related/);
    expect(run.eml).toContain('Content-ID: <share-chart@socval>');
    const chart = readPng(attachmentOf(run.eml, 'share-of-spend.png'));
    expect([chart.width, chart.height]).toEqual([1264, 640]);
    expect(email?.attachments.map((attachment) => attachment.contentType).sort()).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'image/png',
    ]);

    const marker = SentMarkerSchema.parse(await pipeline.readArchiveJson(archiveKeys.sentMarker('2025-06')));
    expect(marker).toMatchObject({
      runId: sent.runId,
      messageId: sent.messageId,
      emailKey: archiveKeys.reportEmail('2025-06', sent.runId ?? ''),
    });
    expect(run.manifest).toMatchObject({
      reportMonth: '2025-06',
      dryRun: false,
      sent: true,
      attached: true,
      recipients: ['board@kvft.nhs.uk', 'procurement-chair@kvft.nhs.uk'],
      codeVersion: '0.1.0+test',
      settings: { firstFinancialYear: FIRST_FY, trustName: TRUST, smeDefinition: 'procurement-act-2023' },
    });
    const inputs: ReportManifest['inputs'] = run.manifest.inputs;
    expect(inputs.filter((input) => input.kind === 'ledger')).toHaveLength(files.length);
    expect(inputs.find((input) => input.kind === 'suppliers')).toMatchObject({ name: reference.name });
    expect(inputs.find((input) => input.kind === 'postcodes')).toMatchObject({
      name: 'NSPL_FEB_2025_UK.csv',
    });
    expect(inputs.find((input) => input.name === REJECTED.name)).toMatchObject({ status: 'rejected' });
  });

  it('writes the same summary.json as `socval report` on the same files, rejected upload included', async () => {
    const { summary } = await archivedRun(sent);
    expect(summary).toEqual(await cliSummary('2025-06'));
    expect(summary.definitions.postcodeLookup).toMatch(/ONS postcode lookup supplied/);
    expect(summary.files.find((file) => file.name === REJECTED.name)?.status).toBe('rejected');
  });

  it('sends nothing and archives nothing when the month was already sent; force sends it again', async () => {
    const before = await pipeline.listArchive();

    const again = await pipeline.report({ month: '2025-06' });

    expect(again).toEqual({
      month: '2025-06',
      status: 'already-sent',
      sent: false,
      sentByRunId: sent.runId,
      keys: [],
    });
    expect(await pipeline.listArchive()).toEqual(before);
    expect(await pipeline.mailbox()).toHaveLength(1);

    const forced = await pipeline.report({ month: '2025-06', force: true });

    expect(forced).toMatchObject({ status: 'sent', sent: true });
    expect(forced.runId).not.toBe(sent.runId);
    expect(await pipeline.mailbox()).toHaveLength(2);
    const marker = SentMarkerSchema.parse(await pipeline.readArchiveJson(archiveKeys.sentMarker('2025-06')));
    expect(marker.runId).toBe(forced.runId);
  });

  it('archives a dry run without sending it or marking the month sent', async () => {
    await pipeline.local.clearMailbox();

    const dry = await pipeline.report({ month: '2025-05', dryRun: true });

    expect(dry).toMatchObject({ month: '2025-05', status: 'dry-run', sent: false });
    const run = await archivedRun(dry);
    expect(run.manifest).toMatchObject({ dryRun: true, sent: false });
    expect(attachmentOf(run.eml, 'social-value-2025-05.xlsx')).toEqual(run.workbook);
    expect(run.summary).toEqual(await cliSummary('2025-05'));
    expect(await pipeline.mailbox()).toEqual([]);
    const keys = (await pipeline.listArchive()).map((object) => object.key);
    expect(keys).not.toContain(archiveKeys.sentMarker('2025-05'));
  });

  it('reports on the last complete month in London when no month is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-05-31T23:30:00Z')); // 00:30 on 1 June in London
    // The handler reads the clock once, as it starts; S3 must then see the real time to accept signatures.
    const running = pipeline.report({ dryRun: true });
    vi.useRealTimers();

    const result = await running;

    expect(result).toMatchObject({ month: '2025-05', status: 'dry-run' });
    const { manifest } = await archivedRun(result);
    expect(manifest.runAt).toBe('2025-05-31T23:30:00.000Z');
  });

  it('refuses a month no accepted upload has lines in, saying what to upload', async () => {
    await expect(pipeline.report({ month: '2025-08' })).rejects.toThrow(
      /no accepted ledger upload has lines in 2025-08/,
    );
  });

  async function reportWithLimit(limit: number) {
    await pipeline.local.clearMailbox();
    const small = await loadHandlers(
      pipelineEnv(pipeline.local, { FIRST_FINANCIAL_YEAR: FIRST_FY, MAX_EMAIL_BYTES: String(limit) }),
    );
    const result = await small.report({ month: '2025-04', force: true });
    pipeline.restoreEnv();
    const [email] = await pipeline.mailbox();
    return { result, run: await archivedRun(result), email };
  }

  it('sends the email without the workbook when it would exceed MAX_EMAIL_BYTES, saying where the workbook is', async () => {
    const full = await reportWithLimit(10 * 1024 * 1024);
    expect(full.run.manifest).toMatchObject({ attached: true, chart: true });
    // Below the full email by far less than the workbook's base64, far more than a run's variation (run time, ids).
    const limit = full.run.manifest.emailBytes - 10_000;

    const { result, run, email } = await reportWithLimit(limit);

    expect(result).toMatchObject({ status: 'sent', attached: false });
    expect(run.manifest).toMatchObject({ attached: false, chart: true });
    expect(run.manifest.emailBytes).toBeLessThanOrEqual(limit);
    expect(run.workbook.length).toBeGreaterThan(0);
    // Only the chart, which the HTML shows inline.
    expect(email?.attachments.map((attachment) => attachment.contentType)).toEqual(['image/png']);
    expect(email?.body.text).toContain(
      `s3://${ARCHIVE}/${archiveKeys.reportFolder('2025-04', result.runId ?? '')}`,
    );
  });

  it('leaves the chart out too when even that is over the limit; the table carries its figures', async () => {
    const { result, run, email } = await reportWithLimit(30000);

    expect(result).toMatchObject({ status: 'sent', attached: false });
    expect(run.manifest).toMatchObject({ attached: false, chart: false });
    expect(run.manifest.emailBytes).toBeLessThanOrEqual(30000);
    expect(email?.attachments).toEqual([]);
    expect(email?.body.html).not.toContain('<img');
    expect(email?.body.text).toContain('Share of spend by financial year');
  });

  it('records a failed send in the run manifest, writes no sent.json and fails so the run is retried', async () => {
    const unreachable = await loadHandlers(
      pipelineEnv(pipeline.local, {
        FIRST_FINANCIAL_YEAR: FIRST_FY,
        AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9',
      }),
    );

    await expect(unreachable.report({ month: '2025-03' })).rejects.toThrow(/was not sent/);
    pipeline.restoreEnv();

    const keys = (await pipeline.listArchive()).map((object) => object.key);
    expect(keys).not.toContain(archiveKeys.sentMarker('2025-03'));
    const manifestKey = keys.find(
      (key) => key.startsWith('reports/2025-03/') && key.endsWith('/manifest.json'),
    );
    const manifest = ReportManifestSchema.parse(await pipeline.readArchiveJson(manifestKey ?? ''));
    expect(manifest).toMatchObject({ sent: false, dryRun: false });
    expect(manifest.sendError).toBeTruthy();
  });

  it('uses a corrected upload’s lines for the month it replaces, as the CLI does', async () => {
    const june = files.find((file) => file.name === 'KVFT supplier payments 2025-06.csv');
    if (!june) throw new Error('no June extract');
    const lines = Buffer.from(june.bytes).toString('latin1').trimEnd().split(/\r?\n/);
    const corrected: InputFile = {
      name: 'KVFT supplier payments 2025-06 (corrected).csv',
      bytes: Buffer.from(`${lines.slice(0, -3).join('\r\n')}\r\n`, 'latin1'),
    };
    await pipeline.ingest(await pipeline.upload(`incoming/${corrected.name}`, corrected.bytes));

    const result = await pipeline.report({ month: '2025-06', force: true, dryRun: true });

    const { summary } = await archivedRun(result);
    const cli = await cliSummary('2025-06', [corrected]);
    // The CLI orders files by name, the pipeline by arrival; here both put the correction after June.
    const byName = (s: Summary) => ({
      ...s,
      files: [...s.files].sort((a, b) => compareFileNames(a.name, b.name)),
    });
    expect(byName(summary)).toEqual(byName(cli));
    expect(summary.files.find((file) => file.name === june.name)?.replacedMonths).toMatchObject([
      { month: '2025-06', by: corrected.name },
    ]);
    expect((await pipeline.listArchive()).map((object) => object.key)).toContain(
      archiveKeys.rawLedger(summary.files.find((file) => file.name === june.name)?.sha256 ?? '', june.name),
    );
  });
});
