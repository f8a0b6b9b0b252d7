import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { pinLogicalId } from './storage.ts';

/**
 * A queue that keeps what could not be delivered or processed, for 14 days, for a person to look at
 * and redrive. SQS-managed encryption: the messages hold object keys and error text, never ledger data,
 * and no sender then needs a KMS grant.
 */
export function newFailureQueue(scope: Construct, id: string, holds: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the last stop for ${holds}; an alarm fires on its first message, and a queue behind it would have nothing to catch.`,
  });
  pinLogicalId(queue, id);
  return queue;
}

/** Permission to put messages on a failure queue. */
export function sendTo(queue: sqs.IQueue): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: `SendTo${queue.node.id}`,
    actions: ['sqs:SendMessage'],
    resources: [queue.queueArn],
  });
}
