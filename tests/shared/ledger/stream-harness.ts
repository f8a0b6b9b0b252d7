import { type LedgerStreamSummary, readLedger } from '../../../shared/ledger/index.ts';
import {
  type HeldLines,
  type LedgerLineSink,
  readLedgerStreamHolding,
} from '../../../shared/ledger/read-ledger-stream.ts';
import { countLinesByMonth } from '../../../shared/report/index.ts';
import type { InputFile, LedgerFile, LedgerLine, ReadLedgerOptions } from '../../../shared/types.ts';
import { totalLinesByMonth } from '../report/helpers.ts';

export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export interface Streamed {
  summary: LedgerStreamSummary;
  lines: LedgerLine[];
}

/**
 * Streams a file in chunks of `chunkSize` bytes, keeping the lines given and not discarded; by default
 * reads it twice, every line from the second read (`linesHeld` 0). `linesHeld` may also give the first
 * batch (`{ held, firstBatch: 0 }`: lines given as soon as they are decided, discarded when the file is
 * then rejected).
 */
export async function stream(
  file: InputFile,
  chunkSize: number,
  options: ReadLedgerOptions = {},
  linesHeld: number | HeldLines = 0,
): Promise<Streamed> {
  const lines: LedgerLine[] = [];
  const open = () => chunksOf(file.bytes, chunkSize);
  const summary = await readLedgerStreamHolding(linesHeld, file.name, open, collect(lines), options);
  return { summary, lines };
}

/** A sink that keeps the lines given in `lines`, and empties it when they are discarded. */
export function collect(lines: LedgerLine[]): LedgerLineSink {
  return {
    lines: (batch) => {
      for (const line of batch) lines.push(line);
    },
    discard: () => {
      lines.length = 0;
    },
  };
}

/** What `readLedgerStream` must return for a file `readLedger` read as `ledger`. */
export function expectedFrom(ledger: LedgerFile): Streamed {
  const { lines, ...rest } = ledger;
  const monthCounts = Object.fromEntries(countLinesByMonth(lines));
  return {
    summary: {
      ...rest,
      rowCount: lines.length,
      total: lines.reduce((sum, line) => sum + line.amount, 0),
      monthCounts,
      monthTotals: totalLinesByMonth(lines),
    },
    lines,
  };
}

/** `readLedger`'s reading of a file, and what the stream must therefore give. */
export async function readBothWays(
  file: InputFile,
  options: ReadLedgerOptions = {},
): Promise<{ ledger: LedgerFile; expected: Streamed }> {
  const ledger = await readLedger(file, options);
  return { ledger, expected: expectedFrom(ledger) };
}
