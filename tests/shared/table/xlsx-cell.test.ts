import { describe, expect, it } from 'vitest';
import { isDateFormat } from '../../../shared/table/xlsx-cell.ts';

describe('isDateFormat', () => {
  it.each([
    'dd/mm/yyyy',
    '[$-809]dd/mm/yyyy',
    '[Red]dd/mm/yyyy',
    'mmm-yy',
    'mm-dd-yy',
    'd-mmm-yy;@',
    'dd\\/mm\\/yyyy',
    '"Paid "dd mmm',
    'h:mm AM/PM',
    'hh:mm:ss',
    'yyyy-mm-dd hh:mm',
    // Elapsed time: a duration in days, taken as a time as exceljs takes h:mm, so a ledger amount in it is refused, not read.
    '[h]:mm',
    '[h]',
    '[mm]:ss',
    '[SS]',
  ])('takes %s for a date or time', (format) => {
    expect(isDateFormat(format)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'General',
    '0.00',
    '0.00E+00',
    '#,##0.00;[Red]-#,##0.00',
    '[Red]0.00',
    '[$£-809]#,##0.00',
    '[DBNum1]0',
    // A backslash makes the next character literal text; "…" is text.
    '#,##0,,\\M',
    '#,##0.00,,\\M',
    '0.0\\m',
    '"m"0',
    '0.0" days"',
    '[>=1000000]0.0,,"M";0',
    // _x is a space as wide as x, *x fills the cell with x.
    '#,##0_m',
    '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
    '0*d',
  ])('takes %s for no date', (format) => {
    expect(isDateFormat(format)).toBe(false);
  });
});
