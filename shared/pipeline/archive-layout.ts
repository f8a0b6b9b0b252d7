import type { YearMonth } from '../types.ts';

/** Where finance drops ledger extracts in the landing bucket. */
export const INCOMING_PREFIX = 'incoming/';
/** Where finance drops the supplier reference, the ONS postcode lookup and the open registers in the landing bucket. */
export const REFERENCE_PREFIX = 'reference/';

export const UPLOAD_MANIFESTS_PREFIX = 'manifests/uploads/';
export const REFERENCE_MANIFESTS_PREFIX = 'manifests/reference/';
export const CURRENT_MANIFEST_KEY = 'manifests/current.json';
/** Register extracts the report built, one folder per set of register files: what a later report re-uses. */
export const REGISTER_EXTRACTS_PREFIX = 'manifests/registers/';

/**
 * Every key the pipeline writes in the archive bucket (the layout the README's "Archive layout"
 * section describes). `sha256` is of the upload's bytes; `name` is the file name as uploaded.
 */
export const archiveKeys = {
  rawLedger: (sha256: string, name: string) => `raw/ledger/${sha256}/${name}`,
  rawReference: (sha256: string, name: string) => `raw/reference/${sha256}/${name}`,
  curatedLedger: (sha256: string) => `curated/ledger/${sha256}.csv`,
  /** An accepted supplier reference as the ingest read it (`CuratedReferenceSchema`): what the report reads. */
  curatedSuppliers: (sha256: string) => `curated/suppliers/${sha256}.json`,
  uploadManifest: (sha256: string) => `${UPLOAD_MANIFESTS_PREFIX}${sha256}.json`,
  uploadProblems: (sha256: string) => `manifests/problems/${sha256}.json`,
  referenceManifest: (sha256: string) => `${REFERENCE_MANIFESTS_PREFIX}${sha256}.json`,
  /** `inputs`: the hash of the register files read (`registerInputsHash`); `wanted`: of the keys kept for. */
  registerExtracts: (inputs: string) => `${REGISTER_EXTRACTS_PREFIX}${inputs}/`,
  registerExtract: (inputs: string, wanted: string) =>
    `${REGISTER_EXTRACTS_PREFIX}${inputs}/extract-${wanted}.json`,
  quarantine: (sha256: string, name: string) => `quarantine/${sha256}/${name}`,
  errorReport: (sha256: string, name: string) => `quarantine/${sha256}/${name}.errors.csv`,
  rejectionEmail: (sha256: string) => `quarantine/${sha256}/finance-email.eml`,
  reportFolder: (month: YearMonth, runId: string) => `reports/${month}/${runId}/`,
  workbook: (month: YearMonth, runId: string) => `reports/${month}/${runId}/${workbookName(month)}`,
  summary: (month: YearMonth, runId: string) => `reports/${month}/${runId}/summary.json`,
  reportEmail: (month: YearMonth, runId: string) => `reports/${month}/${runId}/email.eml`,
  reportManifest: (month: YearMonth, runId: string) => `reports/${month}/${runId}/manifest.json`,
  /** Which uploads the run's figures used; `manifests/current.json` is the latest run's copy. */
  reportCurrentManifest: (month: YearMonth, runId: string) => `reports/${month}/${runId}/current.json`,
  sentMarker: (month: YearMonth) => `reports/${month}/sent.json`,
} as const;

/** The workbook's file name, as the CLI writes it and as it is attached. */
export function workbookName(month: YearMonth): string {
  return `social-value-${month}.xlsx`;
}

/** `s3://bucket/key`, as people see locations in emails and manifests. */
export function s3Location(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The file name of an uploaded object: the last segment of its key. */
export function fileNameOfKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
