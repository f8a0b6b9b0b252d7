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
 * Whether a number format shows a date (exceljs' rule: after removing `[…]` and `"…"`, any of `ymdhMsb`).
 * Loading a workbook whole, exceljs turns numbers and formula results in such cells into Dates.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || format === '') return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs' serial → Date, to the millisecond, in the 1900 or 1904 date system. */
export function dateFromSerial(serial: unknown, date1904: boolean): Date {
  return new Date(Math.round((Number(serial) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}
