import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { compareExtractNames } from '../shared/report/file-period.ts';
import type { InputFile } from '../shared/types.ts';
import { UsageError } from './usage-error.ts';

const LEDGER_EXTENSIONS = /\.(csv|txt|xlsx|xlsm|xls)$/i;

/** A ledger file found on the command line, and the folder it came from when there were several. */
export interface LedgerInput extends InputFile {
  /**
   * The name of the folder the file was found in, when `--ledger` names more than one folder (as uploads
   * in folders under `incoming/`): files of one name in different folders are different extracts, so
   * neither replaces the other. Absent for a file named on its own (so files re-run from the archive's
   * `raw/ledger/<sha256>/` folders keep their series) and when one folder is given.
   */
  folder?: string;
}

/** The name a ledger file goes by when series are decided: its folder's name before it, when it has one. */
export function seriesPathOf(file: Pick<LedgerInput, 'name' | 'folder'>): string {
  return file.folder === undefined ? file.name : `${file.folder}/${file.name}`;
}

/** A ledger file found on the command line, not yet read: where it is, and the name it goes by. */
export interface LedgerPath {
  name: string;
  path: string;
  /** As {@link LedgerInput.folder}. */
  folder?: string;
}

/** A file (or folder) given with another option (`--suppliers`, `--registers` …), so never read as a ledger. */
export interface OtherInput {
  path: string;
  flag: string;
}

/** A file's real path (links followed), or its absolute path when it cannot be resolved. */
const realPathOf = (path: string): Promise<string> => realpath(path).catch(() => resolve(path));

/** The real path of each file given with another option, folders expanded one level; a missing path is kept as given. */
async function resolveOtherInputs(others: readonly OtherInput[]): Promise<Map<string, string>> {
  const flags = new Map<string, string>();
  for (const { path, flag } of others) {
    const info = await stat(path).catch(() => undefined);
    const paths = info?.isDirectory()
      ? (await readdir(path, { withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => join(path, e.name))
      : [path];
    for (const each of paths) {
      const key = await realPathOf(each);
      if (!flags.has(key)) flags.set(key, flag);
    }
  }
  return flags;
}

/** One line saying which files were not read as ledgers because another option names them. */
export function describeLeftOut(leftOut: readonly OtherInput[]): string {
  return `Not read as ledger extracts: ${leftOut.map((file) => `${file.path} (the ${file.flag} file)`).join(', ')}`;
}

/** A ledger file not passed to the report because a file read before it has the same bytes. */
export interface ReadOnce {
  file: LedgerPath;
  /** The file read before it, with the same SHA-256: the one the report counts. */
  sameAs: LedgerPath;
}

/** One line saying that a file's bytes were already read under another name (by names, else by paths). */
export function describeReadOnce({ file, sameAs }: ReadOnce): string {
  const [name, other] =
    seriesPathOf(file) === seriesPathOf(sameAs)
      ? [file.path, sameAs.path]
      : [seriesPathOf(file), seriesPathOf(sameAs)];
  return `Read once: "${name}" has the same bytes as "${other}"`;
}

/**
 * The ledger files named on the command line, folders expanded, in name order however they were given
 * (in the order given with `keepOrder`), without reading them.
 * A file that is also given with another option (`others`: the supplier reference in the ledger folder)
 * is left out, and listed in `leftOut`. A file named twice (by the same or another path) is listed once.
 */
export async function findLedgerFiles(
  paths: readonly string[],
  others: readonly OtherInput[] = [],
  options: { keepOrder?: boolean } = {},
): Promise<{ files: LedgerPath[]; ignored: string[]; leftOut: OtherInput[] }> {
  const files: (LedgerPath & { dir?: string })[] = [];
  const ignored: string[] = [];
  const leftOut: OtherInput[] = [];
  const otherFlags = await resolveOtherInputs(others);
  // Real paths of the files taken: a file named twice (`--ledger a.csv --ledger a.csv`, or a file and
  // its folder) is taken once, where it first comes.
  const taken = new Set<string>();
  const add = async (file: LedgerPath & { dir?: string }) => {
    const real = await realPathOf(file.path);
    const flag = otherFlags.get(real);
    if (flag !== undefined) leftOut.push({ path: file.path, flag });
    else if (!taken.has(real)) {
      taken.add(real);
      files.push(file);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new UsageError(`--ledger ${path}: no such file or folder`);
    });
    if (!info.isDirectory()) {
      await add({ name: basename(path), path });
      continue;
    }
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.startsWith('~$'))
      .map((entry) => entry.name)
      .sort(compareExtractNames);
    for (const name of names) {
      if (!LEDGER_EXTENSIONS.test(name)) ignored.push(join(path, name));
      else await add({ name, path: join(path, name), dir: resolve(path) });
    }
  }
  if (files.length === 0) {
    const besides =
      leftOut.length === 0 ? '' : ` besides the files of other options (${describeLeftOut(leftOut)})`;
    throw new UsageError(`no ledger extracts (.csv, .xlsx) found in ${paths.join(', ')}${besides}`);
  }
  // Name order, versions of one name original first, however the files were given: a later version of
  // an extract replaces an earlier one by this order, and a shell's glob puts `2025-05 payments
  // revised.csv` before `2025-05 payments.csv` (and name order `amended payments` before `payments`).
  // Stable, so files of the same name (in other folders) keep the order they were given in. A re-run
  // from the archive keeps the order the pipeline used (uploads by arrival), which its manifest lists.
  if (options.keepOrder !== true) files.sort((a, b) => compareExtractNames(a.name, b.name));
  const severalFolders =
    new Set(files.flatMap((file) => (file.dir === undefined ? [] : [file.dir]))).size > 1;
  return {
    files: files.map(({ dir, ...file }) =>
      severalFolders && dir !== undefined ? { ...file, folder: basename(dir) } : file,
    ),
    ignored,
    leftOut,
  };
}

/** The ledger files named on the command line, folders expanded in name order, each read whole. */
export async function collectLedgerFiles(
  paths: readonly string[],
  others: readonly OtherInput[] = [],
): Promise<{ files: LedgerInput[]; ignored: string[]; leftOut: OtherInput[] }> {
  const { files, ignored, leftOut } = await findLedgerFiles(paths, others);
  const read: LedgerInput[] = [];
  for (const { path, ...file } of files) read.push({ ...file, bytes: await readFile(path) });
  return { files: read, ignored, leftOut };
}

export async function readInputFile(path: string, flag: string): Promise<InputFile> {
  const bytes = await readFile(path).catch(() => {
    throw new UsageError(`${flag} ${path}: no such file`);
  });
  return { name: basename(path), bytes };
}
