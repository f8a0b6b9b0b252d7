import type { OpenBytes } from '../table/byte-reader.ts';
import { streamTable, type TablePlan } from '../table/stream-table.ts';
import { TableFormatError } from '../table/table-types.ts';
import type { SheetInfo } from '../table/xlsx-rows.ts';
import type { LedgerFile } from '../types.ts';
import { LedgerScan } from './ledger-scan.ts';

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
 * The first pass over a ledger's bytes: every row through a `LedgerScan` — one per worksheet of a
 * workbook, of which the ledger's is chosen as a full load always chose it (the first visible sheet
 * with a header, else the first with content).
 */
export async function scanLedgerBytes(
  name: string,
  open: OpenBytes,
  options: { keepLines: number },
): Promise<ScannedLedger> {
  const { keepLines } = options;
  let csvScan = new LedgerScan(name, { keepLines });
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
    plan = await streamTable(name, open, {
      rows: (rows, sheet) => {
        const scan = sheet === undefined ? csvScan : scanOf(sheet);
        for (const row of rows) scan.add(row);
      },
      restart: () => {
        csvScan = new LedgerScan(name, { keepLines });
      },
    });
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
  const sheet = chooseSheet(plan.sheets, sheetScans);
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

function chooseSheet(
  sheets: readonly SheetInfo[],
  scans: ReadonlyMap<number, LedgerScan>,
): SheetInfo | undefined {
  const visible = sheets.filter((sheet) => !sheet.hidden);
  const candidates = (visible.length > 0 ? visible : [...sheets]).sort(
    (a, b) => a.position - b.position || a.index - b.index,
  );
  return (
    candidates.find((sheet) => scans.get(sheet.index)?.header !== undefined) ??
    candidates.find((sheet) => scans.get(sheet.index)?.hasContent === true) ??
    candidates[0]
  );
}
