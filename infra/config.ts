import * as z from 'zod';
import { SettingsSchema } from '../shared/config/settings.ts';

/** A socval configuration file or context object cannot be deployed; the message names every field at fault. */
export class SocvalConfigError extends Error {
  override name = 'SocvalConfigError';
}

const settings = SettingsSchema.shape;

const EmailAddress = z.email('write an email address like name@trust.nhs.uk');

const AccountId = z.string().regex(/^\d{12}$/, 'write the 12-digit AWS account id');

/** An account id (any principal that account allows) or the ARN of an account root, role or user. */
const PrincipalSchema = z
  .string()
  .regex(
    /^(\d{12}|arn:aws(-[a-z]+)*:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+))$/,
    'write a 12-digit account id or an IAM ARN like arn:aws:iam::123456789012:role/Auditors',
  );

/** `cron(minutes hours day-of-month month day-of-week year)`, as EventBridge Scheduler takes it. */
const CronSchema = z
  .string()
  .regex(
    /^cron\((\S+ ){5}\S+\)$/,
    'write an EventBridge Scheduler cron expression with six fields, like cron(0 8 5 * ? *)',
  );

const TimeZoneSchema = z.string().refine(isTimeZone, 'write an IANA time zone like Europe/London');

/** The retention periods CloudWatch Logs accepts (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const EmailSchema = z.strictObject({
  /** The From address of every email socval sends. */
  sender: EmailAddress,
  /**
   * The SES identity that authorises the sender: its domain (default) or the address itself. Sending
   * permission is granted on this identity only.
   */
  identity: z.string().trim().min(1).optional(),
  /** Create the SES identity in this stack; false when it is already verified in the account. */
  createIdentity: z.boolean().default(true),
  /**
   * The account is still in the SES sandbox: recipients must be verified identities too, and SES checks
   * the senders' permission on each of them, so the functions are granted those identities as well.
   */
  sandbox: z.boolean().default(false),
  boardRecipients: z.array(EmailAddress).min(1, 'list at least one board recipient'),
  financeAddress: EmailAddress,
  /** Messages larger than this are not attempted; the email then says where the workbook is archived. */
  maxEmailBytes: z
    .number()
    .int()
    .min(100_000, 'at least 100000 bytes')
    .max(40 * 1024 * 1024, 'SES v2 takes messages up to 40 MB (41943040 bytes)')
    .default(10 * 1024 * 1024),
});

const ScheduleSchema = z.strictObject({
  /** When the monthly report runs. Default: 08:00 on the 5th. */
  expression: CronSchema.default('cron(0 8 5 * ? *)'),
  /** When the board email must have gone: later on the same day as `expression`. Default: 12:00 on the 5th. */
  deadline: CronSchema.default('cron(0 12 5 * ? *)'),
  /** The zone both expressions are written in (EventBridge Scheduler follows its daylight saving). */
  timeZone: TimeZoneSchema.default('Europe/London'),
});

const RetentionSchema = z.strictObject({
  /** Object Lock default retention of every archived object, in years. */
  years: z.number().int().min(1, 'at least 1 year').max(99, 'at most 99 years').default(7),
  /** COMPLIANCE: nobody, not even the account root, can shorten it. GOVERNANCE: privileged users can. */
  mode: z.enum(['COMPLIANCE', 'GOVERNANCE']).default('COMPLIANCE'),
});

/**
 * Everything a trust sets to deploy socval, read from `--context config=socval.config.json`.
 * The report settings (SME definition, exchange rate, first year, bad-line share, date order, colours) are the
 * core's own `SettingsSchema`, so the stack and the CLI accept exactly the same values.
 */
export const SocvalConfigSchema = z
  .strictObject({
    /** The AWS account and region to deploy to. No lookups: both are written here. */
    account: AccountId,
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'write an AWS region like eu-west-2'),
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,99}$/, 'letters, digits and hyphens, starting with a letter')
      .default('Socval'),
    trustName: z.string().trim().min(1, 'write the trust name as it should head the report'),
    /** Only `kent-and-medway` today, the core's one locality (the handlers use it without being told). */
    locality: settings.locality,
    smeDefinition: settings.smeDefinition,
    eurToGbp: z.number().positive().max(10).default(0.85),
    firstFinancialYear: settings.firstFinancialYear,
    maxBadShare: z.number().min(0).max(1).default(0.05),
    dateOrder: settings.dateOrder,
    /** Headings in the email and workbook, `#rrggbb`. */
    brandColour: settings.brandColour,
    /** The chart's local, SME and VCSE colours: `"#005EB8,#FFB81C,#330072"`. */
    chartColours: settings.chartColours,
    /** Count co-operative societies (FCA mutuals register) as VCSE. Default false. */
    cooperativesAreVcse: settings.cooperativesAreVcse,
    email: EmailSchema,
    schedule: ScheduleSchema.default({
      expression: 'cron(0 8 5 * ? *)',
      deadline: 'cron(0 12 5 * ? *)',
      timeZone: 'Europe/London',
    }),
    retention: RetentionSchema.default({ years: 7, mode: 'COMPLIANCE' }),
    /** Who receives the alarms (an SNS email subscription: the address must confirm it once). */
    alarmEmail: EmailAddress,
    /** Who may assume the read-only auditor role. */
    auditorPrincipals: z.array(PrincipalSchema).min(1, 'list at least one auditor account or role ARN'),
    /** Who may assume the finance uploader role (put files under incoming/ and reference/ only). */
    uploaderPrincipals: z.array(PrincipalSchema).default([]),
    /** Tags on every resource (cost centre, information asset owner, …), besides `Application: socval`. */
    tags: z
      .record(z.string(), z.string().max(256, 'a tag value of up to 256 characters'))
      .superRefine((tags, context) => {
        for (const key of Object.keys(tags)) {
          if (!/^[\w .:/=+@-]{1,128}$/.test(key) || key.startsWith('aws:')) {
            context.addIssue({
              code: 'custom',
              path: [key],
              message: 'a tag key is up to 128 letters, digits, spaces or _.:/=+-@, not starting aws:',
            });
          }
        }
      })
      .default({}),
    /** How long the functions' logs are kept. */
    logRetentionDays: z
      .number()
      .refine(
        (days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days),
        `one of ${LOG_RETENTION_DAYS.join(', ')}`,
      )
      .default(365),
  })
  .superRefine((config, context) => {
    const identity = config.email.identity;
    if (identity !== undefined && !identityCovers(identity, config.email.sender)) {
      context.addIssue({
        code: 'custom',
        path: ['email', 'identity'],
        message: `"${identity}" does not authorise the sender ${config.email.sender}; use the sender's address or its domain`,
      });
    }
    const problem = describeDeadlineProblem(config.schedule);
    if (problem !== undefined) {
      context.addIssue({ code: 'custom', path: ['schedule', 'deadline'], message: problem });
    }
  });

export type SocvalConfig = z.infer<typeof SocvalConfigSchema>;

/**
 * Parses a configuration object, throwing `SocvalConfigError` with one line per problem, each naming
 * its field.
 *
 * @example parseSocvalConfig(JSON.parse(readFileSync('socval.config.json', 'utf8')), 'socval.config.json')
 */
export function parseSocvalConfig(raw: unknown, source: string): SocvalConfig {
  const result = SocvalConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length === 0 ? '(top level)' : issue.path.join('.');
    return `  ${field}: ${issue.message}`;
  });
  throw new SocvalConfigError(`${source} is not a valid socval configuration:\n${lines.join('\n')}`);
}

/** The SES identity the sender sends as: the configured one, else the sender's domain. */
export function sendingIdentity(config: SocvalConfig): string {
  return config.email.identity ?? domainOf(config.email.sender);
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function identityCovers(identity: string, sender: string): boolean {
  const wanted = identity.toLowerCase();
  if (wanted.includes('@')) return wanted === sender.toLowerCase();
  const domain = domainOf(sender);
  return domain === wanted || domain.endsWith(`.${wanted}`);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/**
 * The "report not sent by its deadline" alarm compares the board emails of one UTC day with a marker
 * put at the deadline, so both times must be plain times on the same day, deadline later, and the same
 * UTC day whatever daylight saving applies.
 */
function describeDeadlineProblem(schedule: z.infer<typeof ScheduleSchema>): string | undefined {
  if (!isTimeZone(schedule.timeZone)) return undefined; // reported on schedule.timeZone
  const run = splitCron(schedule.expression);
  const deadline = splitCron(schedule.deadline);
  if (run === undefined || deadline === undefined) {
    return 'schedule.expression and schedule.deadline need a plain minute and hour (like cron(0 8 5 * ? *)) for the deadline alarm';
  }
  if (run.day !== deadline.day) {
    return `the deadline's day fields "${deadline.day}" must equal the schedule's "${run.day}": the deadline is later the same day`;
  }
  const runMinutes = run.hour * 60 + run.minute;
  const deadlineMinutes = deadline.hour * 60 + deadline.minute;
  if (deadlineMinutes <= runMinutes) {
    return `the deadline ${formatTime(deadlineMinutes)} must be later than the run at ${formatTime(runMinutes)}`;
  }
  for (const offset of utcOffsetsMinutes(schedule.timeZone)) {
    const runDay = Math.floor((runMinutes - offset) / 1440);
    const deadlineDay = Math.floor((deadlineMinutes - offset) / 1440);
    if (runDay !== deadlineDay) {
      return `the run at ${formatTime(runMinutes)} and the deadline at ${formatTime(deadlineMinutes)} ${schedule.timeZone} fall on different UTC days; move them into one UTC day`;
    }
  }
  return undefined;
}

function splitCron(expression: string): { minute: number; hour: number; day: string } | undefined {
  const fields = /^cron\((.*)\)$/.exec(expression)?.[1]?.split(' ');
  const [minute, hour, ...day] = fields ?? [];
  if (minute === undefined || hour === undefined || !/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour)) {
    return undefined;
  }
  const m = Number(minute);
  const h = Number(hour);
  if (m > 59 || h > 23) return undefined;
  return { minute: m, hour: h, day: day.join(' ') };
}

const formatTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The distinct UTC offsets (minutes east of UTC) a zone uses over a year. */
function utcOffsetsMinutes(zone: string): number[] {
  const offsets = new Set<number>();
  for (let month = 0; month < 12; month++) {
    const at = new Date(Date.UTC(2025, month, 15, 12));
    const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name ?? '');
    if (match === null) continue;
    const sign = match[1] === '-' ? -1 : 1;
    offsets.add(match[1] === undefined ? 0 : sign * (Number(match[2]) * 60 + Number(match[3])));
  }
  return [...offsets];
}
