import { formatCuratedHeader, formatCuratedRow } from '../../shared/curated/index.ts';
import { type LedgerLineSink, readLedgerStream } from '../../shared/ledger/index.ts';
import {
  archiveKeys,
  buildUploadManifest,
  buildUploadProblems,
  hasProblems,
  type LedgerReading,
  type UploadManifest,
} from '../../shared/pipeline/index.ts';
import type { LedgerLine, LineIssue } from '../../shared/types.ts';
import {
  createObjectWriter,
  type ObjectWriter,
  openObject,
  putJson,
  putJsonIfAbsent,
} from '../adapters/s3.ts';
import { archiveOriginal, checkReadHash } from '../archive/archive-records.ts';
import type { PipelineDeps } from '../deps.ts';
import { logInfo } from '../log.ts';
import { quarantineAndNotify } from './notify-finance.ts';

/** An object in the landing bucket, as its event and a HEAD described it, with its hash. */
export interface Arrival {
  bucket: string;
  key: string;
  name: string;
  etag: string;
  size: number;
  sha256: string;
  /** The S3 event time. */
  receivedAt: string;
}

/** In the finance email, the first problems; the attached error report has them all. */
const EMAILED_ISSUES = 20;

/**
 * Archives one ledger extract and reads it as a stream: accepted → raw, curated rows, problems, manifest;
 * rejected → raw, quarantine, error report, finance email, manifest. The manifest is written last, so its
 * presence means the upload is done; the first manifest written for these bytes wins (two deliveries
 * racing write the same records otherwise). Which upload is current for a month is decided by the report
 * run from the manifests (it writes `current.json`), so an ingest touches no other upload's records.
 */
export async function ingestLedger(deps: PipelineDeps, arrival: Arrival): Promise<UploadManifest> {
  const { config, s3 } = deps;
  const archive = config.archiveBucket;
  const { sha256, name } = arrival;
  const rawKey = archiveKeys.rawLedger(sha256, name);
  await archiveOriginal(s3, arrival, { bucket: archive, key: rawKey }, sha256);

  const curatedKey = archiveKeys.curatedLedger(sha256);
  let curated: ObjectWriter | undefined;
  const startCurated = async () => {
    const writer = createObjectWriter(s3, {
      bucket: archive,
      key: curatedKey,
      contentType: 'text/csv; charset=utf-8',
    });
    await writer.write(`${formatCuratedHeader()}\n`);
    return writer;
  };
  // Lines of a large file arrive while it is read, before it is judged: a file then rejected has its
  // curated upload aborted (`discard`, before `readLedgerStream` returns), so no curated object is ever
  // completed for it.
  const sink: LedgerLineSink = {
    lines: async (lines: LedgerLine[]) => {
      curated ??= await startCurated();
      let text = '';
      for (const line of lines) text += `${formatCuratedRow(line)}\n`;
      await curated.write(text);
    },
    discard: async () => {
      const started = curated;
      curated = undefined;
      await started?.abort();
    },
  };
  let reading: LedgerReading;
  let problemsKey: string | undefined;
  try {
    reading = await readLedgerStream(name, () => openObject(s3, archive, rawKey), sink, {
      maxBadShare: config.settings.maxBadShare,
      ...(config.settings.dateOrder ? { dateOrder: config.settings.dateOrder } : {}),
    });
    if (/^[0-9a-f]{64}$/.test(reading.sha256)) checkReadHash(reading.sha256, sha256, rawKey);
    problemsKey = hasProblems(reading) ? archiveKeys.uploadProblems(sha256) : undefined;
    if (problemsKey) await putJson(s3, archive, problemsKey, buildUploadProblems({ ...reading, sha256 }));
  } catch (error) {
    // Nothing of a failed ingest may be left half written: the delivery is retried from the start.
    await curated?.abort();
    throw error;
  }
  const readAs = { ...reading, sha256 };
  const facts = {
    sourceKey: arrival.key,
    size: arrival.size,
    receivedAt: arrival.receivedAt,
  };

  if (reading.status === 'accepted') {
    curated ??= await startCurated();
    await curated.end();
    const manifest = buildUploadManifest(readAs, {
      ...facts,
      keys: { raw: rawKey, curated: curatedKey, ...(problemsKey ? { problems: problemsKey } : {}) },
    });
    await putJsonIfAbsent(s3, archive, archiveKeys.uploadManifest(sha256), manifest);
    logInfo('ledger accepted', {
      key: arrival.key,
      sha256,
      rows: manifest.rows,
      total: manifest.total,
      months: manifest.months,
    });
    return manifest;
  }

  await curated?.abort();
  const rejection: LineIssue = reading.rejection ?? {
    file: name,
    line: 0,
    column: '',
    value: '',
    reason: `${name} was rejected`,
  };
  const { quarantineKey, errorReportKey, notificationKey } = await quarantineAndNotify(
    deps,
    rawKey,
    {
      name,
      sha256,
      rejection,
      issues: reading.issues.slice(0, EMAILED_ISSUES),
      issueCount: reading.issues.length,
    },
    reading.issues,
  );
  const manifest = buildUploadManifest(readAs, {
    ...facts,
    keys: {
      raw: rawKey,
      quarantine: quarantineKey,
      errorReport: errorReportKey,
      notification: notificationKey,
      ...(problemsKey ? { problems: problemsKey } : {}),
    },
  });
  await putJsonIfAbsent(s3, archive, archiveKeys.uploadManifest(sha256), manifest);
  // The reason can quote the offending cell: it stays in the manifest, error report and email.
  logInfo('ledger rejected', {
    key: arrival.key,
    sha256,
    line: rejection.line,
    issueCount: reading.issues.length,
  });
  return manifest;
}
