export { LEDGER_COLUMNS, LEDGER_FIELD_LABELS } from './ledger-columns.ts';
export { MAX_LISTED } from './ledger-scan.ts';
export {
  type DateOrderOutcome,
  type DateReading,
  daysInMonth,
  decideDateOrder,
  isLeapYear,
  isoFromExcelSerial,
  isoFromParts,
  type NumericDateSample,
  parseDate,
  readDateCell,
  resolveNumericDate,
} from './parse-date.ts';
export { parseMoney, penceFromNumber } from './parse-money.ts';
export {
  isRedactedPayee,
  type SupplierName,
  splitCompanyNumber,
  tidySupplierName,
} from './parse-supplier.ts';
export type { Parsed } from './parsed.ts';
export { findLedgerHeader, HEADER_SCAN_ROWS, interpretLedgerTable, readLedger } from './read-ledger.ts';
export {
  fileOfSummary,
  type LedgerLineSink,
  LedgerSourceChangedError,
  type LedgerStreamSummary,
  type OpenBytes,
  readLedgerStream,
} from './read-ledger-stream.ts';
export { WITHHELD_TEXT } from './withhold-issue.ts';
