import { MONTH_NAMES } from '../periods/financial-year.ts';
import type { Cell } from '../table/read-table.ts';
import { shortenText } from '../table/shorten-text.ts';
import type { DateOrder, IsoDate } from '../types.ts';
import { fail, type Parsed, succeed } from './parsed.ts';

/**
 * A date cell read on its own. Numeric dates such as `02/04/2020` cannot be read alone: they wait,
 * as `numeric`, until the file's own values decide the day/month order of their style.
 */
export type DateReading =
  | { kind: 'date'; iso: IsoDate; style: string }
  | { kind: 'numeric'; style: string; first: number; second: number; year: number; text: string }
  | { kind: 'bad'; reason: string };

/** One numeric date waiting for its style's order, with where it came from. */
export interface NumericDateSample {
  style: string;
  first: number;
  second: number;
  line: number;
  text: string;
}

export type DateOrderOutcome =
  | { ok: true; style: string; order: DateOrder; evidence: string }
  | {
      ok: false;
      style: string;
      problem: 'undecidable' | 'inconsistent';
      reason: string;
      line: number;
      text: string;
    };

/** Month numbers by written name: in full, first three letters, or `sept` (lower case). */
const MONTHS: Readonly<Record<string, number>> = Object.fromEntries([
  ...MONTH_NAMES.flatMap((name, index) => [
    [name.toLowerCase(), index + 1],
    [name.slice(0, 3).toLowerCase(), index + 1],
  ]),
  ['sept', 9],
]);

const FIRST_YEAR = 1990;
const LAST_YEAR = 2099;
const FIRST_SERIAL = 20000;
const LAST_SERIAL = 80000;
/** Excel serial of 1970-01-01 in the 1900 date system (counting its phantom 29 Feb 1900). */
const SERIAL_OF_UNIX_EPOCH = 25569;
/** Excel serial of 1970-01-01 in the 1904 date system. */
const SERIAL_OF_UNIX_EPOCH_1904 = 24107;

const HINT = 'write it like 31/03/2021 or 2021-03-31';
/** Longer text is no date (the longest read, an ISO date and time with an offset, is about 30 characters). */
const MAX_DATE_TEXT = 64;
const TIME = /(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AP]M)?(?:Z|[+-]\d{2}:?\d{2})?)$/i;

/** Whether `year` is a leap year in the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether the parts name a day of the calendar within the plausible payment years ({@link isoFromParts}' test). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= FIRST_YEAR &&
    year <= LAST_YEAR &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** `YYYY-MM-DD` from calendar parts, or why they are not a calendar date. */
export function isoFromParts(year: number, month: number, day: number, shown?: string): Parsed<IsoDate> {
  if (isCalendarDate(year, month, day)) return succeed(formatIsoDate(year, month, day));
  const what = shown === undefined ? `${year}-${month}-${day}` : `"${shown}"`;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    return fail(
      `${what} is not a plausible payment date: the year ${year} is outside ${FIRST_YEAR}–${LAST_YEAR}`,
    );
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    return fail(`${what} is not a date: there is no month ${month}; ${HINT}`);
  }
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    return fail(
      `${what} is not a calendar date: ${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth(year, month)} days`,
    );
  }
  return succeed(formatIsoDate(year, month, day));
}

function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Calendar date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`, integers only). */
export function isoFromEpochDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Date of an Excel serial day number; the time of day is dropped. In the 1900 system Excel counts a
 * 29 February 1900 that never was (serial 60), so serials from 61 are one day later than a plain count.
 */
export function isoFromExcelSerial(serial: number, date1904 = false): Parsed<IsoDate> {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1) return fail(`${serial} is not an Excel date serial`);
  if (!date1904 && day === 60)
    return fail('serial 60 is 29 February 1900, which Excel counts but never existed');
  const epochDays = date1904
    ? day - SERIAL_OF_UNIX_EPOCH_1904
    : day > 60
      ? day - SERIAL_OF_UNIX_EPOCH
      : day - SERIAL_OF_UNIX_EPOCH + 1;
  const { year, month, day: dayOfMonth } = isoFromEpochDays(epochDays);
  return isoFromParts(year, month, dayOfMonth, String(serial));
}

/**
 * Reads one date cell. Workbook dates (JS `Date`, read by their UTC day), Excel serials, ISO dates and
 * dates with a month name are read at once; numeric dates wait for their style's order.
 */
export function readDateCell(cell: Cell, options: { date1904?: boolean } = {}): DateReading {
  if (cell === null) return { kind: 'bad', reason: `the date is empty: fill in the payment date; ${HINT}` };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { kind: 'bad', reason: 'the date cell holds an invalid date' };
    const parts = isoFromParts(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return parts.ok
      ? { kind: 'date', iso: parts.value, style: 'date-cell' }
      : { kind: 'bad', reason: parts.reason };
  }
  if (typeof cell === 'number') return readSerial(cell, String(cell), options.date1904 === true);
  if (typeof cell === 'boolean')
    return { kind: 'bad', reason: `"${String(cell).toUpperCase()}" is not a date; ${HINT}` };
  return readDateText(cell, options);
}

function readSerial(serial: number, shown: string, date1904: boolean): DateReading {
  if (serial < FIRST_SERIAL || serial >= LAST_SERIAL + 1) {
    return {
      kind: 'bad',
      reason: `"${shown}" is not a date (as an Excel date number it is out of range); ${HINT}`,
    };
  }
  const iso = isoFromExcelSerial(serial, date1904);
  return iso.ok
    ? { kind: 'date', iso: iso.value, style: 'excel-serial' }
    : { kind: 'bad', reason: iso.reason };
}

function readDateText(raw: string, options: { date1904?: boolean }): DateReading {
  const shown = raw
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim()
    .replace(/^'/, '');
  if (shown === '') return { kind: 'bad', reason: `the date is empty: fill in the payment date; ${HINT}` };
  if (shown.length > MAX_DATE_TEXT) {
    return {
      kind: 'bad',
      reason: `"${shortenText(shown)}" is not a date: it is far too long for one; ${HINT}`,
    };
  }
  const text = shown.replace(TIME, '').trim();
  const known = (year: number, month: number, day: number, style: string): DateReading => {
    const iso = isoFromParts(year, month, day, shown);
    return iso.ok ? { kind: 'date', iso: iso.value, style } : { kind: 'bad', reason: iso.reason };
  };

  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (m)
    return known(Number(m[1]), Number(m[3]), Number(m[4]), m[2] === '-' ? 'iso' : `yyyy${m[2]}n${m[2]}n`);

  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[3]);
    const year = fullYear(m[4] ?? '');
    const style = `n${m[2]}n${m[2]}${(m[4] ?? '').length === 4 ? 'yyyy' : 'yy'}`;
    if (first === 0 || second === 0 || first > 31 || second > 31 || (first > 12 && second > 12)) {
      return {
        kind: 'bad',
        reason: `"${shown}" is not a date: neither ${first} nor ${second} can be a month; ${HINT}`,
      };
    }
    return { kind: 'numeric', style, first, second, year, text: shown };
  }

  m = /^(\d{1,2})(?:st|nd|rd|th)?([-/. ]+)([A-Za-z]{3,9})\.?[-/. ,]+(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const month = MONTHS[(m[3] ?? '').toLowerCase()];
    if (month === undefined)
      return { kind: 'bad', reason: `"${shown}" is not a date: "${m[3]}" is not a month; ${HINT}` };
    const separator = (m[2] ?? '').trim() === '' ? ' ' : (m[2] ?? '').trim();
    const style = `n${separator}${(m[3] ?? '').length === 3 ? 'mmm' : 'mmmm'}${separator}${(m[4] ?? '').length === 4 ? 'yyyy' : 'yy'}`;
    return known(fullYear(m[4] ?? ''), month, Number(m[1]), style);
  }

  m = /^([A-Za-z]{3,9})\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    if (month !== undefined) return known(Number(m[3]), month, Number(m[2]), 'mmmm n, yyyy');
  }

  m = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) return known(Number(m[1]), Number(m[2]), Number(m[3]), 'yyyymmdd');

  if (/^\d{5}(\.\d+)?$/.test(text)) return readSerial(Number(text), shown, options.date1904 === true);

  return { kind: 'bad', reason: `"${shown}" is not a date; ${HINT}` };
}

/**
 * Decides the day/month order of one numeric style from the file's own values: a first part above 12
 * means day first, a second part above 12 means month first. Neither is undecidable unless `forced`;
 * both is inconsistent.
 */
export function decideDateOrder(
  style: string,
  samples: readonly NumericDateSample[],
  forced?: DateOrder,
): DateOrderOutcome {
  const dayFirst = samples.find((sample) => sample.first > 12);
  const monthFirst = samples.find((sample) => sample.second > 12);
  if (dayFirst && monthFirst) {
    return {
      ok: false,
      style,
      problem: 'inconsistent',
      line: monthFirst.line,
      text: monthFirst.text,
      reason:
        `the ${style} dates disagree on day/month order: "${dayFirst.text}" on line ${dayFirst.line} has a day above 12 in first place ` +
        `but "${monthFirst.text}" on line ${monthFirst.line} has one in second place; re-export the file with one date format`,
    };
  }
  if (dayFirst) {
    return {
      ok: true,
      style,
      order: 'DMY',
      evidence: `"${dayFirst.text}" on line ${dayFirst.line} has a day above 12 in first place`,
    };
  }
  if (monthFirst) {
    return {
      ok: true,
      style,
      order: 'MDY',
      evidence: `"${monthFirst.text}" on line ${monthFirst.line} has a day above 12 in second place`,
    };
  }
  if (forced) {
    return {
      ok: true,
      style,
      order: forced,
      evidence: `no ${style} date has a part above 12; ${forced} was given by the dateOrder option`,
    };
  }
  const examples = samples
    .slice(0, 3)
    .map((sample) => `"${sample.text}" on line ${sample.line}`)
    .join(', ');
  const first = samples[0];
  return {
    ok: false,
    style,
    problem: 'undecidable',
    line: first?.line ?? 0,
    text: first?.text ?? '',
    reason:
      `the day/month order of the ${style} dates cannot be decided: no value has a part above 12 (${examples}); ` +
      `re-export with unambiguous dates (e.g. 2021-03-31 or 31-Mar-2021) or set the date order, DMY or MDY: --date-order DMY on the command line, dateOrder in the pipeline's settings (socval.config.json)`,
  };
}

/** The calendar date of a numeric date once its style's order is known. */
export function resolveNumericDate(
  reading: { first: number; second: number; year: number; text: string },
  order: DateOrder,
): Parsed<IsoDate> {
  const [day, month] = order === 'DMY' ? [reading.first, reading.second] : [reading.second, reading.first];
  return isoFromParts(reading.year, month, day, reading.text);
}

/**
 * Reads a single date on its own (no file to decide the order from): a numeric date must decide its own
 * order, or `order` must be given.
 *
 * @example
 * parseDate('7/31/2020') // → { ok: true, value: '2020-07-31' }
 */
export function parseDate(
  cell: Cell,
  order?: DateOrder,
  options: { date1904?: boolean } = {},
): Parsed<IsoDate> {
  const reading = readDateCell(cell, options);
  if (reading.kind === 'bad') return fail(reading.reason);
  if (reading.kind === 'date') return succeed(reading.iso);
  const decided = decideDateOrder(reading.style, [{ ...reading, line: 0 }], order);
  if (!decided.ok) {
    return fail(
      `"${reading.text}" could be day/month or month/day; pass the order or write it like 2021-03-31`,
    );
  }
  return resolveNumericDate(reading, decided.order);
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}
