export {
  buildCuratedReference,
  type CuratedReference,
  CuratedReferenceSchema,
  CuratedSupplierRecordSchema,
  supplierReferenceFromCurated,
} from './curated-reference.ts';
export {
  CURATED_COLUMNS,
  CuratedRowsError,
  type CuratedStrings,
  collectCuratedRows,
  createCuratedStrings,
  formatCuratedHeader,
  formatCuratedRow,
  parseCuratedRow,
  parseCuratedRows,
} from './curated-rows.ts';
