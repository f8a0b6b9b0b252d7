import { normaliseCompanyNumber } from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { normalisePostcode } from '../suppliers/postcode.ts';
import type { IsoDate } from '../types.ts';
import { RegisterFormatError } from './register-format-error.ts';
import {
  type ColumnNames,
  type CsvRow,
  cleanOptionalText,
  cleanText,
  findColumns,
  findNumberedColumns,
  parseDayMonthYear,
  type ReadRegisterOptions,
  type RegisterDescription,
  readCsvRegister,
} from './register-text.ts';

/** One company from the Companies House Free Company Data Product (`BasicCompanyData…csv`). */
export interface CompanyRecord {
  /** Line of the file the company's record starts on. */
  line: number;
  /** `CompanyName` as registered (upper case, says LIMITED). */
  name: string;
  /** The name as suppliers are matched on it ({@link normaliseSupplierName}). */
  nameKey: string;
  /** `CompanyNumber` in its 8-character form (`01234567`, `SC012345`, `CE000123`, `IP28037R`). */
  companyNumber: string;
  /** `RegAddress.PostCode`, normalised; `undefined` when blank or not a UK postcode. */
  postcode?: string;
  /** `CompanyCategory`, e.g. `Private Limited Company`, `Community Interest Company`. */
  category: string;
  /** `CompanyStatus`, e.g. `Active`, `Liquidation`, `Active - Proposal to Strike off`. */
  status: string;
  dissolutionDate?: IsoDate;
  incorporationDate?: IsoDate;
  /** `Accounts.AccountCategory`, e.g. `MICRO ENTITY`, `TOTAL EXEMPTION FULL`, `FULL`; `undefined` when blank. */
  accountsCategory?: string;
  /** `SICCode.SicText_1…4` that are filled in, e.g. `86101 - Hospital activities`. */
  sicCodes: string[];
  /** `PreviousName_1…10.CompanyName` that are filled in, most recent first (as the file orders them). */
  previousNames: string[];
}

export const COMPANIES_HOUSE: RegisterDescription = {
  title: 'the Companies House Free Company Data Product (BasicCompanyData…csv)',
  advice:
    'give BasicCompanyDataAsOneFile-YYYY-MM-01.csv, or one of its BasicCompanyData-YYYY-MM-01-partN_7.csv files, as downloaded from download.companieshouse.gov.uk and unzipped',
};

type CompanyField =
  | 'name'
  | 'companyNumber'
  | 'postcode'
  | 'category'
  | 'status'
  | 'dissolutionDate'
  | 'incorporationDate'
  | 'accountsCategory';

const COLUMNS: ColumnNames<CompanyField> = {
  name: ['CompanyName'],
  companyNumber: ['CompanyNumber'],
  postcode: ['RegAddress.PostCode'],
  category: ['CompanyCategory'],
  status: ['CompanyStatus'],
  dissolutionDate: ['DissolutionDate'],
  incorporationDate: ['IncorporationDate'],
  accountsCategory: ['Accounts.AccountCategory'],
};

const SIC_COLUMN = /^siccode\.sictext_(\d+)$/;
const PREVIOUS_NAME_COLUMN = /^previousname_(\d+)\.companyname$/;

/**
 * Reads the Companies House Free Company Data Product as a stream of companies, holding one chunk
 * and one record at a time, whatever the file's size. Columns are found by name (the published
 * header has names with a leading space, such as ` CompanyNumber`); every `SICCode.SicText_N` and
 * `PreviousName_N.CompanyName` column present is read.
 *
 * @throws RegisterFormatError for a file that is not this register (missing columns are listed with
 *   those seen), a record with a different number of fields from the header, a company number that
 *   is not one, or a date that is not `DD/MM/YYYY`.
 * @example
 * for await (const company of readCompaniesHouse(name, bytes, { keep: (c) => wanted.has(c.companyNumber) })) {
 *   extract.push(company);
 * }
 */
export async function* readCompaniesHouse(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  options: ReadRegisterOptions<CompanyRecord> = {},
): AsyncGenerator<CompanyRecord> {
  yield* readCsvRegister(file, bytes, COMPANIES_HOUSE, companyReader, options);
}

function companyReader(file: string, header: CsvRow): (row: CsvRow) => CompanyRecord {
  const at = findColumns(file, header.fields, header.line, COLUMNS, COMPANIES_HOUSE);
  const sicColumns = findNumberedColumns(header.fields, SIC_COLUMN).map((column) => column.index);
  const previousNameColumns = findNumberedColumns(header.fields, PREVIOUS_NAME_COLUMN).map(
    (column) => column.index,
  );
  const columnName = (index: number): string => (header.fields[index] ?? '').trim();

  return (row) => {
    const { line, fields } = row;
    const field = (index: number): string => fields[index] ?? '';
    const date = (index: number): IsoDate | undefined => {
      const text = field(index).trim();
      if (text === '') return undefined;
      const iso = parseDayMonthYear(text);
      if (iso === undefined) {
        throw new RegisterFormatError(
          { file, line, column: columnName(index), value: text },
          `"${text}" is not a date written DD/MM/YYYY, as this register writes them: ${COMPANIES_HOUSE.advice}`,
        );
      }
      return iso;
    };
    const rawNumber = field(at.companyNumber).trim();
    const companyNumber = normaliseCompanyNumber(rawNumber);
    if (companyNumber === undefined) {
      throw new RegisterFormatError(
        { file, line, column: columnName(at.companyNumber), value: rawNumber },
        `"${rawNumber}" is not a company number: the file is damaged, or is not ${COMPANIES_HOUSE.title}; ${COMPANIES_HOUSE.advice}`,
      );
    }
    const name = cleanText(field(at.name));
    const postcode = normalisePostcode(field(at.postcode));
    const dissolutionDate = date(at.dissolutionDate);
    const incorporationDate = date(at.incorporationDate);
    const accountsCategory = cleanOptionalText(field(at.accountsCategory));
    return {
      line,
      name,
      nameKey: normaliseSupplierName(name),
      companyNumber,
      ...(postcode === undefined ? {} : { postcode }),
      category: cleanText(field(at.category)),
      status: cleanText(field(at.status)),
      ...(dissolutionDate === undefined ? {} : { dissolutionDate }),
      ...(incorporationDate === undefined ? {} : { incorporationDate }),
      ...(accountsCategory === undefined ? {} : { accountsCategory }),
      sicCodes: filledIn(fields, sicColumns),
      previousNames: filledIn(fields, previousNameColumns),
    };
  };
}

function filledIn(fields: readonly string[], columns: readonly number[]): string[] {
  const values: string[] = [];
  for (const index of columns) {
    const value = cleanOptionalText(fields[index]);
    if (value !== undefined) values.push(value);
  }
  return values;
}
