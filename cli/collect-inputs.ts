import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InputFile } from '../shared/types.ts';
import { UsageError } from './usage-error.ts';

const LEDGER_EXTENSIONS = /\.(csv|txt|xlsx|xlsm|xls)$/i;
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const stemOf = (name: string) => name.replace(/\.[^.]*$/, '');

/**
 * Name order as people expect it: numbers numerically, and a name before the same
 * name with more after it (`2023-09 payments.csv` before `2023-09 payments (corrected).csv`).
 */
export function compareFileNames(a: string, b: string): number {
  return collator.compare(stemOf(a), stemOf(b)) || collator.compare(a, b);
}

/** The ledger files named on the command line, folders expanded in name order. */
export async function collectLedgerFiles(
  paths: readonly string[],
): Promise<{ files: InputFile[]; ignored: string[] }> {
  const files: InputFile[] = [];
  const ignored: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new UsageError(`--ledger ${path}: no such file or folder`);
    });
    if (!info.isDirectory()) {
      files.push({ name: basename(path), bytes: await readFile(path) });
      continue;
    }
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.startsWith('~$'))
      .map((entry) => entry.name)
      .sort(compareFileNames);
    for (const name of names) {
      if (LEDGER_EXTENSIONS.test(name)) files.push({ name, bytes: await readFile(join(path, name)) });
      else ignored.push(join(path, name));
    }
  }
  if (files.length === 0)
    throw new UsageError(`no ledger extracts (.csv, .xlsx) found in ${paths.join(', ')}`);
  return { files, ignored };
}

export async function readInputFile(path: string, flag: string): Promise<InputFile> {
  const bytes = await readFile(path).catch(() => {
    throw new UsageError(`${flag} ${path}: no such file`);
  });
  return { name: basename(path), bytes };
}
