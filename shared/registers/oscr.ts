import { charityRegisterOf, normaliseCharityNumber } from '../suppliers/charity-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { parseMoneyCell } from '../suppliers/parse-reference-cell.ts';
import { normalisePostcode } from '../suppliers/postcode.ts';
import type { IsoDate, Pence } from '../types.ts';
import { RegisterFormatError } from './register-format-error.ts';
import {
  type ColumnNames,
  type CsvRow,
  cleanOptionalText,
  cleanText,
  findColumns,
  findOptionalColumns,
  parseDayMonthYear,
  type ReadRegisterOptions,
  type RegisterDescription,
  readCsvRegister,
} from './register-text.ts';

/** One charity from the Scottish Charity Register download (OSCR, `CharityExport-DD-Mon-YYYY.csv`). */
export interface ScottishCharityRecord {
  /** Line of the file the charity's record starts on. */
  line: number;
  /** `Charity Number`, e.g. `SC012345`. */
  charityNumber: string;
  /** `Charity Name` as registered. */
  name: string;
  /** The name as suppliers are matched on it ({@link normaliseSupplierName}). */
  nameKey: string;
  /** `Known As`, another name the charity uses. */
  knownAs?: string;
  registeredDate?: IsoDate;
  /** `Ceased Date`, in the former-charities download. */
  ceasedDate?: IsoDate;
  /** `Charity Status`, e.g. `Active`, `Removed`. */
  status: string;
  /** `Postcode`, normalised; `undefined` when blank or not a UK postcode. */
  postcode?: string;
  /** `Constitutional Form`, e.g. `SCIO (Scottish Charitable Incorporated Organisation)`. */
  constitutionalForm: string;
  /** `Most recent year income`, in pence. */
  latestIncome?: Pence;
  /** `Year End` of the most recent year. */
  yearEnd?: IsoDate;
  /** `Parent charity number`, as written. */
  parentCharityNumber?: string;
  /** `Regulatory Type`, e.g. `Standard`, `Cross Border`. */
  regulatoryType?: string;
}

export const OSCR: RegisterDescription = {
  title: 'the Scottish Charity Register download (OSCR CharityExport…csv)',
  advice:
    'give the CharityExport-DD-Mon-YYYY.csv from the Scottish Charity Regulator (OSCR) register download, unzipped',
};

type OscrField =
  | 'charityNumber'
  | 'name'
  | 'registeredDate'
  | 'status'
  | 'postcode'
  | 'constitutionalForm'
  | 'latestIncome';

const COLUMNS: ColumnNames<OscrField> = {
  charityNumber: ['Charity Number'],
  name: ['Charity Name'],
  registeredDate: ['Registered Date'],
  status: ['Charity Status'],
  postcode: ['Postcode'],
  constitutionalForm: ['Constitutional Form'],
  latestIncome: ['Most recent year income'],
};

type OptionalOscrField = 'knownAs' | 'ceasedDate' | 'yearEnd' | 'parentCharityNumber' | 'regulatoryType';

const OPTIONAL_COLUMNS: ColumnNames<OptionalOscrField> = {
  knownAs: ['Known As'],
  ceasedDate: ['Ceased Date'],
  yearEnd: ['Year End'],
  parentCharityNumber: ['Parent charity number'],
  regulatoryType: ['Regulatory Type'],
};

/**
 * Reads the Scottish Charity Register download as a stream of charities, holding one chunk and one
 * record at a time. Columns are found by name (some published names carry a leading space, such as
 * ` Next year end date`); `Known As`, `Ceased Date`, `Year End`, `Parent charity number` and
 * `Regulatory Type` are read when present.
 *
 * @throws RegisterFormatError for a file that is not this register (missing columns are listed with
 *   those seen), a record with a different number of fields from the header, a charity number that is
 *   not `SC…`, a date that is not `DD/MM/YYYY` or an income that is not an amount.
 * @example
 * for await (const charity of readScottishCharities(name, bytes, { keep: (c) => wanted.has(c.charityNumber) })) {
 *   extract.push(charity);
 * }
 */
export async function* readScottishCharities(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  options: ReadRegisterOptions<ScottishCharityRecord> = {},
): AsyncGenerator<ScottishCharityRecord> {
  yield* readCsvRegister(file, bytes, OSCR, scottishCharityReader, options);
}

function scottishCharityReader(file: string, header: CsvRow): (row: CsvRow) => ScottishCharityRecord {
  const at = findColumns(file, header.fields, header.line, COLUMNS, OSCR);
  const optional = findOptionalColumns(header.fields, OPTIONAL_COLUMNS);
  const columnName = (index: number): string => (header.fields[index] ?? '').trim();

  return ({ line, fields }) => {
    const field = (index: number | undefined): string =>
      index === undefined ? '' : cleanText(fields[index]);
    const fail = (index: number, problem: string): RegisterFormatError =>
      new RegisterFormatError(
        { file, line, column: columnName(index), value: field(index) },
        `"${field(index)}" ${problem}: the file is damaged or is not ${OSCR.title}; ${OSCR.advice}`,
      );
    const date = (index: number | undefined): IsoDate | undefined => {
      const text = field(index);
      if (index === undefined || text === '') return undefined;
      const iso = parseDayMonthYear(text);
      if (iso === undefined) throw fail(index, 'is not a date written DD/MM/YYYY');
      return iso;
    };

    const charityNumber = normaliseCharityNumber(field(at.charityNumber));
    if (charityNumber === undefined || charityRegisterOf(charityNumber) !== 'scotland') {
      throw fail(at.charityNumber, 'is not a Scottish charity number (SC followed by six digits)');
    }
    const income = parseMoneyCell(field(at.latestIncome));
    if (!income.ok) throw fail(at.latestIncome, 'is not an amount of income in pounds');
    const name = field(at.name);
    const postcode = normalisePostcode(field(at.postcode));
    const knownAs = cleanOptionalText(field(optional.knownAs));
    const registeredDate = date(at.registeredDate);
    const ceasedDate = date(optional.ceasedDate);
    const yearEnd = date(optional.yearEnd);
    const parentCharityNumber = cleanOptionalText(field(optional.parentCharityNumber));
    const regulatoryType = cleanOptionalText(field(optional.regulatoryType));
    return {
      line,
      charityNumber,
      name,
      nameKey: normaliseSupplierName(name),
      ...(knownAs === undefined ? {} : { knownAs }),
      ...(registeredDate === undefined ? {} : { registeredDate }),
      ...(ceasedDate === undefined ? {} : { ceasedDate }),
      status: field(at.status),
      ...(postcode === undefined ? {} : { postcode }),
      constitutionalForm: field(at.constitutionalForm),
      ...(income.value === undefined ? {} : { latestIncome: income.value }),
      ...(yearEnd === undefined ? {} : { yearEnd }),
      ...(parentCharityNumber === undefined ? {} : { parentCharityNumber }),
      ...(regulatoryType === undefined ? {} : { regulatoryType }),
    };
  };
}
