/** Windows-1252 bytes for the characters above 0x7F that it has and Latin-1 does not. */
const WINDOWS_1252_EXTRAS: Record<string, number> = {
  '\u20ac': 0x80,
  '\u2018': 0x91,
  '\u2019': 0x92,
  '\u201c': 0x93,
  '\u201d': 0x94,
  '\u2013': 0x96,
  '\u2014': 0x97,
};

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'windows-1252') return encodeWindows1252(text);
  const body = new TextEncoder().encode(text);
  if (encoding === 'utf-8') return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}

/** `£` becomes the single byte A3, `–` becomes 96, as Excel's "CSV" export on a UK Windows PC writes them. */
export function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : WINDOWS_1252_EXTRAS[char];
    if (byte === undefined) throw new RangeError(`"${char}" has no Windows-1252 byte`);
    bytes[i] = byte;
  }
  return bytes;
}

/** One CSV record. Fields are quoted when they must be, or always when `quote` says so. */
export function csvRecord(
  fields: readonly string[],
  quote: (index: number) => boolean = () => false,
): string {
  return fields
    .map((field, index) =>
      quote(index) || /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field,
    )
    .join(',');
}
