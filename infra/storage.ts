import { CfnElement, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StorageProps {
  /** Object Lock default retention of the archive. */
  readonly retention: { readonly years: number; readonly mode: 'COMPLIANCE' | 'GOVERNANCE' };
}

/**
 * The landing bucket finance drops files into, the Object Lock archive auditors read, and the bucket
 * both log their S3 access to. Each data bucket has its own customer-managed key, so a principal that
 * may upload cannot read the archive and an auditor cannot read uploads in flight.
 */
export class Storage extends Construct {
  readonly landing: s3.Bucket;
  readonly landingKey: kms.Key;
  readonly archive: s3.Bucket;
  readonly archiveKey: kms.Key;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const retentionDays = Math.ceil(props.retention.years * 365.25);

    this.accessLogs = new s3.Bucket(this, 'AccessLogBucket', {
      // S3 server access logging delivers only to buckets encrypted with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(retentionDays) },
        { id: 'expire-noncurrent-access-logs', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason:
        'S3 server access log delivery supports only SSE-S3 (AES256) on the target bucket, not SSE-KMS.',
    });
    acknowledgeNoReplication(
      this.accessLogs,
      'Access logs are versioned and kept for as long as the archive retains objects.',
    );

    this.landingKey = newKey(
      this,
      'LandingKey',
      'socval landing bucket: ledger extracts and reference files in flight',
    );
    this.landing = new s3.Bucket(this, 'LandingBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.landingKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: asIBucket(this.accessLogs),
      serverAccessLogsPrefix: 'landing/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // The ingest deletes each upload once archived; the noncurrent copy is only a safety net.
        { id: 'expire-noncurrent-uploads', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    acknowledgeNoReplication(
      this.landing,
      'Uploads are transient: each is archived under Object Lock, and versioning keeps deleted ones 30 days.',
    );

    this.archiveKey = newKey(
      this,
      'ArchiveKey',
      'socval archive bucket: original uploads, curated rows, reports',
    );
    this.archive = new s3.Bucket(this, 'ArchiveBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.archiveKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      serverAccessLogsBucket: asIBucket(this.accessLogs),
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // Object Lock keeps every version for the retention period; lifecycle never removes a locked one.
        {
          id: 'noncurrent-versions',
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
          noncurrentVersionExpiration: Duration.days(retentionDays + 1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    // Written in years, as the retention schedule is, rather than the L2's day count.
    (this.archive.node.defaultChild as s3.CfnBucket).objectLockConfiguration = {
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: props.retention.mode, years: props.retention.years } },
    };
    acknowledgeNoReplication(
      this.archive,
      'Versioning and COMPLIANCE-mode Object Lock keep every archived version for the retention period.',
    );

    pinLogicalId(this.accessLogs, 'AccessLogBucket');
    pinLogicalId(this.landing, 'LandingBucket');
    pinLogicalId(this.landingKey, 'LandingKey');
    pinLogicalId(this.archive, 'ArchiveBucket');
    pinLogicalId(this.archiveKey, 'ArchiveKey');
  }
}

/** A customer-managed key with yearly rotation that outlives the stack. */
export function newKey(scope: Construct, id: string, description: string): kms.Key {
  return new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
}

/**
 * Keeps a stateful resource's CloudFormation logical ID independent of where it sits in the construct
 * tree: a changed logical ID would make CloudFormation replace (and orphan) the bucket or key.
 */
export function pinLogicalId(construct: Construct, logicalId: string): void {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource to pin`);
  }
  resource.overrideLogicalId(logicalId);
}

export function acknowledgeNoReplication(bucket: s3.Bucket, instead: string): void {
  Validations.of(bucket).acknowledge({
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason: `eu-west-2 (London) is the only UK AWS region, so replicating NHS finance records elsewhere is a data-residency decision for the trust to take. ${instead}`,
  });
}

/**
 * `Bucket` declares `isWebsite` optional where `IBucket` requires it, which `exactOptionalPropertyTypes`
 * rejects; every `Bucket` is an `IBucket`, so this only states it where aws-cdk-lib asks for one.
 */
export function asIBucket(bucket: s3.Bucket): s3.IBucket {
  return bucket as s3.IBucket;
}
