import { describe, expect, it } from 'vitest';
import { buildCuratedReference, supplierReferenceFromCurated } from '../../../shared/curated/index.ts';
import {
  ArchiveIntegrityError,
  archiveKeys,
  type ReferenceManifest,
} from '../../../shared/pipeline/index.ts';
import { readSupplierReference } from '../../../shared/suppliers/index.ts';

const SHA = 'a'.repeat(64);

const file = {
  name: 'suppliers.csv',
  bytes: new TextEncoder().encode(
    [
      'Supplier ID,Supplier Name,Company Number,Charity Number,Postcode,Branch Postcodes,Employees,Turnover GBP,Balance Sheet GBP,SME,VCSE',
      'S001,Acme Ltd,1234567,,me141xx,CT1 1AA; tn23 1aa,45.5,"£4,500,000",1200000,Y,N',
      'S002,Kent Hospice,,1123456,ME16 9NT,,,,,,Y',
      'S003,Odd Ltd,,,,,many,,,maybe,',
    ].join('\n'),
  ),
};

function manifestFor(records: number, issueCount: number, curated = true): ReferenceManifest {
  return {
    schemaVersion: 1,
    kind: 'suppliers',
    name: file.name,
    sourceKey: `reference/${file.name}`,
    sha256: SHA,
    size: file.bytes.length,
    receivedAt: '2024-07-01T09:00:00.000Z',
    status: 'accepted',
    records,
    issueCount,
    issues: [],
    rawKey: archiveKeys.rawReference(SHA, file.name),
    ...(curated ? { curatedKey: archiveKeys.curatedSuppliers(SHA) } : {}),
  };
}

async function readAsArchived() {
  const reference = { ...(await readSupplierReference(file)), sha256: SHA };
  const text = `${JSON.stringify(buildCuratedReference(reference), null, 2)}\n`;
  return { reference, text, manifest: manifestFor(reference.records.length, reference.issues.length) };
}

describe('the curated supplier reference', () => {
  it('gives back, through JSON, exactly the reference the raw file was read as, absent fields absent', async () => {
    const { reference, text, manifest } = await readAsArchived();
    expect(reference.issues.length).toBeGreaterThan(0);

    const back = supplierReferenceFromCurated(manifest, text);

    expect(back).toStrictEqual(reference);
    expect(Object.keys(back.records[1] ?? {})).not.toContain('companyNumber');
  });

  it('refuses an object that disagrees with its manifest', async () => {
    const { text, manifest } = await readAsArchived();
    expect(() => supplierReferenceFromCurated({ ...manifest, records: 2 }, text)).toThrow(
      /holds 3 records and \d+ issues of a{64}, but its manifest says 2 records/,
    );
    expect(() => supplierReferenceFromCurated({ ...manifest, sha256: 'b'.repeat(64) }, text)).toThrow(
      ArchiveIntegrityError,
    );
  });

  it('names the object and the first problems when it fails the schema', async () => {
    const { text, manifest } = await readAsArchived();
    const broken = JSON.parse(text);
    broken.schemaVersion = 2;
    broken.records[0].branchPostcodes = 'CT1 1AA';

    expect(() => supplierReferenceFromCurated(manifest, JSON.stringify(broken))).toThrow(
      `curated/suppliers/${SHA}.json is not a curated supplier reference (schema version 1) for supplier ` +
        `reference suppliers.csv (raw/reference/${SHA}/suppliers.csv): schemaVersion: `,
    );
    expect(() => supplierReferenceFromCurated(manifest, JSON.stringify(broken))).toThrow(
      /; records\.0\.branchPostcodes: .*; restore it from a previous version, or re-upload the supplier reference/,
    );
    expect(() => supplierReferenceFromCurated(manifest, '{"schemaVersion"')).toThrow(/: it is not JSON; /);
  });

  it('says to upload the supplier reference again when there is no curated object to read', async () => {
    const { manifest } = await readAsArchived();
    expect(() => supplierReferenceFromCurated(manifest, undefined)).toThrow(
      `curated/suppliers/${SHA}.json is missing for supplier reference suppliers.csv`,
    );
    expect(() => supplierReferenceFromCurated(manifestFor(3, 0, false), undefined)).toThrow(
      /was accepted before the ingest kept supplier references as read, so the report cannot use it: re-upload the supplier reference to reference\/ in the landing bucket/,
    );
  });
});
