export {
  CURATED_COLUMNS,
  CuratedRowsError,
  collectCuratedRows,
  formatCuratedHeader,
  formatCuratedRow,
  parseCuratedRow,
  parseCuratedRows,
} from './curated-rows.ts';
