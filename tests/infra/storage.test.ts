import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { exampleTemplate, newStack, resourceNamed, testConfig } from './synth.ts';

const DATA_BUCKETS = [
  ['LandingBucket', 'LandingKey'],
  ['ArchiveBucket', 'ArchiveKey'],
  ['QueryResultsBucket', 'QueryResultsKey'],
] as const;
const ALL_BUCKETS = [...DATA_BUCKETS.map(([bucket]) => bucket), 'AccessLogBucket'];

describe('storage', () => {
  it('locks every archived object in COMPLIANCE mode for 7 years by default, enabled at creation', () => {
    exampleTemplate().hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } },
      },
    });
    expect(resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', 'ArchiveBucket').props.ObjectLockEnabled).toBe(
      true,
    );
  });

  it('takes the retention years and mode from the configuration', () => {
    const template = Template.fromStack(
      newStack(testConfig({ retention: { years: 10, mode: 'GOVERNANCE' } })),
    );
    expect(resourceNamed(template, 'AWS::S3::Bucket', 'ArchiveBucket').props.ObjectLockConfiguration).toEqual(
      {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 10 } },
      },
    );
  });

  it('locks no other bucket (the ingest deletes what it has archived from landing)', () => {
    for (const bucket of ['LandingBucket', 'AccessLogBucket', 'QueryResultsBucket']) {
      expect(
        resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', bucket).props.ObjectLockEnabled,
      ).toBeUndefined();
    }
  });

  it.each(DATA_BUCKETS)('encrypts %s with its own customer-managed key, rotated yearly', (bucket, key) => {
    const { props } = resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', bucket);
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] },
        },
      },
    ]);
    expect(resourceNamed(exampleTemplate(), 'AWS::KMS::Key', key).props.EnableKeyRotation).toBe(true);
  });

  it('encrypts the access-log bucket with SSE-S3, the only encryption S3 log delivery accepts', () => {
    const { props } = resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', 'AccessLogBucket');
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual(
      {
        SSEAlgorithm: 'AES256',
      },
    );
  });

  it.each(ALL_BUCKETS)('blocks all public access to %s and versions it', (bucket) => {
    const { props } = resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', bucket);
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  it.each(ALL_BUCKETS)('denies %s to any request without TLS 1.2', (bucket) => {
    exampleTemplate().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      },
    });
  });

  it.each([
    ['LandingBucket', 'landing/'],
    ['ArchiveBucket', 'archive/'],
    ['QueryResultsBucket', 'query-results/'],
  ])('logs access to %s into the access-log bucket under %s', (bucket, prefix) => {
    expect(resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', bucket).props.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: 'AccessLogBucket' },
      LogFilePrefix: prefix,
    });
  });

  it('moves the archive’s noncurrent versions to infrequent access and expires them only after the retention', () => {
    const rules = resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', 'ArchiveBucket').props
      .LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toContainEqual(
      expect.objectContaining({
        NoncurrentVersionTransitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
        NoncurrentVersionExpiration: { NoncurrentDays: 2558 },
        Status: 'Enabled',
      }),
    );
  });

  it('expires the landing bucket’s noncurrent versions (what the ingest deleted) after 30 days', () => {
    const rules = resourceNamed(exampleTemplate(), 'AWS::S3::Bucket', 'LandingBucket').props
      .LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
    );
  });

  it.each([...ALL_BUCKETS, 'LandingKey', 'ArchiveKey', 'QueryResultsKey', 'OperationsKey'])(
    'keeps %s when the stack is deleted or the resource replaced',
    (logicalId) => {
      const resource = exampleTemplate().toJSON().Resources[logicalId];
      expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    },
  );
});
