export { type DecodedText, decodeText, decodeWindows1252, type TextEncodingName } from './decode-text.ts';
export { measureEditDistance } from './edit-distance.ts';
export {
  type ColumnMapping,
  type ColumnMatch,
  type ColumnSpec,
  type ColumnSpecs,
  type HeaderCandidate,
  mapColumns,
  mapHeaderCandidates,
  matchHeaderToAlias,
  normaliseHeaderKey,
} from './map-columns.ts';
export {
  type Cell,
  cellText,
  type DetectedFormat,
  detectFormat,
  findHeaderRow,
  isBlankRow,
  normaliseHeaderText,
  type ReadTableOptions,
  readTable,
  type Table,
  TableFormatError,
  type TableRow,
} from './read-table.ts';
