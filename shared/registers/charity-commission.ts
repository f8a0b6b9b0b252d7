import { charityRegisterOf, normaliseCharityNumber } from '../suppliers/charity-number.ts';
import { normaliseCompanyNumber } from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { parseMoneyCell, parseYesNoCell } from '../suppliers/parse-reference-cell.ts';
import { normalisePostcode } from '../suppliers/postcode.ts';
import type { IsoDate, Pence } from '../types.ts';
import { RegisterFormatError } from './register-format-error.ts';
import {
  type ColumnNames,
  cleanOptionalText,
  cleanText,
  decodeRegisterText,
  findColumns,
  normaliseHeader,
  parseDayMonthYear,
  parseIsoDateTime,
  type ReadRegisterOptions,
  type RegisterDescription,
  splitTextLines,
  type TextLine,
} from './register-text.ts';

/** One row of the Charity Commission for England and Wales register extract (`publicextract.charity.txt`). */
export interface CharityRecord {
  /** Line of the file the row starts on (a row broken by stray line breaks spans several). */
  line: number;
  /** `date_of_extract`. */
  extractDate?: IsoDate;
  /** `organisation_number`: the Commission's key for this row (a main charity or a linked one). */
  organisationNumber: number;
  /** `registered_charity_number`, e.g. `1123456`; a main charity and its linked charities share it. */
  charityNumber: string;
  /** `linked_charity_number`: 0 for the main registration, else the linked (subsidiary) charity's number. */
  linkedCharityNumber: number;
  /** `charity_name` as registered (line breaks inside it read as spaces). */
  name: string;
  /** The name as suppliers are matched on it ({@link normaliseSupplierName}). */
  nameKey: string;
  /** `charity_type`, e.g. `Charitable company`, `CIO`, `Trust`; only main registrations carry one. */
  charityType?: string;
  /** `charity_registration_status`: `Registered` or `Removed`. */
  registrationStatus: string;
  registrationDate?: IsoDate;
  removalDate?: IsoDate;
  /** `latest_income`: total gross income on the latest annual return, in pence. */
  latestIncome?: Pence;
  /** `charity_contact_postcode`, normalised; `undefined` when blank or not a UK postcode. */
  postcode?: string;
  /** `charity_company_registration_number` in its 8-character form, when it is a company number. */
  companyNumber?: string;
  /** `charity_is_cio`. */
  isCio?: boolean;
  /** `cio_is_dissolved`: the CIO is to be dissolved. */
  cioIsDissolved?: boolean;
}

export const CHARITY_COMMISSION: RegisterDescription = {
  title: 'the Charity Commission register extract publicextract.charity.txt',
  advice:
    'give publicextract.charity.txt (the tab-separated "charity" file) as downloaded from the Charity Commission full register download and unzipped',
};

type CharityField =
  | 'extractDate'
  | 'organisationNumber'
  | 'charityNumber'
  | 'linkedCharityNumber'
  | 'name'
  | 'charityType'
  | 'registrationStatus'
  | 'registrationDate'
  | 'removalDate'
  | 'latestIncome'
  | 'postcode'
  | 'companyNumber'
  | 'isCio'
  | 'cioIsDissolved';

const COLUMNS: ColumnNames<CharityField> = {
  extractDate: ['date_of_extract'],
  organisationNumber: ['organisation_number'],
  charityNumber: ['registered_charity_number'],
  linkedCharityNumber: ['linked_charity_number'],
  name: ['charity_name'],
  charityType: ['charity_type'],
  registrationStatus: ['charity_registration_status'],
  registrationDate: ['date_of_registration'],
  removalDate: ['date_of_removal'],
  latestIncome: ['latest_income'],
  postcode: ['charity_contact_postcode'],
  companyNumber: ['charity_company_registration_number'],
  isCio: ['charity_is_cio'],
  cioIsDissolved: ['cio_is_dissolved'],
};

/** A row may span at most this many physical lines before the file is taken to be something else. */
const MAX_LINES_PER_ROW = 1000;

/**
 * What the first field of a row looks like, by the first column's name: how a line that starts a new
 * row is told from one that continues the last field of the row before.
 */
const FIRST_FIELD_SHAPES: Readonly<Record<string, RegExp>> = {
  date_of_extract: /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4})(?:[ T][\d:.]*)?$/,
  organisation_number: /^\d+$/,
};

/**
 * Reads the Charity Commission's `publicextract.charity.txt` as a stream of rows, holding one chunk
 * and one row at a time. The file is tab-separated with no quoting, so a line break inside a field
 * (the extract has some, often at a field's end) ends the physical line early: lines are joined,
 * the break kept as a space, until the row has as many fields as the header. Columns are found by
 * name. Linked charities are rows too (`linkedCharityNumber` > 0).
 *
 * Where a row ends is decided by looking one line ahead: a row with the header's number of fields
 * ends where the next non-blank line starts a row — its first field looks like the first column's
 * values (a `date_of_extract` date) — or where the file ends; otherwise that line, and the blank lines
 * before it, continue the row's last field. A row with fewer fields always takes the next line.
 *
 * @throws RegisterFormatError for a file that is not this register (missing columns are listed with
 *   those seen), a row that has too many fields or too few even joined with the lines after it, a file
 *   that ends inside a row, or an unreadable charity number, date, income or yes/no value.
 * @example
 * for await (const charity of readCharityCommission(name, bytes, { keep: (c) => c.linkedCharityNumber === 0 })) {
 *   extract.push(charity);
 * }
 */
export async function* readCharityCommission(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  options: ReadRegisterOptions<CharityRecord> = {},
): AsyncGenerator<CharityRecord> {
  let rows: TabRows | undefined;
  let read: ((row: TabRow) => CharityRecord) | undefined;
  const accept = (row: TabRow | undefined): CharityRecord | undefined => {
    if (row === undefined || read === undefined) return undefined;
    const charity = read(row);
    return options.keep === undefined || options.keep(charity) ? charity : undefined;
  };
  const lines = splitTextLines(file, decodeRegisterText(file, bytes, CHARITY_COMMISSION), CHARITY_COMMISSION);
  for await (const line of lines) {
    if (rows === undefined) {
      if (line.text.trim() === '') continue;
      const header = line.text.split('\t');
      read = charityReader(file, header, line.line);
      rows = new TabRows(file, header);
      continue;
    }
    const charity = accept(rows.push(line));
    if (charity !== undefined) yield charity;
  }
  if (rows === undefined) {
    throw new RegisterFormatError(
      { file, line: 1 },
      `the file is empty, so it is not ${CHARITY_COMMISSION.title}: ${CHARITY_COMMISSION.advice}`,
    );
  }
  const charity = accept(rows.end());
  if (charity !== undefined) yield charity;
}

/** One row of a tab-separated extract: the line it starts on and its fields. */
export interface TabRow {
  line: number;
  fields: string[];
}

/**
 * Joins physical lines into rows of exactly the header's width (see {@link readCharityCommission}),
 * holding at most one row, and the blank lines after it until the next line says whether they end it.
 */
export class TabRows {
  readonly #file: string;
  readonly #width: number;
  readonly #firstColumn: string;
  readonly #startsRow: (text: string) => boolean;
  #pending: { line: number; text: string; tabs: number; lines: number; blanks: string[] } | undefined;

  constructor(file: string, header: readonly string[]) {
    this.#file = file;
    this.#width = header.length;
    this.#firstColumn = (header[0] ?? '').replace(/^\ufeff/, '').trim();
    const shape = FIRST_FIELD_SHAPES[normaliseHeader(this.#firstColumn)];
    this.#startsRow = shape === undefined ? () => true : (text) => shape.test(firstField(text).trim());
  }

  /** Takes the next physical line; returns the row it completes, if any. */
  push({ line, text }: TextLine): TabRow | undefined {
    const blank = text.trim() === '';
    const tabs = countTabs(text);
    const pending = this.#pending;
    if (pending === undefined) {
      if (!blank) this.#start(line, text, tabs);
      return undefined;
    }
    const width = this.#width;
    if (pending.tabs < width - 1) {
      if (pending.tabs + tabs > width - 1) {
        throw new RegisterFormatError(
          { file: this.#file, line: pending.line },
          `this row has ${pending.tabs + 1} of the header's ${width} fields, and joining line ${line} to it would give ${pending.tabs + tabs + 1}: ` +
            `the row is cut short or a field holds a tab, so the file is damaged; download it again and ${CHARITY_COMMISSION.advice}`,
        );
      }
      this.#continue(line, text, tabs);
      return undefined;
    }
    // The row is complete unless this line continues its last field; a blank line cannot tell yet.
    if (blank) {
      pending.blanks.push(text);
      if (pending.lines + pending.blanks.length <= MAX_LINES_PER_ROW) return undefined;
      this.#pending = undefined;
      return this.#row(pending);
    }
    if (this.#startsRow(text)) {
      this.#start(line, text, tabs);
      return this.#row(pending);
    }
    if (tabs > 0) {
      throw new RegisterFormatError(
        { file: this.#file, line, value: firstField(text) },
        `this line neither starts a row (its first field "${firstField(text)}" is not like ${this.#firstColumn} values) ` +
          `nor continues the last field of the row on line ${pending.line} (it holds tabs): the file is damaged or is not ${CHARITY_COMMISSION.title}; ${CHARITY_COMMISSION.advice}`,
      );
    }
    this.#continue(line, text, tabs);
    return undefined;
  }

  /** The last row, at the end of the file. */
  end(): TabRow | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined) return undefined;
    if (pending.tabs < this.#width - 1) {
      throw new RegisterFormatError(
        { file: this.#file, line: pending.line },
        `the file ends inside this row, which has ${pending.tabs + 1} of the header's ${this.#width} fields: the file is cut short; download it again and ${CHARITY_COMMISSION.advice}`,
      );
    }
    return this.#row(pending);
  }

  #start(line: number, text: string, tabs: number): void {
    if (!this.#startsRow(text)) {
      throw new RegisterFormatError(
        { file: this.#file, line, value: firstField(text) },
        `this line should start a row, but its first field "${firstField(text)}" is not like ${this.#firstColumn} values: the file is damaged or is not ${CHARITY_COMMISSION.title}; ${CHARITY_COMMISSION.advice}`,
      );
    }
    if (tabs > this.#width - 1) {
      throw new RegisterFormatError(
        { file: this.#file, line },
        `this row has ${tabs + 1} fields where the header has ${this.#width}: a field holds a tab, or the file is not ${CHARITY_COMMISSION.title}; ${CHARITY_COMMISSION.advice}`,
      );
    }
    this.#pending = { line, text, tabs, lines: 1, blanks: [] };
  }

  #continue(line: number, text: string, tabs: number): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    pending.text += ['', ...pending.blanks, text].join('\n');
    pending.tabs += tabs;
    pending.lines += pending.blanks.length + 1;
    pending.blanks = [];
    if (pending.lines > MAX_LINES_PER_ROW) {
      throw new RegisterFormatError(
        { file: this.#file, line: pending.line },
        `this row goes on for more than ${MAX_LINES_PER_ROW} lines (to line ${line}) with ${pending.tabs + 1} of the header's ${this.#width} fields: the file is not ${CHARITY_COMMISSION.title} or is damaged; ${CHARITY_COMMISSION.advice}`,
      );
    }
  }

  #row(pending: { line: number; text: string }): TabRow {
    return { line: pending.line, fields: pending.text.split('\t') };
  }
}

function countTabs(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\t'); at !== -1; at = text.indexOf('\t', at + 1)) count++;
  return count;
}

function firstField(text: string): string {
  const at = text.indexOf('\t');
  return at === -1 ? text : text.slice(0, at);
}

function charityReader(
  file: string,
  header: readonly string[],
  headerLine: number,
): (row: TabRow) => CharityRecord {
  const at = findColumns(file, header, headerLine, COLUMNS, CHARITY_COMMISSION);
  const columnName = (index: number): string => (header[index] ?? '').replace(/^\ufeff/, '').trim();

  return ({ line, fields }) => {
    const field = (index: number): string => cleanText(fields[index]);
    const fail = (index: number, problem: string): RegisterFormatError =>
      new RegisterFormatError(
        { file, line, column: columnName(index), value: field(index) },
        `"${field(index)}" ${problem}: the file is damaged or is not ${CHARITY_COMMISSION.title}; ${CHARITY_COMMISSION.advice}`,
      );
    const whole = (index: number): number => {
      const text = field(index);
      if (!/^\d+$/.test(text)) throw fail(index, 'is not a whole number');
      return Number(text);
    };
    const date = (index: number): IsoDate | undefined => {
      const text = field(index);
      if (text === '') return undefined;
      const iso = parseIsoDateTime(text) ?? parseDayMonthYear(text);
      if (iso === undefined) throw fail(index, 'is not a date (YYYY-MM-DD, as the extract writes them)');
      return iso;
    };
    const yesNo = (index: number): boolean | undefined => {
      const reading = parseYesNoCell(field(index));
      if (!reading.ok) throw fail(index, 'is not True or False');
      return reading.value;
    };

    const charityNumber = normaliseCharityNumber(field(at.charityNumber));
    if (charityNumber === undefined || charityRegisterOf(charityNumber) !== 'england-and-wales') {
      throw fail(at.charityNumber, 'is not a charity number of England and Wales');
    }
    const income = parseMoneyCell(field(at.latestIncome));
    if (!income.ok) throw fail(at.latestIncome, 'is not an amount of income in pounds');
    const name = field(at.name);
    const extractDate = date(at.extractDate);
    const charityType = cleanOptionalText(fields[at.charityType]);
    const registrationDate = date(at.registrationDate);
    const removalDate = date(at.removalDate);
    const postcode = normalisePostcode(field(at.postcode));
    const companyNumber = normaliseCompanyNumber(field(at.companyNumber));
    const isCio = yesNo(at.isCio);
    const cioIsDissolved = yesNo(at.cioIsDissolved);
    return {
      line,
      ...(extractDate === undefined ? {} : { extractDate }),
      organisationNumber: whole(at.organisationNumber),
      charityNumber,
      linkedCharityNumber: whole(at.linkedCharityNumber),
      name,
      nameKey: normaliseSupplierName(name),
      ...(charityType === undefined ? {} : { charityType }),
      registrationStatus: field(at.registrationStatus),
      ...(registrationDate === undefined ? {} : { registrationDate }),
      ...(removalDate === undefined ? {} : { removalDate }),
      ...(income.value === undefined ? {} : { latestIncome: income.value }),
      ...(postcode === undefined ? {} : { postcode }),
      ...(companyNumber === undefined ? {} : { companyNumber }),
      ...(isCio === undefined ? {} : { isCio }),
      ...(cioIsDissolved === undefined ? {} : { cioIsDissolved }),
    };
  };
}
