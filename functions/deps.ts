import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { FunctionConfig } from './config.ts';

/** What a handler is built from: its parsed configuration and its clients (made once, at module scope). */
export interface PipelineDeps {
  config: FunctionConfig;
  s3: S3Client;
  ses: SESv2Client;
}
