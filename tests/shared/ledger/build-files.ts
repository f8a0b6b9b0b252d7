import ExcelJS from 'exceljs';
import type { InputFile } from '../../../shared/types.ts';

const CP1252_EXTRAS: Readonly<Record<string, number>> = {
  '€': 0x80,
  '–': 0x96,
  '—': 0x97,
  '‘': 0x91,
  '’': 0x92,
};

/** Text → Windows-1252 bytes, as Excel writes "CSV" on a UK Windows machine. */
export function encodeWindows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => {
    const extra = CP1252_EXTRAS[char];
    if (extra !== undefined) return extra;
    const code = char.charCodeAt(0);
    if (code > 0xff || (code >= 0x80 && code <= 0x9f))
      throw new Error(`cannot encode ${char} in Windows-1252`);
    return code;
  });
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function withBom(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
}

/** Lines joined with CRLF into a UTF-8 CSV file. */
export function csvFile(lines: readonly string[], name = 'ledger.csv'): InputFile {
  return { name, bytes: utf8(`${lines.join('\r\n')}\r\n`) };
}

/** A CSV with the usual header and one line per `[date, supplier, amount]`. */
export function simpleCsv(
  rows: readonly (readonly [string, string, string])[],
  name = 'ledger.csv',
): InputFile {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return csvFile(['Date,Supplier,Amount', ...rows.map((row) => row.map(quote).join(','))], name);
}

/** `count` good lines dated in April 2020 (day above 12 decides DMY). */
export function goodRows(count: number): [string, string, string][] {
  return Array.from({ length: count }, (_, i) => [
    `${13 + (i % 15)}/04/2020`,
    `Supplier ${i + 1} Ltd`,
    '100.00',
  ]);
}

export type SheetContent = { name: string; rows: ExcelJS.CellValue[][]; state?: 'visible' | 'hidden' };

/** Writes a workbook with exceljs and returns its bytes. Row arrays start at column A. */
export async function xlsxFile(sheets: readonly SheetContent[], name = 'ledger.xlsx'): Promise<InputFile> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, sheet.state ? { state: sheet.state } : {});
    sheet.rows.forEach((row, index) => {
      row.forEach((value, column) => {
        if (value !== null && value !== undefined) worksheet.getCell(index + 1, column + 1).value = value;
      });
    });
  }
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
