import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { parseFunctionConfig } from '../config.ts';
import { withSafeFailures } from '../log.ts';
import { type S3Event, S3EventSchema } from '../s3-event.ts';
import { type IngestOutcome, ingestS3Event } from './ingest-event.ts';

const config = parseFunctionConfig(process.env);
const s3 = new S3Client({ forcePathStyle: config.s3ForcePathStyle });
const ses = new SESv2Client({});

/**
 * The ingest Lambda: S3 ObjectCreated events from the landing bucket (`incoming/` ledger extracts,
 * `reference/` supplier reference and postcode lookup) → the archive bucket, and finance's email for a
 * rejected upload.
 *
 * @example await handler({ Records: [{ eventName: 'ObjectCreated:Put', eventTime, s3: { bucket: { name: 'landing' }, object: { key: 'incoming/2024-05+payments.csv' } } }] })
 */
export async function handler(event: S3Event): Promise<{ results: IngestOutcome[] }> {
  return withSafeFailures('ingest', { records: event.Records?.length }, async () => ({
    results: await ingestS3Event({ config, s3, ses }, S3EventSchema.parse(event)),
  }));
}
