import type { Hash } from 'node:crypto';

/** Opens a file's bytes as a stream of chunks; may be called once per pass over the file. */
export type OpenBytes = () => AsyncIterable<Uint8Array>;

/** One chunk of bytes as a stream, for callers that hold the whole file. */
export async function* singleChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Passes `source`'s chunks on, adding each to `hash` as it goes (so a reader's bytes can be checked after). */
export async function* hashChunks(source: AsyncIterable<Uint8Array>, hash: Hash): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Pulls chunks from a byte stream one at a time, with a look at its first bytes before deciding how
 * to read it. Whoever creates one closes it, so the source (an S3 body) is released on every path.
 */
export class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  readonly #held: Uint8Array[] = [];
  #done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** The first `count` bytes (fewer when the stream is shorter); they are still returned by `next`. */
  async head(count: number): Promise<Uint8Array> {
    let held = this.#held.reduce((sum, chunk) => sum + chunk.length, 0);
    while (held < count && !this.#done) {
      const chunk = await this.#pull();
      if (chunk === undefined) break;
      this.#held.push(chunk);
      held += chunk.length;
    }
    const head = new Uint8Array(Math.min(count, held));
    let at = 0;
    for (const chunk of this.#held) {
      if (at >= head.length) break;
      const part = chunk.subarray(0, head.length - at);
      head.set(part, at);
      at += part.length;
    }
    return head;
  }

  /** The next non-empty chunk, or `undefined` at the end. */
  async next(): Promise<Uint8Array | undefined> {
    const held = this.#held.shift();
    if (held !== undefined) return held;
    return this.#pull();
  }

  /** Reads to the end without looking (so a hash over the stream sees every byte). */
  async drain(): Promise<void> {
    this.#held.length = 0;
    while ((await this.#pull()) !== undefined);
  }

  /** Releases the source when it was not read to the end. */
  async close(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await this.#source.return?.();
  }

  /** The chunks from here to the end, as an async iterable (for stream consumers). */
  async *chunks(): AsyncGenerator<Uint8Array> {
    for (let chunk = await this.next(); chunk !== undefined; chunk = await this.next()) yield chunk;
  }

  async #pull(): Promise<Uint8Array | undefined> {
    while (!this.#done) {
      const result = await this.#source.next();
      if (result.done === true) {
        this.#done = true;
        return undefined;
      }
      if (result.value.length > 0) return result.value;
    }
    return undefined;
  }
}
