import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveKeys, UploadManifestSchema } from '../../shared/pipeline/index.ts';
import { type Pipeline, startPipeline } from '../functions/pipeline-harness.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the ingest may write in the archive, whatever the key it was given (see the README's layout). */
const ARCHIVE_KEY =
  /^(raw\/(ledger|reference)\/[0-9a-f]{64}\/[^/]+|curated\/ledger\/[0-9a-f]{64}\.csv|curated\/suppliers\/[0-9a-f]{64}\.json|manifests\/(uploads|problems|reference)\/[0-9a-f]{64}\.json|manifests\/current\.json|quarantine\/[0-9a-f]{64}\/([^/]+|finance-email\.eml))$/;

/** A one-line April 2024 extract, different for each `n` (so no two uploads share their bytes). */
const extract = (n: number) => `Date,Supplier,Amount\r\n13/04/2024,Acme ${n} Ltd,${n}.00\r\n`;
const SUPPLIERS = 'Supplier Name,Postcode\r\nAcme Ltd,ME14 1XX\r\n';

/**
 * S3 keys are names, not paths: `incoming/../reference/x.csv` is a key under `incoming/`, and the ingest
 * reads only its last segment as the file name. s3rver stores each key as a file path, so the landing
 * bucket keeps one other object (its folder is then never removed) and no key climbs out of its bucket.
 */
const CASES: { key: string; body: string; outcome: string; kind?: string; name?: string }[] = [
  {
    key: 'incoming/../incoming/2024-04 payments.csv',
    body: extract(1),
    outcome: 'accepted',
    kind: 'ledger',
    name: '2024-04 payments.csv',
  },
  // Under incoming/ by its name, so read as a ledger: a supplier list is no ledger.
  {
    key: 'incoming/../reference/suppliers.csv',
    body: SUPPLIERS,
    outcome: 'rejected',
    kind: 'ledger',
    name: 'suppliers.csv',
  },
  {
    key: 'reference/../incoming/suppliers.csv',
    body: SUPPLIERS.replace('Acme', 'Beta'),
    outcome: 'accepted',
    kind: 'suppliers',
    name: 'suppliers.csv',
  },
  { key: 'incoming/./dot.csv', body: extract(2), outcome: 'accepted', kind: 'ledger', name: 'dot.csv' },
  {
    key: 'incoming/%2e%2e/escaped.csv',
    body: extract(3),
    outcome: 'accepted',
    kind: 'ledger',
    name: 'escaped.csv',
  },
  {
    key: 'incoming/pay\\..\\..\\raw\\x.csv',
    body: extract(4),
    outcome: 'accepted',
    kind: 'ledger',
    name: 'pay\\..\\..\\raw\\x.csv',
  },
  { key: 'incoming/..', body: extract(5), outcome: 'ignored' },
  {
    key: 'incoming/Caf\u00e9 ☕ – avril 2024 (révisé).csv',
    body: extract(7),
    outcome: 'accepted',
    kind: 'ledger',
    name: 'Caf\u00e9 ☕ – avril 2024 (révisé).csv',
  },
  {
    key: 'incoming/Cafe\u0301 (NFD).csv',
    body: extract(8),
    outcome: 'accepted',
    kind: 'ledger',
    name: 'Cafe\u0301 (NFD).csv',
  },
  {
    key: 'incoming/payments\u202eslx.csv',
    body: extract(9),
    outcome: 'accepted',
    kind: 'ledger',
    name: 'payments\u202eslx.csv',
  },
  {
    key: 'incoming/支払い 2024年4月.csv',
    body: extract(10),
    outcome: 'accepted',
    kind: 'ledger',
    name: '支払い 2024年4月.csv',
  },
];

describe('the ingest given object keys with unicode and ../ in them, on real local S3', () => {
  let pipeline: Pipeline;
  const results: unknown[] = [];

  beforeAll(async () => {
    pipeline = await startPipeline();
    await pipeline.upload('notes/keep.txt', 'keeps the landing bucket folder in place');
    for (const { key, body } of CASES) {
      const { results: outcomes } = await pipeline.ingest(await pipeline.upload(key, body));
      results.push(...outcomes);
    }
  }, 60_000);
  afterAll(() => pipeline.stop());

  it('gives each upload a clear outcome under its exact key', () => {
    expect(results).toEqual(
      CASES.map(({ key, body, outcome, kind }) =>
        outcome === 'ignored'
          ? { key, outcome, reason: 'a folder, hidden or lock file' }
          : { key, outcome, kind, sha256: sha256(body) },
      ),
    );
  });

  it('writes nothing outside the archive layout: every key is a hash folder or file, no segment is . or ..', async () => {
    const keys = (await pipeline.listArchive()).map((object) => object.key);
    expect(keys.filter((key) => !ARCHIVE_KEY.test(key))).toEqual([]);
    expect(
      keys.filter((key) => key.split('/').some((segment) => segment === '.' || segment === '..')),
    ).toEqual([]);
  });

  it('archives each file under its own name, with its bytes, and traces it to the key it came from', async () => {
    for (const { key, body, outcome, kind, name } of CASES) {
      if (outcome === 'ignored' || name === undefined) continue;
      const hash = sha256(body);
      const raw =
        kind === 'suppliers' ? archiveKeys.rawReference(hash, name) : archiveKeys.rawLedger(hash, name);
      expect((await pipeline.readArchive(raw)).toString('utf8'), key).toBe(body);
      if (kind !== 'ledger') continue;
      const manifest = UploadManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.uploadManifest(hash)),
      );
      expect({ name: manifest.name, sourceKey: manifest.sourceKey, status: manifest.status }).toEqual({
        name,
        sourceKey: key,
        status: outcome,
      });
    }
  });

  it('quarantines the rejected one under its hash, with its error report, and tells finance', async () => {
    const hash = sha256(SUPPLIERS);
    expect((await pipeline.readArchive(archiveKeys.quarantine(hash, 'suppliers.csv'))).toString('utf8')).toBe(
      SUPPLIERS,
    );
    const errors = (await pipeline.readArchive(archiveKeys.errorReport(hash, 'suppliers.csv'))).toString(
      'utf8',
    );
    expect(errors).toMatch(
      /^\uFEFFFile,Line,Column,Value,Reason\r\nsuppliers\.csv,1,.*no payment date, amount column found/,
    );
    expect((await pipeline.mailbox()).map((email) => email.destination.to)).toEqual([
      ['ap-team@kvft.nhs.uk'],
    ]);
  });

  it('leaves only what it ignored in the landing bucket', async () => {
    expect(await pipeline.listLanding()).toEqual(['incoming/..', 'notes/keep.txt']);
  });
});
