import { composeRejectionEmail, type RejectedUpload } from '../../shared/email/index.ts';
import { s3Location } from '../../shared/pipeline/index.ts';
import { buildMime, type MimeAttachment } from '../adapters/mime.ts';
import { putObjectBytes } from '../adapters/s3.ts';
import { sendRawEmail } from '../adapters/ses.ts';
import type { PipelineDeps } from '../deps.ts';

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
 * Tells finance an upload was rejected and what to fix, attaching the error report; archives the exact
 * message before sending it. Returns the SES message id.
 */
export async function notifyFinanceOfRejection(
  { config, s3, ses }: PipelineDeps,
  upload: RejectedUpload,
  record: RejectionRecord,
): Promise<string> {
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
  await putObjectBytes(
    s3,
    { bucket: config.archiveBucket, key: record.notificationKey, contentType: 'message/rfc822' },
    mime,
  );
  return sendRawEmail(ses, mime, {
    maxBytes: config.maxEmailBytes,
    ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
  });
}
