import type { Readable } from 'node:stream';
import { WorkbookLimitError } from './workbook-limits.ts';

/**
 * Most bytes the parts of one workbook may inflate to: a monthly ledger's are a few MB, and a sheet
 * filled to Excel's last row with eight columns about 350 MB. Beyond is damaged or a "zip bomb" (a
 * few MB that inflate to gigabytes), refused before it is inflated in full.
 */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
/**
 * Longest run of an XML part without a `<` or `>`. Excel's longest cell, 32,767 characters, is under
 * 200 KB even with every character escaped; a longer run would be held whole by the XML parser.
 */
export const MAX_XML_RUN = 1024 * 1024;

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.ceil(bytes / MB).toLocaleString('en-GB')} MB`;
const BOMB = 'it is damaged, or a "zip bomb" (a small file that inflates to gigabytes)';
const TODO = 'open the ledger in Excel and save it as .xlsx or CSV, or export it again';

function tooLarge(path: string): WorkbookLimitError {
  return new WorkbookLimitError(
    `inflates to more than ${megabytes(MAX_INFLATED_BYTES)} of workbook data (reading ${path}), more than any ledger workbook holds, so ${BOMB}: ${TODO}`,
  );
}

function declaredTooLarge(path: string, declared: number): WorkbookLimitError {
  return new WorkbookLimitError(
    `says ${path} inflates to ${megabytes(declared)}, more than any ledger workbook holds, so ${BOMB}: ${TODO}`,
  );
}

function runTooLong(path: string): WorkbookLimitError {
  return new WorkbookLimitError(
    `has over ${megabytes(MAX_XML_RUN)} of ${path} without a single XML tag, which Excel never writes, so it is damaged or was not made by Excel: ${TODO}`,
  );
}

/** The part of an unzipper entry (a PassThrough of the inflated bytes) watched here. */
interface ZipEntry {
  path: string;
  vars?: { uncompressedSize?: number };
  on(event: 'error', listener: (error: Error) => void): unknown;
  _transform(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void;
}

function isZipEntry(value: unknown): value is ZipEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { _transform?: unknown })._transform === 'function'
  );
}

/**
 * Watches the zip parser that exceljs pipes `source` into (unzipper's `Parse`): every inflated byte of
 * every entry is counted against {@link MAX_INFLATED_BYTES}, each XML part's runs against
 * {@link MAX_XML_RUN}, and the parser's own failures (a damaged deflate stream) are reported too — to
 * `refuse`, once, as the bytes arrive, so the caller stops before holding or inflating more. Without
 * this a damaged entry leaves exceljs waiting for bytes that never come.
 */
export function watchZipParser(
  source: Readable,
  refuse: (error: Error) => void,
  onEntry: (path: string) => void = () => {},
): void {
  let inflated = 0;
  let refused = false;
  const once = (error: Error) => {
    if (refused) return;
    refused = true;
    refuse(error);
  };
  const pipe = source.pipe.bind(source);
  source.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    const parser = destination as unknown as Readable;
    parser.on('error', (error: Error) => once(error));
    const push = parser.push.bind(parser);
    parser.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (isZipEntry(chunk)) watchEntry(chunk);
      return push(chunk, encoding);
    };
    return pipe(destination, options);
  }) as typeof source.pipe;

  const watchEntry = (entry: ZipEntry) => {
    onEntry(entry.path);
    // Its failure is reported through `refuse`; an error event nobody listens to would crash Node.
    entry.on('error', () => {});
    const declared = entry.vars?.uncompressedSize ?? 0;
    if (declared > MAX_INFLATED_BYTES) once(declaredTooLarge(entry.path, declared));
    const runs = /\.(xml|rels|vml)$/i.test(entry.path) ? new XmlRuns() : undefined;
    const transform = entry._transform.bind(entry);
    entry._transform = (chunk, encoding, callback) => {
      inflated += chunk.length;
      const problem =
        refused || inflated > MAX_INFLATED_BYTES
          ? tooLarge(entry.path)
          : runs?.add(chunk) === false
            ? runTooLong(entry.path)
            : undefined;
      if (problem !== undefined) {
        once(problem);
        // Failing the entry stops its inflater: no more of the zip is inflated.
        callback(problem);
        return;
      }
      transform(chunk, encoding, callback);
    };
  };
}

const LT = 0x3c;
const GT = 0x3e;

/** Tracks the longest run of bytes without `<` or `>` across an XML part's chunks. */
class XmlRuns {
  #since = 0;

  /** False once a run is longer than {@link MAX_XML_RUN}. */
  add(chunk: Buffer): boolean {
    const first = firstTagMark(chunk);
    if (first === -1) {
      this.#since += chunk.length;
      return this.#since <= MAX_XML_RUN;
    }
    if (this.#since + first > MAX_XML_RUN) return false;
    // Runs inside a chunk are shorter than the chunk; only a chunk longer than the limit needs a scan.
    if (chunk.length > MAX_XML_RUN) {
      let previous = first;
      for (let at = first + 1; at < chunk.length; at++) {
        const byte = chunk[at];
        if (byte !== LT && byte !== GT) continue;
        if (at - previous - 1 > MAX_XML_RUN) return false;
        previous = at;
      }
    }
    this.#since = chunk.length - 1 - Math.max(chunk.lastIndexOf(LT), chunk.lastIndexOf(GT));
    return this.#since <= MAX_XML_RUN;
  }
}

function firstTagMark(chunk: Buffer): number {
  const lt = chunk.indexOf(LT);
  const gt = chunk.indexOf(GT);
  if (lt === -1) return gt;
  if (gt === -1) return lt;
  return Math.min(lt, gt);
}
