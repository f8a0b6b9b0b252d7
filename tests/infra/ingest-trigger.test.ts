import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { INCOMING_PREFIX, REFERENCE_PREFIX } from '../../shared/pipeline/archive-layout.ts';
import { exampleTemplate, resourceNamed, statementsOfRole } from './synth.ts';

describe('the ingest trigger', () => {
  it('runs the ingest for every kind of object creation under incoming/ and reference/, and nothing else', () => {
    const notifications = Object.values(exampleTemplate().findResources('Custom::S3BucketNotifications'));
    expect(notifications).toHaveLength(1);
    const properties = notifications[0]?.Properties;
    expect(properties.BucketName).toEqual({ Ref: 'LandingBucket' });
    expect(properties.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [INCOMING_PREFIX, REFERENCE_PREFIX].map((prefix) => ({
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
        LambdaFunctionArn: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionsIngestFunction/), 'Arn'] },
      })),
    });
    expect([INCOMING_PREFIX, REFERENCE_PREFIX]).toEqual(['incoming/', 'reference/']);
  });

  it('retries a failed ingest twice, keeps a throttled event six hours, then sends it to the failure queue', () => {
    const { props } = resourceNamed(
      exampleTemplate(),
      'AWS::Lambda::EventInvokeConfig',
      'IngestTriggerAsyncInvoke',
    );
    expect(props).toMatchObject({
      FunctionName: { Ref: expect.stringMatching(/^FunctionsIngestFunction/) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['IngestFailures', 'Arn'] } } },
    });
  });

  it('keeps failed events 14 days on a TLS-only, encrypted queue the ingest may send to', () => {
    const queue = resourceNamed(exampleTemplate(), 'AWS::SQS::Queue', 'IngestFailures').props;
    expect(queue).toMatchObject({ MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true });
    exampleTemplate().hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'IngestFailures' }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
    expect(statementsOfRole(exampleTemplate(), 'FunctionsIngestRole')).toContainEqual(
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': ['IngestFailures', 'Arn'] },
      }),
    );
  });

  it('lets only S3 in this account, for the landing bucket, invoke the ingest', () => {
    const { props } = resourceNamed(
      exampleTemplate(),
      'AWS::Lambda::Permission',
      'StorageLandingBucketAllowBucketNotifications',
    );
    expect(props).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceAccount: '111111111111',
      SourceArn: { 'Fn::GetAtt': ['LandingBucket', 'Arn'] },
    });
  });
});
