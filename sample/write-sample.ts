import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SampleTrust } from './generate-trust.ts';

/**
 * Writes a sample trust to `dir`: `extracts/<file>` for each monthly extract,
 * `suppliers.csv`, and `expected.json`. Existing files of the same name are
 * replaced; nothing else in `dir` is touched.
 *
 * @example
 * await writeSampleTrust('sample/out', await generateSampleTrust());
 */
export async function writeSampleTrust(dir: string, trust: SampleTrust): Promise<void> {
  const extracts = join(dir, 'extracts');
  await mkdir(extracts, { recursive: true });
  for (const file of trust.ledgerFiles) {
    await writeFile(join(extracts, file.name), file.bytes);
  }
  await writeFile(join(dir, trust.supplierReference.name), trust.supplierReference.bytes);
  await writeFile(join(dir, 'expected.json'), `${JSON.stringify(trust.expected, null, 2)}\n`);
}
