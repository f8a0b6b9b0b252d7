export {
  archiveKeys,
  CURRENT_MANIFEST_KEY,
  fileNameOfKey,
  INCOMING_PREFIX,
  REFERENCE_MANIFESTS_PREFIX,
  REFERENCE_PREFIX,
  REGISTER_EXTRACTS_PREFIX,
  s3Location,
  UPLOAD_MANIFESTS_PREFIX,
  workbookName,
} from './archive-layout.ts';
export { compareFileNames } from './compare-file-names.ts';
export { buildCurrentManifest, orderUploads, seriesOfUpload } from './current-uploads.ts';
export {
  type CurrentManifest,
  CurrentManifestSchema,
  LineIssueSchema,
  MANIFEST_ISSUE_LIMIT,
  type ReferenceManifest,
  ReferenceManifestSchema,
  type ReportManifest,
  ReportManifestSchema,
  type SentMarker,
  SentMarkerSchema,
  type UploadManifest,
  UploadManifestSchema,
  type UploadProblems,
  UploadProblemsSchema,
} from './manifest.ts';
export {
  chooseRegisterUploads,
  hashRegisterInputs,
  hashRegisterWants,
  type RegisterUpload,
} from './register-uploads.ts';
export { collectWantedPostcodes, uploadsCoveringMonth } from './report-inputs.ts';
export { formatRunId, lastCompleteMonth, REPORT_TIME_ZONE } from './report-run.ts';
export {
  ArchiveIntegrityError,
  buildUploadManifest,
  buildUploadProblems,
  hasProblems,
  type LedgerReading,
  ledgerFileFromManifest,
  type UploadFacts,
} from './upload-manifest.ts';
