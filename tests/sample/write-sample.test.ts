import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleTrust } from '../../sample/generate-trust.ts';
import { writeSampleTrust } from '../../sample/write-sample.ts';

describe('writeSampleTrust', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('writes the extracts, the supplier reference and the expected figures byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'socval-sample-'));
    dirs.push(dir);
    const trust = await generateSampleTrust({ firstMonth: '2023-03', lastMonth: '2023-05' });

    await writeSampleTrust(dir, trust);

    expect((await readdir(join(dir, 'extracts'))).sort()).toEqual(
      trust.ledgerFiles.map((f) => f.name).sort(),
    );
    for (const file of trust.ledgerFiles) {
      expect(new Uint8Array(await readFile(join(dir, 'extracts', file.name)))).toEqual(file.bytes);
    }
    expect(new Uint8Array(await readFile(join(dir, 'suppliers.csv')))).toEqual(trust.supplierReference.bytes);
    expect(JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8'))).toEqual(trust.expected);
  });
});
