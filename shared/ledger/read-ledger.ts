import { createHash } from 'node:crypto';
import { singleChunk } from '../table/byte-reader.ts';
import type { Table, TableFormatError, TableRow } from '../table/read-table.ts';
import type { InputFile, LedgerField, LedgerFile, LedgerLine, ReadLedgerOptions } from '../types.ts';
import type { LedgerColumns } from './ledger-row-reader.ts';
import { fileIssue, HEADER_SCAN_ROWS, LedgerScan, type LedgerVerdict } from './ledger-scan.ts';
import { type LedgerFileFacts, scanLedgerBytes } from './scan-ledger-bytes.ts';

export { HEADER_SCAN_ROWS } from './ledger-scan.ts';

interface HeaderSearch {
  found?: { row: TableRow; index: number; columns: LedgerColumns };
  /** The row that came closest, for the rejection message. */
  closest?: { row: TableRow; columns: LedgerColumns; missing: LedgerField[] };
}

/**
 * Reads one monthly accounts-payable ledger extract (CSV or XLSX) into normalised spend lines. Never
 * throws for bad input: a file that cannot be read is returned with `status: 'rejected'` and the reason.
 * Reads the rows once, as `readLedgerStream` does, keeping the lines instead of reading them again.
 *
 * @example
 * const ledger = await readLedger({ name: 'april.csv', bytes });
 * if (ledger.status === 'rejected') console.error(ledger.rejection?.reason);
 */
export async function readLedger(file: InputFile, options: ReadLedgerOptions = {}): Promise<LedgerFile> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const scanned = await scanLedgerBytes(file.name, () => singleChunk(file.bytes), {
    keepLines: Number.POSITIVE_INFINITY,
  });
  if ('failure' in scanned) return unreadableLedger(file.name, sha256, scanned.failure);
  const decision = scanned.scan.decide(options);
  return buildLedgerFile(
    file.name,
    sha256,
    scanned.facts,
    decision.verdict,
    scanned.scan.takeLines(decision),
  );
}

/** Finds the header row among the first rows: the first that names a date, a supplier and an amount. */
export function findLedgerHeader(rows: readonly TableRow[]): HeaderSearch {
  const scan = new LedgerScan('');
  for (const row of rows.slice(0, HEADER_SCAN_ROWS)) {
    scan.add(row);
    if (scan.header !== undefined) return { found: scan.header };
  }
  return scan.closest === undefined ? {} : { closest: scan.closest };
}

/** Turns the rows of one table into a ledger file (the pure part of {@link readLedger}). */
export function interpretLedgerTable(
  table: Table,
  name: string,
  sha256: string,
  options: ReadLedgerOptions = {},
): LedgerFile {
  const scan = new LedgerScan(name, {
    date1904: table.date1904 === true,
    keepLines: Number.POSITIVE_INFINITY,
  });
  for (const row of table.rows) scan.add(row);
  const decision = scan.decide(options);
  const facts: LedgerFileFacts = {
    format: table.format,
    ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
    ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
  };
  return buildLedgerFile(name, sha256, facts, decision.verdict, scan.takeLines(decision));
}

/** A file whose bytes are no table at all (a legacy .xls, binary data, a damaged workbook). */
export function unreadableLedger(name: string, sha256: string, error: TableFormatError): LedgerFile {
  const verdict: LedgerVerdict = {
    columns: {},
    dateStyles: [],
    status: 'rejected',
    rejection: { ...fileIssue(name, error.message), line: error.line ?? 0 },
    issues: [],
    skipped: [],
  };
  return buildLedgerFile(name, sha256, { format: error.format }, verdict, []);
}

/** The ledger file, with its keys in reading order (file facts, decisions, status, then lines). */
export function buildLedgerFile(
  name: string,
  sha256: string,
  facts: LedgerFileFacts,
  verdict: LedgerVerdict,
  lines: LedgerLine[],
): LedgerFile {
  const { format, encoding, sheet } = facts;
  const { headerLine, columns, dateStyles, status, rejection, issues, skipped, notes } = verdict;
  return {
    name,
    sha256,
    format,
    ...(encoding === undefined ? {} : { encoding }),
    ...(sheet === undefined ? {} : { sheet }),
    ...(headerLine === undefined ? {} : { headerLine }),
    columns,
    dateStyles,
    status,
    ...(rejection === undefined ? {} : { rejection }),
    lines,
    issues,
    skipped,
    ...(notes === undefined ? {} : { notes }),
  };
}
