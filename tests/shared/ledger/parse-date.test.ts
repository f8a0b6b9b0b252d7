import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideDateOrder,
  isLeapYear,
  isoFromExcelSerial,
  isoFromParts,
  parseDate,
  readDateCell,
} from '../../../shared/ledger/index.ts';

describe('readDateCell', () => {
  it.each([
    ['2020-04-02', '2020-04-02', 'iso'],
    ['2020-04-02 00:00:00', '2020-04-02', 'iso'],
    ['2020-04-02T00:00:00.000Z', '2020-04-02', 'iso'],
    ['05-Apr-20', '2020-04-05', 'n-mmm-yy'],
    ['07-SEP-2020 ', '2020-09-07', 'n-mmm-yyyy'],
    ['5 April 2020', '2020-04-05', 'n mmmm yyyy'],
    ['31-Aug-20', '2020-08-31', 'n-mmm-yy'],
    ['1st Sept 2020', '2020-09-01', 'n mmmm yyyy'],
    ['April 5, 2020', '2020-04-05', 'mmmm n, yyyy'],
    ['20200402', '2020-04-02', 'yyyymmdd'],
    ['43923', '2020-04-02', 'excel-serial'],
  ])('reads %j at once as %s (style %s)', (text, iso, style) => {
    expect(readDateCell(text)).toEqual({ kind: 'date', iso, style });
  });

  it.each([
    ['02/04/2020', 'n/n/yyyy', 2, 4, 2020],
    ['7/31/2020', 'n/n/yyyy', 7, 31, 2020],
    ['28/02/21', 'n/n/yy', 28, 2, 2021],
    ['02.04.2020', 'n.n.yyyy', 2, 4, 2020],
    ['02-04-2020', 'n-n-yyyy', 2, 4, 2020],
    ['02/04/2020 00:00', 'n/n/yyyy', 2, 4, 2020],
  ])(
    'holds %j back as a numeric %s date until the file decides its order',
    (text, style, first, second, year) => {
      expect(readDateCell(text)).toMatchObject({ kind: 'numeric', style, first, second, year });
    },
  );

  it('reads a workbook Date by its UTC calendar day', () => {
    expect(readDateCell(new Date(Date.UTC(2020, 3, 3)))).toEqual({
      kind: 'date',
      iso: '2020-04-03',
      style: 'date-cell',
    });
  });

  it('reads a workbook number as an Excel serial, dropping the time of day', () => {
    expect(readDateCell(43923.75)).toEqual({ kind: 'date', iso: '2020-04-02', style: 'excel-serial' });
  });

  it('reads serials in the 1904 date system when the workbook uses it', () => {
    expect(readDateCell(42461, { date1904: true })).toEqual({
      kind: 'date',
      iso: '2020-04-02',
      style: 'excel-serial',
    });
  });

  it.each([
    ['', 'the date is empty'],
    ['13/13/2020', 'neither 13 nor 13 can be a month'],
    ['05-Foo-20', '"Foo" is not a month'],
    ['2020-02-30', 'February 2020 has 29 days'],
    ['2021-02-29', 'February 2021 has 28 days'],
    ['next Tuesday', '"next Tuesday" is not a date'],
    ['12345', 'out of range'],
    ['1899-04-01', 'year 1899 is outside'],
  ])('explains why %j is not a date', (text, reason) => {
    const reading = readDateCell(text);
    expect(reading).toMatchObject({ kind: 'bad' });
    expect(reading.kind === 'bad' ? reading.reason : '').toContain(reason);
  });
});

describe('parseDate', () => {
  it('decides the order of a single value from a part above 12', () => {
    expect(parseDate('7/31/2020')).toEqual({ ok: true, value: '2020-07-31' });
    expect(parseDate('31/07/2020')).toEqual({ ok: true, value: '2020-07-31' });
  });

  it('refuses an ambiguous value unless the order is given', () => {
    expect(parseDate('02/04/2020').ok).toBe(false);
    expect(parseDate('02/04/2020', 'DMY')).toEqual({ ok: true, value: '2020-04-02' });
    expect(parseDate('02/04/2020', 'MDY')).toEqual({ ok: true, value: '2020-02-04' });
  });

  it('rejects the 31st of a 30-day month, naming the month', () => {
    const result = parseDate('31/04/2020', 'DMY');
    expect(result).toEqual({
      ok: false,
      reason: '"31/04/2020" is not a calendar date: April 2020 has 30 days',
    });
  });

  it('rejects implausible years', () => {
    expect(parseDate('01/04/1920', 'DMY').ok).toBe(false);
  });

  it('reads two-digit years as 20yy', () => {
    expect(parseDate('28/02/21')).toEqual({ ok: true, value: '2021-02-28' });
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseDate('29/02/2020', 'DMY')).toEqual({ ok: true, value: '2020-02-29' });
    expect(parseDate('29/02/2021', 'DMY').ok).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
  });

  it('reads any calendar date written day-first, month-first or ISO back to the same date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const iso = isoFromParts(year, month, day);
          fc.pre(iso.ok);
          const expected = { ok: true, value: iso.ok ? iso.value : '' };
          expect(parseDate(`${day}/${month}/${year}`, 'DMY')).toEqual(expected);
          expect(parseDate(`${month}/${day}/${year}`, 'MDY')).toEqual(expected);
          const monthName = 'JanFebMarAprMayJunJulAugSepOctNovDec'.slice(month * 3 - 3, month * 3);
          expect(parseDate(`${day}-${monthName}-${year}`)).toEqual(expected);
          if (year >= 2000)
            expect(parseDate(`${day}-${monthName}-${String(year % 100).padStart(2, '0')}`)).toEqual(expected);
          expect(parseDate(iso.ok ? iso.value : '')).toEqual(expected);
        },
      ),
    );
  });
});

describe('isoFromExcelSerial', () => {
  it('counts from 30 December 1899 for serials after Excel’s phantom 29 February 1900', () => {
    expect(isoFromExcelSerial(43923)).toEqual({ ok: true, value: '2020-04-02' });
    expect(isoFromExcelSerial(36526)).toEqual({ ok: true, value: '2000-01-01' });
  });

  it('refuses serial 60, the 29 February 1900 that never was', () => {
    const result = isoFromExcelSerial(60);
    expect(result.ok ? '' : result.reason).toContain('29 February 1900');
  });

  it('agrees with the calendar for every plausible serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 32874, max: 73050 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        expect(isoFromExcelSerial(serial)).toEqual({ ok: true, value: expected });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decideDateOrder', () => {
  const sample = (text: string, line: number) => {
    const [first = 0, second = 0] = text.split('/').map(Number);
    return { style: 'n/n/yyyy', first, second, line, text };
  };

  it('decides day-first from a first part above 12, citing the value and line', () => {
    const outcome = decideDateOrder('n/n/yyyy', [sample('02/04/2020', 2), sample('31/03/2021', 7)]);
    expect(outcome).toEqual({
      ok: true,
      style: 'n/n/yyyy',
      order: 'DMY',
      evidence: '"31/03/2021" on line 7 has a day above 12 in first place',
    });
  });

  it('decides month-first from a second part above 12', () => {
    const outcome = decideDateOrder('n/n/yyyy', [sample('9/30/2020', 2), sample('10/31/2020', 3)]);
    expect(outcome).toMatchObject({
      ok: true,
      order: 'MDY',
      evidence: '"9/30/2020" on line 2 has a day above 12 in second place',
    });
  });

  it('calls values that point both ways inconsistent', () => {
    const outcome = decideDateOrder('n/n/yyyy', [sample('31/03/2021', 2), sample('3/31/2021', 5)]);
    expect(outcome).toMatchObject({ ok: false, problem: 'inconsistent', line: 5, text: '3/31/2021' });
  });

  it('calls values with no part above 12 undecidable, unless the order is forced', () => {
    const samples = [sample('02/04/2020', 2), sample('05/06/2020', 3)];
    const outcome = decideDateOrder('n/n/yyyy', samples);
    expect(outcome).toMatchObject({ ok: false, problem: 'undecidable', line: 2 });
    expect(outcome.ok ? '' : outcome.reason).toContain('"02/04/2020" on line 2, "05/06/2020" on line 3');
    expect(outcome.ok ? '' : outcome.reason).toContain(
      "--date-order DMY on the command line, dateOrder in the pipeline's settings",
    );
    expect(decideDateOrder('n/n/yyyy', samples, 'MDY')).toMatchObject({ ok: true, order: 'MDY' });
  });
});
