import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INCOMING_PREFIX, REFERENCE_PREFIX } from '../shared/pipeline/archive-layout.ts';
import { acknowledge } from './acknowledge.ts';
import { newFailureQueue, sendTo } from './failure-queue.ts';
import type { PipelineFunction } from './functions.ts';

/** The prefixes whose new objects start the ingest (multipart uploads included: OBJECT_CREATED is every kind). */
export const INGEST_PREFIXES = [INCOMING_PREFIX, REFERENCE_PREFIX] as const;

export const INGEST_RETRIES = { retryAttempts: 2, maxEventAge: Duration.hours(6) } as const;

export interface IngestTriggerProps {
  readonly landing: s3.Bucket;
  readonly ingest: PipelineFunction;
}

/**
 * Runs the ingest for every object created under `incoming/` and `reference/`. S3 invokes it
 * asynchronously: Lambda retries twice, keeps an event up to six hours while throttled, and then puts
 * it with its error on the failure queue.
 */
export class IngestTrigger extends Construct {
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestTriggerProps) {
    super(scope, id);
    this.failures = newFailureQueue(this, 'IngestFailures', 'uploads the ingest could not process');
    props.ingest.addToPolicy(sendTo(this.failures));
    const asyncConfig = new lambda.EventInvokeConfig(this, 'AsyncInvoke', {
      function: props.ingest.function,
      ...INGEST_RETRIES,
      onFailure: new destinations.SqsDestination(this.failures),
    });
    // Lambda checks the role may send to the destination when the config is created.
    asyncConfig.node.addDependency(props.ingest.policy);

    for (const prefix of INGEST_PREFIXES) {
      props.landing.addEventNotification(
        s3.EventType.OBJECT_CREATED,
        new s3n.LambdaDestination(props.ingest.function),
        {
          prefix,
        },
      );
    }
    acknowledgeNotificationsHandler(props.landing);
  }
}

/**
 * CDK applies bucket notifications through one singleton custom resource (a CDK-maintained Lambda that
 * runs only during deployments); what nag finds on it stands for these reasons.
 */
function acknowledgeNotificationsHandler(landing: s3.Bucket): void {
  const stack = Stack.of(landing);
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  const role = handler?.node.tryFindChild('Role');
  const handlerPolicy = landing.node.tryFindChild('Notifications')?.node.tryFindChild('HandlerPolicy');
  if (role === undefined || handlerPolicy === undefined) {
    throw new Error('the S3 bucket notifications handler has changed shape; review what nag finds on it');
  }
  acknowledge(role, [
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK’s bucket-notifications handler runs only while CloudFormation deploys; the AWS managed policy lets it write its own logs and nothing else.',
    ],
  ]);
  acknowledge(handlerPolicy, [
    [
      'NIST.800.53.R5-IAMNoInlinePolicy',
      'CDK attaches this policy to its bucket-notifications handler; it allows only s3:PutBucketNotification and GetBucketNotification on the landing bucket.',
    ],
  ]);
}
