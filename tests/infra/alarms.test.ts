import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { exampleTemplate, resourceNamed } from './synth.ts';

const topic = () => ({ Ref: resourceNamed(exampleTemplate(), 'AWS::SNS::Topic', 'AlarmsTopic').id });
const alarmNamed = (name: string) =>
  Object.values(exampleTemplate().findResources('AWS::CloudWatch::Alarm')).find(
    (alarm) => alarm.Properties.AlarmName === name,
  )?.Properties;

describe('alarms', () => {
  it('notify an encrypted topic with an email subscription for the configured address', () => {
    expect(resourceNamed(exampleTemplate(), 'AWS::SNS::Topic', 'AlarmsTopic').props.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': ['OperationsKey', 'Arn'],
    });
    exampleTemplate().hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'cloud.operations@example.nhs.uk',
      TopicArn: topic(),
    });
    exampleTemplate().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          }),
        ]),
      },
    });
  });

  it('let only this stack’s alarms publish to the topic, over TLS', () => {
    exampleTemplate().hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:Socval-*' },
              StringEquals: { 'aws:SourceAccount': '111111111111' },
            },
          }),
        ]),
      },
    });
    const names = Object.values(exampleTemplate().findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmName as string,
    );
    const composite = Object.values(exampleTemplate().findResources('AWS::CloudWatch::CompositeAlarm')).map(
      (alarm) => alarm.Properties.AlarmName as string,
    );
    expect([...names, ...composite].every((name) => name.startsWith('Socval-'))).toBe(true);
  });

  it.each([
    ['ingest', 'Errors'],
    ['ingest', 'Throttles'],
    ['report', 'Errors'],
    ['report', 'Throttles'],
  ])('fire on the first %s function %s in five minutes', (fn, metric) => {
    const alarm = alarmNamed(`Socval-${fn}-${metric.toLowerCase()}`);
    expect(alarm).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: {
            Ref: expect.stringMatching(new RegExp(`^Functions${fn[0]?.toUpperCase()}${fn.slice(1)}Function`)),
          },
        },
      ],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic()],
    });
  });

  it.each(['ingest', 'report'])('warn when a %s run takes over 80%% of its timeout', (fn) => {
    expect(alarmNamed(`Socval-${fn}-near-timeout`)).toMatchObject({
      MetricName: 'Duration',
      Statistic: 'Maximum',
      Threshold: fn === 'ingest' ? 720_000 : 480_000,
      AlarmActions: [topic()],
    });
  });

  it.each([
    ['ingest-failures', 'IngestFailures'],
    ['report-failures', 'ReportFailures'],
    ['schedule-dead-letters', 'ScheduleDeadLetters'],
  ])('fire on the first message on the %s queue', (name, queue) => {
    expect(alarmNamed(`Socval-${name}-waiting`)).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [topic()],
    });
  });

  it.each(['board-mail', 'finance-mail'])(
    'fire when SES bounces, rejects or gets a complaint about %s',
    (name) => {
      const alarm = alarmNamed(`Socval-${name}-undelivered`);
      expect(alarm?.Metrics[0]).toMatchObject({
        Expression: 'FILL(bounce, 0) + FILL(complaint, 0) + FILL(reject, 0)',
      });
      expect(
        alarm?.Metrics.slice(1).map(
          (m: { MetricStat: { Metric: { MetricName: string } } }) => m.MetricStat.Metric.MetricName,
        ),
      ).toEqual(['Bounce', 'Complaint', 'Reject']);
      expect(alarm?.AlarmActions).toEqual([topic()]);
    },
  );

  it('fire "report not sent" when the deadline marker has arrived and SES has sent no board email that day', () => {
    const deadline = alarmNamed('Socval-report-deadline-reached');
    expect(deadline).toMatchObject({
      Namespace: 'Socval',
      MetricName: 'ReportDeadlinePassed',
      Dimensions: [{ Name: 'Stack', Value: 'Socval' }],
      Period: 3600,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
    const noMail = alarmNamed('Socval-no-board-mail-today');
    expect(noMail).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Send',
      Dimensions: [
        { Name: 'ses:configuration-set', Value: { Ref: expect.stringMatching(/^MailBoardMail/) } },
      ],
      Period: 86400,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    expect(deadline?.AlarmActions).toBeUndefined();
    expect(noMail?.AlarmActions).toBeUndefined();

    const composite = resourceNamed(
      exampleTemplate(),
      'AWS::CloudWatch::CompositeAlarm',
      'AlarmsReportNotSent',
    ).props;
    expect(composite.AlarmRule).toEqual({
      'Fn::Join': [
        '',
        [
          '(ALARM("',
          { 'Fn::GetAtt': [expect.stringMatching(/^AlarmsDeadlineReached/), 'Arn'] },
          '") AND ALARM("',
          { 'Fn::GetAtt': [expect.stringMatching(/^AlarmsNoBoardMailToday/), 'Arn'] },
          '"))',
        ],
      ],
    });
    expect(composite).toMatchObject({ AlarmActions: [topic()], OKActions: [topic()] });
  });

  it('every alarm but the two halves of "report not sent" notifies the topic', () => {
    const silent = Object.values(exampleTemplate().findResources('AWS::CloudWatch::Alarm'))
      .filter((alarm) => alarm.Properties.AlarmActions === undefined)
      .map((alarm) => alarm.Properties.AlarmName)
      .sort();
    expect(silent).toEqual(['Socval-no-board-mail-today', 'Socval-report-deadline-reached']);
  });
});
