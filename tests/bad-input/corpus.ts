import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFile } from '../../shared/types.ts';
import { generators } from './generate.ts';

export const FILES_DIR = join(import.meta.dirname, 'files');

/** The committed files of the corpus. */
export function committedFiles(): string[] {
  return readdirSync(FILES_DIR)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/** Every file of the corpus: committed ones and those generated at test time. */
export function corpusFiles(): string[] {
  return [...committedFiles(), ...Object.keys(generators)].sort();
}

const made = new Map<string, Promise<Uint8Array>>();

/** A corpus file by name: read from `files/`, or generated (once per test file). */
export function corpusFile(name: string): Promise<InputFile> {
  let bytes = made.get(name);
  if (bytes === undefined) {
    const generate = generators[name];
    bytes =
      generate === undefined
        ? readFile(join(FILES_DIR, name)).then((buffer) => new Uint8Array(buffer))
        : Promise.resolve(generate());
    made.set(name, bytes);
  }
  return bytes.then((loaded) => ({ name, bytes: loaded }));
}
