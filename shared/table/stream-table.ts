import { ByteReader, type OpenBytes } from './byte-reader.ts';
import { type CsvLayout, streamCsvRows } from './csv-rows.ts';
import { chooseTextDecoding, fallbackDecoding, NotUtf8Error, UTF16_SNIFF_BYTES } from './decode-text.ts';
import type { CsvSplitterOptions } from './split-csv.ts';
import {
  detectFormat,
  legacyWorkbookError,
  recogniseOtherDocument,
  TableFormatError,
  type TableRow,
} from './table-types.ts';
import { readXlsxLayout, type SheetInfo, streamXlsxRows, type XlsxLayout } from './xlsx-rows.ts';

/** How a file was read in a first pass, so that later passes read it the same way. */
export type TablePlan =
  | { format: 'csv'; csv: CsvLayout }
  | { format: 'xlsx'; xlsx: XlsxLayout; sheets: SheetInfo[]; onlySheet?: number };

/** Receives rows in file order, in batches; `sheet` is undefined for CSV. */
export interface TableSink {
  rows(rows: TableRow[], sheet: SheetInfo | undefined): void | Promise<void>;
  /**
   * The CSV turned out not to be UTF-8 and is read again from the start as Windows-1252: awaited
   * before the first row of that read.
   */
  restart(): void | Promise<void>;
}

/**
 * Streams a CSV or XLSX file's rows to `sink`, deciding the format from the bytes, without holding
 * the file. Calls `open` for each read and reads its bytes to the end: a CSV is read once (twice when
 * a late byte shows it is Windows-1252, not UTF-8), a workbook twice (its shared strings and styles
 * come after the sheets). Given the plan a first call returned, reads the file again the same way in
 * one read, detecting nothing (of a workbook, only sheet `onlySheet`). `csv`: how a CSV's cells are cut
 * from its text (see `CsvSplitterOptions`).
 *
 * @throws TableFormatError when the bytes are not a readable table (a legacy .xls, a PDF or web page,
 *   binary data, a damaged or oversized workbook, unclosed quotes).
 */
export async function streamTable(
  name: string,
  open: OpenBytes,
  sink: TableSink,
  plan?: TablePlan,
  csv: CsvSplitterOptions = {},
): Promise<TablePlan> {
  let reader = new ByteReader(open());
  try {
    const head = await reader.head(UTF16_SNIFF_BYTES);
    const format = detectFormat(head);
    if (plan !== undefined && plan.format !== format) {
      throw new TableFormatError(
        `${name} changed between reads: it was ${plan.format}, now ${format}`,
        format,
      );
    }
    if (format === 'xls') {
      await reader.drain();
      throw legacyWorkbookError(name);
    }
    if (format === 'xlsx') {
      let layout = plan?.format === 'xlsx' ? plan.xlsx : undefined;
      if (layout === undefined) {
        layout = await readXlsxLayout(name, reader);
        await reader.close();
        reader = new ByteReader(open());
      }
      const onlySheet = plan?.format === 'xlsx' ? plan.onlySheet : undefined;
      const sheets = await streamXlsxRows(
        name,
        reader,
        layout,
        (rows, sheet) => sink.rows(rows, sheet),
        onlySheet,
      );
      return { format: 'xlsx', xlsx: layout, sheets };
    }
    const other = plan === undefined ? recogniseOtherDocument(name, head) : undefined;
    if (other !== undefined) {
      await reader.drain();
      throw other;
    }
    const known = plan?.format === 'csv' ? plan.csv : undefined;
    let decoding = known?.decoding ?? chooseTextDecoding(head);
    for (;;) {
      try {
        const layout = await streamCsvRows(
          name,
          reader,
          decoding,
          known?.delimiter,
          (rows) => sink.rows(rows, undefined),
          csv,
        );
        return { format: 'csv', csv: layout };
      } catch (error) {
        if (!(error instanceof NotUtf8Error) || known !== undefined) throw error;
        await reader.close();
        reader = new ByteReader(open());
        decoding = fallbackDecoding(decoding);
        await sink.restart();
      }
    }
  } finally {
    await reader.close();
  }
}
