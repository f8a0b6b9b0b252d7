import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AssetStaging } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { parseFunctionConfig } from '../../functions/config.ts';
import { ARCHIVE_ACCESS, FUNCTION_SIZES } from '../../infra/functions.ts';
import { HANDLER_ENTRIES } from '../../infra/socval-stack.ts';
import { archiveKeys, CURRENT_MANIFEST_KEY } from '../../shared/pipeline/archive-layout.ts';
import {
  actionsOf,
  exampleStack,
  exampleTemplate,
  newStack,
  resolvedEnvironment,
  resourceNamed,
  resourcesOf,
  statementsOfRole,
  testConfig,
} from './synth.ts';

const FUNCTIONS = [
  ['Ingest', 'FunctionsIngestFunction', 'FunctionsIngestRole', 'IngestLogs', 'MailFinanceMail'],
  ['Report', 'FunctionsReportFunction', 'FunctionsReportRole', 'ReportLogs', 'MailBoardMail'],
] as const;

function stagedBundle(scope: Construct): string {
  const staging = scope.node.findAll().find((child): child is AssetStaging => child instanceof AssetStaging);
  if (staging === undefined) throw new Error(`${scope.node.path} has no bundled asset`);
  return staging.absoluteStagedPath;
}

describe('the pipeline functions', () => {
  it.each(FUNCTIONS)('runs %s on the newest Node.js runtime aws-cdk-lib offers, on arm64', (_name, fn) => {
    const { props } = resourceNamed(exampleTemplate(), 'AWS::Lambda::Function', fn);
    expect(props.Runtime).toBe(lambda.Runtime.NODEJS_LATEST.name);
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
  });

  it('sizes ingest and report from the benchmarks', () => {
    expect(
      resourceNamed(exampleTemplate(), 'AWS::Lambda::Function', 'FunctionsIngestFunction').props,
    ).toMatchObject({ MemorySize: 1769, Timeout: 900 });
    expect(FUNCTION_SIZES.ingest.timeout.toMinutes()).toBe(15);
    expect(
      resourceNamed(exampleTemplate(), 'AWS::Lambda::Function', 'FunctionsReportFunction').props,
    ).toMatchObject({
      MemorySize: 3008,
      Timeout: 600,
    });
  });

  it.each(FUNCTIONS)(
    'logs %s as JSON to its own encrypted log group kept 365 days',
    (_name, fn, _role, logs) => {
      const { props } = resourceNamed(exampleTemplate(), 'AWS::Lambda::Function', fn);
      expect(props.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logs } });
      expect(exampleTemplate().toJSON().Resources[logs]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': ['OperationsKey', 'Arn'] } },
        DeletionPolicy: 'Retain',
      });
    },
  );

  it.each(FUNCTIONS)(
    'sets every variable the %s handler reads, with its own configuration set',
    (_n, fn, _r, _l, set) => {
      const variables = resourceNamed(exampleTemplate(), 'AWS::Lambda::Function', fn).props.Environment
        .Variables;
      expect(variables).toMatchObject({
        LANDING_BUCKET: { Ref: 'LandingBucket' },
        ARCHIVE_BUCKET: { Ref: 'ArchiveBucket' },
        SENDER: 'socval@example.nhs.uk',
        BOARD_RECIPIENTS: 'procurement.board@example.nhs.uk',
        FINANCE_ADDRESS: 'accounts.payable@example.nhs.uk',
        TRUST_NAME: 'Example Community Health NHS Trust',
        SES_CONFIGURATION_SET: { Ref: expect.stringMatching(new RegExp(`^${set}`)) },
        MAX_EMAIL_BYTES: String(10 * 1024 * 1024),
        SME_DEFINITION: 'procurement-act-2023',
        EUR_TO_GBP: '0.85',
        FIRST_FINANCIAL_YEAR: '2022/23',
        MAX_BAD_SHARE: '0.05',
        CODE_VERSION: 'abc1234',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect(variables.DATE_ORDER).toBeUndefined();
    },
  );

  it('passes several board recipients comma-separated, and DATE_ORDER when configured', () => {
    const config = testConfig({
      dateOrder: 'MDY',
      email: { ...testConfig().email, boardRecipients: ['a@example.nhs.uk', 'b@example.nhs.uk'] },
    });
    const template = Template.fromStack(newStack(config));
    const variables = resourceNamed(template, 'AWS::Lambda::Function', 'FunctionsReportFunction').props
      .Environment.Variables;
    expect(variables).toMatchObject({
      BOARD_RECIPIENTS: 'a@example.nhs.uk,b@example.nhs.uk',
      DATE_ORDER: 'MDY',
    });
  });

  it.each(FUNCTIONS)('gives %s an environment the handlers’ own parser accepts', (_name, fn) => {
    const variables = resourceNamed(exampleTemplate(), 'AWS::Lambda::Function', fn).props.Environment
      .Variables;
    const config = parseFunctionConfig(resolvedEnvironment(variables));
    expect(config).toMatchObject({
      boardRecipients: ['procurement.board@example.nhs.uk'],
      financeAddresses: ['accounts.payable@example.nhs.uk'],
      maxEmailBytes: 10 * 1024 * 1024,
      settings: { smeDefinition: 'procurement-act-2023', eurToGbp: 0.85, maxBadShare: 0.05 },
    });
    expect(config.codeVersion).toMatch(/\+abc1234$/);
  });

  it.each(FUNCTIONS)('gives %s a role with no AWS managed policy and no inline policy', (_n, _fn, role) => {
    const { props } = resourceNamed(exampleTemplate(), 'AWS::IAM::Role', role);
    expect(props.ManagedPolicyArns).toBeUndefined();
    expect(props.Policies).toBeUndefined();
    expect(props.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    const attached = Object.entries(exampleTemplate().findResources('AWS::IAM::Policy')).filter(
      ([, policy]) => JSON.stringify(policy.Properties.Roles).includes(role),
    );
    expect(attached).toEqual([]);
  });

  it('lets the ingest take and delete uploads only under incoming/ and reference/ of the landing bucket', () => {
    const statements = statementsOfRole(exampleTemplate(), 'FunctionsIngestRole');
    const onLanding = statements.filter((s) => JSON.stringify(s.Resource).includes('LandingBucket'));
    const objectStatement = onLanding.find((s) => actionsOf(s).includes('s3:DeleteObject'));
    expect(actionsOf(objectStatement).sort()).toEqual([
      's3:DeleteObject',
      's3:GetObject',
      's3:GetObjectVersion',
    ]);
    expect(resourcesOf(objectStatement)).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['LandingBucket', 'Arn'] }, '/incoming/*']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['LandingBucket', 'Arn'] }, '/reference/*']] },
    ]);
  });

  it.each([
    ['FunctionsIngestRole', ARCHIVE_ACCESS.ingest],
    ['FunctionsReportRole', ARCHIVE_ACCESS.report],
  ])(
    'lets %s write the archive only under its own prefixes and keys, and never delete there',
    (role, access) => {
      const onArchive = statementsOfRole(exampleTemplate(), role).filter((s) =>
        JSON.stringify(s.Resource).includes('ArchiveBucket'),
      );
      const writes = onArchive.filter((s) => actionsOf(s).some((a) => /Put|Delete|Abort/.test(a)));
      const sorted = (values: unknown[]) => values.map((value) => JSON.stringify(value)).sort();
      const objects = (suffix: string) => ({
        'Fn::Join': ['', [{ 'Fn::GetAtt': ['ArchiveBucket', 'Arn'] }, `/${suffix}`]],
      });
      expect(sorted(writes.flatMap(resourcesOf))).toEqual(
        sorted([
          ...access.write.map((prefix) => objects(`${prefix}*`)),
          ...access.writeKeys.map((key) => objects(key)),
        ]),
      );
      expect(onArchive.flatMap(actionsOf).filter((a) => a.includes('Delete'))).toEqual([]);
    },
  );

  it('covers every key each function writes with the prefixes it may write (shared/pipeline/archive-layout.ts)', () => {
    const ingestWrites = [
      archiveKeys.rawLedger('a'.repeat(64), 'x.csv'),
      archiveKeys.rawReference('a'.repeat(64), 'suppliers.csv'),
      archiveKeys.curatedLedger('a'.repeat(64)),
      archiveKeys.curatedSuppliers('a'.repeat(64)),
      archiveKeys.uploadManifest('a'.repeat(64)),
      archiveKeys.uploadProblems('a'.repeat(64)),
      archiveKeys.referenceManifest('a'.repeat(64)),
      archiveKeys.quarantine('a'.repeat(64), 'x.csv'),
      archiveKeys.errorReport('a'.repeat(64), 'x.csv'),
      archiveKeys.rejectionEmail('a'.repeat(64)),
    ];
    const reportWrites = [
      archiveKeys.workbook('2026-10', 'run'),
      archiveKeys.summary('2026-10', 'run'),
      archiveKeys.reportEmail('2026-10', 'run'),
      archiveKeys.reportManifest('2026-10', 'run'),
      archiveKeys.reportCurrentManifest('2026-10', 'run'),
      CURRENT_MANIFEST_KEY,
      archiveKeys.sentMarker('2026-10'),
      archiveKeys.registerExtract('a'.repeat(64), 'b'.repeat(64)),
    ];
    const reportReads = [
      archiveKeys.curatedLedger('a'.repeat(64)),
      archiveKeys.curatedSuppliers('a'.repeat(64)),
      archiveKeys.uploadManifest('a'.repeat(64)),
      archiveKeys.uploadProblems('a'.repeat(64)),
      archiveKeys.referenceManifest('a'.repeat(64)),
      archiveKeys.rawReference('a'.repeat(64), 'suppliers.csv'),
      archiveKeys.rawReference('a'.repeat(64), 'BasicCompanyDataAsOneFile-2025-07-01.csv'),
      archiveKeys.registerExtract('a'.repeat(64), 'b'.repeat(64)),
      archiveKeys.sentMarker('2026-10'),
    ];
    const under = (prefixes: readonly string[]) => (key: string) => prefixes.some((p) => key.startsWith(p));
    const writable = (access: { write: readonly string[]; writeKeys: readonly string[] }) => (key: string) =>
      under(access.write)(key) || access.writeKeys.includes(key);
    expect(ingestWrites.filter((key) => !writable(ARCHIVE_ACCESS.ingest)(key))).toEqual([]);
    expect(reportWrites.filter((key) => !writable(ARCHIVE_ACCESS.report)(key))).toEqual([]);
    // current.json is the report's: the ingest no longer writes it.
    expect(writable(ARCHIVE_ACCESS.ingest)(CURRENT_MANIFEST_KEY)).toBe(false);
    const reportReadable = [...ARCHIVE_ACCESS.report.read, ...ARCHIVE_ACCESS.report.write];
    expect(reportReads.filter((key) => !under(reportReadable)(key))).toEqual([]);
  });

  it('lets the functions use the data keys only through S3', () => {
    for (const role of ['FunctionsIngestRole', 'FunctionsReportRole']) {
      const kms = statementsOfRole(exampleTemplate(), role).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('kms:')),
      );
      expect(kms.length).toBeGreaterThan(0);
      for (const statement of kms) {
        expect(statement.Condition).toEqual({
          StringEquals: { 'kms:ViaService': 's3.eu-west-2.amazonaws.com' },
        });
      }
    }
  });

  it('bundles each handler as minified ESM with a source map and a require shim for CommonJS dependencies', () => {
    const bundle = stagedBundle(exampleStack().functions.ingest.function);
    const code = readFileSync(path.join(bundle, 'index.mjs'), 'utf8');
    expect(
      code.startsWith(
        "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
      ),
    ).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
    expect(code.split('\n').length).toBeLessThan(10);
    expect(existsSync(path.join(bundle, 'index.mjs.map'))).toBe(true);
  });

  it('bundles the real handlers by default', () => {
    expect(HANDLER_ENTRIES.ingest).toMatch(/functions\/ingest\/handler\.ts$/);
    expect(HANDLER_ENTRIES.report).toMatch(/functions\/report\/handler\.ts$/);
    expect(existsSync(HANDLER_ENTRIES.ingest)).toBe(true);
    expect(existsSync(HANDLER_ENTRIES.report)).toBe(true);
  });
});
