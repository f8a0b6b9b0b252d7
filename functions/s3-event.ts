import * as z from 'zod';

/** The part of an S3 event notification the ingest reads (the Lambda payload; other fields pass through). */
export const S3EventSchema = z.object({
  Records: z.array(
    z.looseObject({
      eventName: z.string(),
      eventTime: z.iso.datetime({ offset: true }),
      s3: z.looseObject({
        bucket: z.looseObject({ name: z.string() }),
        object: z.looseObject({
          key: z.string(),
          size: z.number().optional(),
          eTag: z.string().optional(),
          sequencer: z.string().optional(),
        }),
      }),
    }),
  ),
});
export type S3Event = z.infer<typeof S3EventSchema>;
export type S3EventRecord = S3Event['Records'][number];

/** An event's object key as S3 sends it (form-encoded: `+` for a space) → the key itself. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** A key encoded the way S3 encodes it in event notifications: each segment percent-encoded, a space as `+`. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}
