import { describe, expect, it } from 'vitest';
import { actionsOf, exampleTemplate, type PolicyStatementJson, resourcesOf } from './synth.ts';

/** Stateful resources: a new logical ID would make CloudFormation create a new one and orphan the old. */
const PINNED = {
  AccessLogBucket: 'AWS::S3::Bucket',
  LandingBucket: 'AWS::S3::Bucket',
  LandingKey: 'AWS::KMS::Key',
  ArchiveBucket: 'AWS::S3::Bucket',
  ArchiveKey: 'AWS::KMS::Key',
  QueryResultsBucket: 'AWS::S3::Bucket',
  QueryResultsKey: 'AWS::KMS::Key',
  OperationsKey: 'AWS::KMS::Key',
  IngestLogs: 'AWS::Logs::LogGroup',
  ReportLogs: 'AWS::Logs::LogGroup',
  IngestFailures: 'AWS::SQS::Queue',
  ReportFailures: 'AWS::SQS::Queue',
  ScheduleDeadLetters: 'AWS::SQS::Queue',
  AuditDatabase: 'AWS::Glue::Database',
  CuratedLedgerTable: 'AWS::Glue::Table',
} as const;

/** Actions AWS offers no resource type for; `*` is the only resource they take. */
const NO_RESOURCE_TYPE = new Set([
  'cloudwatch:PutMetricData',
  's3:ListAllMyBuckets',
  'athena:ListWorkGroups',
  'athena:ListEngineVersions',
  'athena:ListDataCatalogs',
]);

function allStatements(): { policy: string; statement: PolicyStatementJson }[] {
  const policies = {
    ...exampleTemplate().findResources('AWS::IAM::ManagedPolicy'),
    ...exampleTemplate().findResources('AWS::IAM::Policy'),
  };
  return Object.entries(policies).flatMap(([policy, resource]) =>
    (resource.Properties.PolicyDocument.Statement as PolicyStatementJson[]).map((statement) => ({
      policy,
      statement,
    })),
  );
}

describe('the socval stack', () => {
  it.each(Object.entries(PINNED))('keeps the logical ID %s for its %s', (logicalId, type) => {
    expect(exampleTemplate().toJSON().Resources[logicalId]?.Type).toBe(type);
  });

  it('allows `Resource: *` only for actions that have no resource type', () => {
    const wildcards = allStatements().filter(
      ({ statement }) => statement.Effect === 'Allow' && resourcesOf(statement).includes('*'),
    );
    expect(wildcards.length).toBeGreaterThan(0);
    for (const { policy, statement } of wildcards) {
      expect({ policy, actions: actionsOf(statement).filter((a) => !NO_RESOURCE_TYPE.has(a)) }).toEqual({
        policy,
        actions: [],
      });
    }
  });

  it('allows no wildcard actions', () => {
    const wildcardActions = allStatements()
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ policy, statement }) =>
        actionsOf(statement)
          .filter((a) => a.includes('*'))
          .map((a) => `${policy}: ${a}`),
      );
    expect(wildcardActions).toEqual([]);
  });

  it('tags every resource that takes tags with the application and the configured tags', () => {
    const buckets = Object.values(exampleTemplate().findResources('AWS::S3::Bucket'));
    for (const bucket of buckets) {
      expect(bucket.Properties.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'Application', Value: 'socval' },
          { Key: 'CostCentre', Value: 'FIN-001' },
          { Key: 'InformationAssetOwner', Value: 'Director of Finance' },
        ]),
      );
    }
  });

  it('tells the operator where to upload, where the archive is and how to run a report', () => {
    const outputs = exampleTemplate().findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'LandingBucketName',
        'ArchiveBucketName',
        'ReportFunctionName',
        'AuditorRoleArn',
        'AthenaWorkGroup',
      ]),
    );
  });
});
