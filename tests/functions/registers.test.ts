import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReport } from '../../cli/run-report.ts';
import type { ReportResult } from '../../functions/report/run-monthly-report.ts';
import { SettingsSchema } from '../../shared/config/settings.ts';
import {
  archiveKeys,
  type ReferenceManifest,
  ReferenceManifestSchema,
  ReportManifestSchema,
} from '../../shared/pipeline/index.ts';
import { RegisterExtractSchema } from '../../shared/registers/index.ts';
import { type Summary, SummarySchema } from '../../shared/report/index.ts';
import { TRUST } from '../shared/registers/trust.ts';
import { type Pipeline, startPipeline } from './pipeline-harness.ts';

const TRUST_NAME = 'Kent Valley NHS Foundation Trust';
const FIRST_FY = '2023/24';
const MONTH = '2024-05';
const REGISTERS = join(TRUST, 'registers');

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('open registers uploaded under reference/, through the real ingest and report', () => {
  let pipeline: Pipeline;
  let cliDir: string;
  let registerNames: string[];
  const registerManifests = new Map<string, ReferenceManifest>();
  /** The archive keys every GetObject asked for, from any S3 client in this process (the handlers' too). */
  const gets: string[] = [];

  const archivedRun = async (result: ReportResult) => {
    const runId = result.runId ?? '';
    return {
      manifest: ReportManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.reportManifest(result.month, runId)),
      ),
      summary: SummarySchema.parse(await pipeline.readArchiveJson(archiveKeys.summary(result.month, runId))),
    };
  };

  /** `socval report --registers` on the same files, each register dated as the ingest dated its upload. */
  async function cliSummary(): Promise<Summary> {
    const registers = join(cliDir, 'registers');
    await cp(REGISTERS, registers, { recursive: true });
    for (const [name, manifest] of registerManifests) {
      const received = new Date(manifest.receivedAt);
      await utimes(join(registers, name), received, received);
    }
    await runReport(
      {
        ledger: [join(TRUST, 'ledger')],
        suppliers: join(TRUST, 'suppliers.csv'),
        registers: [registers],
        out: join(cliDir, 'out'),
      },
      SettingsSchema.parse({ trustName: TRUST_NAME, firstFinancialYear: FIRST_FY, reportMonth: MONTH }),
    );
    return SummarySchema.parse(JSON.parse(await readFile(join(cliDir, 'out', 'summary.json'), 'utf8')));
  }

  beforeAll(async () => {
    cliDir = await mkdtemp(join(tmpdir(), 'socval-registers-cli-'));
    pipeline = await startPipeline({ FIRST_FINANCIAL_YEAR: FIRST_FY });
    const send = S3Client.prototype.send;
    vi.spyOn(S3Client.prototype, 'send').mockImplementation(function (
      this: S3Client,
      ...args: Parameters<S3Client['send']>
    ) {
      const [command] = args;
      if (command instanceof GetObjectCommand) gets.push(command.input.Key ?? '');
      return (send as (...a: unknown[]) => unknown).apply(this, args) as ReturnType<S3Client['send']>;
    } as S3Client['send']);
    for (const name of (await readdir(join(TRUST, 'ledger'))).sort()) {
      const bytes = await readFile(join(TRUST, 'ledger', name));
      await pipeline.ingest(await pipeline.upload(`incoming/${name}`, bytes));
    }
    await pipeline.ingest(
      await pipeline.upload('reference/suppliers.csv', await readFile(join(TRUST, 'suppliers.csv'))),
    );
    registerNames = (await readdir(REGISTERS)).sort();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await pipeline.stop();
    await rm(cliDir, { recursive: true, force: true });
  });

  it('archives each register download as uploaded, told by its header, with a manifest', async () => {
    for (const name of registerNames) {
      const bytes = await readFile(join(REGISTERS, name));
      const { results } = await pipeline.ingest(await pipeline.upload(`reference/${name}`, bytes));
      const sha256 = sha256Of(bytes);
      expect(results).toEqual([{ key: `reference/${name}`, outcome: 'accepted', kind: 'register', sha256 }]);
      const manifest = ReferenceManifestSchema.parse(
        await pipeline.readArchiveJson(archiveKeys.referenceManifest(sha256)),
      );
      expect(manifest).toMatchObject({ kind: 'register', status: 'accepted', name, size: bytes.length });
      expect(await pipeline.readArchive(archiveKeys.rawReference(sha256, name))).toEqual(bytes);
      registerManifests.set(name, manifest);
    }
    expect([...registerManifests.values()].map((manifest) => manifest.register).sort()).toEqual([
      'charity-commission',
      'companies-house',
      'fca-mutuals',
      'oscr',
    ]);
    expect(await pipeline.listLanding()).toEqual([]);
  });

  it('still rejects a reference file that is none of the known kinds, as a supplier reference', async () => {
    const bytes = Buffer.from('Society,Registered,Status\r\nA,B,C\r\n');
    const { results } = await pipeline.ingest(
      await pipeline.upload('reference/SocietyList (old).csv', bytes),
    );
    expect(results).toEqual([
      {
        key: 'reference/SocietyList (old).csv',
        outcome: 'rejected',
        kind: 'suppliers',
        sha256: sha256Of(bytes),
      },
    ]);
  });

  let first: Awaited<ReturnType<typeof archivedRun>>;

  it('classifies with an extract of the archived registers, naming every register file in the run manifest', async () => {
    gets.length = 0;
    const result = await pipeline.report({ month: MONTH, dryRun: true });
    first = await archivedRun(result);

    const registerInputs = first.manifest.inputs.filter((input) => input.kind === 'register');
    expect(registerInputs.map((input) => input.name).sort()).toEqual(registerNames);
    for (const input of registerInputs) {
      const manifest = registerManifests.get(input.name);
      expect(input).toMatchObject({
        sha256: manifest?.sha256,
        key: manifest?.rawKey,
        register: manifest?.register,
        status: 'accepted',
      });
      expect(gets).toContain(input.key);
    }
    const stored = first.manifest.registerExtract;
    expect(stored).toMatchObject({ reused: false });
    expect(stored?.key).toMatch(/^manifests\/registers\/[0-9a-f]{64}\/extract-[0-9a-f]{64}\.json$/);
    const bytes = await pipeline.readArchive(stored?.key ?? '');
    expect(sha256Of(bytes)).toBe(stored?.sha256);
    const extract = RegisterExtractSchema.parse(JSON.parse(bytes.toString('utf8')));
    expect(first.summary.registers?.sources).toEqual(extract.sources);
  });

  it('writes the same summary.json, coverage included, as `socval report --registers` on the same files', async () => {
    const cli = await cliSummary();
    expect(first.summary.coverage).toEqual(cli.coverage);
    expect(first.summary.coverage?.find((entry) => entry.fy === '2024/25')?.vcse.decided).toBe('55750.00');
    expect(first.summary).toEqual(cli);
  });

  it('re-uses the stored extract on the next run, reading no register file again', async () => {
    gets.length = 0;
    const again = await archivedRun(await pipeline.report({ month: MONTH, dryRun: true }));

    const registerKeys = [...registerManifests.values()].map((manifest) => manifest.rawKey);
    expect(gets.filter((key) => registerKeys.includes(key))).toEqual([]);
    expect(gets).toContain(first.manifest.registerExtract?.key);
    expect(again.manifest.registerExtract).toEqual({ ...first.manifest.registerExtract, reused: true });
    expect(again.summary).toEqual(first.summary);
  });
});
