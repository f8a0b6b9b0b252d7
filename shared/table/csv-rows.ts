import type { ByteReader } from './byte-reader.ts';
import { ChunkDecoder, type MixedEncoding, MixedEncodingScanner, type TextDecoding } from './decode-text.ts';
import { type CsvProblem, type CsvRow, CsvSplitter, type CsvSplitterOptions } from './split-csv.ts';
import { TableFormatError, type TableRow } from './table-types.ts';

/** How a CSV file was read: its text decoding and field delimiter. */
export interface CsvLayout {
  decoding: TextDecoding;
  delimiter: string;
}

/** Lines of the file the delimiter is guessed from. */
const DELIMITER_SAMPLE_LINES = 30;
/** Characters the delimiter is guessed from at most, however long the first lines are. */
const DELIMITER_SAMPLE_CHARS = 64 * 1024;
/**
 * Longest record (line, or lines joined by quotes) read, in characters. Excel holds at most 32,767
 * characters in a cell; a longer record is a quote that never closes, or not a ledger.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * The field delimiter of CSV text (line ends already `\n`): tab or semicolon when the first 30 lines
 * (at most 64 KiB of them) have clearly more of them than commas, else comma.
 */
export function guessDelimiter(text: string): string {
  const sample = text.slice(0, DELIMITER_SAMPLE_CHARS).split('\n', DELIMITER_SAMPLE_LINES).join('\n');
  const count = (char: string) => {
    let found = 0;
    for (let at = sample.indexOf(char); at !== -1; at = sample.indexOf(char, at + 1)) found++;
    return found;
  };
  const commas = count(',');
  const tabs = count('\t');
  const semicolons = count(';');
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas * 2 && semicolons > tabs) return ';';
  return ',';
}

/**
 * Reads CSV bytes chunk by chunk into rows, in batches, holding no more than a chunk, one record and
 * (until the delimiter is known) the first 30 lines. Line ends (`\r\n`, `\r`, `\n`) count as one line
 * each, inside quotes too, so a row's `line` is where its record starts in a text editor. The reader is
 * read to the end on every path that does not throw `NotUtf8Error` (so a hash over it is complete).
 * `split`: how the cells are cut from the text (see `CsvSplitterOptions`).
 *
 * @throws NotUtf8Error when `decoding` is UTF-8 and a byte proves it is not — read again with
 *   `fallbackDecoding(decoding)`.
 * @throws TableFormatError when the text holds NUL characters (a binary file), its quotes do not close,
 *   a record is longer than {@link MAX_RECORD_CHARS}, or (read as Windows-1252) it mixes in UTF-8 text.
 */
export async function streamCsvRows(
  name: string,
  reader: ByteReader,
  decoding: TextDecoding,
  knownDelimiter: string | undefined,
  onRows: (rows: TableRow[]) => void | Promise<void>,
  split: CsvSplitterOptions = {},
): Promise<CsvLayout> {
  const decoder = new ChunkDecoder(decoding);
  const lineEnds = new LineEndNormaliser();
  let splitter = knownDelimiter === undefined ? undefined : newSplitter(knownDelimiter, split);
  let sample = '';
  let sampleLines = 0;
  let lines = 0;
  const mixed = decoding.encoding === 'windows-1252' ? new MixedEncodingScanner(decoding.skip) : undefined;

  const feed = async (decoded: string): Promise<void> => {
    let text = lineEnds.normalise(decoded);
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      const line = lines + 1 + countNewlines(text.slice(0, nul));
      await reader.drain();
      throw new TableFormatError(
        `${name} has a NUL (zero) byte on line ${line}, which no text file has, so it is binary data, neither a CSV text file nor an XLSX workbook: export the ledger as CSV or .xlsx`,
        'unknown',
        line,
      );
    }
    lines += countNewlines(text);
    if (splitter === undefined) {
      sample += text;
      sampleLines += countNewlines(text);
      if (sampleLines < DELIMITER_SAMPLE_LINES && sample.length < DELIMITER_SAMPLE_CHARS) return;
      splitter = newSplitter(guessDelimiter(sample), split);
      text = sample;
      sample = '';
    }
    const rows = asTableRows(splitter.write(text));
    if (rows.length > 0) await onRows(rows);
  };

  for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
    mixed?.scan(chunk);
    await feed(decoder.decode(chunk));
  }
  await feed(decoder.end());
  await feed(lineEnds.end());
  // Only once the whole file is known not to be binary (a NUL anywhere says that first).
  if (mixed?.found !== undefined) throw mixedEncodingError(name, mixed.found);
  if (splitter === undefined) {
    splitter = newSplitter(guessDelimiter(sample), split);
    const rows = asTableRows(splitter.write(sample));
    if (rows.length > 0) await onRows(rows);
  }
  const rows = asTableRows(splitter.end());
  if (splitter.problem !== undefined) throw csvFormatError(name, splitter.problem, splitter.nextLine);
  if (rows.length > 0) await onRows(rows);
  return { decoding, delimiter: splitter.delimiter };
}

const newSplitter = (delimiter: string, split: CsvSplitterOptions) =>
  new CsvSplitter(delimiter, MAX_RECORD_CHARS, split);

/** The splitter's records as table rows, whose cells are the fields. */
function asTableRows(records: CsvRow[]): TableRow[] {
  const rows: TableRow[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const { line, fields } = records[i] as CsvRow;
    rows[i] = { line, cells: fields };
  }
  return rows;
}

function mixedEncodingError(name: string, { utf8, other }: MixedEncoding): TableFormatError {
  return new TableFormatError(
    `${name} mixes two text encodings, so some of its names would be garbled: line ${utf8.line} has "${utf8.text}" in UTF-8, ` +
      `line ${other.line} has "${other.text}" in Windows-1252 (Excel's plain "CSV"): open it, save the whole file again as "CSV UTF-8" and upload that`,
    'csv',
    other.line,
  );
}

/** What the problem means for the person who made the file, and the line it is on. */
function csvFormatError(name: string, problem: CsvProblem, line: number): TableFormatError {
  const todo = `check the quotes on line ${line}, or re-export the file as CSV or .xlsx`;
  if (problem === 'quote-not-closed') {
    return new TableFormatError(
      `${name} has a quote (") on line ${line} that is never closed, so everything after it would be one cell: ${todo}`,
      'csv',
      line,
    );
  }
  return new TableFormatError(
    `${name} has a line longer than ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters starting on line ${line}, ` +
      `far longer than any ledger line (a quote that never closes makes one): ${todo}`,
    'csv',
    line,
  );
}

/** Turns `\r\n` and lone `\r` into `\n` across chunk boundaries. */
export class LineEndNormaliser {
  #pendingCr = false;

  normalise(chunk: string): string {
    let text = this.#pendingCr ? `\r${chunk}` : chunk;
    this.#pendingCr = text.endsWith('\r');
    if (this.#pendingCr) text = text.slice(0, -1);
    if (!text.includes('\r')) return text;
    const crlf = text.replaceAll('\r\n', '\n');
    return crlf.includes('\r') ? crlf.replaceAll('\r', '\n') : crlf;
  }

  end(): string {
    const rest = this.#pendingCr ? '\n' : '';
    this.#pendingCr = false;
    return rest;
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
