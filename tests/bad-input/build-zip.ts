import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a zip built by {@link buildZip}. */
export interface ZipEntrySpec {
  path: string;
  /** The entry's bytes, deflated here. */
  data?: Uint8Array | string;
  /** A deflate stream made elsewhere, with the size and CRC the headers should claim for it. */
  deflated?: { bytes: Uint8Array; size: number; crc?: number };
}

/**
 * A zip file as Excel writes one (deflated entries, sizes in the local headers, a central directory),
 * byte for byte the same on every run. `deflated` lets a test claim any size for any stream: a
 * workbook that lies about what it holds is one a reader must not trust.
 */
export function buildZip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    let bytes: Uint8Array;
    let size: number;
    let crc: number;
    if (entry.deflated !== undefined) {
      bytes = entry.deflated.bytes;
      size = entry.deflated.size;
      crc = entry.deflated.crc ?? 0;
    } else {
      const data =
        typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : (entry.data ?? Buffer.alloc(0));
      bytes = deflateRawSync(data);
      size = data.length;
      crc = crc32(data);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    centrals.push(central, name);
    offset += local.length + name.length + bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
