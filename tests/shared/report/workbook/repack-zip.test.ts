import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Workbook from 'exceljs/lib/doc/workbook.js';
import { describe, expect, it } from 'vitest';
import { repackStoredZip, ZipRepackError } from '../../../../shared/report/workbook/deflate-zip.ts';

/** Each entry's method and unpacked bytes, as Info-ZIP reads them (after `unzip -t` checks every CRC). */
function readZip(bytes: Uint8Array): Map<string, { method: string; content: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'socval-repack-'));
  try {
    const file = join(dir, 'book.zip');
    writeFileSync(file, bytes);
    execFileSync('unzip', ['-tq', file]);
    const entries = new Map<string, { method: string; content: Buffer }>();
    for (const line of execFileSync('zipinfo', ['-l', file], { encoding: 'utf8' }).split('\n')) {
      const match = /^\S+\s+\S+\s+\S+\s+\d+\s+\S+\s+\d+\s+(\w+)\s+\S+\s+\S+\s+(.+)$/.exec(line);
      if (match === null) continue;
      const [, method = '', name = ''] = match;
      entries.set(name, {
        method,
        content: execFileSync('unzip', ['-p', file, name.replace(/[[\]*?]/g, '\\$&')], {
          maxBuffer: 64 << 20,
        }),
      });
    }
    return entries;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storedWorkbook(): Promise<Uint8Array> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Sheet');
  for (let i = 1; i <= 200; i++) sheet.addRow([`Row ${i}`, i * 1.5]);
  return (await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })) as unknown as Uint8Array;
}

describe('repacking a stored zip with new contents for some entries', () => {
  it('gives those entries the pieces written, with their CRC and size, and keeps the rest', async () => {
    const stored = await storedWorkbook();
    const before = readZip(stored);
    // Big enough pieces that zlib works through several, across the event loop.
    const pieces = Array.from({ length: 5 }, (_, i) =>
      Buffer.from(`<piece ${i}>${'é&x'.repeat(400_000 + i)}</piece>`),
    );
    const seen: string[] = [];
    const repacked = await repackStoredZip(stored, (contents) => {
      seen.push(...contents.keys());
      return [
        ['xl/worksheets/sheet1.xml', pieces],
        [
          'docProps/app.xml',
          [Buffer.from(`${contents.get('docProps/app.xml')?.toString('utf8')}<!-- more -->`)],
        ],
      ];
    });
    expect(seen).toEqual([...before.keys()]);
    const after = readZip(repacked);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('xl/worksheets/sheet1.xml')?.content.equals(Buffer.concat(pieces))).toBe(true);
    expect(after.get('docProps/app.xml')?.content.toString('utf8')).toBe(
      `${before.get('docProps/app.xml')?.content.toString('utf8')}<!-- more -->`,
    );
    for (const [name, { method, content }] of after) {
      if (name !== 'xl/worksheets/sheet1.xml' && name !== 'docProps/app.xml') {
        expect(content.equals(before.get(name)?.content ?? Buffer.alloc(0)), name).toBe(true);
      }
      expect(method, name).toBe(content.length === 0 ? 'stor' : 'defN');
    }
  });

  it('refuses to rewrite an entry the zip does not have, or one twice', async () => {
    const stored = await storedWorkbook();
    await expect(repackStoredZip(stored, () => [['xl/nothing.xml', []]])).rejects.toThrow(ZipRepackError);
    await expect(
      repackStoredZip(stored, () => [
        ['xl/styles.xml', []],
        ['xl/styles.xml', []],
      ]),
    ).rejects.toThrow(ZipRepackError);
  });
});
