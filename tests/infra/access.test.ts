import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  exampleTemplate,
  newStack,
  type PolicyStatementJson,
  resourceNamed,
  resourcesOf,
  statementsOfRole,
  testConfig,
} from './synth.ts';

/** Actions that would change or remove archived data, its retention or the bucket's protection. */
const ARCHIVE_CHANGES = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
  's3:DeleteBucket',
  's3:ReplicateObject',
  's3:RestoreObject',
];

/** Auditors named by account id, and no uploaders. */
let variantTemplate: Template | undefined;
const variant = (): Template => {
  variantTemplate ??= Template.fromStack(
    newStack(testConfig({ auditorPrincipals: ['333333333333'], uploaderPrincipals: [] })),
  );
  return variantTemplate;
};

const matches = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);
const refersTo = (statement: PolicyStatementJson | undefined, logicalId: string) =>
  resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`"${logicalId}"`));

describe('the auditor role', () => {
  const auditor = () => statementsOfRole(exampleTemplate(), 'AuditorsRole');

  it('can be assumed by the configured auditor principals, and only by them', () => {
    const role = resourceNamed(exampleTemplate(), 'AWS::IAM::Role', 'AuditorsRole').props;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:role/ExternalAudit' },
      },
    ]);
    const byAccount = resourceNamed(variant(), 'AWS::IAM::Role', 'AuditorsRole').props;
    expect(JSON.stringify(byAccount.AssumeRolePolicyDocument)).toContain(':iam::333333333333:root');
  });

  it('reads every archived object version and its retention, and decrypts it through S3', () => {
    const reads = auditor().find((s) => s.Sid === 'ReadArchiveObjects');
    expect(actionsOf(reads)).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectRetention']),
    );
    expect(refersTo(reads, 'ArchiveBucket')).toBe(true);
    expect(auditor().find((s) => s.Sid === 'DecryptArchive')).toMatchObject({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: { 'Fn::GetAtt': ['ArchiveKey', 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-2.amazonaws.com' } },
    });
  });

  it.each(ARCHIVE_CHANGES)(
    'cannot %s anything in the archive: nothing allows it and an explicit deny forbids it',
    (action) => {
      const allowsOnArchive = auditor().filter(
        (s) =>
          s.Effect === 'Allow' &&
          refersTo(s, 'ArchiveBucket') &&
          actionsOf(s).some((p) => matches(p, action)),
      );
      expect(allowsOnArchive).toEqual([]);
      const denies = auditor().filter(
        (s) =>
          s.Effect === 'Deny' && refersTo(s, 'ArchiveBucket') && actionsOf(s).some((p) => matches(p, action)),
      );
      expect(denies).toHaveLength(1);
      expect(resourcesOf(denies[0])).toHaveLength(2);
    },
  );

  it('cannot encrypt with, re-encrypt under, or change the archive key', () => {
    const allowed = auditor()
      .filter((s) => s.Effect === 'Allow' && refersTo(s, 'ArchiveKey'))
      .flatMap(actionsOf);
    expect(allowed.sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    const denied = auditor().find((s) => s.Sid === 'NeverChangeTheArchiveKey');
    expect(denied).toMatchObject({ Effect: 'Deny', Resource: { 'Fn::GetAtt': ['ArchiveKey', 'Arn'] } });
    expect(actionsOf(denied)).toEqual(
      expect.arrayContaining(['kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ScheduleKeyDeletion']),
    );
  });

  it('writes only its own Athena results, and touches no other bucket', () => {
    const writes = auditor().filter(
      (s) =>
        s.Effect === 'Allow' && actionsOf(s).some((a) => /^s3:(Put|Delete|Abort|Replicate|Restore)/.test(a)),
    );
    expect(writes).toHaveLength(1);
    expect(resourcesOf(writes[0])).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['QueryResultsBucket', 'Arn'] }, '/athena/*']] },
    ]);
    expect(auditor().filter((s) => refersTo(s, 'LandingBucket') || refersTo(s, 'LandingKey'))).toEqual([]);
  });

  it('queries only in the audit workgroup, over the socval catalog entries', () => {
    const query = auditor().find((s) => s.Sid === 'QueryInAuditWorkGroup');
    expect(JSON.stringify(query?.Resource)).toContain(':workgroup/Socval-audit');
    const catalog = auditor().find((s) => s.Sid === 'ReadCatalog');
    expect(actionsOf(catalog).every((a) => a.startsWith('glue:Get') || a.startsWith('glue:BatchGet'))).toBe(
      true,
    );
  });

  it('has no inline, CDK default or AWS managed policy besides its own managed policy', () => {
    const role = resourceNamed(exampleTemplate(), 'AWS::IAM::Role', 'AuditorsRole');
    expect(role.props.Policies).toBeUndefined();
    expect(role.props.ManagedPolicyArns).toBeUndefined();
    const inline = Object.values(exampleTemplate().findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(role.id),
    );
    expect(inline).toEqual([]);
  });
});

describe('the uploader role', () => {
  it('puts files only under incoming/ and reference/ of the landing bucket, and cannot read or delete them', () => {
    const statements = statementsOfRole(exampleTemplate(), 'UploadersRole');
    const objectActions = statements.filter((s) => JSON.stringify(s.Resource).includes('/'));
    expect(objectActions).toHaveLength(1);
    expect(actionsOf(objectActions[0]).sort()).toEqual([
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      's3:PutObject',
    ]);
    expect(resourcesOf(objectActions[0])).toEqual(
      ['incoming/', 'reference/'].map((prefix) => ({
        'Fn::Join': ['', [{ 'Fn::GetAtt': ['LandingBucket', 'Arn'] }, `/${prefix}*`]],
      })),
    );
    const all = statements.flatMap(actionsOf);
    expect(all.filter((a) => /GetObject|Delete/.test(a))).toEqual([]);
    expect(statements.filter((s) => refersTo(s, 'ArchiveBucket'))).toEqual([]);
  });

  it('is not created when no uploader principals are configured', () => {
    expect(
      Object.keys(variant().findResources('AWS::IAM::Role')).filter((id) => id.startsWith('Uploaders')),
    ).toEqual([]);
  });
});
