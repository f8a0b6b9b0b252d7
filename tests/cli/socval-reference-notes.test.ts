import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { socval } from './run-socval.ts';

describe('socval report with a supplier reference that has columns it does not read and a supplier on two rows', () => {
  it('prints each note in the text summary and still reads the reference', async () => {
    // prepare
    const dir = await mkdtemp(join(tmpdir(), 'socval-reference-notes-'));
    await writeFile(
      join(dir, 'suppliers.csv'),
      [
        'Vendor,Post Code,No. of employees,Turnover £m,Annual Turnover (Â£)',
        'Acme Ltd,ME14 1XX,45,12.5,',
        'Dup Supplies Ltd,EC1A 1BB,,,',
        'Dup Supplies Ltd,ME14 1XX,,,',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, '2025-04 payments.csv'),
      'Date,Supplier,Amount\n15/04/2025,Acme Ltd,600.00\n16/04/2025,Dup Supplies Ltd,400.00\n',
    );

    // act
    const { code, stdout } = await socval(
      'report',
      '--ledger',
      join(dir, '2025-04 payments.csv'),
      '--suppliers',
      join(dir, 'suppliers.csv'),
      '--out',
      join(dir, 'out'),
    );

    // assert
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Supplier reference suppliers.csv: column "Annual Turnover (Â£)" (E) was not read: the file looks mis-decoded: ' +
        'this header was probably "Annual Turnover (£)" (read as turnover)',
    );
    expect(stdout).toContain(
      'Supplier reference suppliers.csv line 4: postcode ME14 1XX here is not on line 3 (EC1A 1BB) for the same supplier',
    );
    expect(stdout).not.toMatch(/Supplier reference: (a cell|\d+ cells) could not be read/);
    // Acme (£12.5m, 45 staff) is an SME and local; Dup Supplies goes by its earlier row (EC1A 1BB): not local
    expect(stdout).toMatch(/2025\/26 \(1 month\)\s+£1,000\.00\s+£600\.00 60\.0%\s+£0\.00\s+£600\.00 60\.0%/);
  });
});
