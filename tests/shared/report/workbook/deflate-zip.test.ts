import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Workbook from 'exceljs/lib/doc/workbook.js';
import { describe, expect, it } from 'vitest';
import { deflateStoredZip, ZipRepackError } from '../../../../shared/report/workbook/deflate-zip.ts';

/** Each entry's name, method and unpacked bytes, as Info-ZIP reads them. */
function readZip(bytes: Uint8Array): { name: string; method: string; content: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), 'socval-zip-'));
  try {
    const file = join(dir, 'book.zip');
    writeFileSync(file, bytes);
    execFileSync('unzip', ['-tq', file]);
    return execFileSync('zipinfo', ['-l', file], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^\S+\s+\S+\s+\S+\s+\d+\s+\S+\s+\d+\s+(\w+)\s+\S+\s+\S+\s+(.+)$/.exec(line))
      .filter((match) => match !== null)
      .map(([, method = '', name = '']) => ({
        name,
        method,
        content: execFileSync('unzip', ['-p', file, name.replace(/[[\]*?]/g, '\\$&')], {
          maxBuffer: 64 * 1024 * 1024,
        }),
      }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storedWorkbook(): Promise<Uint8Array> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Suppliers');
  for (let i = 1; i <= 500; i++) sheet.addRow([`Supplier ${i} Ltd`, i * 100.25, i % 3 === 0 ? 'Yes' : 'No']);
  const image = workbook.addImage({ buffer: Buffer.alloc(300, 7) as never, extension: 'png' });
  sheet.addImage(image, { tl: { col: 4, row: 1 }, ext: { width: 10, height: 10 } });
  const stored = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return stored as unknown as Uint8Array;
}

describe('deflating a stored zip', () => {
  it('keeps every entry, in order, with the same bytes, deflated', async () => {
    const stored = await storedWorkbook();
    const deflated = deflateStoredZip(stored);
    const before = readZip(stored);
    const after = readZip(deflated);
    expect(after.map(({ name, content }) => ({ name, content }))).toEqual(
      before.map(({ name, content }) => ({ name, content })),
    );
    expect(before.some(({ method }) => method === 'stor')).toBe(true);
    for (const entry of after) expect(entry.method).toBe(entry.content.length === 0 ? 'stor' : 'defN');
    expect(deflated.byteLength).toBeLessThan(stored.byteLength / 3);
  });

  it('refuses what is not a zip, and a zip whose sizes follow its data', async () => {
    expect(() => deflateStoredZip(new TextEncoder().encode('not a zip'))).toThrow(ZipRepackError);
    const stored = Buffer.from(await storedWorkbook());
    stored.writeUInt16LE(stored.readUInt16LE(6) | 0x0008, 6); // the first entry's flags
    expect(() => deflateStoredZip(stored)).toThrow(/data descriptor/);
  });
});
