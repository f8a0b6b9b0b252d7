import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AuditorAccess, UploaderAccess } from './access.ts';
import { Alarms } from './alarms.ts';
import { AuditCatalog } from './audit-catalog.ts';
import { type SocvalConfig, sendingIdentity } from './config.ts';
import { Functions } from './functions.ts';
import { IngestTrigger } from './ingest-trigger.ts';
import { Mail } from './mail.ts';
import { ReportSchedule } from './report-schedule.ts';
import { newKey, pinLogicalId, Storage } from './storage.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The handler modules the stack bundles. */
export const HANDLER_ENTRIES = {
  ingest: path.join(root, 'functions/ingest/handler.ts'),
  report: path.join(root, 'functions/report/handler.ts'),
} as const;

export interface SocvalStackProps extends StackProps {
  /** The validated configuration (`parseSocvalConfig`). */
  readonly config: SocvalConfig;
  /** `CODE_VERSION`: the commit the handlers append to the package version in every report manifest. */
  readonly codeVersion: string;
  /** Handler modules to bundle instead of the real ones (tests). */
  readonly entries?: { readonly ingest: string; readonly report: string };
}

/**
 * The deployable socval stack: landing and Object Lock archive buckets, the ingest and report
 * functions, the monthly schedule and its deadline, SES, alarms, and the auditor and uploader roles.
 *
 * @example new SocvalStack(app, config.stackName, { env: { account, region }, config, codeVersion })
 */
export class SocvalStack extends Stack {
  readonly storage: Storage;
  readonly functions: Functions;

  constructor(scope: Construct, id: string, props: SocvalStackProps) {
    super(scope, id, props);
    const { config } = props;
    Tags.of(this).add('Application', 'socval');
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);

    this.storage = new Storage(this, 'Storage', { retention: config.retention });
    const { landing, landingKey, archive, archiveKey, accessLogs } = this.storage;

    // Logs and the alarm topic: operational data, kept apart from the data keys auditors decrypt with.
    const opsKey = newKey(this, 'OperationsKey', 'socval function logs and alarm notifications');
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    pinLogicalId(opsKey, 'OperationsKey');

    const mail = new Mail(this, 'Mail', {
      identity: sendingIdentity(config),
      createIdentity: config.email.createIdentity,
      sandboxRecipients: config.email.sandbox
        ? [...config.email.boardRecipients, config.email.financeAddress]
        : [],
    });

    this.functions = new Functions(this, 'Functions', {
      landing,
      landingKey,
      archive,
      archiveKey,
      mail,
      logKey: opsKey,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      entries: props.entries ?? HANDLER_ENTRIES,
      environment: handlerEnvironment(config, props.codeVersion, {
        landing: landing.bucketName,
        archive: archive.bucketName,
      }),
    });
    const { ingest, report } = this.functions;

    const trigger = new IngestTrigger(this, 'IngestTrigger', { landing, ingest });
    const schedule = new ReportSchedule(this, 'ReportSchedule', { report, ...config.schedule });

    const catalog = new AuditCatalog(this, 'AuditCatalog', { archive, accessLogs });
    const auditors = new AuditorAccess(this, 'Auditors', {
      principals: config.auditorPrincipals,
      archive,
      archiveKey,
      database: {
        databaseArn: catalog.database.databaseArn,
        catalogArn: this.formatArn({ service: 'glue', resource: 'catalog' }),
      },
      tableArn: catalog.table.tableArn,
      workGroupArn: catalog.workGroupArn,
      results: catalog.results,
      resultsKey: catalog.resultsKey,
    });
    const uploaders =
      config.uploaderPrincipals.length > 0
        ? new UploaderAccess(this, 'Uploaders', {
            principals: config.uploaderPrincipals,
            landing,
            landingKey,
          })
        : undefined;

    new Alarms(this, 'Alarms', {
      alarmEmail: config.alarmEmail,
      key: opsKey,
      functions: { ingest, report },
      failureQueues: {
        'ingest-failures': trigger.failures,
        'report-failures': schedule.failures,
        'schedule-dead-letters': schedule.deadLetters,
      },
      mail,
    });

    new CfnOutput(this, 'LandingBucketName', {
      description: 'Upload ledger extracts under incoming/ and reference files under reference/',
      value: landing.bucketName,
    });
    new CfnOutput(this, 'ArchiveBucketName', {
      description: 'The Object Lock archive',
      value: archive.bucketName,
    });
    new CfnOutput(this, 'ReportFunctionName', {
      description: 'Invoke with {"month":"YYYY-MM","dryRun":true} to run a report on demand',
      value: report.function.functionName,
    });
    new CfnOutput(this, 'IngestLogGroupName', { value: ingest.logGroup.logGroupName });
    new CfnOutput(this, 'ReportLogGroupName', { value: report.logGroup.logGroupName });
    new CfnOutput(this, 'AuditorRoleArn', { value: auditors.role.roleArn });
    new CfnOutput(this, 'AthenaWorkGroup', { value: catalog.workGroup.name });
    if (uploaders) new CfnOutput(this, 'UploaderRoleArn', { value: uploaders.role.roleArn });
  }
}

/** The environment both handlers parse (each adds its own `SES_CONFIGURATION_SET`). */
export function handlerEnvironment(
  config: SocvalConfig,
  codeVersion: string,
  buckets: { landing: string; archive: string },
): Record<string, string> {
  return {
    LANDING_BUCKET: buckets.landing,
    ARCHIVE_BUCKET: buckets.archive,
    SENDER: config.email.sender,
    BOARD_RECIPIENTS: config.email.boardRecipients.join(','),
    FINANCE_ADDRESS: config.email.financeAddress,
    TRUST_NAME: config.trustName,
    MAX_EMAIL_BYTES: String(config.email.maxEmailBytes),
    SME_DEFINITION: config.smeDefinition,
    EUR_TO_GBP: String(config.eurToGbp),
    FIRST_FINANCIAL_YEAR: config.firstFinancialYear,
    MAX_BAD_SHARE: String(config.maxBadShare),
    ...(config.dateOrder === undefined ? {} : { DATE_ORDER: config.dateOrder }),
    BRAND_COLOUR: config.brandColour,
    CHART_COLOURS: config.chartColours,
    COOPERATIVES_ARE_VCSE: String(config.cooperativesAreVcse),
    CODE_VERSION: codeVersion,
  };
}
