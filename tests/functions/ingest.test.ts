import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../functions/s3-event.ts';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import { parseCuratedRows } from '../../shared/curated/index.ts';
import { readLedger } from '../../shared/ledger/index.ts';
import { formatPence } from '../../shared/money/format-pence.ts';
import {
  archiveKeys,
  CURRENT_MANIFEST_KEY,
  type CurrentManifest,
  CurrentManifestSchema,
  type ReferenceManifest,
  type UploadManifest,
  UploadManifestSchema,
} from '../../shared/pipeline/index.ts';
import { countLinesByMonth } from '../../shared/report/index.ts';
import type { InputFile } from '../../shared/types.ts';
import { totalLinesByMonth } from '../shared/report/helpers.ts';
import { LANDING, loadHandlers, type Pipeline, pipelineEnv, startPipeline } from './pipeline-harness.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** May 2024 with three amounts nobody can read: 3 of 8 lines is far over the 5% a file may lose. */
const BAD_MAY = [
  'Date,Supplier,Amount',
  '13/05/2024,Medway Catering Ltd,100.00',
  '14/05/2024,Kent Linen Services,12..50',
  '15/05/2024,Acme Surgical Ltd,250.00',
  '16/05/2024,Acme Surgical Ltd,TBC',
  '17/05/2024,Maidstone Taxis,45.00',
  '20/05/2024,Kent Linen Services,£1O0.00',
  '21/05/2024,Medway Catering Ltd,99.99',
  '22/05/2024,Maidstone Taxis,12.00',
  '',
].join('\r\n');

describe('the ingest handler on real local S3 and SES', () => {
  let pipeline: Pipeline;
  let months: InputFile[];

  beforeAll(async () => {
    pipeline = await startPipeline();
    months = (await generateSampleTrust({ firstMonth: '2024-04', lastMonth: '2024-07' })).ledgerFiles;
  });
  afterAll(() => pipeline.stop());
  beforeEach(() => pipeline.local.clearMailbox());

  const file = (index: number): InputFile => {
    const found = months[index];
    if (!found) throw new Error(`no sample month ${index}`);
    return found;
  };

  it('accepts an extract: original archived, curated rows as readLedger reads them, manifest, landing emptied', async () => {
    const may = file(1);
    const event = await pipeline.upload(`incoming/${may.name}`, may.bytes);

    const { results } = await pipeline.ingest(event);

    const hash = sha256(may.bytes);
    expect(results).toEqual([
      { key: `incoming/${may.name}`, outcome: 'accepted', kind: 'ledger', sha256: hash },
    ]);
    expect(await pipeline.readArchive(archiveKeys.rawLedger(hash, may.name))).toEqual(Buffer.from(may.bytes));
    const expected = await readLedger(may);
    const curated = parseCuratedRows(
      (await pipeline.readArchive(archiveKeys.curatedLedger(hash))).toString('utf8'),
    );
    expect(curated).toEqual(expected.lines);

    const manifest = UploadManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.uploadManifest(hash)),
    );
    const total = expected.lines.reduce((sum, line) => sum + line.amount, 0);
    expect(manifest).toMatchObject({
      kind: 'ledger',
      name: may.name,
      sourceKey: `incoming/${may.name}`,
      sha256: hash,
      size: may.bytes.length,
      receivedAt: event.Records[0]?.eventTime,
      status: 'accepted',
      rows: expected.lines.length,
      total: formatPence(total),
      monthCounts: Object.fromEntries(countLinesByMonth(expected.lines)),
      monthTotals: Object.fromEntries(
        Object.entries(totalLinesByMonth(expected.lines)).map(([month, total]) => [
          month,
          formatPence(total),
        ]),
      ),
      period: { months: ['2024-05'], from: 'file-name' },
      curatedKey: archiveKeys.curatedLedger(hash),
      rawKey: archiveKeys.rawLedger(hash, may.name),
    });
    expect(manifest.months).toContain('2024-05');

    // Which upload counts for a month is the report run's to write (current.json), not the ingest's.
    expect((await pipeline.listArchive()).map((object) => object.key)).not.toContain(CURRENT_MANIFEST_KEY);
    expect(await pipeline.listLanding()).toEqual([]);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('rejects an unreadable extract: quarantined with an error report, finance told what to fix, landing emptied', async () => {
    const event = await pipeline.upload('incoming/2024-05 payments.csv', BAD_MAY);

    const { results } = await pipeline.ingest(event);

    const hash = sha256(BAD_MAY);
    expect(results).toEqual([
      { key: 'incoming/2024-05 payments.csv', outcome: 'rejected', kind: 'ledger', sha256: hash },
    ]);
    const name = '2024-05 payments.csv';
    expect((await pipeline.readArchive(archiveKeys.quarantine(hash, name))).toString()).toBe(BAD_MAY);
    expect((await pipeline.readArchive(archiveKeys.rawLedger(hash, name))).toString()).toBe(BAD_MAY);
    const errors = (await pipeline.readArchive(archiveKeys.errorReport(hash, name))).toString('utf8');
    expect(errors.split('\r\n')[0]).toBe('\uFEFFFile,Line,Column,Value,Reason');
    expect(errors).toMatch(/2024-05 payments\.csv,3,Amount,12\.\.50,/);
    expect(errors).toMatch(/2024-05 payments\.csv,5,Amount,TBC,/);

    const manifest = UploadManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.uploadManifest(hash)),
    );
    expect(manifest).toMatchObject({
      status: 'rejected',
      rows: 0,
      issueCount: 3,
      quarantineKey: archiveKeys.quarantine(hash, name),
      errorReportKey: archiveKeys.errorReport(hash, name),
    });
    expect(manifest.rejection?.reason).toBeTruthy();
    expect(manifest.curatedKey).toBeUndefined();

    const mail = await pipeline.mailbox();
    expect(mail).toHaveLength(1);
    const [email] = mail;
    expect(email?.destination.to).toEqual(['ap-team@kvft.nhs.uk']);
    expect(email?.subject).toContain(name);
    expect(email?.body.text).toContain('line 3');
    expect(email?.body.text).toContain('12..50');
    expect(email?.body.text).toContain(archiveKeys.errorReport(hash, name));
    const attachment = email?.attachments.find((a) => a.filename === `${name}.errors.csv`);
    expect(Buffer.from(attachment?.content ?? '', 'base64').toString('utf8')).toBe(errors);
    expect((await pipeline.readArchive(archiveKeys.rejectionEmail(hash))).toString('utf8')).toContain(
      'To: ap-team@kvft.nhs.uk',
    );
    expect(await pipeline.listLanding()).toEqual([]);
  });

  it('changes nothing when the same event is delivered twice', async () => {
    const event = await pipeline.upload('incoming/june bad.csv', BAD_MAY.replace(/\/05\//g, '/06/'));
    await pipeline.ingest(event);
    const before = await pipeline.listArchive();
    expect(await pipeline.mailbox()).toHaveLength(1);

    const { results } = await pipeline.ingest(event);

    expect(results).toEqual([{ key: 'incoming/june bad.csv', outcome: 'gone', reason: expect.any(String) }]);
    expect(await pipeline.listArchive()).toEqual(before);
    expect(await pipeline.mailbox()).toHaveLength(1);
  });

  it('changes nothing but the landing object when the same bytes arrive under another name', async () => {
    const june = file(2);
    await pipeline.ingest(await pipeline.upload(`incoming/${june.name}`, june.bytes));
    const before = await pipeline.listArchive();

    const { results } = await pipeline.ingest(
      await pipeline.upload('incoming/june again (copy).csv', june.bytes),
    );

    expect(results).toEqual([
      { key: 'incoming/june again (copy).csv', outcome: 'duplicate', sha256: sha256(june.bytes) },
    ]);
    expect(await pipeline.listArchive()).toEqual(before);
    expect(await pipeline.listLanding()).toEqual([]);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('decodes keys as S3 sends them: spaces as +, a real + as %2B', async () => {
    const key = 'incoming/AP payments+May 2024.csv';
    const july = file(3);
    const event = await pipeline.upload(key, july.bytes);
    expect(event.Records[0]?.s3.object.key).toBe('incoming/AP+payments%2BMay+2024.csv');
    expect(decodeS3Key('incoming/AP+payments%2BMay+2024.csv')).toBe(key);

    const { results } = await pipeline.ingest(event);

    const hash = sha256(july.bytes);
    expect(results).toEqual([{ key, outcome: 'accepted', kind: 'ledger', sha256: hash }]);
    expect(await pipeline.readArchive(archiveKeys.rawLedger(hash, 'AP payments+May 2024.csv'))).toEqual(
      Buffer.from(july.bytes),
    );
    expect(await pipeline.listLanding()).toEqual([]);
  });

  it('lets a corrected upload replace the month it is for, keeping the original archived', async () => {
    const april = file(0);
    const original = await readLedger(april);
    await pipeline.ingest(await pipeline.upload(`incoming/${april.name}`, april.bytes));
    // The correction drops the last line of the month and adds a credit note.
    const text = Buffer.from(april.bytes).toString('latin1').trimEnd().split(/\r?\n/);
    const corrected = [
      ...text.slice(0, -1),
      text.at(-1)?.replace(/"?-?[\d,]+\.\d{2}"?\s*$/, '"-10.00"') ?? '',
    ];
    const correctedName = 'kvft-payments-2024-04 (corrected).csv';
    const correctedBytes = Buffer.from(`${corrected.join('\r\n')}\r\n`, 'latin1');

    await pipeline.ingest(await pipeline.upload(`incoming/${correctedName}`, correctedBytes));
    await pipeline.report({ month: '2024-04', dryRun: true });

    const current: CurrentManifest = CurrentManifestSchema.parse(
      await pipeline.readArchiveJson(CURRENT_MANIFEST_KEY),
    );
    expect(current.months['2024-04']).toEqual([{ name: correctedName, sha256: sha256(correctedBytes) }]);
    const replaced = current.uploads.find((upload) => upload.sha256 === sha256(april.bytes));
    expect(replaced?.currentMonths).toEqual([]);
    expect(replaced?.replacedMonths).toEqual([
      {
        month: '2024-04',
        by: { name: correctedName, sha256: sha256(correctedBytes) },
        rows: original.lines.length,
        total: formatPence(original.lines.reduce((sum, line) => sum + line.amount, 0)),
      },
    ]);
    expect(current.uploads.map((upload) => upload.name).slice(-2)).toEqual([april.name, correctedName]);
    const keys = (await pipeline.listArchive()).map((object) => object.key);
    expect(keys).toContain(archiveKeys.rawLedger(sha256(april.bytes), april.name));
    expect(keys).toContain(archiveKeys.curatedLedger(sha256(april.bytes)));
  });

  it('archives the supplier reference and recognises an ONS postcode lookup by its header', async () => {
    const trust = await generateSampleTrust({ firstMonth: '2024-04', lastMonth: '2024-04' });
    const reference = trust.supplierReference;
    const nspl = 'pcd,pcd2,pcds,laua,ctry\r\n"ME141XX","ME14 1XX","ME14 1XX","E07000110","E92000001"\r\n';

    const suppliers = await pipeline.ingest(
      await pipeline.upload(`reference/${reference.name}`, reference.bytes),
    );
    const postcodes = await pipeline.ingest(await pipeline.upload('reference/NSPL_MAY_2024_UK.csv', nspl));

    expect(suppliers.results).toEqual([
      {
        key: `reference/${reference.name}`,
        outcome: 'accepted',
        kind: 'suppliers',
        sha256: sha256(reference.bytes),
      },
    ]);
    expect(postcodes.results).toEqual([
      { key: 'reference/NSPL_MAY_2024_UK.csv', outcome: 'accepted', kind: 'postcodes', sha256: sha256(nspl) },
    ]);
    const manifest = await pipeline.readArchiveJson<ReferenceManifest>(
      archiveKeys.referenceManifest(sha256(reference.bytes)),
    );
    expect(manifest.records).toBeGreaterThan(10);
    expect(
      await pipeline.readArchive(archiveKeys.rawReference(sha256(nspl), 'NSPL_MAY_2024_UK.csv')),
    ).toEqual(Buffer.from(nspl));
    expect(
      (await pipeline.readArchiveJson<ReferenceManifest>(archiveKeys.referenceManifest(sha256(nspl))))
        .columns,
    ).toEqual({ postcode: 'pcds', district: 'laua' });
    expect(await pipeline.listLanding()).toEqual([]);
  });

  it('quarantines a supplier reference it cannot read and tells finance', async () => {
    const bad = 'Reference,Spend\r\nAB-1,1\r\n';

    const { results } = await pipeline.ingest(await pipeline.upload('reference/suppliers.csv', bad));

    expect(results[0]).toMatchObject({ outcome: 'rejected', kind: 'suppliers' });
    expect(
      (await pipeline.readArchive(archiveKeys.quarantine(sha256(bad), 'suppliers.csv'))).toString(),
    ).toBe(bad);
    const [email] = await pipeline.mailbox();
    expect(email?.destination.to).toEqual(['ap-team@kvft.nhs.uk']);
    expect(email?.body.text).toContain('Supplier Name');
  });

  it('leaves the upload in incoming/ when a step fails, and the retried event completes it with one email', async () => {
    const bytes = BAD_MAY.replace(/\/05\//g, '/07/');
    const event = await pipeline.upload('incoming/july bad.csv', bytes);
    const sesDown = await loadHandlers(
      pipelineEnv(pipeline.local, { AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9' }),
    );

    await expect(sesDown.ingest(event)).rejects.toThrow(/ECONNREFUSED/);
    pipeline.restoreEnv();

    expect(await pipeline.listLanding()).toContain('incoming/july bad.csv');
    expect((await pipeline.listArchive()).map((object) => object.key)).not.toContain(
      archiveKeys.uploadManifest(sha256(bytes)),
    );
    const { results } = await pipeline.ingest(event);
    expect(results[0]).toMatchObject({ outcome: 'rejected' });
    expect(await pipeline.mailbox()).toHaveLength(1);
    expect(await pipeline.listLanding()).not.toContain('incoming/july bad.csv');
  });

  it('archives every upload when S3 events drive several ingests at once; the next report lists them all in current.json', async () => {
    const trust = await generateSampleTrust({ firstMonth: '2023-01', lastMonth: '2023-04', seed: 7 });
    const stop = pipeline.local.onObjectCreated((event) => pipeline.ingest(event));
    await Promise.all(
      trust.ledgerFiles.map((file) =>
        pipeline.local.s3.send(
          new PutObjectCommand({ Bucket: LANDING, Key: `incoming/${file.name}`, Body: file.bytes }),
        ),
      ),
    );
    await pipeline.local.idle();
    stop();
    const keys = (await pipeline.listArchive()).map((object) => object.key);
    for (const file of trust.ledgerFiles)
      expect(keys).toContain(archiveKeys.uploadManifest(sha256(file.bytes)));

    await pipeline.report({ month: '2024-05', dryRun: true });

    const current = CurrentManifestSchema.parse(await pipeline.readArchiveJson(CURRENT_MANIFEST_KEY));
    for (const file of trust.ledgerFiles) {
      expect(current.uploads.map((upload) => upload.sha256)).toContain(sha256(file.bytes));
    }
    expect(Object.keys(current.months)).toEqual(
      expect.arrayContaining(['2023-01', '2023-02', '2023-03', '2023-04']),
    );
  });

  it('ignores objects outside incoming/ and reference/ and leaves them alone', async () => {
    const { results } = await pipeline.ingest(await pipeline.upload('notes/readme.txt', 'hello'));
    expect(results).toEqual([{ key: 'notes/readme.txt', outcome: 'ignored', reason: expect.any(String) }]);
    expect(await pipeline.listLanding()).toEqual(['notes/readme.txt']);
  });

  it('keeps every manifest valid against its schema', async () => {
    const manifests = (await pipeline.listArchive()).filter((object) =>
      object.key.startsWith('manifests/uploads/'),
    );
    expect(manifests.length).toBeGreaterThan(3);
    for (const { key } of manifests) {
      const manifest: UploadManifest = UploadManifestSchema.parse(await pipeline.readArchiveJson(key));
      expect(key).toBe(archiveKeys.uploadManifest(manifest.sha256));
    }
  });
});
