import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { exampleTemplate, newStack, resourceNamed, statementsOfRole, testConfig } from './synth.ts';

describe('the report schedule', () => {
  it('runs the report at 08:00 on the 5th, London time, with the input {}', () => {
    const { props } = resourceNamed(
      exampleTemplate(),
      'AWS::Scheduler::Schedule',
      'ReportScheduleMonthlyReport',
    );
    expect(props).toMatchObject({
      ScheduleExpression: 'cron(0 8 5 * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionsReportFunction/), 'Arn'] },
        Input: '{}',
      },
    });
  });

  it('takes the schedule, deadline and time zone from the configuration', () => {
    const config = testConfig({
      schedule: {
        expression: 'cron(30 6 ? * MON#1 *)',
        deadline: 'cron(0 9 ? * MON#1 *)',
        timeZone: 'Europe/London',
      },
    });
    const template = Template.fromStack(newStack(config));
    expect(
      resourceNamed(template, 'AWS::Scheduler::Schedule', 'ReportScheduleMonthlyReport').props,
    ).toMatchObject({
      ScheduleExpression: 'cron(30 6 ? * MON#1 *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    expect(
      resourceNamed(template, 'AWS::Scheduler::Schedule', 'ReportScheduleReportDeadline').props,
    ).toMatchObject({
      ScheduleExpression: 'cron(0 9 ? * MON#1 *)',
    });
  });

  it('retries delivery for an hour and then puts the run on the dead-letter queue', () => {
    const { props } = resourceNamed(
      exampleTemplate(),
      'AWS::Scheduler::Schedule',
      'ReportScheduleMonthlyReport',
    );
    expect(props.Target).toMatchObject({
      RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['ScheduleDeadLetters', 'Arn'] } },
    });
  });

  it('retries a failed report twice and then puts it on the report failure queue', () => {
    const { props } = resourceNamed(
      exampleTemplate(),
      'AWS::Lambda::EventInvokeConfig',
      'ReportScheduleAsyncInvoke',
    );
    expect(props).toMatchObject({
      FunctionName: { Ref: expect.stringMatching(/^FunctionsReportFunction/) },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 7200,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['ReportFailures', 'Arn'] } } },
    });
  });

  it('lets the schedule invoke only the report function and write only to its dead-letter queue', () => {
    const statements = statementsOfRole(exampleTemplate(), 'ReportScheduleInvokeReportRole');
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionsReportFunction/), 'Arn'] },
      }),
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['ScheduleDeadLetters', 'Arn'] },
      }),
    ]);
    const role = resourceNamed(exampleTemplate(), 'AWS::IAM::Role', 'ReportScheduleInvokeReportRole').props;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
  });

  it('puts the deadline marker at 12:00 on the 5th through the CloudWatch API, allowed only in its namespace', () => {
    const { props } = resourceNamed(
      exampleTemplate(),
      'AWS::Scheduler::Schedule',
      'ReportScheduleReportDeadline',
    );
    expect(props).toMatchObject({
      ScheduleExpression: 'cron(0 12 5 * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    expect(JSON.stringify(props.Target.Arn)).toContain(':scheduler:::aws-sdk:cloudwatch:putMetricData');
    expect(JSON.parse(props.Target.Input)).toEqual({
      Namespace: 'Socval',
      MetricData: [
        {
          MetricName: 'ReportDeadlinePassed',
          Dimensions: [{ Name: 'Stack', Value: 'Socval' }],
          Value: 1,
          Unit: 'Count',
        },
      ],
    });
    expect(statementsOfRole(exampleTemplate(), 'ReportScheduleDeadlineMarkerRole')).toContainEqual(
      expect.objectContaining({
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': 'Socval' } },
      }),
    );
  });
});
