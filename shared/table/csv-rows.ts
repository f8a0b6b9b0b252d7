import { type Parser, parse } from 'csv-parse';
import type { ByteReader } from './byte-reader.ts';
import { ChunkDecoder, type TextDecoding } from './decode-text.ts';
import { TableFormatError, type TableRow } from './table-types.ts';

/** How a CSV file was read: its text decoding and field delimiter. */
export interface CsvLayout {
  decoding: TextDecoding;
  delimiter: string;
}

/** Lines of the file the delimiter is guessed from. */
const DELIMITER_SAMPLE_LINES = 30;

/**
 * The field delimiter of CSV text (line ends already `\n`): tab or semicolon when the first 30 lines
 * have clearly more of them than commas, else comma.
 */
export function guessDelimiter(text: string): string {
  const sample = text.split('\n', DELIMITER_SAMPLE_LINES).join('\n');
  const count = (char: string) => sample.split(char).length - 1;
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
 *
 * @throws NotUtf8Error when `decoding` is UTF-8 and a byte proves it is not — read again with
 *   `fallbackDecoding(decoding)`.
 * @throws TableFormatError when the text holds NUL characters (a binary file) or its quotes do not close.
 */
export async function streamCsvRows(
  name: string,
  reader: ByteReader,
  decoding: TextDecoding,
  knownDelimiter: string | undefined,
  onRows: (rows: TableRow[]) => void | Promise<void>,
): Promise<CsvLayout> {
  const decoder = new ChunkDecoder(decoding);
  const lineEnds = new LineEndNormaliser();
  let records = knownDelimiter === undefined ? undefined : new CsvRecords(knownDelimiter);
  let sample = '';
  let sampleLines = 0;

  const feed = async (decoded: string): Promise<void> => {
    if (decoded.includes('\u0000')) {
      await reader.drain();
      throw new TableFormatError(
        `${name} is neither a CSV text file nor an XLSX workbook (it contains binary data): export the ledger as CSV or .xlsx`,
        'unknown',
      );
    }
    let text = lineEnds.normalise(decoded);
    if (records === undefined) {
      sample += text;
      sampleLines += countNewlines(text);
      if (sampleLines < DELIMITER_SAMPLE_LINES) return;
      records = new CsvRecords(guessDelimiter(sample));
      text = sample;
      sample = '';
    }
    const rows = records.write(text);
    if (rows.length > 0) await onRows(rows);
  };

  for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
    await feed(decoder.decode(chunk));
  }
  await feed(decoder.end());
  await feed(lineEnds.end());
  if (records === undefined) {
    records = new CsvRecords(guessDelimiter(sample));
    const rows = records.write(sample);
    if (rows.length > 0) await onRows(rows);
  }
  const rows = await records.end();
  if (records.error !== undefined) {
    throw new TableFormatError(
      `${name} could not be read as CSV (${records.error.message}): check the quotes around that line, or re-export the file as CSV or .xlsx`,
      'csv',
    );
  }
  if (rows.length > 0) await onRows(rows);
  return { decoding, delimiter: records.delimiter };
}

/** csv-parse fed text as it arrives, handing back the records it completes with their start lines. */
class CsvRecords {
  readonly delimiter: string;
  error: Error | undefined;
  readonly #parser: Parser;
  #nextLine = 1;

  constructor(delimiter: string) {
    this.delimiter = delimiter;
    this.#parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    this.#parser.on('error', (error: Error) => {
      this.error ??= error;
    });
  }

  write(text: string): TableRow[] {
    if (this.error === undefined && text !== '') {
      this.#parser.write(text);
      this.error ??= this.#parser.errored ?? undefined;
    }
    return this.#take();
  }

  async end(): Promise<TableRow[]> {
    if (this.error === undefined) {
      await new Promise<void>((resolve) => {
        this.#parser.once('finish', resolve);
        this.#parser.once('error', () => resolve());
        this.#parser.end();
      });
    }
    return this.error === undefined ? this.#take() : [];
  }

  // A record's line count is one plus the line ends inside its quoted fields: csv-parse counts every
  // `\n` it reads (`info.lines`), and outside quotes a `\n` always ends a record.
  #take(): TableRow[] {
    const rows: TableRow[] = [];
    for (let record = this.#parser.read() as string[] | null; record !== null; record = this.#parser.read()) {
      rows.push({ line: this.#nextLine, cells: record });
      let lines = 1;
      for (const field of record) lines += countNewlines(field);
      this.#nextLine += lines;
    }
    return rows;
  }
}

/** Turns `\r\n` and lone `\r` into `\n` across chunk boundaries. */
class LineEndNormaliser {
  #pendingCr = false;

  normalise(chunk: string): string {
    let text = this.#pendingCr ? `\r${chunk}` : chunk;
    this.#pendingCr = text.endsWith('\r');
    if (this.#pendingCr) text = text.slice(0, -1);
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
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
