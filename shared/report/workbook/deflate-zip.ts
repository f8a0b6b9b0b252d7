import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync, type ZlibOptions } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General purpose flag bit 3: sizes and CRC follow the data rather than sitting in the local header. */
const DATA_DESCRIPTOR = 0x0008;
/** JSZip's `DEFLATE` level. */
const LEVEL = 6;

/** A zip this module does not rewrite: it only takes what exceljs (JSZip) writes with `STORE`. */
export class ZipRepackError extends Error {
  override name = 'ZipRepackError';
}

/** The stored (unpacked) bytes of each stored entry of a zip, by name. */
export type ZipContents = ReadonlyMap<string, Buffer>;

/**
 * New contents for some entries, each as pieces to be deflated as they come (so the whole never needs
 * to be held unpacked). The entries are asked for in this order, each consumed to its end before the
 * next: a later one may depend on what writing an earlier one found.
 */
export type ZipRewrite = Iterable<readonly [name: string, pieces: Iterable<Uint8Array>]>;

interface Entry {
  name: string;
  local: Buffer;
  central: Buffer;
  method: number;
  data: Buffer;
}

interface StoredZip {
  entries: Entry[];
  /** The end of central directory record without its comment, and the comment. */
  trailer: Buffer;
  comment: Buffer;
}

function readStoredZip(zip: Uint8Array): StoredZip {
  const input = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = input.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > input.length || input.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) {
    throw new ZipRepackError('no end of central directory record');
  }
  const count = input.readUInt16LE(end + 10);
  const directoryStart = input.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  let at = directoryStart;
  for (let n = 0; n < count; n++) {
    if (input.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipRepackError(`entry ${n}: no central header`);
    const nameLength = input.readUInt16LE(at + 28);
    const centralLength = 46 + nameLength + input.readUInt16LE(at + 30) + input.readUInt16LE(at + 32);
    const central = Buffer.from(input.subarray(at, at + centralLength));
    const name = input.toString('utf8', at + 46, at + 46 + nameLength);
    at += centralLength;
    const localAt = central.readUInt32LE(42);
    if (input.readUInt32LE(localAt) !== LOCAL_HEADER) throw new ZipRepackError(`entry ${n}: no local header`);
    const flags = input.readUInt16LE(localAt + 6);
    const method = input.readUInt16LE(localAt + 8);
    const size = input.readUInt32LE(localAt + 18);
    const headerLength = 30 + input.readUInt16LE(localAt + 26) + input.readUInt16LE(localAt + 28);
    if (flags & DATA_DESCRIPTOR) throw new ZipRepackError(`entry ${n}: sizes in a data descriptor`);
    const local = Buffer.from(input.subarray(localAt, localAt + headerLength));
    const data = input.subarray(localAt + headerLength, localAt + headerLength + size);
    entries.push({ name, local, central, method, data });
  }
  return {
    entries,
    trailer: Buffer.from(input.subarray(end, end + 20)),
    comment: input.subarray(end + 20, end + 22 + input.readUInt16LE(end + 20)),
  };
}

/** Sets an entry's method and sizes (and CRC, when given) in both its headers. */
function setHeaders(entry: Entry, method: number, packed: number, unpacked?: number, crc?: number): void {
  for (const [header, base] of [
    [entry.local, 8],
    [entry.central, 10],
  ] as const) {
    header.writeUInt16LE(method, base);
    if (crc !== undefined) header.writeUInt32LE(crc, base + 6);
    header.writeUInt32LE(packed, base + 10);
    if (unpacked !== undefined) header.writeUInt32LE(unpacked, base + 14);
  }
}

/** Deflates an entry still stored, in place. */
function deflateEntry(entry: Entry): void {
  if (entry.method !== STORED || entry.data.length === 0) return;
  entry.data = deflateRawSync(entry.data, { level: LEVEL });
  setHeaders(entry, DEFLATED, entry.data.length);
}

function writeZip({ entries, trailer, comment }: StoredZip): Uint8Array {
  const parts: Buffer[] = [];
  let offset = 0;
  for (const { local, central, data } of entries) {
    central.writeUInt32LE(offset, 42);
    parts.push(local, data);
    offset += local.length + data.length;
  }
  const directoryLength = entries.reduce((sum, entry) => sum + entry.central.length, 0);
  trailer.writeUInt32LE(directoryLength, 12);
  trailer.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...parts, ...entries.map((e) => e.central), trailer, comment]);
  // A view of the bytes, not a copy of them (`new Uint8Array(buffer)` copies).
  return new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength);
}

/**
 * The same zip with every stored entry deflated by Node's zlib (level 6, as JSZip's `DEFLATE`). Names,
 * order, dates, CRCs and the unpacked bytes are unchanged. exceljs compresses with pako, pure
 * JavaScript, which took four times as long as zlib for a 20,000-supplier workbook.
 *
 * @example deflateStoredZip(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } }))
 */
export function deflateStoredZip(zip: Uint8Array): Uint8Array {
  const stored = readStoredZip(zip);
  for (const entry of stored.entries) deflateEntry(entry);
  return writeZip(stored);
}

/** Pieces an entry is deflated from are up to this size; zlib gets room for each piece's output at once. */
const ZLIB_CHUNK = 1 << 20;

/**
 * Deflates pieces as they come, on libuv's thread pool: while zlib packs one piece, the next is being
 * made. Between pieces the event loop turns once, to hand zlib the next. Resolves once every piece has
 * been handed over (zlib may still be packing the last), to what zlib makes of them.
 */
async function deflatePieces(
  pieces: Iterable<Uint8Array>,
): Promise<{ packed: Promise<Buffer>; crc: number; size: number }> {
  // Room for a few pieces before `write` asks to wait. zlib's streams pass their options on to the
  // stream they are; the typings do not list `highWaterMark`.
  const options: ZlibOptions & { highWaterMark: number } = {
    level: LEVEL,
    chunkSize: ZLIB_CHUNK,
    highWaterMark: ZLIB_CHUNK,
  };
  const deflate = createDeflateRaw(options);
  const output: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => output.push(chunk));
  const packed = once(deflate, 'end').then(() => Buffer.concat(output));
  let crc = 0;
  let size = 0;
  try {
    for (const piece of pieces) {
      crc = crc32(piece, crc);
      size += piece.length;
      if (!deflate.write(piece)) await once(deflate, 'drain');
      else await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    deflate.destroy();
    packed.catch(() => {});
    throw error;
  }
  deflate.end();
  return { packed, crc, size };
}

/**
 * {@link deflateStoredZip}, with new contents for some entries: `rewrite` sees every stored entry's
 * bytes by name and gives the new contents of those it replaces (each gets its new CRC and size).
 *
 * @example await repackStoredZip(stored, (contents) => [['xl/worksheets/sheet3.xml', pieces]])
 */
export async function repackStoredZip(
  zip: Uint8Array,
  rewrite: (contents: ZipContents) => ZipRewrite,
): Promise<Uint8Array> {
  const stored = readStoredZip(zip);
  const byName = new Map(stored.entries.map((entry) => [entry.name, entry]));
  const contents = new Map(stored.entries.filter((e) => e.method === STORED).map((e) => [e.name, e.data]));
  const replaced = new Map<string, Promise<void>>();
  try {
    for (const [name, pieces] of rewrite(contents)) {
      const entry = byName.get(name);
      if (entry === undefined || entry.method !== STORED || replaced.has(name)) {
        throw new ZipRepackError(`${name}: no such stored entry to rewrite`);
      }
      // The next entry is made while zlib finishes this one.
      const { packed, crc, size } = await deflatePieces(pieces);
      const settled = packed.then((data) => {
        entry.data = data;
        setHeaders(entry, DEFLATED, data.length, size, crc);
      });
      // Awaited below; handled now so that a zlib failure while the next entry is made is not unhandled.
      settled.catch(() => undefined);
      replaced.set(name, settled);
    }
    for (const entry of stored.entries) if (!replaced.has(entry.name)) deflateEntry(entry);
  } finally {
    await Promise.allSettled(replaced.values());
  }
  await Promise.all(replaced.values());
  return writeZip(stored);
}
