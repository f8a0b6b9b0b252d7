import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { socval } from './run-socval.ts';

describe('socval report on a workbook whose dates a spreadsheet may have swapped', () => {
  it('counts its lines and says, on the file line, that cells need checking', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'socval-swapped-'));
    await mkdir(join(dir, 'ledger'));
    // As a UK ledger is saved by a spreadsheet set to month/day: 02/06 and 03/06 stored as
    // 6 February and 6 March, 15/06 and 30/06 left as text.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('June');
    sheet.addRows([
      ['Payment Date', 'Supplier', 'Amount'],
      [new Date(Date.UTC(2025, 1, 6)), 'Kent Care Services Ltd', 1250],
      [new Date(Date.UTC(2025, 2, 6)), 'Garden of England Catering Ltd', 342.18],
      ['15/06/2025', 'ACME Widgets plc', -99.99],
      ['30/06/2025', 'Maidstone Community Trust', 12000.5],
    ]);
    await writeFile(join(dir, 'ledger', 'june-2025.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
    await writeFile(
      join(dir, 'suppliers.csv'),
      'Supplier Name,Postcode,SME,VCSE\nACME Widgets plc,ME14 1XX,N,N\n',
    );

    const result = await socval(
      'report',
      '--ledger',
      join(dir, 'ledger'),
      '--suppliers',
      join(dir, 'suppliers.csv'),
      '--out',
      join(dir, 'out'),
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'ok       june-2025.xlsx: 4 lines, £13,492.69 (2 cell(s) of counted lines to check — see the Data quality sheet)',
    );
  });
});
