import { describe, expect, it } from 'vitest';
import { parseSocvalConfig, SocvalConfigError, sendingIdentity } from '../../infra/config.ts';
import { exampleConfig } from './synth.ts';

const MINIMAL = {
  account: '123456789012',
  region: 'eu-west-2',
  trustName: 'Kent Test NHS Trust',
  email: {
    sender: 'socval@kent-test.nhs.uk',
    boardRecipients: ['board@kent-test.nhs.uk'],
    financeAddress: 'ap@kent-test.nhs.uk',
  },
  alarmEmail: 'ops@kent-test.nhs.uk',
  auditorPrincipals: ['210987654321'],
};

/** The message `parseSocvalConfig` throws for `raw`. */
function problems(raw: unknown): string {
  try {
    parseSocvalConfig(raw, 'socval.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SocvalConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

const withEmail = (email: Record<string, unknown>) => ({ ...MINIMAL, email: { ...MINIMAL.email, ...email } });
const withSchedule = (schedule: Record<string, unknown>) => ({ ...MINIMAL, schedule });

describe('the socval configuration', () => {
  it('accepts the example configuration', () => {
    expect(parseSocvalConfig(exampleConfig(), 'example').trustName).toBe(
      'Example Community Health NHS Trust',
    );
  });

  it('fills the defaults an NHS trust expects', () => {
    const config = parseSocvalConfig(MINIMAL, 'minimal');
    expect(config).toMatchObject({
      stackName: 'Socval',
      locality: 'kent-and-medway',
      smeDefinition: 'procurement-act-2023',
      eurToGbp: 0.85,
      firstFinancialYear: '2022/23',
      maxBadShare: 0.05,
      schedule: {
        expression: 'cron(0 8 5 * ? *)',
        deadline: 'cron(0 12 5 * ? *)',
        timeZone: 'Europe/London',
      },
      retention: { years: 7, mode: 'COMPLIANCE' },
      email: { createIdentity: true, sandbox: false, maxEmailBytes: 10 * 1024 * 1024 },
      uploaderPrincipals: [],
      logRetentionDays: 365,
    });
    expect(config.dateOrder).toBeUndefined();
    expect(sendingIdentity(config)).toBe('kent-test.nhs.uk');
  });

  it.each([
    ['account', { ...MINIMAL, account: '12345' }, 'account: write the 12-digit AWS account id'],
    ['region', { ...MINIMAL, region: 'London' }, 'region: write an AWS region like eu-west-2'],
    ['trustName', { ...MINIMAL, trustName: ' ' }, 'trustName: write the trust name'],
    ['email.sender', withEmail({ sender: 'socval' }), 'email.sender: write an email address'],
    [
      'email.boardRecipients',
      withEmail({ boardRecipients: [] }),
      'email.boardRecipients: list at least one board recipient',
    ],
    [
      'email.boardRecipients.1',
      withEmail({ boardRecipients: ['a@x.nhs.uk', 'b'] }),
      'email.boardRecipients.1: write an email address',
    ],
    ['email.financeAddress', withEmail({ financeAddress: undefined }), 'email.financeAddress:'],
    [
      'email.identity',
      withEmail({ identity: 'other.nhs.uk' }),
      'email.identity: "other.nhs.uk" does not authorise the sender',
    ],
    [
      'email.maxEmailBytes',
      withEmail({ maxEmailBytes: 50_000_000 }),
      'email.maxEmailBytes: SES v2 takes messages up to 40 MB',
    ],
    ['smeDefinition', { ...MINIMAL, smeDefinition: 'eu' }, 'smeDefinition:'],
    [
      'firstFinancialYear',
      { ...MINIMAL, firstFinancialYear: '2022' },
      'firstFinancialYear: write the first financial year like 2022/23',
    ],
    ['dateOrder', { ...MINIMAL, dateOrder: 'YMD' }, 'dateOrder:'],
    ['retention.years', { ...MINIMAL, retention: { years: 0 } }, 'retention.years: at least 1 year'],
    ['retention.mode', { ...MINIMAL, retention: { years: 7, mode: 'LEGAL_HOLD' } }, 'retention.mode:'],
    [
      'schedule.expression',
      withSchedule({ expression: 'rate(30 days)' }),
      'schedule.expression: write an EventBridge Scheduler cron expression',
    ],
    [
      'schedule.timeZone',
      withSchedule({ timeZone: 'London' }),
      'schedule.timeZone: write an IANA time zone like Europe/London',
    ],
    ['alarmEmail', { ...MINIMAL, alarmEmail: undefined }, 'alarmEmail:'],
    [
      'auditorPrincipals',
      { ...MINIMAL, auditorPrincipals: [] },
      'auditorPrincipals: list at least one auditor account or role ARN',
    ],
    [
      'auditorPrincipals.0',
      { ...MINIMAL, auditorPrincipals: ['auditors'] },
      'auditorPrincipals.0: write a 12-digit account id or an IAM ARN',
    ],
    ['logRetentionDays', { ...MINIMAL, logRetentionDays: 100 }, 'logRetentionDays: one of 1, 3, 5'],
    ['tags', { ...MINIMAL, tags: { 'Cost#Centre': 'x' } }, 'tags.Cost#Centre: a tag key is up to 128'],
  ])('names %s when it is wrong', (_field, raw, expected) => {
    expect(problems(raw)).toContain(expected);
  });

  it('names a misspelt field instead of ignoring it', () => {
    expect(problems(withEmail({ boardRecipient: ['x@y.nhs.uk'] }))).toMatch(/email: .*boardRecipient/);
  });

  it('lists every problem at once, under the file it came from', () => {
    const message = problems({ ...MINIMAL, account: 'x', alarmEmail: 'nobody' });
    expect(message.split('\n')).toEqual([
      'socval.config.json is not a valid socval configuration:',
      '  account: write the 12-digit AWS account id',
      '  alarmEmail: write an email address like name@trust.nhs.uk',
    ]);
  });

  it.each([
    [
      { expression: 'cron(0 8 5 * ? *)', deadline: 'cron(0 8 5 * ? *)' },
      'the deadline 08:00 must be later than the run at 08:00',
    ],
    [
      { expression: 'cron(0 8 5 * ? *)', deadline: 'cron(0 12 6 * ? *)' },
      'must equal the schedule’s'.replace('’', "'"),
    ],
    [{ expression: 'cron(0 8 5 * ? *)', deadline: 'cron(0/30 12 5 * ? *)' }, 'need a plain minute and hour'],
    [
      { expression: 'cron(30 0 5 * ? *)', deadline: 'cron(0 4 5 * ? *)' },
      'the run at 00:30 and the deadline at 04:00 Europe/London fall on different UTC days',
    ],
  ])('refuses a deadline the "report not sent" alarm cannot check: %o', (schedule, expected) => {
    const message = problems(withSchedule(schedule));
    expect(message).toContain('schedule.deadline: ');
    expect(message).toContain(expected);
  });

  it('accepts a schedule on the first Monday with a deadline later that day', () => {
    const config = parseSocvalConfig(
      withSchedule({ expression: 'cron(30 6 ? * MON#1 *)', deadline: 'cron(0 9 ? * MON#1 *)' }),
      'test',
    );
    expect(config.schedule.timeZone).toBe('Europe/London');
  });
});
