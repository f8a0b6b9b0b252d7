import MailComposer from 'nodemailer/lib/mail-composer';

export interface MimeAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
  /** Shown inside the HTML as `<img src="cid:…">` rather than as an attachment. */
  contentId?: string;
}

export interface MimeMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MimeAttachment[];
}

/**
 * The complete MIME message (RFC 5322 bytes), built once so that what is archived as `.eml` is exactly
 * what SES sends.
 *
 * @example const bytes = await buildMime({ from, to: ['board@trust.nhs.uk'], subject, text, html });
 */
export async function buildMime(message: MimeMessage): Promise<Uint8Array> {
  const composer = new MailComposer({
    from: message.from,
    to: [...message.to],
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: (message.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      // A view of the bytes, not a copy: the workbook is megabytes, and nothing here changes it.
      content: Buffer.from(
        attachment.content.buffer,
        attachment.content.byteOffset,
        attachment.content.byteLength,
      ),
      contentType: attachment.contentType,
      ...(attachment.contentId === undefined
        ? {}
        : { cid: attachment.contentId, contentDisposition: 'inline' as const }),
    })),
  });
  const bytes = await composer.compile().build();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
