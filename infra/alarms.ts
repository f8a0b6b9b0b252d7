import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PipelineFunction } from './functions.ts';
import type { Mail } from './mail.ts';
import { DEADLINE_METRIC } from './report-schedule.ts';

export interface AlarmsProps {
  readonly alarmEmail: string;
  /** Encrypts the topic; CloudWatch is allowed to use it to publish. */
  readonly key: kms.Key;
  readonly functions: Readonly<Record<string, PipelineFunction>>;
  /** Queues whose first message means something was not processed. */
  readonly failureQueues: Readonly<Record<string, sqs.IQueue>>;
  readonly mail: Mail;
}

/**
 * Everything that needs a person, to one SNS topic with an email subscription: function errors,
 * throttles and runs close to their timeout, messages on any failure queue, mail SES could not
 * deliver, and the board's report not sent by its deadline.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly reportNotSent: cloudwatch.CompositeAlarm;
  private readonly action: actions.SnsAction;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.prefix = Stack.of(this).stackName;
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `socval alarms (${this.prefix})`,
      masterKey: props.key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one, so CloudWatch needs saying it may publish: only this
    // stack's alarms (all named `<stackName>-…`) in this account.
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ThisStacksAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: `${this.prefix}-*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.action = new actions.SnsAction(this.topic);

    for (const [name, fn] of Object.entries(props.functions)) {
      const lambdaFn = fn.function;
      this.alarm(
        `${name}-errors`,
        `The ${name} function failed (after this it retries, then the failure queue).`,
        {
          metric: lambdaFn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
        },
      );
      this.alarm(
        `${name}-throttles`,
        `The ${name} function was throttled: the account's Lambda concurrency is exhausted.`,
        {
          metric: lambdaFn.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
        },
      );
      const timeout = lambdaFn.timeout ?? Duration.seconds(3);
      this.alarm(
        `${name}-near-timeout`,
        `A ${name} run took over 80% of its ${timeout.toMinutes()}-minute timeout: files or history have grown; raise its memory or timeout.`,
        {
          metric: lambdaFn.metricDuration({
            period: Duration.minutes(5),
            statistic: cloudwatch.Stats.MAXIMUM,
          }),
          threshold: timeout.toMilliseconds() * 0.8,
        },
      );
    }

    for (const [name, queue] of Object.entries(props.failureQueues)) {
      this.alarm(
        `${name}-waiting`,
        `A message is waiting on the ${name} queue: something was not processed. Read it, fix, redrive.`,
        {
          metric: queue.metricApproximateNumberOfMessagesVisible({
            period: Duration.minutes(5),
            statistic: cloudwatch.Stats.MAXIMUM,
          }),
          threshold: 1,
        },
      );
    }

    for (const [name, set] of [
      ['board-mail', props.mail.boardMail],
      ['finance-mail', props.mail.financeMail],
    ] as const) {
      const hour = Duration.hours(1);
      this.alarm(`${name}-undelivered`, `SES could not deliver ${name}: a bounce, complaint or rejection.`, {
        metric: new cloudwatch.MathExpression({
          expression: 'FILL(bounce, 0) + FILL(complaint, 0) + FILL(reject, 0)',
          usingMetrics: {
            bounce: props.mail.metric(set, 'Bounce', hour),
            complaint: props.mail.metric(set, 'Complaint', hour),
            reject: props.mail.metric(set, 'Reject', hour),
          },
          period: hour,
          label: 'undelivered',
        }),
        threshold: 1,
      });
    }

    // "Not sent by the deadline" = the deadline marker has just been put AND SES counted no board email
    // in the last day. Neither part alone notifies: the marker is there every month, and most days
    // have no board email.
    const deadlineReached = new cloudwatch.Alarm(this, 'DeadlineReached', {
      alarmName: `${this.prefix}-report-deadline-reached`,
      alarmDescription: 'Part of report-not-sent: the deadline schedule put its marker in the last hour.',
      metric: new cloudwatch.Metric({
        ...DEADLINE_METRIC,
        dimensionsMap: { Stack: this.prefix },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const noBoardMail = new cloudwatch.Alarm(this, 'NoBoardMailToday', {
      alarmName: `${this.prefix}-no-board-mail-today`,
      alarmDescription: 'Part of report-not-sent: SES has sent no board email in the last day.',
      metric: props.mail.metric(props.mail.boardMail, 'Send', Duration.days(1)),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    for (const part of [deadlineReached, noBoardMail]) {
      Validations.of(part).acknowledge({
        id: 'NIST.800.53.R5-CloudWatchAlarmAction',
        reason:
          'One half of the composite report-not-sent alarm, which notifies; on its own it is true most of the time (no board email on most days) or every month (the deadline marker), so it must not notify.',
      });
    }
    this.reportNotSent = new cloudwatch.CompositeAlarm(this, 'ReportNotSent', {
      compositeAlarmName: `${this.prefix}-report-not-sent`,
      alarmDescription:
        'The board report email had not been sent when the deadline passed. Check the report function logs and the report failure queue; run it on demand once fixed.',
      alarmRule: cloudwatch.AlarmRule.allOf(
        cloudwatch.AlarmRule.fromAlarm(deadlineReached, cloudwatch.AlarmState.ALARM),
        cloudwatch.AlarmRule.fromAlarm(noBoardMail, cloudwatch.AlarmState.ALARM),
      ),
    });
    this.reportNotSent.addAlarmAction(this.action);
    this.reportNotSent.addOkAction(this.action);
  }

  private alarm(
    name: string,
    description: string,
    options: { metric: cloudwatch.IMetric; threshold: number },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: description,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
