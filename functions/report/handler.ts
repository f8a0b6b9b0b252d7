import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { formatRunId } from '../../shared/pipeline/index.ts';
import { parseFunctionConfig } from '../config.ts';
import { withSafeFailures } from '../log.ts';
import { type ReportEvent, type ReportResult, runMonthlyReport } from './run-monthly-report.ts';

const config = parseFunctionConfig(process.env);
const s3 = new S3Client({ forcePathStyle: config.s3ForcePathStyle });
const ses = new SESv2Client({});

/**
 * The report Lambda, run monthly by EventBridge Scheduler (Europe/London) or on demand: builds the report
 * for `month` (default the last complete month), archives it and emails the board.
 *
 * @example await handler({ month: '2026-10', dryRun: true })
 */
export async function handler(event: ReportEvent = {}): Promise<ReportResult> {
  const runAt = new Date();
  const runId = formatRunId(runAt, randomUUID().slice(0, 8));
  return withSafeFailures('report', { month: event.month, runId }, () =>
    runMonthlyReport({ config, s3, ses }, event, { runAt, runId }),
  );
}
