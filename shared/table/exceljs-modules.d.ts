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
