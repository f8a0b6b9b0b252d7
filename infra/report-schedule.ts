import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.ts';
import { newFailureQueue, sendTo } from './failure-queue.ts';
import type { PipelineFunction } from './functions.ts';

/** The marker the deadline schedule puts, which the "report not sent" alarm reads. */
export const DEADLINE_METRIC = { namespace: 'Socval', metricName: 'ReportDeadlinePassed' } as const;

export const REPORT_RETRIES = {
  /** Scheduler → Lambda delivery (throttling, service errors). */
  delivery: { retryAttempts: 5, maxEventAge: Duration.hours(1) },
  /** The report function failing: Lambda retries the asynchronous invocation. */
  invocation: { retryAttempts: 2, maxEventAge: Duration.hours(2) },
} as const;

export interface ReportScheduleProps {
  readonly report: PipelineFunction;
  /** `cron(...)` for the monthly run. */
  readonly expression: string;
  /** `cron(...)` for the deadline by which the board email must have gone. */
  readonly deadline: string;
  readonly timeZone: string;
}

/**
 * Runs the report monthly on EventBridge Scheduler (which follows the zone's daylight saving, unlike
 * EventBridge rules), and at the deadline puts the marker the deadline alarm compares with the board
 * emails SES counted.
 */
export class ReportSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly deadlineSchedule: scheduler.Schedule;
  /** Invocations Scheduler could not deliver. */
  readonly deadLetters: sqs.Queue;
  /** Report runs that failed after Lambda's retries. */
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string, props: ReportScheduleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const timeZone = TimeZone.of(props.timeZone);
    this.deadLetters = newFailureQueue(
      this,
      'ScheduleDeadLetters',
      'schedule runs EventBridge Scheduler could not deliver',
    );
    this.failures = newFailureQueue(this, 'ReportFailures', 'report runs that failed after retries');

    props.report.addToPolicy(sendTo(this.failures));
    const asyncConfig = new lambda.EventInvokeConfig(this, 'AsyncInvoke', {
      function: props.report.function,
      ...REPORT_RETRIES.invocation,
      onFailure: new destinations.SqsDestination(this.failures),
    });
    asyncConfig.node.addDependency(props.report.policy);

    const invoker = newSchedulerRole(this, 'InvokeReportRole', [
      new iam.PolicyStatement({
        sid: 'InvokeReport',
        actions: ['lambda:InvokeFunction'],
        resources: [props.report.function.functionArn],
      }),
      sendTo(this.deadLetters),
    ]);
    this.schedule = new scheduler.Schedule(this, 'MonthlyReport', {
      description: 'socval: the monthly report to the board',
      schedule: scheduler.ScheduleExpression.expression(props.expression, timeZone),
      timeWindow: scheduler.TimeWindow.off(),
      target: new targets.LambdaInvoke(props.report.function, {
        input: scheduler.ScheduleTargetInput.fromObject({}),
        role: invoker.role.withoutPolicyUpdates(),
        deadLetterQueue: this.deadLetters,
        ...REPORT_RETRIES.delivery,
      }),
    });
    this.schedule.node.addDependency(invoker.policy);

    const marker = new iam.PolicyStatement({
      sid: 'PutDeadlineMarker',
      actions: ['cloudwatch:PutMetricData'],
      // PutMetricData has no resource type: the namespace condition is what narrows it.
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': DEADLINE_METRIC.namespace } },
    });
    const markerRole = newSchedulerRole(this, 'DeadlineMarkerRole', [marker, sendTo(this.deadLetters)]);
    acknowledge(markerRole.policy, [
      [
        'AwsSolutions-IAM5[Resource::*]',
        `cloudwatch:PutMetricData has no resource type; the condition limits it to the ${DEADLINE_METRIC.namespace} namespace.`,
      ],
    ]);
    this.deadlineSchedule = new scheduler.Schedule(this, 'ReportDeadline', {
      description: 'socval: marks the deadline by which the board email must have gone',
      schedule: scheduler.ScheduleExpression.expression(props.deadline, timeZone),
      timeWindow: scheduler.TimeWindow.off(),
      target: new targets.Universal({
        service: 'cloudwatch',
        action: 'putMetricData',
        policyStatements: [marker],
        input: scheduler.ScheduleTargetInput.fromObject({
          Namespace: DEADLINE_METRIC.namespace,
          MetricData: [
            {
              MetricName: DEADLINE_METRIC.metricName,
              Dimensions: [{ Name: 'Stack', Value: stack.stackName }],
              Value: 1,
              Unit: 'Count',
            },
          ],
        }),
        role: markerRole.role.withoutPolicyUpdates(),
        deadLetterQueue: this.deadLetters,
        retryAttempts: 5,
        maxEventAge: Duration.minutes(30),
      }),
    });
    this.deadlineSchedule.node.addDependency(markerRole.policy);
  }
}

/** A role only EventBridge Scheduler acting for this account can assume, with one managed policy. */
function newSchedulerRole(
  scope: Construct,
  id: string,
  statements: iam.PolicyStatement[],
): { role: iam.Role; policy: iam.ManagedPolicy } {
  const stack = Stack.of(scope);
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  });
  const policy = new iam.ManagedPolicy(scope, `${id}Policy`, { roles: [role], statements });
  return { role, policy };
}
