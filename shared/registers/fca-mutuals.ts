import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { normalisePostcode } from '../suppliers/postcode.ts';
import type { IsoDate } from '../types.ts';
import { RegisterFormatError } from './register-format-error.ts';
import {
  type ColumnNames,
  type CsvRow,
  cleanText,
  findColumns,
  findOptionalColumns,
  parseDayMonthYear,
  type ReadRegisterOptions,
  type RegisterDescription,
  readCsvRegister,
} from './register-text.ts';

/** One society from the FCA Mutuals Public Register download (`SocietyList.csv`). */
export interface SocietyRecord {
  /** Line of the file the society's record starts on. */
  line: number;
  /**
   * `Full Registation Number` (sic) as the FCA writes it, upper case without spaces: e.g. `30720R` for
   * an older society, digits alone for a newer one.
   */
  registrationNumber: string;
  /** `Society Name` as registered. */
  name: string;
  /** The name as suppliers are matched on it ({@link normaliseSupplierName}). */
  nameKey: string;
  /** `Registered As`, e.g. `Community Benefit Society`, `Co-operative Society`, `Credit Union`. */
  registeredAs: string;
  /** `Society Status`, e.g. `Registered`, `Deregistered`. */
  status: string;
  /** `Society Address`, postcode included. */
  address: string;
  /** The postcode that ends the address ({@link findTrailingPostcode}). */
  postcode?: string;
  registrationDate?: IsoDate;
  deregistrationDate?: IsoDate;
}

export const FCA_MUTUALS: RegisterDescription = {
  title: 'the FCA Mutuals Public Register download (SocietyList.csv)',
  advice: 'give SocietyList.csv as downloaded from mutuals.fca.org.uk ("Download the register")',
};

type SocietyField = 'registrationNumber' | 'name' | 'registeredAs' | 'address' | 'status';

const COLUMNS: ColumnNames<SocietyField> = {
  // The register really spells it "Registation"; the corrected spelling is taken too, should it be fixed.
  registrationNumber: ['Full Registation Number', 'Full Registration Number'],
  name: ['Society Name'],
  registeredAs: ['Registered As'],
  address: ['Society Address'],
  status: ['Society Status'],
};

const OPTIONAL_COLUMNS: ColumnNames<'registrationDate' | 'deregistrationDate'> = {
  registrationDate: ['Registration Date'],
  deregistrationDate: ['Deregistration Date'],
};

/** What may follow the postcode at the end of an address (checked a character at a time: no backtracking). */
const TRAILING = /[\s,.;]/;

/**
 * The UK postcode an address ends with (its last word, else its last two), normalised, ignoring
 * trailing commas and full stops; `undefined` when the address does not end with one.
 *
 * @example
 * findTrailingPostcode('1 High Street, Maidstone, Kent, me14 1xx.') // → 'ME14 1XX'
 */
export function findTrailingPostcode(address: string): string | undefined {
  let end = address.length;
  while (end > 0 && TRAILING.test(address.charAt(end - 1))) end--;
  const words = address
    .slice(0, end)
    .split(/[\s,;]+/)
    .filter((word) => word !== '');
  const last = words.at(-1);
  if (last === undefined) return undefined;
  const beforeLast = words.at(-2);
  return (
    normalisePostcode(last) ??
    (beforeLast === undefined ? undefined : normalisePostcode(`${beforeLast} ${last}`))
  );
}

/**
 * Reads the FCA Mutuals Public Register download as a stream of societies, holding one chunk and one
 * record at a time. Columns are found by name (the file starts with a BOM; the registration number
 * column is spelled `Full Registation Number`); the postcode is taken from the end of the address.
 *
 * @throws RegisterFormatError for a file that is not this register (missing columns are listed with
 *   those seen), a record with a different number of fields from the header, a society without a
 *   registration number, or a date that is not `DD/MM/YYYY`.
 * @example
 * for await (const society of readMutualSocieties(name, bytes, { keep: (s) => wantedNames.has(s.nameKey) })) {
 *   extract.push(society);
 * }
 */
export async function* readMutualSocieties(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  options: ReadRegisterOptions<SocietyRecord> = {},
): AsyncGenerator<SocietyRecord> {
  yield* readCsvRegister(file, bytes, FCA_MUTUALS, societyReader, options);
}

function societyReader(file: string, header: CsvRow): (row: CsvRow) => SocietyRecord {
  const at = findColumns(file, header.fields, header.line, COLUMNS, FCA_MUTUALS);
  const optional = findOptionalColumns(header.fields, OPTIONAL_COLUMNS);
  const columnName = (index: number): string => (header.fields[index] ?? '').replace(/^\ufeff/, '').trim();

  return ({ line, fields }) => {
    const field = (index: number | undefined): string =>
      index === undefined ? '' : cleanText(fields[index]);
    const date = (index: number | undefined): IsoDate | undefined => {
      const text = field(index);
      if (index === undefined || text === '') return undefined;
      const iso = parseDayMonthYear(text);
      if (iso === undefined) {
        throw new RegisterFormatError(
          { file, line, column: columnName(index), value: text },
          `"${text}" is not a date written DD/MM/YYYY: the file is damaged or is not ${FCA_MUTUALS.title}; ${FCA_MUTUALS.advice}`,
        );
      }
      return iso;
    };

    const registrationNumber = field(at.registrationNumber).replace(/\s+/g, '').toUpperCase();
    if (registrationNumber === '') {
      throw new RegisterFormatError(
        { file, line, column: columnName(at.registrationNumber) },
        `the society has no registration number: the file is damaged or is not ${FCA_MUTUALS.title}; ${FCA_MUTUALS.advice}`,
      );
    }
    const name = field(at.name);
    const address = field(at.address);
    const postcode = findTrailingPostcode(address);
    const registrationDate = date(optional.registrationDate);
    const deregistrationDate = date(optional.deregistrationDate);
    return {
      line,
      registrationNumber,
      name,
      nameKey: normaliseSupplierName(name),
      registeredAs: field(at.registeredAs),
      status: field(at.status),
      address,
      ...(postcode === undefined ? {} : { postcode }),
      ...(registrationDate === undefined ? {} : { registrationDate }),
      ...(deregistrationDate === undefined ? {} : { deregistrationDate }),
    };
  };
}
