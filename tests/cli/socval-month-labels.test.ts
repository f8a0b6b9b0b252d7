import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { socval } from './run-socval.ts';

/** One line on the 15th of each month given, £100 each. */
function extract(months: string[]): string {
  const lines = months.map(
    (month, i) => `15/${month.slice(5, 7)}/${month.slice(0, 4)},Supplier ${i} Ltd,100.00`,
  );
  return ['Date Paid,Supplier Name,Amount', ...lines].join('\n');
}

async function summaryCells(path: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const cells: string[] = [];
  workbook.getWorksheet('Summary')?.eachRow((row) => {
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cells.push(cell.value);
    });
  });
  return cells;
}

describe('socval report period labels', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-month-labels-'));
    await mkdir(join(dir, 'extracts'));
    await writeFile(
      join(dir, 'extracts', 'payments.csv'),
      extract(['2023-04', '2023-10', '2024-04', '2024-10', '2025-03', '2025-04']),
    );
  });

  it('says "1 month" for the first month of a year, in the terminal and on the workbook', async () => {
    const out = join(dir, 'out-april');

    const result = await socval(
      'report',
      '--ledger',
      join(dir, 'extracts'),
      '--month',
      '2025-04',
      '--from-fy',
      '2024/25',
      '--out',
      out,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2025\/26 \(1 month\) +£100\.00/m);
    expect(result.stdout).toMatch(/^2024\/25 same 1 month +£100\.00/m);
    expect(result.stdout).not.toMatch(/1 mo\.|1 months/);
    const cells = await summaryCells(join(out, 'social-value-2025-04.xlsx'));
    expect(cells).toContain('1 month to date: April 2025');
    expect(cells).toContain('1 month, for comparison');
    expect(cells).toContain('2024/25, same 1 month');
    expect(cells.join('\n')).not.toMatch(/1 months|April to April/);
  });

  it('shows the year before once when the report year is complete, with no "same 12 months" row', async () => {
    const out = join(dir, 'out-march');

    const result = await socval(
      'report',
      '--ledger',
      join(dir, 'extracts'),
      '--month',
      '2025-03',
      '--from-fy',
      '2023/24',
      '--out',
      out,
    );

    expect(result.code).toBe(0);
    expect(result.stdout.match(/^2023\/24 .*$/gm)).toEqual([expect.stringMatching(/^2023\/24 +£200\.00/)]);
    expect(result.stdout).not.toMatch(/same 12/);
    const cells = await summaryCells(join(out, 'social-value-2025-03.xlsx'));
    expect(cells.filter((cell) => cell.startsWith('2023/24'))).toEqual(['2023/24', '2023/24', '2023/24']);
    expect(cells.join('\n')).not.toMatch(/for comparison|^2023\/24 same months$/m);
  });
});
