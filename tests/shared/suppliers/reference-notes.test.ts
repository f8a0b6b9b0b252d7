import { describe, expect, it } from 'vitest';
import { readSupplierReference } from '../../../shared/suppliers/index.ts';
import {
  describeReferenceIssue,
  repairMisDecodedText,
  summariseReferenceIssues,
} from '../../../shared/suppliers/reference-notes.ts';

const csv = (text: string) => ({ name: 'suppliers.csv', bytes: new TextEncoder().encode(text) });

describe('reference columns socval does not read', () => {
  it('notes each that may hold a supplier fact once, on the header line, and still reads the file', async () => {
    const reference = await readSupplierReference(
      csv(
        'Vendor,Post Code,Category,Notes,Payment Terms,Company Reg,Employees (FTE),,SME\n' +
          'Acme Ltd,ME14 1XX,Estates,,30 days,01234567,12,,Y\nBravo Ltd,EC1A 1BB,,,,,,,N\n',
      ),
    );
    expect(reference.records.map((record) => [record.name, record.postcode, record.sme])).toEqual([
      ['Acme Ltd', 'ME14 1XX', true],
      ['Bravo Ltd', 'EC1A 1BB', false],
    ]);
    // The trust's own columns (Category, Notes, Payment Terms) are no fact the rules use: not noted.
    expect(reference.issues.map(({ line, column, value }) => [line, column, value])).toEqual([
      [1, 'Company Reg', ''],
      [1, 'Employees (FTE)', ''],
    ]);
    expect(reference.issues[0]?.reason).toMatch(
      /^column "Company Reg" \(F\) was not read: no rule uses it — rename it to one of Supplier ID, Supplier Name, .*Turnover GBP \(or Turnover £m, Turnover £000\).* if it holds a supplier fact$/,
    );
    expect(reference.issues.map(describeReferenceIssue)).toEqual(['column', 'column']);
  });

  it('says which column is read instead when two name one fact', async () => {
    const reference = await readSupplierReference(
      csv('Supplier Name,Turnover,Annual Turnover\nAcme Ltd,1000,2000\n'),
    );
    expect(reference.records[0]?.turnover).toBe(100_000);
    expect(reference.issues).toHaveLength(1);
    expect(reference.issues[0]?.reason).toBe(
      'column "Annual Turnover" (C) was not read: column "Turnover" (B) is read for turnover: keep one of the two, or rename this one if it holds another fact',
    );
  });

  it('says a mis-decoded header shows the file was mis-decoded, what it should say and how to fix it', async () => {
    // "Â£" is "£" written as UTF-8, read as Windows-1252 and saved again as UTF-8
    const reference = await readSupplierReference(
      csv('Vendor,Post Code,No. of employees,Annual Turnover (Â£)\nAcme Ltd,ME14 1XX,45,12500000\n'),
    );
    expect(reference.records).toHaveLength(1);
    expect(reference.records[0]?.turnover).toBeUndefined();
    expect(reference.issues).toHaveLength(1);
    const [note] = reference.issues;
    expect(note).toMatchObject({ line: 1, column: 'Annual Turnover (Â£)' });
    expect(note?.reason).toMatch(
      /^column "Annual Turnover \(Â£\)" \(D\) was not read: the file looks mis-decoded: this header was probably "Annual Turnover \(£\)" \(read as turnover\), garbled by opening UTF-8 text as Windows-1252.*save it as "CSV UTF-8" or \.xlsx$/,
    );
    expect(summariseReferenceIssues(reference.issues)).toEqual([
      `Supplier reference suppliers.csv: ${note?.reason}.`,
    ]);
  });

  it('repairs the usual mis-decodings and leaves good text alone', () => {
    expect(repairMisDecodedText('Supplierâ€™s Turnover')).toBe('Supplier’s Turnover');
    expect(repairMisDecodedText('CafÃ© Ltd')).toBe('Café Ltd');
    expect(repairMisDecodedText('Turnover (£)')).toBeUndefined();
    expect(repairMisDecodedText('Café Ltd')).toBeUndefined();
    expect(repairMisDecodedText('Address')).toBeUndefined();
  });
});

describe('one supplier on two rows with different postcodes', () => {
  const messy = [
    'Vendor,Post Code,SME?',
    'Dup Supplies Ltd,EC1A 1BB,Y',
    'Dup Supplies Ltd,ME14 1XX,Y',
    'Same Place Ltd,CT1 2AB,',
    'Same Place Ltd,CT1 2AB,',
  ].join('\n');

  it("uses the earlier row's postcode, and notes the later row's", async () => {
    const reference = await readSupplierReference(csv(messy));
    const dup = reference.records.filter((record) => record.name === 'Dup Supplies Ltd');
    expect(dup.map(({ line, postcode, branchPostcodes }) => ({ line, postcode, branchPostcodes }))).toEqual([
      { line: 2, postcode: 'EC1A 1BB', branchPostcodes: [] },
      { line: 3, postcode: 'ME14 1XX', branchPostcodes: [] },
    ]);
    expect(reference.issues).toEqual([
      {
        file: 'suppliers.csv',
        line: 3,
        column: 'Post Code',
        value: 'ME14 1XX',
        reason:
          'postcode ME14 1XX here is not on line 2 (EC1A 1BB) for the same supplier (the same name): ledger lines matched by that use line 2, ' +
          'so its postcodes decide whether the supplier is local; if this is another of its sites, add it to line 2\'s "Branch Postcodes" ' +
          'and delete this row, or correct the row that is out of date',
      },
    ]);
    expect(reference.issues.map(describeReferenceIssue)).toEqual(['postcodes']);
  });

  it('notes nothing between rows that give different company numbers or Supplier IDs: two bodies of one name', async () => {
    const reference = await readSupplierReference(
      csv(
        [
          'Supplier ID,Supplier Name,Company Number,Postcode',
          'S1,Smith & Sons,01234567,EC1A 1BB',
          'S2,Smith & Sons,07654321,ME14 1XX',
          'S3,Friends of Kent,,CT1 2AB',
          'S4,Friends of Kent,,ME14 1XX',
        ].join('\n'),
      ),
    );
    expect(reference.records.map((record) => record.branchPostcodes)).toEqual([[], [], [], []]);
    expect(reference.issues).toEqual([]);
  });
});

describe('the text summary of a supplier reference with cells it could not read', () => {
  it('names each cell (up to three), not only how many', async () => {
    const reference = await readSupplierReference({
      name: 'suppliers.csv',
      bytes: new TextEncoder().encode(
        'Supplier Name,Employees,Postcode\nAcme Ltd,250+,ME14 1XX\nBravo Ltd,12,\n',
      ),
    });

    const lines = summariseReferenceIssues(reference.issues);

    expect(lines[0]).toBe('Supplier reference: a cell could not be read — the Data quality sheet lists it.');
    expect(lines[1]).toMatch(/^ {2}suppliers\.csv line 2, column "Employees": .*250\+/);
    expect(lines).toHaveLength(2);
  });
});

describe('three rows of one name, one without a company number and two with different ones', () => {
  it('never gives one body the postcode of another of the same name', async () => {
    const reference = await readSupplierReference(
      csv(
        [
          'Supplier ID,Supplier Name,Company Number,Postcode',
          ',Smith & Sons Ltd,,ME14 1XX',
          'V2,Smith & Sons Ltd,01234567,G1 1AA',
          'V3,Smith & Sons Ltd,07654321,EH1 1AA',
        ].join('\n'),
      ),
    );
    expect(reference.records.map((record) => [record.postcode, record.branchPostcodes])).toEqual([
      ['ME14 1XX', []],
      ['G1 1AA', []],
      ['EH1 1AA', []],
    ]);
  });
});
