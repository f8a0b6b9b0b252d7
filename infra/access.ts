import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, logicalId } from './acknowledge.ts';
import { INGEST_PREFIXES } from './ingest-trigger.ts';

/** An account id or an IAM ARN (account root, role or user), as the configuration takes them. */
export function principalOf(principal: string): iam.IPrincipal {
  return /^\d{12}$/.test(principal) ? new iam.AccountPrincipal(principal) : new iam.ArnPrincipal(principal);
}

function assumableBy(principals: readonly string[]): iam.IPrincipal {
  const [first, ...rest] = principals.map(principalOf);
  if (first === undefined) throw new Error('a role needs at least one principal that may assume it');
  return rest.length === 0 ? first : new iam.CompositePrincipal(first, ...rest);
}

/** Every S3 action that changes or removes data, configuration or retention. */
export const ARCHIVE_WRITE_ACTIONS = [
  's3:Put*',
  's3:Delete*',
  's3:Replicate*',
  's3:RestoreObject',
  's3:BypassGovernanceRetention',
  's3:ObjectOwnerOverrideToBucketOwner',
  's3:CreateBucket',
  's3:UpdateJobPriority',
] as const;

/** Every KMS action besides reading that a principal could turn against the archive key. */
const ARCHIVE_KEY_WRITE_ACTIONS = [
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
] as const;

export interface AuditorAccessProps {
  readonly principals: readonly string[];
  readonly archive: s3.Bucket;
  readonly archiveKey: kms.IKey;
  readonly database: { readonly databaseArn: string; readonly catalogArn: string };
  readonly tableArn: string;
  readonly workGroupArn: string;
  readonly results: s3.Bucket;
  readonly resultsKey: kms.IKey;
}

/**
 * The role auditors assume: read every version of every archived object (and its retention), decrypt
 * it, and query the curated ledger with Athena; an explicit deny on every write, delete and key
 * change to the archive, so no later grant can give them one.
 */
export class AuditorAccess extends Construct {
  readonly role: iam.Role;
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: AuditorAccessProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const viaS3 = { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } };
    this.role = new iam.Role(this, 'Role', {
      assumedBy: assumableBy(props.principals),
      description: 'socval auditors: read-only on the archive, Athena over curated rows',
      maxSessionDuration: Duration.hours(4),
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadArchiveObjects',
          actions: [
            's3:GetObject',
            's3:GetObjectVersion',
            's3:GetObjectAttributes',
            's3:GetObjectVersionAttributes',
            's3:GetObjectRetention',
            's3:GetObjectLegalHold',
            's3:GetObjectTagging',
            's3:GetObjectVersionTagging',
          ],
          resources: [props.archive.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'ListArchive',
          actions: [
            's3:ListBucket',
            's3:ListBucketVersions',
            's3:GetBucketLocation',
            's3:GetBucketVersioning',
            's3:GetBucketObjectLockConfiguration',
          ],
          resources: [props.archive.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'DecryptArchive',
          actions: ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [props.archiveKey.keyArn],
          conditions: viaS3,
        }),
        new iam.PolicyStatement({
          sid: 'QueryInAuditWorkGroup',
          actions: [
            'athena:StartQueryExecution',
            'athena:StopQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:BatchGetQueryExecution',
            'athena:ListQueryExecutions',
            'athena:GetWorkGroup',
          ],
          resources: [props.workGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'ReadCatalog',
          actions: [
            'glue:GetDatabase',
            'glue:GetDatabases',
            'glue:GetTable',
            'glue:GetTables',
            'glue:GetPartition',
            'glue:GetPartitions',
            'glue:BatchGetPartition',
          ],
          resources: [props.database.catalogArn, props.database.databaseArn, props.tableArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnQueryResults',
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [props.results.arnForObjects('athena/*')],
        }),
        new iam.PolicyStatement({
          sid: 'ListQueryResults',
          actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
          resources: [props.results.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptQueryResults',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.resultsKey.keyArn],
          conditions: viaS3,
        }),
        new iam.PolicyStatement({
          sid: 'FindThingsInTheConsole',
          actions: [
            's3:ListAllMyBuckets',
            'athena:ListWorkGroups',
            'athena:ListEngineVersions',
            'athena:ListDataCatalogs',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'NeverChangeTheArchive',
          effect: iam.Effect.DENY,
          actions: [...ARCHIVE_WRITE_ACTIONS],
          resources: [props.archive.bucketArn, props.archive.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'NeverChangeTheArchiveKey',
          effect: iam.Effect.DENY,
          actions: [...ARCHIVE_KEY_WRITE_ACTIONS],
          resources: [props.archiveKey.keyArn],
        }),
      ],
    });
    acknowledge(this.policy, [
      [
        `AwsSolutions-IAM5[Resource::<${logicalId(props.archive)}.Arn>/*]`,
        'Auditors read every archived object by design; the bucket holds nothing else, and writes are explicitly denied.',
      ],
      [
        `AwsSolutions-IAM5[Resource::<${logicalId(props.results)}.Arn>/athena/*]`,
        'Athena writes each query result under a new generated key below athena/ in the auditors’ own results bucket.',
      ],
      [
        'AwsSolutions-IAM5[Resource::*]',
        's3:ListAllMyBuckets and athena:ListWorkGroups/ListEngineVersions/ListDataCatalogs have no resource type; they only list names so the console can open the audit workgroup and bucket.',
      ],
    ]);
  }
}

export interface UploaderAccessProps {
  readonly principals: readonly string[];
  readonly landing: s3.Bucket;
  readonly landingKey: kms.IKey;
}

/** The role finance uploads with: put ledger extracts under `incoming/` and reference files under `reference/`, nothing else. */
export class UploaderAccess extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: UploaderAccessProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: assumableBy(props.principals),
      description: 'socval finance: upload ledger extracts and reference files to the landing bucket',
      maxSessionDuration: Duration.hours(1),
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'UploadToIngestPrefixes',
          actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: INGEST_PREFIXES.map((prefix) => props.landing.arnForObjects(`${prefix}*`)),
        }),
        new iam.PolicyStatement({
          sid: 'SeeWhatIsWaiting',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [props.landing.bucketArn],
        }),
        new iam.PolicyStatement({
          // A multipart upload (the console's and CLI's way for large files) needs Decrypt as well.
          sid: 'EncryptUploads',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.landingKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
        new iam.PolicyStatement({
          sid: 'FindTheBucketInTheConsole',
          actions: ['s3:ListAllMyBuckets'],
          resources: ['*'],
        }),
      ],
    });
    acknowledge(policy, [
      ...INGEST_PREFIXES.map((prefix): [string, string] => [
        `AwsSolutions-IAM5[Resource::<${logicalId(props.landing)}.Arn>/${prefix}*]`,
        `Finance names its own files; uploads may go anywhere under ${prefix} and nowhere else.`,
      ]),
      [
        'AwsSolutions-IAM5[Resource::*]',
        's3:ListAllMyBuckets has no resource type; it lists bucket names so the console can open the landing bucket.',
      ],
    ]);
  }
}
