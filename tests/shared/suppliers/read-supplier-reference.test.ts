import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSupplierReference, SupplierReferenceError } from '../../../shared/suppliers/index.ts';
import type { InputFile } from '../../../shared/types.ts';

const csv = (name: string, text: string): InputFile => ({ name, bytes: new TextEncoder().encode(text) });

async function xlsx(
  name: string,
  rows: unknown[][],
  sheets: { name: string; rows: unknown[][] }[] = [],
): Promise<InputFile> {
  const workbook = new ExcelJS.Workbook();
  for (const extra of sheets) workbook.addWorksheet(extra.name).addRows(extra.rows);
  workbook.addWorksheet('Suppliers').addRows(rows);
  const buffer = await workbook.xlsx.writeBuffer();
  return { name, bytes: new Uint8Array(buffer as ArrayBuffer) };
}

describe('reading the supplier reference', () => {
  it('reads every column by its canonical header', async () => {
    const file = csv(
      'suppliers.csv',
      [
        'Supplier ID,Supplier Name,Company Number,Charity Number,Postcode,Branch Postcodes,Employees,Turnover GBP,Balance Sheet GBP,SME,VCSE',
        'S001,Acme Ltd,1234567,,me141xx,CT1 1AA; tn23 1aa,45,"£4,500,000",1200000,Y,N',
        'S002,Kent Hospice,,1123456,ME16 9NT,,,,,,Y',
      ].join('\n'),
    );
    const reference = await readSupplierReference(file);
    expect(reference.name).toBe('suppliers.csv');
    expect(reference.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    expect(reference.issues).toEqual([]);
    expect(reference.records).toEqual([
      {
        line: 2,
        supplierId: 'S001',
        name: 'Acme Ltd',
        companyNumber: '01234567',
        postcode: 'ME14 1XX',
        branchPostcodes: ['CT1 1AA', 'TN23 1AA'],
        employees: 45,
        turnover: 450_000_000,
        balanceSheet: 120_000_000,
        sme: true,
        vcse: false,
      },
      {
        line: 3,
        supplierId: 'S002',
        name: 'Kent Hospice',
        charityNumber: '1123456',
        postcode: 'ME16 9NT',
        branchPostcodes: [],
        vcse: true,
      },
    ]);
  });

  it('accepts header aliases in any case, after title rows', async () => {
    const file = csv(
      'aliases.csv',
      [
        'Approved supplier list 2024/25',
        '',
        'VENDOR ID,supplier,CRN,Registered Charity Number,Head Office Postcode,Headcount,Annual Turnover,Balance Sheet Total,sme,vcse',
        '77,Kent Play C.I.C.,sc12345,SC012345,CT2 7NZ,12,44m,,yes,true',
      ].join('\r\n'),
    );
    const { records, issues } = await readSupplierReference(file);
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        line: 4,
        supplierId: '77',
        name: 'Kent Play C.I.C.',
        companyNumber: 'SC012345',
        charityNumber: 'SC012345',
        postcode: 'CT2 7NZ',
        branchPostcodes: [],
        employees: 12,
        turnover: 4_400_000_000,
        sme: true,
        vcse: true,
      },
    ]);
  });

  it.each([
    ['Company No', 'Charity No', 'Registered Postcode', 'Staff', 'Turnover', 'Balance Sheet'],
    [
      'Companies House Number',
      'Charity Number',
      'Postcode',
      'Number of Employees',
      'Turnover GBP',
      'Balance Sheet GBP',
    ],
  ])(
    'maps the aliases %s, %s, %s, %s, %s, %s',
    async (company, charity, postcode, staff, turnover, balance) => {
      const file = csv(
        'a.csv',
        `Supplier Name,${company},${charity},${postcode},${staff},${turnover},${balance}\nAcme,01234567,1123456,ME14 1XX,9,100,200\n`,
      );
      const [record] = (await readSupplierReference(file)).records;
      expect(record).toMatchObject({
        companyNumber: '01234567',
        charityNumber: '1123456',
        postcode: 'ME14 1XX',
        employees: 9,
        turnover: 10_000,
        balanceSheet: 20_000,
      });
    },
  );

  it('reports each bad cell with its line, column and value, and keeps the row without it', async () => {
    const file = csv(
      'bad.csv',
      [
        'Supplier Name,Company No,Charity Number,Postcode,Branch Postcodes,Employees,Turnover GBP,Balance Sheet GBP,SME,VCSE',
        'Acme Ltd,N/A,12345,ME14,ME15 6AA;nowhere,lots,-5,€3m,maybe,Y',
      ].join('\n'),
    );
    const { records, issues } = await readSupplierReference(file);
    expect(records).toEqual([{ line: 2, name: 'Acme Ltd', branchPostcodes: ['ME15 6AA'], vcse: true }]);
    expect(issues.map(({ line, column, value }) => [line, column, value])).toEqual([
      [2, 'Company No', 'N/A'],
      [2, 'Charity Number', '12345'],
      [2, 'Postcode', 'ME14'],
      [2, 'Branch Postcodes', 'nowhere'],
      [2, 'Employees', 'lots'],
      [2, 'Turnover GBP', '-5'],
      [2, 'Balance Sheet GBP', '€3m'],
      [2, 'SME', 'maybe'],
    ]);
    for (const issue of issues) {
      expect(issue.file).toBe('bad.csv');
      expect(issue.reason).toMatch(/write|leave it blank/);
    }
  });

  it('skips blank rows, reports a row without a name, and reports a repeated supplier ID', async () => {
    const file = csv(
      'dupes.csv',
      ['Supplier ID,Supplier Name', 'S1,Acme Ltd', ',', 'S9,', 's1,Acme Trading Ltd'].join('\n'),
    );
    const { records, issues } = await readSupplierReference(file);
    expect(records.map((r) => [r.line, r.supplierId, r.name])).toEqual([
      [2, 'S1', 'Acme Ltd'],
      [5, 's1', 'Acme Trading Ltd'],
    ]);
    expect(issues.map(({ line, column }) => [line, column])).toEqual([
      [4, 'Supplier Name'],
      [5, 'Supplier ID'],
    ]);
    expect(issues[1]?.reason).toContain('also on line 2');
  });

  it('reads a Windows-1252 CSV with £ as byte A3', async () => {
    const header = new TextEncoder().encode('Supplier Name,Turnover\nAcme Ltd,"');
    const bytes = new Uint8Array([...header, 0xa3, ...new TextEncoder().encode('2,000"\n')]);
    const { records } = await readSupplierReference({ name: 'cp1252.csv', bytes });
    expect(records[0]?.turnover).toBe(200_000);
  });

  it('reads an XLSX workbook with numbers, booleans and a cover sheet before the list', async () => {
    const file = await xlsx(
      'suppliers.xlsx',
      [
        ['Supplier ID', 'Supplier Name', 'Company Number', 'Employees', 'Turnover GBP', 'SME', 'VCSE'],
        [1001, 'Acme Ltd', 1234567, 300, 44_000_000, null, false],
        [1002, 'Kent Play CIC', 'CE001234', 5, '£120,000', true, null],
      ],
      [{ name: 'Cover', rows: [['Supplier reference maintained by Procurement'], ['Updated monthly']] }],
    );
    const { records, issues } = await readSupplierReference(file);
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        line: 2,
        supplierId: '1001',
        name: 'Acme Ltd',
        companyNumber: '01234567',
        branchPostcodes: [],
        employees: 300,
        turnover: 4_400_000_000,
        vcse: false,
      },
      {
        line: 3,
        supplierId: '1002',
        name: 'Kent Play CIC',
        companyNumber: 'CE001234',
        branchPostcodes: [],
        employees: 5,
        turnover: 12_000_000,
        sme: true,
      },
    ]);
  });

  it('reports a bad XLSX cell at its row number', async () => {
    const file = await xlsx('bad.xlsx', [
      ['Supplier Name', 'Staff'],
      ['Acme Ltd', 'ten'],
    ]);
    const { issues } = await readSupplierReference(file);
    expect(issues).toEqual([
      expect.objectContaining({ file: 'bad.xlsx', line: 2, column: 'Staff', value: 'ten' }),
    ]);
  });

  it('refuses a file with no supplier name column, saying which headers it saw', async () => {
    const file = csv('wrong.csv', 'Vendor Code,Amount\nX1,100\n');
    await expect(readSupplierReference(file)).rejects.toThrow(SupplierReferenceError);
    await expect(readSupplierReference(file)).rejects.toThrow(
      /no "Supplier Name" column.*"Vendor Code", "Amount".*add a header row/,
    );
  });

  it('refuses an empty file and an unreadable one', async () => {
    await expect(readSupplierReference(csv('empty.csv', ''))).rejects.toThrow(/empty/);
    const xls = { name: 'old.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]) };
    await expect(readSupplierReference(xls)).rejects.toThrow(SupplierReferenceError);
  });
});
