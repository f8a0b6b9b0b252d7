import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getObjectBytes, listObjects } from '../functions/adapters/s3.ts';
import { loadUploadManifests } from '../functions/archive/archive-records.ts';
import { startLocalAws } from '../functions/local/local-aws.ts';
import { generateSampleTrust } from '../sample/generate-trust.ts';
import type { Settings } from '../shared/config/settings.ts';
import { archiveKeys, CURRENT_MANIFEST_KEY, compareFileNames } from '../shared/pipeline/index.ts';
import type { InputFile } from '../shared/types.ts';
import {
  collectLedgerFiles,
  describeLeftOut,
  type LedgerInput,
  readInputFile,
  seriesPathOf,
} from './collect-inputs.ts';
import { UsageError } from './usage-error.ts';

export interface DemoOptions {
  out: string;
  ledger?: readonly string[] | undefined;
  suppliers?: string | undefined;
  serve: boolean;
}

const LANDING = 'socval-landing';
const ARCHIVE = 'socval-archive';
const BOARD = 'board@trust.example';

async function demoInputs(options: DemoOptions): Promise<{ ledgers: LedgerInput[]; suppliers?: InputFile }> {
  if (!options.ledger?.length) {
    if (options.suppliers)
      throw new UsageError('--suppliers needs --ledger: give the extracts to run on as well');
    const trust = await generateSampleTrust();
    // Uploaded in the order `socval report` reads a folder, so both give the same summary.json.
    const ledgers = [...trust.ledgerFiles].sort((a, b) => compareFileNames(a.name, b.name));
    return { ledgers, suppliers: trust.supplierReference };
  }
  const { files, leftOut } = await collectLedgerFiles(
    options.ledger,
    options.suppliers ? [{ path: options.suppliers, flag: '--suppliers' }] : [],
  );
  if (leftOut.length > 0) process.stderr.write(`${describeLeftOut(leftOut)}\n`);
  return {
    ledgers: files,
    ...(options.suppliers ? { suppliers: await readInputFile(options.suppliers, '--suppliers') } : {}),
  };
}

/**
 * The pipeline end to end on this machine: local S3 and SES servers, the real ingest handler driven by
 * S3 event notifications, the real report handler, and the email read back from the SES server.
 */
export async function runDemo(options: DemoOptions, settings: Settings): Promise<number> {
  // The SDK warns on Node 20 that its releases from January 2027 need Node 22. The deployed functions run
  // Node 24 and package-lock.json pins the SDK, so on a Node 20 machine the demo's output need not say so.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const out = resolve(options.out);
  const inputs = await demoInputs(options);
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, '.s3'), { recursive: true });
  const local = await startLocalAws({ directory: join(out, '.s3') });
  const say = (text: string) => process.stdout.write(`${text}\n`);
  // The handlers log one JSON line per event, as CloudWatch would keep them: keep them in a file, not on screen.
  const logPath = join(out, 'pipeline-log.jsonl');
  const log = createWriteStream(logPath);
  const { log: consoleLog, warn: consoleWarn } = console;
  console.log = (...parts: unknown[]) => log.write(`${parts.join(' ')}\n`);
  console.warn = console.log;
  try {
    Object.assign(process.env, local.env, {
      LANDING_BUCKET: LANDING,
      ARCHIVE_BUCKET: ARCHIVE,
      SENDER: 'socval <socval@trust.example>',
      BOARD_RECIPIENTS: BOARD,
      FINANCE_ADDRESS: 'finance@trust.example',
      TRUST_NAME:
        settings.trustName ??
        (options.ledger?.length ? 'Your trust' : 'Kent Valley NHS Foundation Trust (sample)'),
      S3_FORCE_PATH_STYLE: 'true',
      SME_DEFINITION: settings.smeDefinition,
      EUR_TO_GBP: String(settings.eurToGbp),
      FIRST_FINANCIAL_YEAR: settings.firstFinancialYear,
      MAX_BAD_SHARE: String(settings.maxBadShare),
      ...(settings.dateOrder ? { DATE_ORDER: settings.dateOrder } : {}),
    });
    // The handlers parse their configuration at module scope, as in Lambda: import them after the environment is set.
    const ingest = await import('../functions/ingest/handler.ts');
    const report = await import('../functions/report/handler.ts');
    await local.createBuckets(LANDING, ARCHIVE);
    // Real S3 notifies only for the landing bucket; s3rver emits events for every bucket.
    local.onObjectCreated((event) =>
      event.Records.some((record) => record.s3.bucket.name === LANDING) ? ingest.handler(event) : undefined,
    );
    say(`Local S3 ${local.s3Endpoint} and SES ${local.sesEndpoint} are running.`);

    const put = async (key: string, file: InputFile) => {
      await local.s3.send(new PutObjectCommand({ Bucket: LANDING, Key: key, Body: file.bytes }));
      await local.idle();
    };
    if (inputs.suppliers) await put(`reference/${inputs.suppliers.name}`, inputs.suppliers);
    // Files from several folders go to folders under incoming/, so each folder's files are their own series.
    for (const file of inputs.ledgers) await put(`incoming/${seriesPathOf(file)}`, file);
    const manifests = await loadUploadManifests(local.s3, ARCHIVE);
    const accepted = manifests.filter((m) => m.status === 'accepted');
    say(
      `Uploaded ${inputs.ledgers.length} extract(s) to s3://${LANDING}/incoming/: ${accepted.length} accepted, ${manifests.length - accepted.length} rejected.`,
    );
    const month =
      settings.reportMonth ??
      accepted
        .flatMap((m) => m.months)
        .sort()
        .at(-1);
    if (month === undefined)
      throw new UsageError('no extract was accepted, so there is no month to report on');

    const result = await report.handler({ month });
    if (!result.runId) throw new Error(`the report for ${result.month} did not run: ${result.status}`);
    const mail = (await local.readMailbox()).filter((m) => m.destination.to.some((to) => to.includes(BOARD)));
    const sentEmail = mail.at(-1);

    for await (const { key } of listObjects(local.s3, ARCHIVE, '')) {
      const path = join(out, 'archive', key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, await getObjectBytes(local.s3, ARCHIVE, key));
    }
    const workbookKey = archiveKeys.workbook(result.month, result.runId);
    const workbook = join(out, workbookKey.split('/').at(-1) ?? 'workbook.xlsx');
    await writeFile(workbook, await getObjectBytes(local.s3, ARCHIVE, workbookKey));
    await writeFile(
      join(out, 'summary.json'),
      await getObjectBytes(local.s3, ARCHIVE, archiveKeys.summary(result.month, result.runId)),
    );
    await writeFile(
      join(out, 'email.eml'),
      await getObjectBytes(local.s3, ARCHIVE, archiveKeys.reportEmail(result.month, result.runId)),
    );

    say(
      `Report for ${result.month}: ${result.status}${sentEmail ? ` — "${sentEmail.subject}" to ${BOARD}` : ''}.`,
    );
    say('');
    say(`Everything is in ${out}:`);
    say(`  ${join(out, 'email.eml')}            the email as sent (open it in any mail program)`);
    say(`  ${workbook}  the workbook attached to it`);
    say(`  ${join(out, 'summary.json')}         the figures (same contract as socval report)`);
    say(`  ${logPath}  the handlers' log lines, as CloudWatch would keep them`);
    say(
      `  ${join(out, 'archive')}/             the archive bucket, as auditors see it (${CURRENT_MANIFEST_KEY} says which upload is current)`,
    );
    if (!options.serve) return manifests.length === accepted.length && sentEmail ? 0 : 1;

    say('');
    say(`Serving until Ctrl-C. Upload more with any S3 client (credentials S3RVER / S3RVER, path-style):`);
    say(`  aws --endpoint-url ${local.s3Endpoint} s3 cp FILE s3://${LANDING}/incoming/`);
    say(`Mail viewer: ${local.sesEndpoint}/`);
    await new Promise<void>((resolveStop) => process.once('SIGINT', () => resolveStop()));
    return 0;
  } finally {
    console.log = consoleLog;
    console.warn = consoleWarn;
    await new Promise((done) => log.end(done));
    await local.stop();
  }
}
