import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compareFileNames } from '../shared/pipeline/index.ts';
import {
  buildRegisterExtract,
  DETECT_BYTES,
  describeUncoveredWants,
  detectRegisterFile,
  findUncoveredWants,
  parseRegisterExtract,
  REGISTER_NAMES,
  type RegisterExtract,
  RegisterFormatError,
  type RegisterInput,
  type RegisterKind,
  type RegisterWants,
} from '../shared/registers/index.ts';
import { hashChunks } from '../shared/table/index.ts';
import { UsageError } from './usage-error.ts';

/** The name `socval report` writes its extract under, in `--out`. */
export const EXTRACT_FILE_NAME = 'register-extract.json';

/** A register extract cannot be used for this report: it was built for other suppliers. The message says what to do. */
export class RegisterExtractError extends Error {
  override name = 'RegisterExtractError';
}

export interface LoadedRegisters {
  extract: RegisterExtract;
  /** What was done, one line each, for the user: files read, or the extract re-used and why. */
  notes: string[];
}

interface RegisterFile {
  path: string;
  kind: RegisterKind;
  size: number;
  modified: string;
}

const ANY_REGISTER =
  'give the Companies House BasicCompanyData…csv, the Charity Commission publicextract.charity.txt, the OSCR CharityExport…csv ' +
  `or the FCA SocietyList.csv, unzipped, or a ${EXTRACT_FILE_NAME} written by socval report`;

/**
 * Reads the registers named by `--registers` (files, or folders of them): each file is told by its
 * header; register downloads are streamed (never held whole) and only the rows that can match `wants`
 * kept; a `register-extract.json` is re-used instead when it covers `wants` — and, beside the
 * downloads, was built from those very files (same names and sizes).
 *
 * @throws RegisterFormatError for a file that is none of the registers, or not readable as the one it looks like.
 * @throws RegisterExtractError for an extract alone that does not cover this report's suppliers.
 */
export async function loadRegisters(
  paths: readonly string[],
  wants: RegisterWants,
): Promise<LoadedRegisters> {
  const registerFiles: RegisterFile[] = [];
  const extractFiles: string[] = [];
  const notes: string[] = [];
  for (const path of await expandPaths(paths)) {
    const detected = detectRegisterFile(await readHead(path));
    if (detected.kind === 'extract') extractFiles.push(path);
    else if (detected.kind === 'compressed') {
      notes.push(`Ignored ${path}: a ZIP or gzip archive; socval reads the file inside it, unzipped`);
    } else if (detected.kind === 'unknown') {
      throw new RegisterFormatError(
        { file: path, line: 1 },
        `this file is none of the registers socval reads (its first line is "${detected.firstLine}"): ${ANY_REGISTER}; move other files out of the folder`,
      );
    } else {
      const info = await stat(path);
      registerFiles.push({
        path,
        kind: detected.kind,
        size: info.size,
        modified: info.mtime.toISOString().slice(0, 10),
      });
    }
  }
  if (extractFiles.length > 1) {
    throw new UsageError(
      `--registers: found ${extractFiles.length} register extracts (${extractFiles.join(', ')}); give one, or the register downloads`,
    );
  }
  const extractPath = extractFiles[0];
  if (extractPath !== undefined) {
    const extract = await readExtract(extractPath);
    const missing = describeUncoveredWants(findUncoveredWants(extract, wants));
    if (registerFiles.length === 0) {
      if (missing !== undefined) {
        throw new RegisterExtractError(
          `${extractPath} does not cover this report's suppliers: ${missing} are not among the keys it was built for. ` +
            'Run socval report again with --registers naming the register downloads (BasicCompanyData…csv, publicextract.charity.txt, ' +
            'CharityExport…csv, SocietyList.csv) instead of the extract, to build one for these suppliers',
        );
      }
      notes.push(`Used the register extract ${extractPath} (${describeSources(extract)})`);
      return { extract, notes };
    }
    const sameFiles = sourcesMatch(extract, registerFiles);
    if (missing === undefined && sameFiles) {
      notes.push(
        `Used the register extract ${extractPath}: it covers these suppliers and was built from the files beside it`,
      );
      return { extract, notes };
    }
    notes.push(
      `Did not use ${extractPath}: ${missing === undefined ? 'it was built from other register files' : `it does not cover ${missing}`}; read the registers again`,
    );
  }
  if (registerFiles.length === 0) {
    throw new UsageError(`--registers ${paths.join(', ')}: no register files found; ${ANY_REGISTER}`);
  }
  const inputs = registerFiles.map((file): RegisterInput => {
    const hash = createHash('sha256');
    return {
      name: basename(file.path),
      register: file.kind,
      bytes: hashChunks(createReadStream(file.path, { highWaterMark: 1024 * 1024 }), hash),
      sha256: () => hash.digest('hex'),
      size: file.size,
      modified: file.modified,
    };
  });
  const extract = await buildRegisterExtract(inputs, wants);
  for (const source of extract.sources) {
    notes.push(
      `Read ${REGISTER_NAMES[source.register]} ${source.file}: ${source.rowsRead.toLocaleString('en-GB')} rows, kept ${source.rowsKept.toLocaleString('en-GB')}`,
    );
  }
  return { extract, notes };
}

async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new UsageError(`--registers ${path}: no such file or folder`);
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.startsWith('~$'))
      .map((entry) => entry.name)
      .sort(compareFileNames);
    for (const name of names) files.push(join(path, name));
  }
  return files;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(DETECT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, DETECT_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readExtract(path: string): Promise<RegisterExtract> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new RegisterFormatError(
      { file: path, line: 1 },
      `this is not a register extract socval wrote: it is not JSON (${(error as Error).message}); ${ANY_REGISTER}`,
    );
  }
  const result = parseRegisterExtract(parsed);
  if (!result.ok) {
    throw new RegisterFormatError(
      { file: path, line: 1 },
      `this is not a register extract this version of socval reads (${result.problems.join('; ')}): build it again with --registers naming the register downloads`,
    );
  }
  return result.extract;
}

function sourcesMatch(extract: RegisterExtract, files: readonly RegisterFile[]): boolean {
  if (extract.sources.length !== files.length) return false;
  return files.every((file) =>
    extract.sources.some(
      (source) =>
        source.file === basename(file.path) && source.register === file.kind && source.bytes === file.size,
    ),
  );
}

function describeSources(extract: RegisterExtract): string {
  return extract.sources
    .map((source) => `${source.file}${source.dated === undefined ? '' : ` of ${source.dated}`}`)
    .join(', ');
}
