export { ByteReader, hashChunks, type OpenBytes, singleChunk } from './byte-reader.ts';
export { type CsvLayout, guessDelimiter, streamCsvRows } from './csv-rows.ts';
export {
  ChunkDecoder,
  chooseTextDecoding,
  type DecodedText,
  decodeText,
  decodeWindows1252,
  fallbackDecoding,
  NotUtf8Error,
  type TextDecoding,
  type TextEncodingName,
} from './decode-text.ts';
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
export { shortenText } from './shorten-text.ts';
export { splitLines } from './split-lines.ts';
export { streamTable, type TablePlan, type TableSink } from './stream-table.ts';
export { readXlsxLayout, type SheetInfo, streamXlsxRows, type XlsxLayout } from './xlsx-rows.ts';
