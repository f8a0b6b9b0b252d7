import type { OpenBytes } from '../table/byte-reader.ts';
import { streamTable, type TablePlan } from '../table/stream-table.ts';
import { TableFormatError } from '../table/table-types.ts';
import type { SheetInfo } from '../table/xlsx-rows.ts';
import type { LedgerFile, LedgerLine } from '../types.ts';
import { LedgerScan, type ReleaseOptions } from './ledger-scan.ts';

/** What the bytes say about a file before its rows are judged. */
export type LedgerFileFacts = Pick<LedgerFile, 'format' | 'encoding' | 'sheet'>;

export type ScannedLedger =
  | { failure: TableFormatError }
  | {
      scan: LedgerScan;
      facts: LedgerFileFacts;
      /** How to read the same rows again: for a workbook, only the sheet that was chosen. */
      plan: TablePlan;
      date1904: boolean;
    };

/**
 * Where a CSV's lines go while it is read, as soon as each is certain should the file be accepted
 * (`LedgerScan.release`). A workbook's lines are never given out during the scan: which sheet is the
 * ledger is known only at its end.
 */
export interface ScanRelease extends ReleaseOptions {
  /** The CSV's `keepLines`: most lines held waiting to be given out (a workbook's is `keepLines`). */
  held: number;
  lines(lines: LedgerLine[]): Promise<void>;
  /** Every line given out so far is void: the CSV is read again from its start (it is not UTF-8). */
  restart(): Promise<void>;
}

/**
 * The first pass over a ledger's bytes: every row through a `LedgerScan` — one per worksheet of a
 * workbook, of which the ledger's is chosen: the one visible sheet with a header and payment lines below
 * it (a workbook with several is refused, naming them), else the first with a header (an empty template
 * before it is passed over), else the first with content — each keeping lines up to `keepLines`. Given `release`,
 * a CSV's lines are given out as they are read and decided (see {@link ScanRelease}).
 */
export async function scanLedgerBytes(
  name: string,
  open: OpenBytes,
  options: { keepLines: number; release?: ScanRelease },
): Promise<ScannedLedger> {
  const { keepLines, release } = options;
  const newCsvScan = () =>
    new LedgerScan(name, release === undefined ? { keepLines } : { keepLines: release.held, release });
  let csvScan = newCsvScan();
  const sheetScans = new Map<number, LedgerScan>();
  const scanOf = (sheet: SheetInfo): LedgerScan => {
    let scan = sheetScans.get(sheet.index);
    if (scan === undefined) {
      scan = new LedgerScan(name, { keepLines, date1904: sheet.date1904 });
      sheetScans.set(sheet.index, scan);
    }
    return scan;
  };
  let plan: TablePlan;
  try {
    plan = await streamTable(
      name,
      open,
      {
        rows: (rows, sheet) => {
          if (sheet !== undefined) {
            const scan = scanOf(sheet);
            for (const row of rows) scan.add(row);
            return;
          }
          const scan = csvScan;
          for (const row of rows) scan.add(row);
          if (release === undefined) return;
          return releaseFrom(scan, release);
        },
        restart: () => {
          csvScan = newCsvScan();
          return release?.restart();
        },
      },
      undefined,
      // A stream gives its lines out as it goes and holds few: a line's cells may share one copy of it.
      { linePieces: release !== undefined },
    );
  } catch (error) {
    if (error instanceof TableFormatError) return { failure: error };
    throw error;
  }
  if (plan.format === 'csv') {
    return {
      scan: csvScan,
      facts: { format: 'csv', encoding: plan.csv.decoding.encoding },
      plan,
      date1904: false,
    };
  }
  const { date1904 } = plan.xlsx;
  const ledgerSheets = sheetsWithLines(plan.sheets, sheetScans);
  if (ledgerSheets.length > 1) return { failure: severalLedgerSheets(name, ledgerSheets) };
  const sheet = ledgerSheets[0]?.sheet ?? chooseSheet(plan.sheets, sheetScans);
  if (sheet === undefined) {
    return { scan: new LedgerScan(name, { keepLines, date1904 }), facts: { format: 'xlsx' }, plan, date1904 };
  }
  return {
    scan: scanOf(sheet),
    facts: { format: 'xlsx', sheet: sheet.name },
    plan: { ...plan, onlySheet: sheet.index },
    date1904,
  };
}

/** Gives out what the scan can release. */
async function releaseFrom(scan: LedgerScan, release: ScanRelease): Promise<void> {
  const lines = scan.release();
  if (lines.length > 0) await release.lines(lines);
}

/**
 * The sheets the ledger could be read from (visible ones, if any is) that have a header and payment
 * lines below it, good or bad, in tab order. Bad lines count: a sheet of payments whose amounts are
 * all unreadable is still payments, and passing it over would lose them without a word (a guidance
 * sheet of placeholders is refused with the rest, naming it, and can be deleted).
 */
function sheetsWithLines(
  sheets: readonly SheetInfo[],
  scans: ReadonlyMap<number, LedgerScan>,
): { sheet: SheetInfo; lines: number }[] {
  return candidateSheets(sheets).flatMap((sheet) => {
    const scan = scans.get(sheet.index);
    return scan?.header !== undefined && scan.dataLines > 0 ? [{ sheet, lines: scan.dataLines }] : [];
  });
}

/**
 * A workbook with payment lines on more than one sheet (a quarter's workbook with a sheet a month, say).
 * One sheet is the ledger of a file: reading the first would leave the others' payments out without a
 * word, so the file is refused, naming them.
 */
function severalLedgerSheets(
  name: string,
  found: readonly { sheet: SheetInfo; lines: number }[],
): TableFormatError {
  const listed = found.map(
    ({ sheet, lines }) => `"${sheet.name}" (${lines.toLocaleString('en-GB')} line${lines === 1 ? '' : 's'})`,
  );
  return new TableFormatError(
    `${name} has payment lines on ${found.length} sheets: ${listed.join(', ')}. A file is read from one sheet, so ` +
      'the payments on the others would be left out: save each sheet as a file of its own (e.g. File > Save As > CSV, one sheet at a time), ' +
      'or put every line on one sheet, and upload again.',
    'xlsx',
  );
}

/** Visible sheets, or every sheet when all are hidden, in the workbook's tab order. */
function candidateSheets(sheets: readonly SheetInfo[]): SheetInfo[] {
  const visible = sheets.filter((sheet) => !sheet.hidden);
  return (visible.length > 0 ? visible : [...sheets]).sort(
    (a, b) => a.position - b.position || a.index - b.index,
  );
}

/** A sheet for a workbook with no payment lines (it is then rejected, saying what was found). */
function chooseSheet(
  sheets: readonly SheetInfo[],
  scans: ReadonlyMap<number, LedgerScan>,
): SheetInfo | undefined {
  const candidates = candidateSheets(sheets);
  return (
    candidates.find((sheet) => scans.get(sheet.index)?.header !== undefined) ??
    candidates.find((sheet) => scans.get(sheet.index)?.hasContent === true) ??
    candidates[0]
  );
}
