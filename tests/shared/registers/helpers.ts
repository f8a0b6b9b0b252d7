import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../../fixtures/registers');

/** A register fixture's bytes, as published (see tests/fixtures/registers/README.md). */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The bytes as a stream of `size`-byte chunks (the last may be shorter). */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Everything a register reader yields. */
export async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

/** The error a reader throws, or fails the test when it throws none. */
export async function rejection(records: AsyncIterable<unknown>): Promise<Error> {
  try {
    for await (const _ of records);
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('the reader threw nothing');
}

/** The chunk sizes every reader is fed the same bytes in: one byte, an odd few, and 64 KiB. */
export const CHUNK_SIZES = [1, 7, 64 * 1024] as const;
