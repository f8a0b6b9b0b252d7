import { createHash } from 'node:crypto';
import { hashChunks, type OpenBytes } from '../table/byte-reader.ts';
import { NotUtf8Error } from '../table/decode-text.ts';
import { streamTable, type TablePlan } from '../table/stream-table.ts';
import { TableFormatError } from '../table/table-types.ts';
import type { LedgerFile, LedgerLine, Pence, ReadLedgerOptions, YearMonth } from '../types.ts';
import { LedgerLineEmitter } from './ledger-scan.ts';
import { buildLedgerFile, unreadableLedger } from './read-ledger.ts';
import { scanLedgerBytes } from './scan-ledger-bytes.ts';

export type { OpenBytes } from '../table/byte-reader.ts';

/**
 * Lines held, as an estimate of their bytes, while what the file decides about them is not yet certain
 * (their date style's day/month order, above all: a file sorted by date has only days 1–12 until its
 * 13th): past this, the rest of the lines come from a second read. A typical monthly extract, of hundreds
 * to a few thousand lines, fits many times over, and so do the first twelve days of a multi-year file of
 * a million lines; a million-line file of one month, sorted by date, is read twice.
 */
const LINES_HELD = 8 * 1024 * 1024;
/**
 * A workbook's lines kept from its first read (its lines are given only once it is decided): a file
 * whose lines fit is not read again. Smaller, as the workbook's reader holds more besides.
 */
const WORKBOOK_LINES_HELD = 2 * 1024 * 1024;
/**
 * Lines held at the start before any is given out: a file this small is given out only once it is
 * accepted, so the sink of a small rejected file is never called.
 */
const FIRST_BATCH = 256 * 1024;

/** Most lines given to the sink at once, from those held. */
const BATCH = 4096;

/** How many lines {@link readLedgerStreamHolding} holds: estimates of their bytes (see `LedgerScan`). */
export interface HeldLines {
  /** Most lines of a CSV held waiting to be decided; past it the rest come from a second read (0: always). */
  held: number;
  /** Lines of a CSV held at the start before the first is given out. */
  firstBatch: number;
  /** Most lines of a workbook kept from its first read; past it they all come from one more read. */
  workbookHeld: number;
}

/** Where {@link readLedgerStream} gives a file's lines, and takes them back. */
export interface LedgerLineSink {
  /**
   * Accepted lines, in file order, a batch at a time (as they are read, or up to 4,096 of those held), each batch
   * awaited before the next. Provisional: a large file's lines are given while it is read, before the
   * file as a whole is judged. The array is the sink's to keep.
   */
  lines(lines: LedgerLine[]): void | Promise<void>;
  /**
   * Every line given since the last `discard` is void: drop them (delete what they were written to).
   * Called when the file, read to its end, is rejected (too many bad lines, dates that disagree…) or
   * found unreadable, or when a CSV must be read again from its start (a late byte shows it is not
   * UTF-8). Called only after
   * at least one line; a file whose lines fit in the first batch (a few hundred KB) never causes it.
   */
  discard(): void | Promise<void>;
}

/** A ledger read as a stream: everything `readLedger` returns but the lines, plus their count and total, in all and per month. */
export interface LedgerStreamSummary extends Omit<LedgerFile, 'lines'> {
  /** Accepted lines. */
  rowCount: number;
  /** Their sum. */
  total: Pence;
  /** Accepted lines per month of their date. */
  monthCounts: Record<YearMonth, number>;
  /** Their sum per month of their date (the same months as `monthCounts`). */
  monthTotals: Record<YearMonth, Pence>;
}

/** The bytes differed between two reads of the same file: nothing read from it can be trusted. */
export class LedgerSourceChangedError extends Error {
  override name = 'LedgerSourceChangedError';
}

/**
 * Reads a ledger extract of any size as a stream, deciding exactly what `readLedger` decides, without
 * holding the file or its lines, giving the accepted lines to `sink.lines` in file order, in batches,
 * each awaited.
 *
 * A CSV is read once: each line is given as soon as it is certain should the file be accepted — once
 * its date style's day/month order is decided (by a day above 12) and its month cannot be cut off as a
 * mistyped future date; the lines waiting for that are held, up to about 8 MB of them. Whether the file
 * is accepted (its share of bad lines) is known only at its end, so **lines of a file then rejected may
 * have been given**: `sink.discard` is then called, before this returns the rejected summary. When the
 * lines held pass their bound (a date order still undecided), or at the end of a file whose lines all
 * fit, the rest are given once the file is decided — from those held, else from a second read (a second
 * `open()`) that skips the lines already given. A workbook takes two reads (its shared strings come
 * after its sheets) and a third when its lines did not fit; its lines are given only once it is decided.
 *
 * At return, the lines given and not discarded are exactly the accepted lines (none for a rejected
 * file): `rowCount`, `total`, `monthCounts` and `monthTotals` count them.
 *
 * @throws LedgerSourceChangedError when the bytes of two reads differ (read one version of the object,
 *   e.g. an S3 VersionId). On this or any other throw, the lines given are void: discard them.
 * @example
 * const summary = await readLedgerStream(key, () => getObjectBody(s3, bucket, key), {
 *   lines: (lines) => out.write(lines.map((line) => `${formatCuratedRow(line)}\n`).join('')),
 *   discard: () => out.abort(),
 * });
 * if (summary.status === 'rejected') quarantine(summary.rejection);
 */
export async function readLedgerStream(
  name: string,
  open: OpenBytes,
  sink: LedgerLineSink,
  options: ReadLedgerOptions = {},
): Promise<LedgerStreamSummary> {
  const limits = { held: LINES_HELD, firstBatch: FIRST_BATCH, workbookHeld: WORKBOOK_LINES_HELD };
  return readLedgerStreamHolding(limits, name, open, sink, options);
}

/**
 * {@link readLedgerStream}, holding lines up to other bounds (a number: `held` and `workbookHeld`, and a
 * first batch of at most the default). 0 reads every accepted file once more, giving every line from that
 * read.
 */
export async function readLedgerStreamHolding(
  limits: number | HeldLines,
  name: string,
  open: OpenBytes,
  sink: LedgerLineSink,
  options: ReadLedgerOptions = {},
): Promise<LedgerStreamSummary> {
  const { held, firstBatch, workbookHeld } =
    typeof limits === 'number'
      ? { held: limits, firstBatch: Math.min(limits, FIRST_BATCH), workbookHeld: limits }
      : limits;
  const reads = new HashedReads(name, open);
  const given = new GivenLines(sink);

  const scanned = await scanLedgerBytes(name, reads.open, {
    keepLines: workbookHeld,
    release: { held, firstBatch, lines: given.give, restart: given.discard },
  });
  if ('failure' in scanned) {
    await given.discard();
    return summarise(unreadableLedger(name, reads.sha256(), scanned.failure));
  }
  const sha256 = reads.sha256();
  const { scan } = scanned;
  const decision = scan.decide(options);
  const file = buildLedgerFile(name, sha256, scanned.facts, decision.verdict, []);
  if (decision.verdict.status !== 'accepted' || decision.header === undefined) {
    await given.discard();
    return summarise(file);
  }
  scan.checkReleased(decision);
  if (scan.hasEveryLine) {
    // Every line not given yet is held: no need to read the file again.
    const lines = scan.takeLines(decision);
    for (let at = 0; at < lines.length; at += BATCH) await given.give(lines.slice(at, at + BATCH));
  } else {
    // The lines held passed their bound: the rest come from a second read, past the lines already given.
    const emitter = new LedgerLineEmitter(name, { ...decision, header: decision.header }, scanned.date1904);
    await giveTheRest(name, reads, scanned.plan, emitter, given);
    reads.sha256();
    if (given.counts.rowCount !== decision.acceptedLines) {
      throw new LedgerSourceChangedError(
        `${name} changed between reads: the first read accepted ${decision.acceptedLines} lines, the second ${given.counts.rowCount}`,
      );
    }
  }
  return { ...summarise(file), ...given.counts };
}

/** The lines given to a sink since its last discard: their count, sum, and count and sum per month. */
class GivenLines {
  readonly #sink: LedgerLineSink;
  counts = noLines();

  constructor(sink: LedgerLineSink) {
    this.#sink = sink;
  }

  /** Counts the lines and gives them to the sink (nothing for none). */
  readonly give = async (lines: LedgerLine[]): Promise<void> => {
    if (lines.length === 0) return;
    const { monthCounts, monthTotals } = this.counts;
    let total = 0;
    let date = '';
    let month = '';
    // Lines come in runs of one month: each run is counted once (the months' keys in the same order).
    let run = 0;
    let runTotal = 0;
    const countRun = () => {
      if (run === 0) return;
      monthCounts[month] = (monthCounts[month] ?? 0) + run;
      monthTotals[month] = (monthTotals[month] ?? 0) + runTotal;
    };
    for (const line of lines) {
      total += line.amount;
      if (line.date !== date) {
        date = line.date;
        const next = date.slice(0, 7);
        if (next !== month) {
          countRun();
          month = next;
          run = 0;
          runTotal = 0;
        }
      }
      run++;
      runTotal += line.amount;
    }
    countRun();
    this.counts.rowCount += lines.length;
    this.counts.total += total;
    const pending = this.#sink.lines(lines);
    if (pending !== undefined) await pending;
  };

  /** Voids every line given: the sink's `discard`, called only when a line has been given since the last one. */
  readonly discard = async (): Promise<void> => {
    if (this.counts.rowCount === 0) return;
    this.counts = noLines();
    await this.#sink.discard();
  };
}

/** The counts of no lines. */
function noLines(): Pick<LedgerStreamSummary, 'rowCount' | 'total' | 'monthCounts' | 'monthTotals'> {
  return { rowCount: 0, total: 0, monthCounts: {}, monthTotals: {} };
}

/**
 * Reads the file again, as first read (`plan`), giving the accepted lines past those already given;
 * a change of the bytes that the reader notices is a `LedgerSourceChangedError`.
 */
async function giveTheRest(
  name: string,
  reads: HashedReads,
  plan: TablePlan,
  emitter: LedgerLineEmitter,
  given: GivenLines,
): Promise<void> {
  const before = given.counts.rowCount;
  let seen = 0;
  try {
    await streamTable(
      name,
      reads.open,
      {
        rows: async (rows) => {
          const lines: LedgerLine[] = [];
          for (const row of rows) {
            const line = emitter.lineOf(row);
            if (line !== undefined && seen++ >= before) lines.push(line);
          }
          await given.give(lines);
        },
        restart: () => {
          throw new LedgerSourceChangedError(`${name} changed between reads: it is no longer UTF-8`);
        },
      },
      plan,
      { linePieces: true },
    );
  } catch (error) {
    if (error instanceof TableFormatError || error instanceof NotUtf8Error) {
      throw new LedgerSourceChangedError(`${name} changed between reads: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** What a stream summary says of the file itself: everything but the counts and totals of its lines. */
export function fileOfSummary(summary: LedgerStreamSummary): Omit<LedgerFile, 'lines'> {
  const {
    rowCount: _rows,
    total: _total,
    monthCounts: _months,
    monthTotals: _monthTotals,
    ...file
  } = summary;
  return file;
}

function summarise(file: LedgerFile): LedgerStreamSummary {
  const { lines: _lines, ...rest } = file;
  return { ...rest, ...noLines() };
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
