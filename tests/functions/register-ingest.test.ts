import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Event } from '../../functions/s3-event.ts';
import {
  archiveKeys,
  type ReferenceManifest,
  ReferenceManifestSchema,
  ReportManifestSchema,
} from '../../shared/pipeline/index.ts';
import { TRUST } from '../shared/registers/trust.ts';
import { ARCHIVE, type Pipeline, startPipeline } from './pipeline-harness.ts';

const MONTH = '2024-05';
const REGISTERS = join(TRUST, 'registers');
const CH = 'BasicCompanyDataAsOneFile-2025-07-01.csv';
const CC = 'publicextract.charity.txt';
const OSCR = 'CharityExport-01-Jul-2025.csv';
const FCA = 'SocietyList.csv';
const POSTCODES = 'NSPL_MAY_2025_UK.csv';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const lines = (bytes: Buffer) => bytes.toString('utf8').split(/(?<=\n)/);
const join1 = (parts: string[]) => Buffer.from(parts.join(''), 'utf8');

const GOOD_POSTCODES = Buffer.from(
  'pcd,pcds,laua,ctry\r\n' +
    '"ME7 1RZ","ME7 1RZ","E06000035","E92000001"\r\n' +
    '"TN126ZZ","TN12 6ZZ","E07000110","E92000001"\r\n' +
    '"ME141XX","ME14 1XX","E07000110","E92000001"\r\n' +
    '"DA1 1AA","DA1 1AA","E07000107","E92000001"\r\n',
);

interface Damage {
  register: string;
  name: string;
  kind: 'register' | 'postcodes';
  how: string;
  damage: (good: Buffer) => Buffer;
  line: number;
  column?: string;
  value?: string;
  /** Words the reason must have. */
  reason: RegExp;
}

/** One damaged copy of each kind, each damaged after its header, under the name of the good one. */
const DAMAGES: Damage[] = [
  {
    register: 'Companies House',
    name: CH,
    kind: 'register',
    how: 'cut short inside a quoted field',
    damage: (good) => {
      const parts = lines(good);
      const cut = parts[14] ?? '';
      return join1([...parts.slice(0, 14), cut.slice(0, cut.indexOf(',"') + 5)]);
    },
    line: 15,
    reason: /quoted field in this record never closes/,
  },
  {
    register: 'Charity Commission',
    name: CC,
    kind: 'register',
    how: 'a byte that is not UTF-8',
    damage: (good) => {
      const parts = lines(good);
      const bad = Buffer.concat([Buffer.from(parts.slice(0, 9).join(''), 'utf8'), Buffer.from([0xff])]);
      return Buffer.concat([bad, Buffer.from(parts.slice(9).join(''), 'utf8')]);
    },
    line: 10,
    reason: /not UTF-8/,
  },
  {
    register: 'OSCR',
    name: OSCR,
    kind: 'register',
    how: "another register's rows appended",
    damage: (good) => Buffer.concat([good, FCA_BYTES]),
    line: 7,
    reason: /fields where the header has/,
  },
  {
    register: 'FCA mutuals',
    name: FCA,
    kind: 'register',
    how: 'a date that is not one',
    damage: (good) => Buffer.from(good.toString('utf8').replace('12/06/1984', '31/02/1984'), 'utf8'),
    line: 2,
    column: 'Registration Date',
    value: '31/02/1984',
    reason: /is not a date written DD\/MM\/YYYY/,
  },
  {
    register: 'ONS postcode lookup',
    name: POSTCODES,
    kind: 'postcodes',
    how: 'a record of the wrong width',
    damage: (good) =>
      Buffer.from(
        good.toString('utf8').replace('"E07000110","E92000001"\r\n"ME141XX"', '"E07000110"\r\n"ME141XX"'),
        'utf8',
      ),
    line: 3,
    value: 'TN126ZZ,TN12 6ZZ,E07000110',
    reason: /3 fields where the header has 4/,
  },
];

let FCA_BYTES: Buffer = Buffer.alloc(0);

describe('a register upload is read whole at ingest: damaged ones are rejected, good ones recorded', () => {
  let pipeline: Pipeline;
  const good = new Map<string, Buffer>();
  const accepted = new Map<string, ReferenceManifest>();
  const damagedEvents = new Map<string, S3Event>();

  beforeAll(async () => {
    pipeline = await startPipeline({ FIRST_FINANCIAL_YEAR: '2023/24' });
    for (const name of (await readdir(join(TRUST, 'ledger'))).sort()) {
      const bytes = await readFile(join(TRUST, 'ledger', name));
      await pipeline.ingest(await pipeline.upload(`incoming/${name}`, bytes));
    }
    await pipeline.ingest(
      await pipeline.upload('reference/suppliers.csv', await readFile(join(TRUST, 'suppliers.csv'))),
    );
    for (const name of (await readdir(REGISTERS)).sort())
      good.set(name, await readFile(join(REGISTERS, name)));
    good.set(POSTCODES, GOOD_POSTCODES);
    FCA_BYTES = good.get(FCA) ?? Buffer.alloc(0);
  });
  afterAll(async () => {
    await pipeline.stop();
  });

  it('accepts each good register and postcode lookup with what reading it whole found', async () => {
    for (const [name, bytes] of good) {
      const { results } = await pipeline.ingest(await pipeline.upload(`reference/${name}`, bytes));
      expect(results[0]).toMatchObject({ outcome: 'accepted' });
      const manifest = ReferenceManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.referenceManifest(sha256Of(bytes))),
      );
      accepted.set(name, manifest);
    }
    const ch = accepted.get(CH);
    expect(ch).toMatchObject({
      register: 'companies-house',
      records: 21,
      dated: '2025-07-01',
      datedFrom: 'file-name',
    });
    expect(Object.values(ch?.statuses ?? {}).reduce((a, b) => a + b, 0)).toBe(21);
    expect(accepted.get(CC)).toMatchObject({ register: 'charity-commission', datedFrom: 'date_of_extract' });
    expect(accepted.get(CC)?.statuses).toHaveProperty('Registered');
    expect(accepted.get(OSCR)).toMatchObject({ register: 'oscr', records: 5, dated: '2025-07-01' });
    expect(accepted.get(FCA)).toMatchObject({ register: 'fca-mutuals', records: 6 });
    expect(accepted.get(POSTCODES)).toMatchObject({
      kind: 'postcodes',
      records: 4,
      columns: { postcode: 'pcds', district: 'laua' },
    });
    for (const manifest of accepted.values()) expect(manifest.records).toBeGreaterThan(0);
  });

  it.each(DAMAGES)(
    'rejects a $register file damaged by $how, telling finance the line, column and value',
    async (damaged) => {
      await pipeline.local.clearMailbox();
      const bytes = damaged.damage(good.get(damaged.name) ?? Buffer.alloc(0));
      const sha256 = sha256Of(bytes);
      const event = await pipeline.upload(`reference/${damaged.name}`, bytes);
      damagedEvents.set(damaged.name, event);
      const { results } = await pipeline.ingest(event);

      expect(results).toEqual([
        { key: `reference/${damaged.name}`, outcome: 'rejected', kind: damaged.kind, sha256 },
      ]);
      const manifest = ReferenceManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.referenceManifest(sha256)),
      );
      expect(manifest).toMatchObject({
        kind: damaged.kind,
        status: 'rejected',
        quarantineKey: archiveKeys.quarantine(sha256, damaged.name),
        rejection: {
          file: damaged.name,
          line: damaged.line,
          column: damaged.column ?? '',
          value: damaged.value ?? '',
        },
      });
      expect(manifest.rejection?.reason).toMatch(damaged.reason);
      expect(manifest.records).toBeUndefined();
      expect(await pipeline.readArchive(archiveKeys.quarantine(sha256, damaged.name))).toEqual(bytes);

      const report = (await pipeline.readArchive(archiveKeys.errorReport(sha256, damaged.name))).toString(
        'utf8',
      );
      expect(report).toContain(`${damaged.line},`);
      expect(report).toMatch(damaged.reason);

      const mail = await pipeline.mailbox();
      expect(mail).toHaveLength(1);
      const [email] = mail;
      expect(email?.subject).toContain(`Upload rejected: ${damaged.name}`);
      const text = email?.body.text ?? '';
      expect(text).toContain(`line ${damaged.line}`);
      if (damaged.column) expect(text).toContain(`column "${damaged.column}"`);
      if (damaged.value) expect(text).toContain(`value "${damaged.value}"`);
      expect(text).toMatch(damaged.reason);
      expect(text).toContain('Download the file again');
      expect(text).toContain('reference/');
      expect(text).not.toContain('incoming/');
      expect(email?.attachments.map((attachment) => attachment.filename)).toEqual([
        `${damaged.name}.errors.csv`,
      ]);
      expect(await pipeline.listLanding()).toEqual([]);
    },
  );

  it('changes nothing when a rejected upload’s event is delivered again, or its bytes uploaded again', async () => {
    await pipeline.local.clearMailbox();
    const before = await pipeline.listArchive();
    for (const [name, event] of damagedEvents) {
      const { results } = await pipeline.ingest(event);
      expect(results[0]).toMatchObject({ key: `reference/${name}`, outcome: 'gone' });
    }
    for (const damaged of DAMAGES) {
      const bytes = damaged.damage(good.get(damaged.name) ?? Buffer.alloc(0));
      const { results } = await pipeline.ingest(await pipeline.upload(`reference/${damaged.name}`, bytes));
      expect(results[0]).toMatchObject({ outcome: 'duplicate', sha256: sha256Of(bytes) });
    }
    expect(await pipeline.listArchive()).toEqual(before);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('finishes an ingest that stopped before its manifest (a timeout) when the event is retried, emailing finance once', async () => {
    await pipeline.local.clearMailbox();
    const damaged = DAMAGES[0] as Damage;
    const bytes = damaged.damage(good.get(damaged.name) ?? Buffer.alloc(0));
    const sha256 = sha256Of(bytes);
    const manifestKey = archiveKeys.referenceManifest(sha256);
    const written = ReferenceManifestSchema.parse(await pipeline.readArchiveJson(manifestKey));
    // As if the function timed out after the email, before the manifest: everything else is in place.
    await pipeline.local.s3.send(new DeleteObjectCommand({ Bucket: ARCHIVE, Key: manifestKey }));

    const { results } = await pipeline.ingest(await pipeline.upload(`reference/${damaged.name}`, bytes));

    expect(results[0]).toMatchObject({ outcome: 'rejected', sha256 });
    const again = ReferenceManifestSchema.parse(await pipeline.readArchiveJson(manifestKey));
    expect({ ...again, receivedAt: written.receivedAt }).toEqual(written);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('the next report succeeds with the good registers and postcode lookup, never the damaged ones', async () => {
    const result = await pipeline.report({ month: MONTH, dryRun: true });
    const manifest = ReportManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.reportManifest(result.month, result.runId ?? '')),
    );
    const references = manifest.inputs.filter(
      (input) => input.kind === 'register' || input.kind === 'postcodes',
    );
    expect(references.map((input) => input.sha256).sort()).toEqual(
      [...accepted.values()].map((reference) => reference.sha256).sort(),
    );
    expect(manifest.unreadableInputs).toBeUndefined();
  });

  it('a report meeting a damaged register accepted before ingest read registers whole goes on without it, saying so', async () => {
    // A Companies House part file of the same edition, archived with a manifest as the header-only check wrote it.
    const name = 'BasicCompanyData-2025-07-01-part2_7.csv';
    const chLines = lines(good.get(CH) ?? Buffer.alloc(0));
    const bytes = join1([
      ...chLines.slice(0, 5),
      chLines[5]?.replace('"Active"', '"Active","extra"') ?? '',
      ...chLines.slice(6),
    ]);
    const sha256 = sha256Of(bytes);
    const rawKey = archiveKeys.rawReference(sha256, name);
    await pipeline.local.s3.send(new PutObjectCommand({ Bucket: ARCHIVE, Key: rawKey, Body: bytes }));
    const old = ReferenceManifestSchema.parse({
      schemaVersion: 1,
      kind: 'register',
      register: 'companies-house',
      name,
      sourceKey: `reference/${name}`,
      sha256,
      size: bytes.length,
      receivedAt: new Date().toISOString(),
      status: 'accepted',
      issueCount: 0,
      issues: [],
      rawKey,
    });
    await pipeline.local.s3.send(
      new PutObjectCommand({
        Bucket: ARCHIVE,
        Key: archiveKeys.referenceManifest(sha256),
        Body: JSON.stringify(old),
      }),
    );

    const result = await pipeline.report({ month: MONTH, dryRun: true });

    expect(result.status).toBe('dry-run');
    const manifest = ReportManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.reportManifest(result.month, result.runId ?? '')),
    );
    expect(manifest.unreadableInputs).toEqual([
      expect.objectContaining({
        kind: 'register',
        register: 'companies-house',
        name,
        sha256,
        key: rawKey,
        line: 6,
      }),
    ]);
    expect(manifest.inputs.map((input) => input.sha256)).not.toContain(sha256);
    expect(manifest.inputs.map((input) => input.sha256)).toContain(accepted.get(CH)?.sha256);
    expect(manifest.registerExtract).toBeDefined();
  });
});
