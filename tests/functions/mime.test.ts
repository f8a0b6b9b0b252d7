import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { buildMime } from '../../functions/adapters/mime.ts';

/** A message's text with what nodemailer makes afresh each time (boundaries, Message-ID, Date) made fixed. */
function normalised(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1');
  const boundaries = [...new Set(text.match(/--_NmP-[0-9a-f]+-Part_\d+/g) ?? [])];
  let out = text.replace(/^(Message-ID|Date): .*$/gm, '$1: …');
  boundaries.forEach((boundary, index) => {
    out = out.split(boundary).join(`BOUNDARY-${index}`);
  });
  return out;
}

describe('buildMime', () => {
  it('gives the message nodemailer builds from whole Buffers, for attachments it hands over in pieces', async () => {
    // Sizes about a piece (57 KiB), not multiples of 3 or 57, and bytes that are not text.
    const bytes = (length: number, seed: number) =>
      Uint8Array.from({ length }, (_, i) => (i * 31 + seed + (i >> 7)) % 256);
    const workbook = bytes(300_001, 1);
    const chart = bytes(58_369, 2);
    const small = bytes(100, 3);
    const message = {
      from: 'socval@kvft.nhs.uk',
      to: ['board@kvft.nhs.uk'],
      subject: 'Social value',
      text: 'Figures',
      html: '<p>Figures</p>',
    };
    const attachments = [
      { filename: 'chart.png', content: chart, contentType: 'image/png', contentId: 'chart@socval' },
      { filename: 'small.bin', content: small, contentType: 'application/octet-stream' },
      { filename: 'social-value-2025-06.xlsx', content: workbook, contentType: 'application/vnd.ms-excel' },
    ];
    const ours = await buildMime({ ...message, attachments });
    const whole = await new MailComposer({
      ...message,
      to: [...message.to],
      attachments: attachments.map(({ contentId, content, ...attachment }) => ({
        ...attachment,
        content: Buffer.from(content),
        ...(contentId === undefined ? {} : { cid: contentId, contentDisposition: 'inline' as const }),
      })),
    })
      .compile()
      .build();
    expect(normalised(ours)).toBe(normalised(whole));
    // The pieces' base64 is the whole's: lines of 76 characters.
    expect(normalised(ours)).toContain(Buffer.from(workbook).toString('base64').slice(0, 76));
  });
});
