import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

/** A message larger than SES accepts (or than `MAX_EMAIL_BYTES` allows) is never attempted. */
export class EmailTooLargeError extends Error {
  override name = 'EmailTooLargeError';
  readonly bytes: number;
  readonly maxBytes: number;
  constructor(bytes: number, maxBytes: number) {
    super(
      `the email is ${bytes} bytes, over the ${maxBytes}-byte limit (MAX_EMAIL_BYTES); ` +
        'send it without the attachment, which is archived',
    );
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

export interface SendOptions {
  maxBytes: number;
  configurationSetName?: string;
}

/**
 * Sends a complete MIME message as it is (SES v2 `SendEmail`, raw content); recipients come from its
 * headers. Returns the SES message id.
 *
 * @example const id = await sendRawEmail(ses, await buildMime(message), { maxBytes: config.maxEmailBytes });
 */
export async function sendRawEmail(
  client: SESv2Client,
  message: Uint8Array,
  options: SendOptions,
): Promise<string> {
  if (message.byteLength > options.maxBytes)
    throw new EmailTooLargeError(message.byteLength, options.maxBytes);
  const response = await client.send(
    new SendEmailCommand({
      Content: { Raw: { Data: message } },
      ...(options.configurationSetName ? { ConfigurationSetName: options.configurationSetName } : {}),
    }),
  );
  if (!response.MessageId) throw new Error('SES accepted the email but returned no message id');
  return response.MessageId;
}
