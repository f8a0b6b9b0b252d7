import { LineEndNormaliser } from '../table/csv-rows.ts';
import { ChunkDecoder, NotUtf8Error } from '../table/decode-text.ts';
import { type CsvProblem, type CsvRow, CsvSplitter } from '../table/split-csv.ts';
import type { IsoDate } from '../types.ts';
import { RegisterFormatError } from './register-format-error.ts';

export type { CsvRow } from '../table/split-csv.ts';

/** What every register reader takes besides the bytes. */
export interface ReadRegisterOptions<T> {
  /** Keeps only the records it returns true for (e.g. those that can match the trust's suppliers). */
  keep?: (record: T) => boolean;
}

/** A register as its readers name it in messages: what it is, and what to give instead. */
export interface RegisterDescription {
  /** e.g. `the Companies House Free Company Data Product`. */
  title: string;
  /** What to do instead, e.g. `give BasicCompanyDataAsOneFile-YYYY-MM-01.csv as downloaded, unzipped`. */
  advice: string;
}

/** One physical line of text: its 1-based number and its text without the line end. */
export interface TextLine {
  line: number;
  text: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((byte, i) => bytes[i] === byte);

/**
 * The text of a register file, chunk by chunk: UTF-8 checked strictly, a leading BOM dropped, and
 * characters split across chunks joined. Holds one chunk at a time.
 *
 * @throws RegisterFormatError for a ZIP or gzip archive (as downloaded, before unzipping) and for bytes
 *   that are not UTF-8 (naming the line they are on).
 */
export async function* decodeRegisterText(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  register: RegisterDescription,
): AsyncGenerator<string> {
  const decoder = new ChunkDecoder({ encoding: 'utf-8', skip: 0 });
  let linesSoFar = 1;
  let head: Uint8Array | undefined = new Uint8Array(0);
  let atStart = true;
  const decode = (chunk: Uint8Array | undefined): string => {
    let text: string;
    try {
      text = chunk === undefined ? decoder.end() : decoder.decode(chunk);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      const line = linesSoFar + (chunk === undefined ? 0 : countLinesBeforeBadByte(chunk));
      throw new RegisterFormatError(
        { file, line },
        `the bytes are not UTF-8 text, so this is not ${register.title} as published (it is UTF-8): ${register.advice}`,
      );
    }
    if (atStart && text !== '') {
      text = text.replace(/^\ufeff/, '');
      atStart = false;
    }
    linesSoFar += countNewlines(text);
    return text;
  };
  const checkHead = (bytes: Uint8Array): void => {
    if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, GZIP_MAGIC)) {
      throw new RegisterFormatError(
        { file, line: 1 },
        `this is a compressed archive (ZIP or gzip), not ${register.title}: unzip it and ${register.advice}`,
      );
    }
  };
  for await (const chunk of bytes) {
    if (chunk.length === 0) continue;
    let next = chunk;
    if (head !== undefined) {
      head = concatBytes(head, chunk);
      if (head.length < ZIP_MAGIC.length) continue;
      checkHead(head);
      next = head;
      head = undefined;
    }
    const text = decode(next);
    if (text !== '') yield text;
  }
  if (head !== undefined) {
    checkHead(head);
    const text = decode(head);
    if (text !== '') yield text;
  }
  const rest = decode(undefined);
  if (rest !== '') yield rest;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Lines before the first byte a non-fatal decoder cannot read, counted from the start of the chunk. */
function countLinesBeforeBadByte(chunk: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(chunk);
  const bad = text.indexOf('\ufffd');
  return countNewlines(bad === -1 ? text : text.slice(0, bad));
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Longest line or record a register reader holds before taking the file for something else. */
export const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * Physical lines of text arriving in chunks, numbered from 1. A line ends at `\n` (a `\r` before it
 * is dropped, even when the chunk boundary falls between them); a last line without a line end counts
 * too, an empty one after a final line end does not.
 *
 * @throws RegisterFormatError for a line longer than {@link MAX_RECORD_CHARACTERS} (no line ends at all).
 */
export async function* splitTextLines(
  file: string,
  texts: AsyncIterable<string>,
  register: RegisterDescription,
): AsyncGenerator<TextLine> {
  let carry = '';
  let line = 1;
  for await (const text of texts) {
    carry += text;
    let start = 0;
    for (let end = carry.indexOf('\n'); end !== -1; end = carry.indexOf('\n', start)) {
      const stop = end > start && carry.charCodeAt(end - 1) === 13 ? end - 1 : end;
      yield { line, text: carry.slice(start, stop) };
      line++;
      start = end + 1;
    }
    carry = carry.slice(start);
    if (carry.length > MAX_RECORD_CHARACTERS) {
      throw new RegisterFormatError(
        { file, line },
        `this line runs on for more than ${MAX_RECORD_CHARACTERS.toLocaleString('en-GB')} characters, so this is not ${register.title}: ${register.advice}`,
      );
    }
  }
  if (carry !== '') yield { line, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

/**
 * The records of a CSV register: the first row is the header, from which `readerFor` makes the
 * function that reads each later row (finding columns by name, so it throws for a file that is not
 * this register); rows `keep` turns down are dropped as they are read.
 *
 * @throws RegisterFormatError for an empty file, for a record with more or fewer fields than the
 *   header, and whatever `readerFor` and the reader throw.
 */
export async function* readCsvRegister<T>(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  register: RegisterDescription,
  readerFor: (file: string, header: CsvRow) => (row: CsvRow) => T,
  options: ReadRegisterOptions<T>,
): AsyncGenerator<T> {
  let read: ((row: CsvRow) => T) | undefined;
  let width = 0;
  for await (const row of readCsvRows(file, bytes, register)) {
    if (read === undefined) {
      read = readerFor(file, row);
      width = row.fields.length;
      continue;
    }
    if (row.fields.length !== width) {
      throw new RegisterFormatError(
        { file, line: row.line },
        `this record has ${row.fields.length} fields where the header has ${width}: the file is damaged or cut short; download it again and ${register.advice}`,
      );
    }
    const record = read(row);
    if (options.keep === undefined || options.keep(record)) yield record;
  }
  if (read === undefined) {
    throw new RegisterFormatError(
      { file, line: 1 },
      `the file is empty, so it is not ${register.title}: ${register.advice}`,
    );
  }
}

/**
 * CSV records of a register file, each with the line it starts on, read chunk by chunk (see
 * {@link CsvSplitter}: quotes as RFC 4180, a stray quote kept as written). Line ends are read as one
 * each whether `\r\n`, `\r` or `\n`, inside quoted fields too. Blank lines are skipped but counted.
 *
 * @throws RegisterFormatError when the text cannot be read as CSV: a quote that never closes, or a
 *   record longer than {@link MAX_RECORD_CHARACTERS} (which a stray quote would otherwise make of the
 *   rest of the file).
 */
export async function* readCsvRows(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  register: RegisterDescription,
): AsyncGenerator<CsvRow> {
  const splitter = new CsvSplitter(',', MAX_RECORD_CHARACTERS);
  const lineEnds = new LineEndNormaliser();
  // A chunk in which the splitter finds a problem gives none of its records: the error comes first.
  const checked = (rows: CsvRow[]): CsvRow[] => {
    if (splitter.problem !== undefined) {
      throw new RegisterFormatError(
        { file, line: splitter.nextLine },
        `could not be read as CSV (${describeProblem(splitter.problem)}), so this is not ${register.title} as published, or it is damaged: ${register.advice}`,
      );
    }
    return withoutBlankLines(rows);
  };
  for await (const text of decodeRegisterText(file, bytes, register)) {
    yield* checked(splitter.write(lineEnds.normalise(text)));
  }
  yield* checked(splitter.write(lineEnds.end()));
  yield* checked(splitter.end());
}

function describeProblem(problem: CsvProblem): string {
  return problem === 'quote-not-closed'
    ? 'a quoted field in this record never closes'
    : `a record runs on for more than ${MAX_RECORD_CHARACTERS.toLocaleString('en-GB')} characters (a quote that never closes?)`;
}

function withoutBlankLines(rows: CsvRow[]): CsvRow[] {
  return rows.filter((row) => row.fields.length > 1 || row.fields[0] !== '');
}

/** How a header names a column, for matching: BOM and surrounding spaces dropped, inner spaces collapsed, lower case. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\ufeff/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The columns a reader needs: for each field, the header names it may have (the first is the published one). */
export type ColumnNames<K extends string> = Readonly<Record<K, readonly string[]>>;

/** Where each field's column is in the header (0-based), found by name. */
export type ColumnIndexes<K extends string> = Readonly<Record<K, number>>;

const SEEN_LISTED = 20;

/**
 * Finds each field's column in a header by name (see {@link normaliseHeader}), never by position; the first
 * column of a name wins.
 *
 * @throws RegisterFormatError listing every missing column and the columns seen, when any is missing.
 */
export function findColumns<K extends string>(
  file: string,
  header: readonly string[],
  line: number,
  names: ColumnNames<K>,
  register: RegisterDescription,
): ColumnIndexes<K> {
  const byKey = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    if (!byKey.has(key)) byKey.set(key, index);
  });
  const found: Partial<Record<K, number>> = {};
  const missing: string[] = [];
  for (const field of Object.keys(names) as K[]) {
    const index = names[field].map((name) => byKey.get(normaliseHeader(name))).find((at) => at !== undefined);
    if (index === undefined) missing.push(names[field][0] ?? field);
    else found[field] = index;
  }
  if (missing.length > 0) {
    const seen = header.slice(0, SEEN_LISTED).map((name) => `"${name.replace(/^\ufeff/, '')}"`);
    const more = header.length > SEEN_LISTED ? ` and ${header.length - SEEN_LISTED} more` : '';
    throw new RegisterFormatError(
      { file, line },
      `this is not ${register.title}: it has no column ${missing.map((name) => `"${name}"`).join(', ')}; ` +
        `columns seen: ${seen.join(', ')}${more}. ${capitalise(register.advice)}`,
    );
  }
  return found as Record<K, number>;
}

/** The columns of `names` the header has (by name, as {@link findColumns}); absent ones are left out. */
export function findOptionalColumns<K extends string>(
  header: readonly string[],
  names: ColumnNames<K>,
): Partial<ColumnIndexes<K>> {
  const keys = header.map(normaliseHeader);
  const found: Partial<Record<K, number>> = {};
  for (const field of Object.keys(names) as K[]) {
    const index = names[field].map((name) => keys.indexOf(normaliseHeader(name))).find((at) => at !== -1);
    if (index !== undefined) found[field] = index;
  }
  return found;
}

/** Every column whose name matches `pattern` (tested on {@link normaliseHeader}), in header order, with its number. */
export function findNumberedColumns(
  header: readonly string[],
  pattern: RegExp,
): { index: number; number: number }[] {
  return header
    .map((name, index) => ({ index, match: pattern.exec(normaliseHeader(name)) }))
    .filter((column) => column.match?.[1] !== undefined)
    .map((column) => ({ index: column.index, number: Number(column.match?.[1]) }))
    .sort((a, b) => a.number - b.number);
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Free text as a register holds it, read for people: line breaks and runs of spaces as one space, trimmed. */
export function cleanText(value: string | undefined): string {
  if (value === undefined) return '';
  return /[\r\n\t]| {2}/.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim();
}

/** A cleaned value, or `undefined` for a blank one. */
export function cleanOptionalText(value: string | undefined): string | undefined {
  const text = cleanText(value);
  return text === '' ? undefined : text;
}

/**
 * `DD/MM/YYYY` (the day and month may be one digit, a time of day may follow) as `YYYY-MM-DD`, or
 * `undefined` when it is not a real date.
 */
export function parseDayMonthYear(text: string): IsoDate | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (!match) return undefined;
  return realDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

/** A date written `YYYY-MM-DD`, optionally followed by a time (`2024-03-01 00:00:00`, `2024-03-01T00:00:00`). */
export function parseIsoDateTime(text: string): IsoDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  if (!match) return undefined;
  return realDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function realDate(year: number, month: number, day: number): IsoDate | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
