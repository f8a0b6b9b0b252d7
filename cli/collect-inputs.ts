import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { compareFileNames } from '../shared/pipeline/compare-file-names.ts';
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

/** The ledger files named on the command line, folders expanded in name order, without reading them. */
export async function findLedgerFiles(
  paths: readonly string[],
): Promise<{ files: LedgerPath[]; ignored: string[] }> {
  const files: (LedgerPath & { dir?: string })[] = [];
  const ignored: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new UsageError(`--ledger ${path}: no such file or folder`);
    });
    if (!info.isDirectory()) {
      files.push({ name: basename(path), path });
      continue;
    }
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.startsWith('~$'))
      .map((entry) => entry.name)
      .sort(compareFileNames);
    for (const name of names) {
      if (LEDGER_EXTENSIONS.test(name)) files.push({ name, path: join(path, name), dir: resolve(path) });
      else ignored.push(join(path, name));
    }
  }
  if (files.length === 0)
    throw new UsageError(`no ledger extracts (.csv, .xlsx) found in ${paths.join(', ')}`);
  const severalFolders =
    new Set(files.flatMap((file) => (file.dir === undefined ? [] : [file.dir]))).size > 1;
  return {
    files: files.map(({ dir, ...file }) =>
      severalFolders && dir !== undefined ? { ...file, folder: basename(dir) } : file,
    ),
    ignored,
  };
}

/** The ledger files named on the command line, folders expanded in name order, each read whole. */
export async function collectLedgerFiles(
  paths: readonly string[],
): Promise<{ files: LedgerInput[]; ignored: string[] }> {
  const { files, ignored } = await findLedgerFiles(paths);
  const read: LedgerInput[] = [];
  for (const { path, ...file } of files) read.push({ ...file, bytes: await readFile(path) });
  return { files: read, ignored };
}

export async function readInputFile(path: string, flag: string): Promise<InputFile> {
  const bytes = await readFile(path).catch(() => {
    throw new UsageError(`${flag} ${path}: no such file`);
  });
  return { name: basename(path), bytes };
}
