import { Readable } from 'node:stream';
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
      content: attachmentContent(attachment.content),
      contentType: attachment.contentType,
      ...(attachment.contentId === undefined
        ? {}
        : { cid: attachment.contentId, contentDisposition: 'inline' as const }),
    })),
  });
  const bytes = await composer.compile().build();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Bytes of an attachment handed to nodemailer at a time: whole lines of base64 (57 bytes a line). */
const PIECE = 57 * 1024;

/**
 * Views of the bytes, not copies: the workbook is megabytes, and nothing here changes it. Larger than a
 * piece, they go as a stream of pieces: given one Buffer, nodemailer's base64 encoder encodes it whole,
 * holding the base64 text, its bytes and the same wrapped into lines at once (three times the
 * attachment's size besides the message). Its output is the same however the bytes are split.
 */
function attachmentContent(bytes: Uint8Array): Buffer | Readable {
  const view = (from: number, length: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, length);
  if (bytes.byteLength <= PIECE) return view(0, bytes.byteLength);
  return Readable.from(
    (function* () {
      for (let from = 0; from < bytes.byteLength; from += PIECE)
        yield view(from, Math.min(PIECE, bytes.byteLength - from));
    })(),
    { objectMode: false },
  );
}
