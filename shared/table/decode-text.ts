/** Which encoding the bytes of a text file were read as. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F. Node's TextDecoder('windows-1252')
// decodes those bytes as C1 controls (latin1), so the table is spelled out here.
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];
const C1_CONTROLS = /[\u0080-\u009f]/g;

/** Decodes Windows-1252 bytes (what Excel writes for "CSV" on a UK Windows machine). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    return String.fromCharCode(WINDOWS_1252_HIGH[code - 0x80] ?? code);
  });
}

/** Decodes text bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or mostly ASCII without), else Windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    if (text !== undefined) return { text, encoding: 'utf-8-bom' };
    return { text: decodeWindows1252(bytes.subarray(3)), encoding: 'windows-1252' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16 !== undefined) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  const text = tryUtf8(bytes);
  if (text !== undefined) return { text, encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/** How to turn a text file's bytes into text: the encoding, and how many leading (BOM) bytes to drop. */
export interface TextDecoding {
  encoding: TextEncodingName;
  skip: number;
}

/**
 * The decoding {@link decodeText} would start with, from a file's first three bytes: a BOM decides,
 * else UTF-8 — until a byte proves otherwise (see {@link fallbackDecoding}).
 */
export function chooseTextDecoding(head: Uint8Array): TextDecoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const utf16 = guessUtf16WithoutBom(head);
  if (utf16 !== undefined) return { encoding: utf16, skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/** Bytes looked at to recognise UTF-16 text that has no byte-order mark. */
export const UTF16_SNIFF_BYTES = 1024;

/**
 * UTF-16 without a byte-order mark (as some database and PowerShell exports write it), recognised by
 * its first {@link UTF16_SNIFF_BYTES} bytes: a ledger is mostly ASCII, so every other byte is zero —
 * the second of each pair in little-endian, the first in big-endian — and the others are not.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  if (pairs < 2) return undefined;
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroFirst++;
    if (bytes[2 * i + 1] === 0) zeroSecond++;
  }
  if (zeroSecond >= pairs * 0.9 && zeroFirst === 0) return 'utf-16le';
  if (zeroFirst >= pairs * 0.9 && zeroSecond === 0) return 'utf-16be';
  return undefined;
}

/** What {@link decodeText} reads a file as when its bytes are not valid UTF-8: Windows-1252 (after any BOM). */
export function fallbackDecoding(decoding: TextDecoding): TextDecoding {
  return { encoding: 'windows-1252', skip: decoding.skip };
}

/** Thrown by a {@link ChunkDecoder} reading UTF-8 when the bytes are not UTF-8. */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
}

/**
 * Decodes a file chunk by chunk exactly as {@link decodeText} decodes it whole: characters split across
 * chunks are joined, the BOM bytes are dropped, and UTF-8 is checked strictly (throwing
 * {@link NotUtf8Error}, so the caller can start again with {@link fallbackDecoding}).
 */
export class ChunkDecoder {
  readonly #decoder: InstanceType<typeof TextDecoder> | undefined;
  #skip: number;

  constructor(decoding: TextDecoding) {
    this.#skip = decoding.skip;
    const { encoding } = decoding;
    if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
      this.#decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    } else if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      this.#decoder = new TextDecoder(encoding);
    }
  }

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.#skip > 0) {
      const dropped = Math.min(this.#skip, bytes.length);
      bytes = bytes.subarray(dropped);
      this.#skip -= dropped;
    }
    if (this.#decoder === undefined) return decodeWindows1252(bytes);
    try {
      return this.#decoder.decode(bytes, { stream: true });
    } catch (error) {
      throw new NotUtf8Error('the bytes are not UTF-8', { cause: error });
    }
  }

  /** Whatever is left at the end of the file (an incomplete UTF-8 character throws). */
  end(): string {
    if (this.#decoder === undefined) return '';
    try {
      return this.#decoder.decode();
    } catch (error) {
      throw new NotUtf8Error('the bytes are not UTF-8', { cause: error });
    }
  }
}

/** Where a file read as Windows-1252 has text that is UTF-8 after all, and where text that is not. */
export interface MixedEncoding {
  utf8: { line: number; text: string };
  other: { line: number; text: string };
}

/**
 * Watches the bytes of a file read as Windows-1252 (because some byte is not UTF-8) for characters that
 * are valid UTF-8 too: a file with both was pasted together from two exports, and reading it either way
 * garbles half its names (`Café` as `CafÃ©`). Lines are counted as the CSV reader counts them.
 */
export class MixedEncodingScanner {
  /** Both kinds of text, once found. */
  found: MixedEncoding | undefined;
  #utf8: MixedEncoding['utf8'] | undefined;
  #other: MixedEncoding['other'] | undefined;
  #skip: number;
  #line = 1;
  #pendingCr = false;
  /** The UTF-8 sequence being read: its bytes, the line it started on, and how many more it needs. */
  #sequence: number[] = [];
  #sequenceLine = 1;
  #need = 0;

  /** `skip`: the BOM bytes at the start, which are not text. */
  constructor(skip: number) {
    this.#skip = skip;
  }

  scan(chunk: Uint8Array): void {
    if (this.found !== undefined) return;
    for (const byte of chunk) {
      if (this.#skip > 0) {
        this.#skip--;
        continue;
      }
      this.#byte(byte);
      if (this.#utf8 !== undefined && this.#other !== undefined) {
        this.found = { utf8: this.#utf8, other: this.#other };
        return;
      }
    }
  }

  #byte(byte: number): void {
    if (this.#need > 0) {
      if (byte >= 0x80 && byte <= 0xbf) {
        this.#sequence.push(byte);
        if (--this.#need === 0) {
          this.#utf8 ??= {
            line: this.#sequenceLine,
            text: new TextDecoder().decode(Uint8Array.from(this.#sequence)),
          };
          this.#sequence = [];
        }
        return;
      }
      this.#notUtf8(this.#sequence[0] ?? byte, this.#sequenceLine);
      this.#need = 0;
      this.#sequence = [];
    }
    if (byte === 0x0a) {
      if (!this.#pendingCr) this.#line++;
      this.#pendingCr = false;
      return;
    }
    this.#pendingCr = byte === 0x0d;
    if (this.#pendingCr) this.#line++;
    if (byte < 0x80) return;
    const need =
      byte >= 0xc2 && byte <= 0xdf
        ? 1
        : byte >= 0xe0 && byte <= 0xef
          ? 2
          : byte >= 0xf0 && byte <= 0xf4
            ? 3
            : 0;
    if (need === 0) {
      this.#notUtf8(byte, this.#line);
      return;
    }
    this.#need = need;
    this.#sequence = [byte];
    this.#sequenceLine = this.#line;
  }

  #notUtf8(byte: number, line: number): void {
    this.#other ??= { line, text: decodeWindows1252(Uint8Array.of(byte)) };
  }
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
