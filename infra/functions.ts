import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  CURRENT_MANIFEST_KEY,
  INCOMING_PREFIX,
  REFERENCE_PREFIX,
} from '../shared/pipeline/archive-layout.ts';
import { acknowledge, logicalId } from './acknowledge.ts';
import type { Mail } from './mail.ts';
import { pinLogicalId } from './storage.ts';

/**
 * Sizes, from the benchmarks (`npm run bench`, `npm run bench:pipeline`, x86-64, one core):
 * - ingest: the reader takes a 131 MiB, 1M-line CSV to curated CSV in ~5 s at 123 MiB peak RSS, and
 *   5M lines in 32 s at 160 MiB (its memory does not grow with the file); a 45 MiB, 1M-line XLSX in 19 s
 *   at 212 MiB (`npm run bench -- --xlsx-lines 1000000`), so a 200 MB workbook is under two minutes.
 *   The work is one thread: pinned to one core (`taskset`), the 1M-line CSV took 4.4–5.2 s against
 *   4.8–5.8 s on two, and the XLSX 17.6–20.1 s against 17.9 s (zlib inflates on the thread pool). So
 *   1769 MB, the size that buys one whole vCPU, not 3008 MB (1.7 vCPUs the reader cannot use): the
 *   same speed at 59% of the price per millisecond, and ten times the memory the reader needs. The
 *   15-minute maximum timeout covers the slowest case with room; a month's real extract (a few MB)
 *   takes seconds.
 * - report: holds every curated line since the first financial year as columns (about 40-60 bytes
 *   each). Five years and 20k suppliers, 1M lines (`npm run bench`): 4.8 s to read them back, 2.9 s to
 *   build and render, 245 MiB peak RSS. What sets its size is the first run on new register files,
 *   which streams them into an extract (a full Companies House file: ~2.2 minutes, under 1 GB RSS,
 *   `docs/performance.md`); later runs re-use it. 3008 MB covers that with room and gives zlib a
 *   second vCPU; 10 minutes is 4x the register run. It runs once a month, so the size costs pennies.
 * Both run on arm64 (Graviton), about 20% cheaper for this pure-JavaScript work; the near-timeout
 * alarms say when files or history have outgrown these numbers.
 */
export const FUNCTION_SIZES = {
  ingest: { memorySize: 1769, timeout: Duration.minutes(15) },
  report: { memorySize: 3008, timeout: Duration.minutes(10) },
} as const;

/**
 * Archive prefixes each function may write (and read back), and single keys it may write, as
 * `shared/pipeline/archive-layout.ts` lays them out.
 */
export const ARCHIVE_ACCESS = {
  ingest: {
    write: [
      'raw/',
      'curated/ledger/',
      'curated/suppliers/',
      'manifests/uploads/',
      'manifests/problems/',
      'manifests/reference/',
      'quarantine/',
    ],
    writeKeys: [] as string[],
    read: [] as string[],
  },
  report: {
    write: ['reports/', 'manifests/registers/'],
    // The latest view of which uploads count: each report run writes it from the manifests it read.
    writeKeys: [CURRENT_MANIFEST_KEY],
    // raw/reference/: the postcode lookup and registers; the supplier reference is read from curated/suppliers/.
    read: ['curated/ledger/', 'curated/suppliers/', 'manifests/', 'raw/reference/'],
  },
} as const;

/** Why a function may touch every key under a prefix: the keys are made from content it has not seen yet. */
const PREFIX_REASONS: Record<string, string> = {
  'incoming/':
    'finance names its own uploads; the ingest takes whatever arrives under incoming/ and nothing else',
  'reference/':
    'finance names its own reference files; the ingest takes whatever arrives under reference/ and nothing else',
  'raw/': 'originals are kept as raw/{ledger,reference}/<sha256>/<name>, keyed by the upload’s content hash',
  'raw/reference/':
    'the supplier reference, postcode lookups and open registers are raw/reference/<sha256>/<name>, keyed by content hash',
  'curated/ledger/':
    'each accepted ledger upload’s rows are curated/ledger/<sha256>.csv, keyed by content hash',
  'curated/suppliers/':
    'each accepted supplier reference, as read, is curated/suppliers/<sha256>.json, keyed by content hash',
  'manifests/':
    'manifests are manifests/{uploads,reference,problems}/<sha256>.json, the register extracts and manifests/current.json',
  'manifests/uploads/':
    'each ledger upload’s manifest is manifests/uploads/<sha256>.json, keyed by content hash',
  'manifests/problems/':
    'each ledger upload’s issues and skipped lines are manifests/problems/<sha256>.json, keyed by content hash',
  'manifests/reference/':
    'each reference upload’s manifest is manifests/reference/<sha256>.json, keyed by content hash',
  'manifests/registers/':
    'register extracts are manifests/registers/<hash of the register files>/extract-<hash of the suppliers>.json',
  'quarantine/':
    'a rejected upload is kept as quarantine/<sha256>/<name> beside its error report and finance email',
  'reports/': 'each run writes reports/<month>/<run id>/… and the month’s sent marker',
};

/** ESM bundles that pull CommonJS dependencies (exceljs) need `require` defined. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

export interface PipelineFunctionProps {
  /** The handler module (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
}

/**
 * One socval Lambda function: its own role whose permissions live in one customer-managed policy
 * (so nothing is granted behind our back), an encrypted log group with a retention, and an ESM,
 * minified, source-mapped bundle built by the local esbuild.
 */
export class PipelineFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly policy: iam.ManagedPolicy;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', { roles: [this.role] });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.policy.addStatements(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_LATEST,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      // Grants CDK would add on its own go to a role that ignores them: every permission is in `policy`.
      role: this.role.withoutPolicyUpdates(),
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        // The SDK pinned in package-lock.json, not whatever the runtime carries: a re-run is the same code.
        bundleAwsSDK: true,
        externalModules: [],
        logLevel: nodejs.LogLevel.ERROR,
      },
    });
    this.function.node.addDependency(this.policy);

    acknowledgeFunctionFindings(this.function);
  }

  addToPolicy(...statements: iam.PolicyStatement[]): void {
    this.policy.addStatements(...statements);
  }
}

/** The nag findings every pipeline function shares, each with why it stands. */
export function acknowledgeFunctionFindings(fn: lambda.Function): void {
  Validations.of(fn).acknowledge({
    id: 'NIST.800.53.R5-LambdaInsideVPC',
    reason:
      'The functions reach only S3, SES, KMS and CloudWatch Logs, all over TLS to regional AWS endpoints and authorised by IAM; a VPC would add NAT or five interface endpoints and no data path the bucket policies do not already close.',
  });
  Validations.of(fn).acknowledge({
    id: 'NIST.800.53.R5-LambdaConcurrency',
    reason:
      'New accounts have a concurrency quota of 10 with 10 kept unreserved, so any reserved concurrency fails the deploy; the functions are idempotent and bounded by S3 uploads and a monthly schedule.',
  });
  Validations.of(fn).acknowledge({
    id: 'NIST.800.53.R5-LambdaDLQ',
    reason:
      'Failed asynchronous invocations go to an SQS on-failure destination (AWS::Lambda::EventInvokeConfig), which records the error with the event; a DeadLetterConfig would hold the same event without the error.',
  });
}

export interface FunctionsProps {
  readonly landing: s3.Bucket;
  readonly landingKey: kms.IKey;
  readonly archive: s3.Bucket;
  readonly archiveKey: kms.IKey;
  readonly mail: Mail;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Settings both handlers read (everything but `SES_CONFIGURATION_SET`). */
  readonly environment: Record<string, string>;
  readonly entries: { readonly ingest: string; readonly report: string };
}

/**
 * The ingest function (landing → archive, rejection mail to finance) and the report function
 * (archive → workbook, board mail), each allowed exactly the prefixes and mail it needs.
 */
export class Functions extends Construct {
  readonly ingest: PipelineFunction;
  readonly report: PipelineFunction;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { landing, archive, mail } = props;

    this.ingest = new PipelineFunction(this, 'Ingest', {
      entry: props.entries.ingest,
      description: 'socval ingest: archives, validates and normalises each upload to the landing bucket',
      ...FUNCTION_SIZES.ingest,
      environment: { ...props.environment, SES_CONFIGURATION_SET: mail.financeMail.configurationSetName },
      logKey: props.logKey,
      logRetention: props.logRetention,
    });
    this.ingest.addToPolicy(
      new iam.PolicyStatement({
        sid: 'TakeUploadsFromLanding',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject'],
        resources: [INCOMING_PREFIX, REFERENCE_PREFIX].map((prefix) => landing.arnForObjects(`${prefix}*`)),
      }),
      listBucket(landing),
      ...archiveStatements(archive, ARCHIVE_ACCESS.ingest),
      useKey('DecryptUploads', props.landingKey, ['kms:Decrypt']),
      useKey('UseArchiveKey', props.archiveKey, ['kms:Decrypt', 'kms:GenerateDataKey']),
    );
    this.ingest.addToPolicy(mail.sendStatement(mail.financeMail));
    acknowledgePrefixes(this.ingest, landing, [INCOMING_PREFIX, REFERENCE_PREFIX]);
    acknowledgePrefixes(this.ingest, archive, [
      ...ARCHIVE_ACCESS.ingest.write,
      ...ARCHIVE_ACCESS.ingest.read,
    ]);

    this.report = new PipelineFunction(this, 'Report', {
      entry: props.entries.report,
      description: 'socval report: builds the monthly workbook from the archive and emails the board',
      ...FUNCTION_SIZES.report,
      environment: { ...props.environment, SES_CONFIGURATION_SET: mail.boardMail.configurationSetName },
      logKey: props.logKey,
      logRetention: props.logRetention,
    });
    this.report.addToPolicy(
      ...archiveStatements(archive, ARCHIVE_ACCESS.report),
      useKey('UseArchiveKey', props.archiveKey, ['kms:Decrypt', 'kms:GenerateDataKey']),
    );
    this.report.addToPolicy(mail.sendStatement(mail.boardMail));
    acknowledgePrefixes(this.report, archive, [
      ...ARCHIVE_ACCESS.report.write,
      ...ARCHIVE_ACCESS.report.read,
    ]);

    pinLogicalId(this.ingest.logGroup, 'IngestLogs');
    pinLogicalId(this.report.logGroup, 'ReportLogs');
  }
}

function acknowledgePrefixes(fn: PipelineFunction, bucket: s3.Bucket, prefixes: readonly string[]): void {
  acknowledge(
    fn.policy,
    prefixes.map((prefix) => {
      const reason = PREFIX_REASONS[prefix];
      if (reason === undefined) throw new Error(`say why ${fn.node.id} may use every key under ${prefix}`);
      return [
        `AwsSolutions-IAM5[Resource::<${logicalId(bucket)}.Arn>/${prefix}*]`,
        `Only under ${prefix}: ${reason}.`,
      ];
    }),
  );
}

function listBucket(bucket: s3.Bucket): iam.PolicyStatement {
  // Without ListBucket a HEAD on a missing key answers 403 rather than 404, which idempotency checks need.
  return new iam.PolicyStatement({
    sid: `List${bucketSid(bucket)}`,
    actions: ['s3:ListBucket'],
    resources: [bucket.bucketArn],
  });
}

function archiveStatements(
  archive: s3.Bucket,
  access: {
    readonly write: readonly string[];
    readonly writeKeys: readonly string[];
    readonly read: readonly string[];
  },
): iam.PolicyStatement[] {
  const statements = [
    listBucket(archive),
    new iam.PolicyStatement({
      sid: 'WriteArchivePrefixes',
      actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:GetObject'],
      resources: [
        ...access.write.map((prefix) => archive.arnForObjects(`${prefix}*`)),
        ...access.writeKeys.map((key) => archive.arnForObjects(key)),
      ],
    }),
  ];
  if (access.read.length > 0) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'ReadArchivePrefixes',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: access.read.map((prefix) => archive.arnForObjects(`${prefix}*`)),
      }),
    );
  }
  return statements;
}

function useKey(sid: string, key: kms.IKey, actions: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions,
    resources: [key.keyArn],
    // Only through S3: the key cannot be used directly to decrypt anything else.
    conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(key).region}.amazonaws.com` } },
  });
}

function bucketSid(bucket: s3.Bucket): string {
  return bucket.node.id.replace(/[^A-Za-z0-9]/g, '');
}
