import { type Parser, parse } from 'csv-parse';
import { findPostcodeLookupColumns, PostcodeLookupError } from '../classify/postcode-lookup.ts';
import type { IsoDate } from '../types.ts';
import { datingOf, REGISTER_DESCRIPTIONS, type RegisterKind } from './detect-register.ts';
import { RegisterFormatError } from './register-format-error.ts';
import { extractDateOf, type RegisterRecord, readRegisterRecords } from './register-readers.ts';
import { decodeRegisterText, MAX_RECORD_CHARACTERS, type RegisterDescription } from './register-text.ts';

/** What reading a whole register file found: how many rows, of which edition, in which statuses. */
export interface RegisterFileSurvey {
  rows: number;
  /** The line the last row starts on. */
  lastLine: number;
  /** The date the register is of: from its name (Companies House, OSCR) or its `date_of_extract` column. */
  dated?: IsoDate;
  datedFrom?: 'file-name' | 'date_of_extract';
  /**
   * Rows by status as the register words it (`Active`, `Registered`, `Removed`, …); past
   * {@link STATUSES_COUNTED} distinct values the rest count under `(other)`.
   */
  statuses: Record<string, number>;
}

/** What reading a whole ONS postcode lookup found. */
export interface PostcodeLookupSurvey {
  rows: number;
  lastLine: number;
  columns: { postcode: string; district: string };
}

/** Distinct status values counted by name; a register has a handful, a damaged file could have millions. */
export const STATUSES_COUNTED = 40;
const OTHER_STATUS = '(other)';

export const ONS_POSTCODE_LOOKUP: RegisterDescription = {
  title: 'an ONS postcode lookup (NSPL, ONSPD or a PCD→LAD CSV)',
  advice:
    'give the National Statistics Postcode Lookup (NSPL) or ONS Postcode Directory (ONSPD) CSV as downloaded from the ONS Open Geography Portal and unzipped',
};

/**
 * Reads a register download from its first byte to its last with the reader the report uses, holding one
 * chunk and one row at a time and keeping no row, so that a file damaged anywhere — cut short inside a
 * quote, a record of the wrong width on line 3,004,211, bytes that are not UTF-8, another register's rows
 * appended — is refused when it arrives rather than when a report reads it.
 *
 * @throws RegisterFormatError naming the file, line, column and value, and saying what to do; also for a
 *   file with a header but no rows.
 * @example
 * const survey = await readWholeRegister('BasicCompanyData-2025-07-01-part1_7.csv', 'companies-house', bytes);
 * survey.rows; // → 850000
 */
export async function readWholeRegister(
  file: string,
  register: RegisterKind,
  bytes: AsyncIterable<Uint8Array>,
): Promise<RegisterFileSurvey> {
  let rows = 0;
  let lastLine = 1;
  let extractDate: IsoDate | undefined;
  const statuses = new Map<string, number>();
  const count = (line: number, status: string): false => {
    rows++;
    lastLine = line;
    const key = statuses.has(status) || statuses.size < STATUSES_COUNTED ? status : OTHER_STATUS;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    return false;
  };
  const records = readRegisterRecords(register, file, bytes, (row) => {
    extractDate ??= extractDateOf(row);
    return count(row.line, statusOf(row));
  });
  for await (const _ of records) {
    // `keep` turns every row down: nothing is held.
  }
  if (rows === 0) throw noRows(file, REGISTER_DESCRIPTIONS[register]);
  return {
    rows,
    lastLine,
    ...datingOf(register, file, extractDate),
    statuses: Object.fromEntries([...statuses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/**
 * Reads an ONS postcode lookup from its first byte to its last with csv-parse set as the report reads it,
 * checking besides that the text is UTF-8 and every record is as wide as the header.
 *
 * @throws RegisterFormatError naming the file, line and what to do.
 * @example
 * const survey = await readWholePostcodeLookup('NSPL_MAY_2025_UK.csv', bytes);
 * survey.columns; // → { postcode: 'pcds', district: 'laua' }
 */
export async function readWholePostcodeLookup(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
): Promise<PostcodeLookupSurvey> {
  const records = new LookupRecords(file);
  for await (const text of decodeRegisterText(file, bytes, ONS_POSTCODE_LOOKUP)) records.write(text);
  await records.end();
  if (records.columns === undefined) {
    throw new RegisterFormatError(
      { file, line: 1 },
      `the file is empty, so it is not ${ONS_POSTCODE_LOOKUP.title}: ${ONS_POSTCODE_LOOKUP.advice}`,
    );
  }
  if (records.rows === 0) throw noRows(file, ONS_POSTCODE_LOOKUP);
  return { rows: records.rows, lastLine: records.lastLine, columns: records.columns };
}

/** A record's status as its register words it. */
const statusOf = (row: RegisterRecord): string =>
  'registrationStatus' in row ? row.registrationStatus : row.status;

function noRows(file: string, register: RegisterDescription): RegisterFormatError {
  return new RegisterFormatError(
    { file, line: 2 },
    `the file has its header but no rows, so it is cut short; download it again and ${register.advice}`,
  );
}

/** csv-parse as `loadReportInputs` sets it, fed text as it arrives; each record checked and dropped. */
class LookupRecords {
  rows = 0;
  lastLine = 1;
  columns: { postcode: string; district: string } | undefined;
  readonly #file: string;
  readonly #parser: Parser;
  #width = 0;
  #error: Error | undefined;

  constructor(file: string) {
    this.#file = file;
    this.#parser = parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
      max_record_size: MAX_RECORD_CHARACTERS,
    });
    this.#parser.on('error', (error: Error) => {
      this.#error ??= error;
    });
  }

  write(text: string): void {
    if (this.#error === undefined) {
      this.#parser.write(text);
      this.#error ??= this.#parser.errored ?? undefined;
    }
    this.#take();
  }

  async end(): Promise<void> {
    if (this.#error === undefined) {
      await new Promise<void>((resolve) => {
        this.#parser.once('finish', resolve);
        this.#parser.once('error', () => resolve());
        this.#parser.end();
      });
    }
    this.#take();
  }

  #take(): void {
    if (this.#error !== undefined) throw this.#csvError(this.#error);
    for (
      let read = this.#parser.read() as { record: string[]; info: { lines: number } } | null;
      read !== null;
      read = this.#parser.read()
    ) {
      const { record, info } = read;
      if (this.columns === undefined) {
        this.#header(record, info.lines);
        continue;
      }
      if (record.length !== this.#width) {
        throw new RegisterFormatError(
          { file: this.#file, line: info.lines, value: shorten(record.join(',')) },
          `this record has ${record.length} fields where the header has ${this.#width}: the file is damaged or cut short; download it again and ${ONS_POSTCODE_LOOKUP.advice}`,
        );
      }
      this.rows++;
      this.lastLine = info.lines;
    }
  }

  #header(record: string[], line: number): void {
    try {
      this.columns = findPostcodeLookupColumns(record);
    } catch (error) {
      if (!(error instanceof PostcodeLookupError)) throw error;
      throw new RegisterFormatError({ file: this.#file, line }, error.message);
    }
    this.#width = record.length;
  }

  #csvError(error: Error): RegisterFormatError {
    const lines = (error as { lines?: unknown }).lines;
    const line = typeof lines === 'number' ? lines : this.lastLine + 1;
    const code = (error as { code?: unknown }).code;
    const problem =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quote (") that is never closed: the file is cut short or damaged'
        : `it could not be read as CSV (${error.message})`;
    return new RegisterFormatError(
      { file: this.#file, line },
      `${problem}; download it again and ${ONS_POSTCODE_LOOKUP.advice}`,
    );
  }
}

const shorten = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
