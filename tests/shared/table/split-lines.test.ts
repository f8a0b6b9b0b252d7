import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../shared/table/index.ts';

/** Text full of line breaks of every kind, empty lines, a BOM, and characters of 1 to 4 UTF-8 bytes. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\r', 'a', ',', '"', '£', '€', '😀', '\uFEFF'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});

/** `bytes` cut at `cuts` (any byte positions, mid-character too) into chunks, none empty (as a byte stream gives them). */
function cutInto(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
}

async function readlineLines(chunks: readonly Uint8Array[]): Promise<string[]> {
  const lines: string[] = [];
  const input = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return lines;
}

async function* from(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function collect(batches: AsyncIterable<string[]>): Promise<string[][]> {
  const all: string[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('splitLines', () => {
  it('gives the lines readline gives, for any text cut into any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 12 }), async (value, cuts) => {
        const chunks = cutInto(new TextEncoder().encode(value), cuts);
        const batches = await collect(splitLines(from(chunks)));
        expect(batches.flat()).toStrictEqual(await readlineLines(chunks));
        expect(batches.every((batch) => batch.length > 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a CRLF split between two chunks as one line break, and a lone CR as one', async () => {
    const chunks = ['a\r', '\nb\rc\r', '\r\n', 'd'].map((part) => new TextEncoder().encode(part));
    expect((await collect(splitLines(from(chunks)))).flat()).toStrictEqual(['a', 'b', 'c', '', 'd']);
  });

  it('throws a failed read as it is, after the lines of the chunks before it, and ends there', async () => {
    const failure = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    async function* cut(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('one\ntwo\nthr');
      throw failure;
    }
    const seen: string[][] = [];
    await expect(
      (async () => {
        for await (const batch of splitLines(cut())) seen.push(batch);
      })(),
    ).rejects.toBe(failure);
    expect(seen).toStrictEqual([['one', 'two']]);
  });
});
