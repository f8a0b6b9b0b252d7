/**
 * exceljs's reader and workbook, each from its own module: the package's main module loads both
 * with the streaming writer and its archiver, so a bundle that reads XLSX (the ingest) would carry
 * the writer too. Typed from the package's own declarations.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type * as ExcelJS from 'exceljs';

  const WorkbookReader: typeof ExcelJS.stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}

declare module 'exceljs/lib/xlsx/xform/book/workbook-properties-xform.js' {
  /** The parser of `<workbookPr>` (exceljs 4.4): its model's `date1904`. */
  export default class WorkbookPropertiesXform {
    model: { date1904?: boolean } | undefined;
    parseOpen(node: { name: string; attributes: Record<string, string | undefined> }): boolean;
  }
}

declare module 'exceljs/lib/doc/workbook.js' {
  import type * as ExcelJS from 'exceljs';

  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}

declare module 'exceljs/lib/utils/utils.js' {
  /** exceljs' helpers (4.4): its readers ask `isDateFmt` whether a cell's number format shows a date. */
  const utils: { isDateFmt(format: string | undefined): boolean };
  export default utils;
}

declare module 'exceljs/lib/xlsx/xform/style/numfmt-xform.js' {
  /** The parser of a `<numFmt>` (exceljs 4.4): its model's format code. */
  export default class NumFmtXform {
    model: { id: number; formatCode: string } | undefined;
    parseOpen(node: { name: string; attributes: Record<string, string | undefined> }): boolean;
  }
}
