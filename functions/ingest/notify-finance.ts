import {
  composeRejectionEmail,
  type RejectedUpload,
  renderErrorReportCsv,
} from '../../shared/email/index.ts';
import { archiveKeys, s3Location } from '../../shared/pipeline/index.ts';
import type { LineIssue } from '../../shared/types.ts';
import { buildMime, type MimeAttachment } from '../adapters/mime.ts';
import { copyObjectByStream, objectExists, putObjectBytes } from '../adapters/s3.ts';
import { sendRawEmail } from '../adapters/ses.ts';
import type { PipelineDeps } from '../deps.ts';
import { logInfo } from '../log.ts';

export interface RejectionRecord {
  quarantineKey: string;
  errorReportKey: string;
  /** The error report itself, attached when the email stays within the size limit. */
  errorReportCsv: string;
  errorReportName: string;
  /** Where the email sent is archived. */
  notificationKey: string;
}

/**
 * Tells finance an upload was rejected and what to fix, attaching the error report, and archives the exact
 * message once SES accepted it. A retried ingest finds it archived and sends nothing: finance hears once
 * about an upload unless a retry overlaps the send (deliveries at the same time, or a timeout between the
 * send and the archive write). Returns the SES message id, or undefined when it was sent before.
 */
export async function notifyFinanceOfRejection(
  { config, s3, ses }: PipelineDeps,
  upload: RejectedUpload,
  record: RejectionRecord,
): Promise<string | undefined> {
  if (await objectExists(s3, config.archiveBucket, record.notificationKey)) {
    logInfo('finance was already told about this rejected upload; not sending again', {
      sha256: upload.sha256,
    });
    return undefined;
  }
  const content = composeRejectionEmail(upload, {
    trustName: config.trustName,
    quarantineLocation: s3Location(config.archiveBucket, record.quarantineKey),
    errorReportLocation: s3Location(config.archiveBucket, record.errorReportKey),
    accent: config.settings.brandColour,
  });
  const attachment: MimeAttachment = {
    filename: record.errorReportName,
    content: Buffer.from(record.errorReportCsv, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
  };
  const message = { from: config.sender, to: config.financeAddresses, ...content };
  let mime = await buildMime({ ...message, attachments: [attachment] });
  // The body names where the error report is archived, so it can go without the attachment.
  if (mime.byteLength > config.maxEmailBytes) mime = await buildMime(message);
  const messageId = await sendRawEmail(ses, mime, {
    maxBytes: config.maxEmailBytes,
    ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
  });
  await putObjectBytes(
    s3,
    { bucket: config.archiveBucket, key: record.notificationKey, contentType: 'message/rfc822' },
    mime,
  );
  return messageId;
}

/** Where a rejected upload's quarantined copy, error report and finance email are archived. */
export type QuarantineKeys = Pick<RejectionRecord, 'quarantineKey' | 'errorReportKey' | 'notificationKey'>;

/**
 * Quarantines a rejected upload: copies its archived original (`rawKey`) to quarantine, writes its error
 * report (the rejection, then `reported`), and tells finance (`notifyFinanceOfRejection`), in that order.
 * Returns the keys for the upload's manifest, which the caller writes last.
 */
export async function quarantineAndNotify(
  deps: PipelineDeps,
  rawKey: string,
  upload: RejectedUpload,
  reported: readonly LineIssue[],
): Promise<QuarantineKeys> {
  const { config, s3 } = deps;
  const archive = config.archiveBucket;
  const { name, sha256 } = upload;
  const quarantineKey = archiveKeys.quarantine(sha256, name);
  await copyObjectByStream(s3, { bucket: archive, key: rawKey }, { bucket: archive, key: quarantineKey });
  const errorReportKey = archiveKeys.errorReport(sha256, name);
  const errorReportCsv = renderErrorReportCsv([upload.rejection, ...reported]);
  await putObjectBytes(
    s3,
    { bucket: archive, key: errorReportKey, contentType: 'text/csv; charset=utf-8' },
    errorReportCsv,
  );
  const notificationKey = archiveKeys.rejectionEmail(sha256);
  await notifyFinanceOfRejection(deps, upload, {
    quarantineKey,
    errorReportKey,
    errorReportCsv,
    errorReportName: `${name}.errors.csv`,
    notificationKey,
  });
  return { quarantineKey, errorReportKey, notificationKey };
}
