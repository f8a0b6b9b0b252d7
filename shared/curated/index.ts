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
  collectCuratedTable,
  formatCuratedHeader,
  formatCuratedRow,
  parseCuratedRow,
  parseCuratedRows,
} from './curated-rows.ts';
export {
  concatLines,
  createLineStrings,
  type DatesAndAmounts,
  forEachDateAndAmount,
  type LineDictionary,
  type LineStrings,
  LineTable,
  type SupplierCodes,
  type SupplierCodeVisitor,
  sumAmounts,
} from './line-table.ts';
