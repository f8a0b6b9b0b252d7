import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CURATED_COLUMNS } from '../shared/curated/index.ts';
import { acknowledgeNoReplication, asIBucket, newKey, pinLogicalId } from './storage.ts';

/**
 * The Athena type of each curated column. Keyed by `CURATED_COLUMNS`, so a column added to the curated
 * format does not compile until it has a type here. Open CSV SerDe reads BOOLEAN, BIGINT, INT and
 * DOUBLE; dates (`YYYY-MM-DD`) and GBP strings stay strings (`date(date)`, `amount_pence` for sums).
 */
export const CURATED_COLUMN_TYPES: Record<(typeof CURATED_COLUMNS)[number], glue.Type> = {
  file: glue.Schema.STRING,
  line: glue.Schema.BIG_INT,
  date: glue.Schema.STRING,
  supplier: glue.Schema.STRING,
  supplier_id: glue.Schema.STRING,
  company_number: glue.Schema.STRING,
  postcode: glue.Schema.STRING,
  amount_pence: glue.Schema.BIG_INT,
  amount_gbp: glue.Schema.STRING,
  transaction: glue.Schema.STRING,
  expense_type: glue.Schema.STRING,
  expense_area: glue.Schema.STRING,
  description: glue.Schema.STRING,
  redacted: glue.Schema.BOOLEAN,
};

/** Where the ingest writes curated rows (`curated/ledger/<sha256>.csv`). */
export const CURATED_LEDGER_PREFIX = 'curated/ledger/';

export interface AuditCatalogProps {
  readonly archive: s3.Bucket;
  readonly accessLogs: s3.Bucket;
}

/**
 * What auditors query the normalised ledger with: a Glue table over `curated/ledger/` and an Athena
 * workgroup that forces encrypted results into a bucket of their own (Athena must write results
 * somewhere, and it is never the archive).
 */
export class AuditCatalog extends Construct {
  readonly database: glue.Database;
  readonly table: glue.S3Table;
  readonly results: s3.Bucket;
  readonly resultsKey: kms.Key;
  readonly workGroup: athena.CfnWorkGroup;

  constructor(scope: Construct, id: string, props: AuditCatalogProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const prefix = stackName.toLowerCase().replace(/[^a-z0-9]/g, '_');

    this.database = new glue.Database(this, 'Database', {
      databaseName: `${prefix}_archive`,
      description: 'socval archive: the normalised ledger lines of every accepted upload',
    });
    this.table = new glue.S3Table(this, 'CuratedLedger', {
      database: this.database,
      tableName: 'curated_ledger',
      description:
        'One row per accepted ledger line, per upload ($path names the upload by SHA-256). A corrected upload replaces months: manifests/current.json says which uploads are current.',
      columns: CURATED_COLUMNS.map((name) => ({ name, type: CURATED_COLUMN_TYPES[name] })),
      dataFormat: new glue.DataFormat({
        inputFormat: glue.InputFormat.TEXT,
        outputFormat: glue.OutputFormat.HIVE_IGNORE_KEY_TEXT,
        serializationLibrary: glue.SerializationLibrary.OPEN_CSV,
        classificationString: glue.ClassificationString.CSV,
      }),
      storage: glue.S3TableStorage.fromBucket(asIBucket(props.archive)),
      s3Prefix: CURATED_LEDGER_PREFIX,
      parameters: { 'skip.header.line.count': '1' },
    });
    // The curated writer quotes text and escapes with a backslash (shared/curated/curated-rows.ts).
    (this.table.node.defaultChild as glue.CfnTable).addPropertyOverride(
      'TableInput.StorageDescriptor.SerdeInfo.Parameters',
      { separatorChar: ',', quoteChar: '"', escapeChar: '\\' },
    );

    this.resultsKey = newKey(this, 'QueryResultsKey', 'socval Athena query results of the auditors');
    this.results = new s3.Bucket(this, 'QueryResultsBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.resultsKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: asIBucket(props.accessLogs),
      serverAccessLogsPrefix: 'query-results/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // Results are copies of archive data: the archive is the record, these are working files.
        {
          id: 'expire-query-results',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    acknowledgeNoReplication(
      this.results,
      'Query results are working copies of archive data that expire after 30 days; the archive is the record.',
    );

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `${stackName}-audit`,
      description: 'socval auditors: queries over the archive, results encrypted in their own bucket',
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        // A runaway query over years of uploads stops at 10 GB scanned (~£0.04).
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: this.results.s3UrlForObject('athena/'),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.resultsKey.keyArn },
        },
      },
    });

    pinLogicalId(this.database, 'AuditDatabase');
    pinLogicalId(this.table, 'CuratedLedgerTable');
    pinLogicalId(this.results, 'QueryResultsBucket');
    pinLogicalId(this.resultsKey, 'QueryResultsKey');
  }

  get workGroupArn(): string {
    return Stack.of(this).formatArn({
      service: 'athena',
      resource: 'workgroup',
      resourceName: this.workGroup.name,
    });
  }
}
