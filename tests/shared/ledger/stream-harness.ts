import { type LedgerStreamSummary, readLedger } from '../../../shared/ledger/index.ts';
import { readLedgerStreamHolding } from '../../../shared/ledger/read-ledger-stream.ts';
import { countLinesByMonth } from '../../../shared/report/index.ts';
import type { InputFile, LedgerFile, LedgerLine, ReadLedgerOptions } from '../../../shared/types.ts';

export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export interface Streamed {
  summary: LedgerStreamSummary;
  lines: LedgerLine[];
}

/** Streams a file in chunks of `chunkSize` bytes; by default reads it twice, as a large file is read. */
export async function stream(
  file: InputFile,
  chunkSize: number,
  options: ReadLedgerOptions = {},
  linesHeld = 0,
): Promise<Streamed> {
  const lines: LedgerLine[] = [];
  const open = () => chunksOf(file.bytes, chunkSize);
  const summary = await readLedgerStreamHolding(
    linesHeld,
    file.name,
    open,
    (line) => {
      lines.push(line);
    },
    options,
  );
  return { summary, lines };
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
