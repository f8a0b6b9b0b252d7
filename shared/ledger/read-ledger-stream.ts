import { createHash } from 'node:crypto';
import { hashChunks, type OpenBytes } from '../table/byte-reader.ts';
import { NotUtf8Error } from '../table/decode-text.ts';
import { streamTable } from '../table/stream-table.ts';
import { TableFormatError } from '../table/table-types.ts';
import type { LedgerFile, LedgerLine, Pence, ReadLedgerOptions, YearMonth } from '../types.ts';
import { LedgerLineEmitter } from './ledger-scan.ts';
import { buildLedgerFile, unreadableLedger } from './read-ledger.ts';
import { scanLedgerBytes } from './scan-ledger-bytes.ts';

export type { OpenBytes } from '../table/byte-reader.ts';

/**
 * Lines the first read keeps, as an estimate of their bytes: a file whose lines fit is not read a
 * second time (a typical monthly extract, of hundreds to a few thousand lines, fits many times over).
 */
const LINES_KEPT_FROM_FIRST_READ = 2 * 1024 * 1024;

/** A ledger read as a stream: everything `readLedger` returns but the lines, plus their count, total and months. */
export interface LedgerStreamSummary extends Omit<LedgerFile, 'lines'> {
  /** Accepted lines. */
  rowCount: number;
  /** Their sum. */
  total: Pence;
  /** Accepted lines per month of their date. */
  monthCounts: Record<YearMonth, number>;
}

/** The bytes differed between two reads of the same file: nothing read from it can be trusted. */
export class LedgerSourceChangedError extends Error {
  override name = 'LedgerSourceChangedError';
}

/**
 * Reads a ledger extract of any size as a stream, deciding exactly what `readLedger` decides, without
 * holding the file or its lines. A first pass reads every row and keeps only counts, the first
 * problems, the date-order evidence and its first lines (about 2 MB of them); when the file is
 * accepted, its lines go to `onLine`, in file order, each awaited — from those kept when that was all
 * of them, else from a second pass (a second `open()`). `onLine` is never called for a rejected file.
 * A workbook takes one more pass (its shared strings come after its sheets).
 *
 * @throws LedgerSourceChangedError when the bytes of two reads differ (read one version of the object,
 *   e.g. an S3 VersionId), after `onLine` may have been called: discard what it was given.
 * @example
 * const summary = await readLedgerStream(key, () => getObjectBody(s3, bucket, key), (line) => out.write(line));
 * if (summary.status === 'rejected') quarantine(summary.rejection);
 */
export async function readLedgerStream(
  name: string,
  open: OpenBytes,
  onLine: (line: LedgerLine) => void | Promise<void>,
  options: ReadLedgerOptions = {},
): Promise<LedgerStreamSummary> {
  return readLedgerStreamHolding(LINES_KEPT_FROM_FIRST_READ, name, open, onLine, options);
}

/**
 * {@link readLedgerStream}, holding lines from the first read up to an estimated `linesHeld` bytes (0:
 * every accepted file is read a second time).
 */
export async function readLedgerStreamHolding(
  linesHeld: number,
  name: string,
  open: OpenBytes,
  onLine: (line: LedgerLine) => void | Promise<void>,
  options: ReadLedgerOptions = {},
): Promise<LedgerStreamSummary> {
  const reads = new HashedReads(name, open);
  const scanned = await scanLedgerBytes(name, reads.open, { keepLines: linesHeld });
  if ('failure' in scanned) return summarise(unreadableLedger(name, reads.sha256(), scanned.failure));
  const sha256 = reads.sha256();
  const decision = scanned.scan.decide(options);
  const file = buildLedgerFile(name, sha256, scanned.facts, decision.verdict, []);
  if (decision.verdict.status !== 'accepted' || decision.header === undefined) return summarise(file);

  const counts = { rowCount: 0, total: 0, monthCounts: {} as Record<YearMonth, number> };
  const emit = async (line: LedgerLine): Promise<void> => {
    counts.rowCount++;
    counts.total += line.amount;
    const month = line.date.slice(0, 7);
    counts.monthCounts[month] = (counts.monthCounts[month] ?? 0) + 1;
    const pending = onLine(line);
    if (pending !== undefined) await pending;
  };
  if (scanned.scan.hasEveryLine) {
    // The first read kept every line: no need to read the file again.
    for (const line of scanned.scan.takeLines(decision)) await emit(line);
    return { ...summarise(file), ...counts };
  }
  const emitter = new LedgerLineEmitter(name, { ...decision, header: decision.header }, scanned.date1904);
  try {
    await streamTable(
      name,
      reads.open,
      {
        rows: async (rows) => {
          for (const row of rows) {
            const line = emitter.lineOf(row);
            if (line !== undefined) await emit(line);
          }
        },
        restart: () => {
          throw new LedgerSourceChangedError(`${name} changed between reads: it is no longer UTF-8`);
        },
      },
      scanned.plan,
    );
  } catch (error) {
    if (error instanceof TableFormatError || error instanceof NotUtf8Error) {
      throw new LedgerSourceChangedError(`${name} changed between reads: ${error.message}`, { cause: error });
    }
    throw error;
  }
  reads.sha256();
  if (counts.rowCount !== decision.acceptedLines) {
    throw new LedgerSourceChangedError(
      `${name} changed between reads: the first read accepted ${decision.acceptedLines} lines, the second ${counts.rowCount}`,
    );
  }
  return { ...summarise(file), ...counts };
}

function summarise(file: LedgerFile): LedgerStreamSummary {
  const { lines: _lines, ...rest } = file;
  return { ...rest, rowCount: 0, total: 0, monthCounts: {} };
}

/** Opens the bytes for each pass, hashing every pass that reads to the end; all must agree. */
class HashedReads {
  readonly #name: string;
  readonly #source: OpenBytes;
  readonly #digests: string[] = [];

  constructor(name: string, source: OpenBytes) {
    this.#name = name;
    this.#source = source;
  }

  readonly open = (): AsyncIterable<Uint8Array> => this.#hash(this.#source());

  /** The SHA-256 of the bytes; throws when two complete reads saw different bytes. */
  sha256(): string {
    const [first, ...others] = this.#digests;
    if (first === undefined) throw new Error(`${this.#name} was never read to the end`);
    const other = others.find((digest) => digest !== first);
    if (other !== undefined) {
      throw new LedgerSourceChangedError(
        `${this.#name} changed between reads (SHA-256 ${first}, then ${other}): read one version of it, e.g. by its S3 VersionId`,
      );
    }
    return first;
  }

  async *#hash(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const hash = createHash('sha256');
    yield* hashChunks(chunks, hash);
    this.#digests.push(hash.digest('hex'));
  }
}
