import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { findPostcodeLookupColumns, PostcodeLookupError } from '../../shared/classify/index.ts';
import { buildCuratedReference } from '../../shared/curated/index.ts';
import type { RejectionGuidance } from '../../shared/email/index.ts';
import {
  archiveKeys,
  MANIFEST_ISSUE_LIMIT,
  type ReferenceManifest,
  ReferenceManifestSchema,
} from '../../shared/pipeline/index.ts';
import {
  DETECT_BYTES,
  detectRegisterFile,
  ONS_POSTCODE_LOOKUP,
  REGISTER_DESCRIPTIONS,
  REGISTER_NAMES,
  RegisterFormatError,
  type RegisterKind,
  readWholePostcodeLookup,
  readWholeRegister,
} from '../../shared/registers/index.ts';
import { readSupplierReference, SupplierReferenceError } from '../../shared/suppliers/index.ts';
import { hashChunks } from '../../shared/table/byte-reader.ts';
import type { LineIssue } from '../../shared/types.ts';
import { getObjectBytes, openObject, putJson, putJsonIfAbsent, readObjectStart } from '../adapters/s3.ts';
import { archiveOriginal, checkReadHash } from '../archive/archive-records.ts';
import type { PipelineDeps } from '../deps.ts';
import { logInfo } from '../log.ts';
import type { Arrival } from './ingest-ledger.ts';
import { quarantineAndNotify } from './notify-finance.ts';

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

/** The manifest fields every reference upload has, whatever its kind and fate. */
type ManifestBase = Pick<
  ReferenceManifest,
  'schemaVersion' | 'name' | 'sourceKey' | 'sha256' | 'size' | 'receivedAt' | 'rawKey'
>;

const REJECTED_MESSAGES: Record<ReferenceManifest['kind'], string> = {
  suppliers: 'supplier reference rejected',
  register: 'register rejected',
  postcodes: 'postcode lookup rejected',
};

/** What a rejected register or postcode lookup means for finance, and what to do. */
const registerGuidance = (what: string, advice: string): RejectionGuidance => ({
  consequence: `reports keep using the ${what} accepted before it, if any, until a good copy is accepted`,
  nextSteps: [
    `Download the file again: ${advice}. A file cut short or changed after download cannot be repaired by hand.`,
    'Upload it to reference/ in the landing bucket. The same file name is fine: the new upload is read afresh.',
  ],
});

const SUPPLIER_REFERENCE_GUIDANCE: RejectionGuidance = {
  consequence:
    'reports keep using the supplier reference accepted before it, if any, until a corrected file is accepted',
  nextSteps: [
    'Fix the problem above in the supplier reference, and save it as CSV or .xlsx.',
    'Upload it to reference/ in the landing bucket. The same file name is fine: the new upload is read afresh.',
  ],
};

/**
 * Archives a reference upload under its hash with a manifest. An open register download or an ONS postcode
 * lookup is recognised by its header, kept as is, and read to its last byte as a stream (they run to
 * gigabytes) with the reader the report uses, so a file damaged anywhere is quarantined now and finance told
 * where and why, not found by a report; anything else is read as the supplier reference, and an accepted
 * one is kept as read (`curated/suppliers/<sha256>.json`) for the report. The manifest is
 * written last, so an ingest that stops part way (a timeout on a huge file) leaves none, and the retried
 * event reads the file again.
 */
export async function ingestReference(deps: PipelineDeps, arrival: Arrival): Promise<ReferenceManifest> {
  const { config, s3 } = deps;
  const archive = config.archiveBucket;
  const { sha256, name } = arrival;
  const rawKey = archiveKeys.rawReference(sha256, name);
  await archiveOriginal(s3, arrival, { bucket: archive, key: rawKey }, sha256);
  const base: ManifestBase = {
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
  if (register) return ingestRegister(deps, arrival, base, manifestKey, register);
  if (findPostcodeHeader(start)) return ingestPostcodeLookup(deps, arrival, base, manifestKey);

  let rejection: LineIssue;
  try {
    const reference = await readSupplierReference({ name, bytes: await getObjectBytes(s3, archive, rawKey) });
    checkReadHash(reference.sha256, sha256, rawKey);
    // The report reads this, not the raw upload, so it needs no CSV or XLSX reader. Written before the manifest
    // (the commit point): a retry reads the same bytes and writes the same object again.
    const curatedKey = archiveKeys.curatedSuppliers(sha256);
    await putJson(s3, archive, curatedKey, buildCuratedReference(reference));
    const manifest = ReferenceManifestSchema.parse({
      ...base,
      kind: 'suppliers',
      status: 'accepted',
      records: reference.records.length,
      issueCount: reference.issues.length,
      issues: reference.issues.slice(0, MANIFEST_ISSUE_LIMIT),
      curatedKey,
    });
    await putJsonIfAbsent(s3, archive, manifestKey, manifest);
    logInfo('supplier reference accepted', { key: arrival.key, sha256, records: manifest.records });
    return manifest;
  } catch (error) {
    if (!(error instanceof SupplierReferenceError)) throw error;
    rejection = { file: name, line: 0, column: '', value: '', reason: error.message };
  }
  return rejectReference(
    deps,
    arrival,
    manifestKey,
    { ...base, kind: 'suppliers' },
    rejection,
    SUPPLIER_REFERENCE_GUIDANCE,
  );
}

/** Reads an open register download whole; accepted with what the read found, or rejected where it is damaged. */
async function ingestRegister(
  deps: PipelineDeps,
  arrival: Arrival,
  base: ManifestBase,
  manifestKey: string,
  register: RegisterKind,
): Promise<ReferenceManifest> {
  const { config, s3 } = deps;
  const archive = config.archiveBucket;
  const { sha256, name } = arrival;
  const hash = createHash('sha256');
  let survey: Awaited<ReturnType<typeof readWholeRegister>>;
  try {
    survey = await readWholeRegister(name, register, hashChunks(openObject(s3, archive, base.rawKey), hash));
  } catch (error) {
    if (!(error instanceof RegisterFormatError)) throw error;
    const what = `${REGISTER_NAMES[register]} register file`;
    return rejectReference(
      deps,
      arrival,
      manifestKey,
      { ...base, kind: 'register', register },
      rejectionOf(error, name),
      registerGuidance(what, REGISTER_DESCRIPTIONS[register].advice),
    );
  }
  checkReadHash(hash.digest('hex'), sha256, base.rawKey);
  const manifest = ReferenceManifestSchema.parse({
    ...base,
    kind: 'register',
    register,
    status: 'accepted',
    records: survey.rows,
    lastLine: survey.lastLine,
    ...(survey.dated === undefined ? {} : { dated: survey.dated, datedFrom: survey.datedFrom }),
    statuses: survey.statuses,
    issueCount: 0,
    issues: [],
  });
  await putJsonIfAbsent(s3, archive, manifestKey, manifest);
  logInfo('register accepted', { key: arrival.key, sha256, rows: survey.rows });
  return manifest;
}

/** Reads an ONS postcode lookup whole; accepted with its columns and rows, or rejected where it is damaged. */
async function ingestPostcodeLookup(
  deps: PipelineDeps,
  arrival: Arrival,
  base: ManifestBase,
  manifestKey: string,
): Promise<ReferenceManifest> {
  const { config, s3 } = deps;
  const archive = config.archiveBucket;
  const { sha256, name } = arrival;
  const hash = createHash('sha256');
  let survey: Awaited<ReturnType<typeof readWholePostcodeLookup>>;
  try {
    survey = await readWholePostcodeLookup(name, hashChunks(openObject(s3, archive, base.rawKey), hash));
  } catch (error) {
    if (!(error instanceof RegisterFormatError)) throw error;
    return rejectReference(
      deps,
      arrival,
      manifestKey,
      { ...base, kind: 'postcodes' },
      rejectionOf(error, name),
      registerGuidance('ONS postcode lookup', ONS_POSTCODE_LOOKUP.advice),
    );
  }
  checkReadHash(hash.digest('hex'), sha256, base.rawKey);
  const manifest = ReferenceManifestSchema.parse({
    ...base,
    kind: 'postcodes',
    status: 'accepted',
    columns: survey.columns,
    records: survey.rows,
    lastLine: survey.lastLine,
    issueCount: 0,
    issues: [],
  });
  await putJsonIfAbsent(s3, archive, manifestKey, manifest);
  logInfo('postcode lookup accepted', { key: arrival.key, sha256, rows: survey.rows });
  return manifest;
}

/**
 * Quarantines a rejected reference upload with its error report, tells finance (once), and writes its
 * manifest last — as a rejected ledger extract is handled.
 */
async function rejectReference(
  deps: PipelineDeps,
  arrival: Arrival,
  manifestKey: string,
  described: ManifestBase & Pick<ReferenceManifest, 'kind' | 'register'>,
  rejection: LineIssue,
  guidance: RejectionGuidance,
): Promise<ReferenceManifest> {
  const { config, s3 } = deps;
  const { sha256, name } = arrival;
  const { quarantineKey, errorReportKey, notificationKey } = await quarantineAndNotify(
    deps,
    described.rawKey,
    { name, sha256, rejection, issues: [], issueCount: 0, guidance },
    [],
  );
  const manifest = ReferenceManifestSchema.parse({
    ...described,
    status: 'rejected',
    issueCount: 0,
    issues: [],
    rejection,
    quarantineKey,
    errorReportKey,
    notificationKey,
  });
  await putJsonIfAbsent(s3, config.archiveBucket, manifestKey, manifest);
  // The reason can quote a cell: it stays in the manifest, error report and email.
  logInfo(REJECTED_MESSAGES[described.kind], { key: arrival.key, sha256, line: rejection.line });
  return manifest;
}

/** A register reader's error as the line of an error report: the place, the value, and what is wrong. */
function rejectionOf(error: RegisterFormatError, name: string): LineIssue {
  return {
    file: name,
    line: error.line,
    column: error.column ?? '',
    value: error.value ?? '',
    reason: error.problem,
  };
}
