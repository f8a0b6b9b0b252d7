import { parse } from 'csv-parse/sync';
import { findPostcodeLookupColumns, PostcodeLookupError } from '../../shared/classify/index.ts';
import { renderErrorReportCsv } from '../../shared/email/index.ts';
import {
  archiveKeys,
  MANIFEST_ISSUE_LIMIT,
  type ReferenceManifest,
  ReferenceManifestSchema,
} from '../../shared/pipeline/index.ts';
import {
  DETECT_BYTES,
  detectRegisterFile,
  REGISTER_NAMES,
  type RegisterKind,
} from '../../shared/registers/index.ts';
import { readSupplierReference, SupplierReferenceError } from '../../shared/suppliers/index.ts';
import type { LineIssue } from '../../shared/types.ts';
import {
  copyObjectByStream,
  getObjectBytes,
  putJsonIfAbsent,
  putObjectBytes,
  readObjectStart,
} from '../adapters/s3.ts';
import { archiveOriginal } from '../archive/archive-records.ts';
import type { PipelineDeps } from '../deps.ts';
import { logInfo } from '../log.ts';
import type { Arrival } from './ingest-ledger.ts';
import { notifyFinanceOfRejection } from './notify-finance.ts';

/** Enough of a file to hold the header row of any ONS postcode product. */
const HEADER_SNIFF_BYTES = 64 * 1024;

/**
 * The postcode and district columns when the file's first line is an ONS postcode lookup's header
 * (`pcds`…, `laua`/`ladNNcd`…); undefined for anything else (a supplier reference, an XLSX file).
 */
export function findPostcodeHeader(start: Uint8Array): { postcode: string; district: string } | undefined {
  if (start[0] === 0x50 && start[1] === 0x4b) return undefined; // PK: a zip, so XLSX
  const text = Buffer.from(start)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let headers: string[];
  try {
    headers = (parse(firstLine, { relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return undefined;
  }
  try {
    return findPostcodeLookupColumns(headers);
  } catch (error) {
    if (error instanceof PostcodeLookupError) return undefined;
    throw error;
  }
}

/** The open register a file is by its header (Companies House, Charity Commission, OSCR, FCA mutuals), if any. */
function findRegisterKind(start: Uint8Array): RegisterKind | undefined {
  const detected = detectRegisterFile(start);
  return detected.kind === 'extract' || detected.kind === 'compressed' || detected.kind === 'unknown'
    ? undefined
    : detected.kind;
}

/**
 * Archives a reference upload under its hash with a manifest: an ONS postcode lookup or an open register
 * download is recognised by its header and kept as is (they run to gigabytes; the report streams them);
 * anything else is read as the supplier reference, and one that cannot be read is quarantined and finance
 * told why.
 */
export async function ingestReference(deps: PipelineDeps, arrival: Arrival): Promise<ReferenceManifest> {
  const { config, s3 } = deps;
  const archive = config.archiveBucket;
  const { sha256, name } = arrival;
  const rawKey = archiveKeys.rawReference(sha256, name);
  await archiveOriginal(s3, arrival, { bucket: archive, key: rawKey }, sha256);
  const base = {
    schemaVersion: 1 as const,
    name,
    sourceKey: arrival.key,
    sha256,
    size: arrival.size,
    receivedAt: arrival.receivedAt,
    rawKey,
  };
  const manifestKey = archiveKeys.referenceManifest(sha256);

  const start = await readObjectStart(s3, archive, rawKey, Math.max(HEADER_SNIFF_BYTES, DETECT_BYTES));
  const register = findRegisterKind(start);
  if (register) {
    const manifest = ReferenceManifestSchema.parse({
      ...base,
      kind: 'register',
      register,
      status: 'accepted',
      issueCount: 0,
      issues: [],
    });
    await putJsonIfAbsent(s3, archive, manifestKey, manifest);
    logInfo('register archived', { key: arrival.key, sha256, register: REGISTER_NAMES[register] });
    return manifest;
  }
  const postcodeColumns = findPostcodeHeader(start);
  if (postcodeColumns) {
    const manifest = ReferenceManifestSchema.parse({
      ...base,
      kind: 'postcodes',
      status: 'accepted',
      columns: postcodeColumns,
      issueCount: 0,
      issues: [],
    });
    await putJsonIfAbsent(s3, archive, manifestKey, manifest);
    logInfo('postcode lookup archived', { key: arrival.key, sha256, columns: postcodeColumns });
    return manifest;
  }

  let rejection: LineIssue;
  try {
    const reference = await readSupplierReference({ name, bytes: await getObjectBytes(s3, archive, rawKey) });
    const manifest = ReferenceManifestSchema.parse({
      ...base,
      kind: 'suppliers',
      status: 'accepted',
      records: reference.records.length,
      issueCount: reference.issues.length,
      issues: reference.issues.slice(0, MANIFEST_ISSUE_LIMIT),
    });
    await putJsonIfAbsent(s3, archive, manifestKey, manifest);
    logInfo('supplier reference accepted', { key: arrival.key, sha256, records: manifest.records });
    return manifest;
  } catch (error) {
    if (!(error instanceof SupplierReferenceError)) throw error;
    rejection = { file: name, line: 0, column: '', value: '', reason: error.message };
  }

  const quarantineKey = archiveKeys.quarantine(sha256, name);
  await copyObjectByStream(s3, { bucket: archive, key: rawKey }, { bucket: archive, key: quarantineKey });
  const errorReportKey = archiveKeys.errorReport(sha256, name);
  const errorReportCsv = renderErrorReportCsv([rejection]);
  await putObjectBytes(
    s3,
    { bucket: archive, key: errorReportKey, contentType: 'text/csv; charset=utf-8' },
    errorReportCsv,
  );
  const notificationKey = archiveKeys.rejectionEmail(sha256);
  await notifyFinanceOfRejection(
    deps,
    { name, sha256, rejection, issues: [], issueCount: 0 },
    { quarantineKey, errorReportKey, errorReportCsv, errorReportName: `${name}.errors.csv`, notificationKey },
  );
  const manifest = ReferenceManifestSchema.parse({
    ...base,
    kind: 'suppliers',
    status: 'rejected',
    issueCount: 0,
    issues: [],
    rejection,
    quarantineKey,
    errorReportKey,
    notificationKey,
  });
  await putJsonIfAbsent(s3, archive, manifestKey, manifest);
  // The reason can quote a cell: it stays in the manifest, error report and email.
  logInfo('supplier reference rejected', { key: arrival.key, sha256 });
  return manifest;
}
