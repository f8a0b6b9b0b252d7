import type ExcelJS from 'exceljs';
import type { Cell } from './table-types.ts';

/** An exceljs cell value as a table cell: rich text joined, formulas by their cached result, errors as their code. */
export function toCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? null : toCell(result);
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : toCell(text as ExcelJS.CellValue);
  }
  return null;
}

/**
 * Whether a number format shows a date or time: whether any of `ymdhMsb` is a code in it, not text.
 * exceljs' rule, except that it took the characters of `\x` (a literal x), `_x` (a space as wide as x)
 * and `*x` (x repeated to fill the cell) for codes, so an amount shown as `#,##0,,\M` (millions) or
 * `0.0_m` was read as a date. `"…"` is text and `[…]` a colour, condition or locale, except the
 * elapsed-time codes `[h]`, `[mm]`, `[ss]`, which count: a ledger's amount in such a cell is then
 * refused as a date rather than read as the day count a duration stores.
 * Loading a workbook whole, exceljs turns numbers and formula results in such cells into Dates.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || format === '') return false;
  for (let at = 0; at < format.length; at++) {
    const char = format[at] as string;
    if (char === '\\' || char === '_' || char === '*') {
      at++;
    } else if (char === '"') {
      const close = format.indexOf('"', at + 1);
      if (close !== -1) at = close;
    } else if (char === '[') {
      const close = format.indexOf(']', at + 1);
      if (close === -1) continue;
      if (ELAPSED_TIME.test(format.slice(at + 1, close))) return true;
      at = close;
    } else if (DATE_CODE.test(char)) {
      return true;
    }
  }
  return false;
}

const DATE_CODE = /[ymdhMsb]/;
const ELAPSED_TIME = /^(?:h+|m+|s+)$/i;

/** exceljs' serial → Date, to the millisecond, in the 1900 or 1904 date system. */
export function dateFromSerial(serial: unknown, date1904: boolean): Date {
  return new Date(Math.round((Number(serial) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}
