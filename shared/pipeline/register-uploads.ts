import { createHash } from 'node:crypto';
import { findRegisterDateInName, type RegisterKind } from '../registers/detect-register.ts';
import type { RegisterWants } from '../registers/extract.ts';
import { compareFileNames } from './compare-file-names.ts';
import { orderUploads } from './current-uploads.ts';
import type { ReferenceManifest } from './manifest.ts';

/** An accepted register upload's manifest: `register` is set. */
export type RegisterUpload = ReferenceManifest & { kind: 'register'; register: RegisterKind };

/**
 * The register files a report reads: for each register, the latest accepted upload — for Companies
 * House, every file of the latest upload's edition (the date in its name, so the `-partN_7` files of
 * one month go together; the latest upload of each name) — in the order the CLI reads a folder.
 */
export function chooseRegisterUploads(manifests: readonly ReferenceManifest[]): RegisterUpload[] {
  const registers = orderUploads(
    manifests.filter(
      (manifest): manifest is RegisterUpload =>
        manifest.kind === 'register' && manifest.register !== undefined && manifest.status === 'accepted',
    ),
  );
  const chosen: RegisterUpload[] = [];
  const latestOf = new Map<RegisterKind, RegisterUpload>();
  for (const upload of registers) latestOf.set(upload.register, upload);
  for (const [kind, latest] of latestOf) {
    if (kind !== 'companies-house') {
      chosen.push(latest);
      continue;
    }
    const edition = (name: string) => findRegisterDateInName(kind, name) ?? '';
    const byName = new Map<string, RegisterUpload>();
    for (const upload of registers) {
      if (upload.register === kind && edition(upload.name) === edition(latest.name)) {
        byName.set(upload.name, upload);
      }
    }
    chosen.push(...byName.values());
  }
  return chosen.sort((a, b) => compareFileNames(a.name, b.name));
}

const sha256Of = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * What a stored register extract was built from — the files (register, name, SHA-256, size, date
 * received) and the code version that read them — as a SHA-256: the folder its extracts are kept in.
 */
export function hashRegisterInputs(uploads: readonly RegisterUpload[], codeVersion: string): string {
  return sha256Of({
    codeVersion,
    files: uploads.map(({ register, name, sha256, size, receivedAt }) => ({
      register,
      name,
      sha256,
      size,
      modified: receivedAt.slice(0, 10),
    })),
  });
}

/** The SHA-256 of the keys an extract is built for, sorted, so the same suppliers give the same key. */
export function hashRegisterWants(wants: RegisterWants): string {
  const sorted = (values: readonly string[]) => [...new Set(values)].sort();
  return sha256Of({
    companyNumbers: sorted(wants.companyNumbers),
    charityNumbers: sorted(wants.charityNumbers),
    names: sorted(wants.names),
    places: sorted(wants.places),
  });
}
