import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompanyRecord,
  RegisterFormatError,
  readCompaniesHouse,
} from '../../../shared/registers/index.ts';
import { CHUNK_SIZES, chunksOf, collect, fixture, rejection, utf8 } from './helpers.ts';

const FILE = 'BasicCompanyData-2025-07-01-part1_7.csv';
const bytes = fixture(FILE);
const text = new TextDecoder().decode(bytes);
const [headerLine = '', ...dataLines] = text.split('\r\n');

const read = (data: Uint8Array | string, chunkSize = 64 * 1024, name = FILE) =>
  collect(readCompaniesHouse(name, chunksOf(typeof data === 'string' ? utf8(data) : data, chunkSize)));

describe('reading the Companies House Free Company Data Product', () => {
  it('reads every company of a file in the published layout, with the fields matching needs', async () => {
    // act
    const companies = await read(bytes);
    // assert
    expect(companies).toHaveLength(16);
    expect(companies[0]).toEqual({
      line: 2,
      name: 'MEDWAY COMMUNITY TRANSPORT C.I.C.',
      nameKey: 'medway community transport cic',
      companyNumber: '12345678',
      postcode: 'ME7 1RZ',
      category: 'Community Interest Company',
      status: 'Active',
      incorporationDate: '2019-05-02',
      accountsCategory: 'MICRO ENTITY',
      sicCodes: ['49390 - Other passenger land transport'],
      previousNames: ['MEDWAY MINIBUS LTD'],
    } satisfies CompanyRecord);
  });

  it('reads quotes, commas and accents inside quoted fields', async () => {
    const companies = await read(bytes);
    const byNumber = new Map(companies.map((company) => [company.companyNumber, company]));
    expect(byNumber.get('10101010')?.name).toBe('THE "BRIGHT START" NURSERY LTD');
    expect(byNumber.get('OC123456')?.name).toBe('SMITH, JONES & PARTNERS LLP');
    expect(byNumber.get('04567890')?.category).toBe(
      'PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)',
    );
    expect(byNumber.get('13579246')).toMatchObject({ name: 'CAFÉ ÉTOILE LTD', nameKey: 'cafe etoile ltd' });
  });

  it('keeps every company number form and normalises postcodes, leaving out those that are not UK postcodes', async () => {
    const companies = await read(bytes);
    expect(companies.map((company) => company.companyNumber)).toEqual([
      '12345678',
      '09876543',
      'SC654321',
      'CE012345',
      'IP28037R',
      '07111222',
      '08222333',
      '00445566',
      '10101010',
      'OC123456',
      '04567890',
      '13579246',
      'NI612345',
      'FC012345',
      '06060606',
      '11223344',
    ]);
    const renamed = companies.find((company) => company.companyNumber === '06060606');
    expect(renamed?.postcode).toBe('TN13 1AY');
    expect(companies.find((company) => company.companyNumber === 'FC012345')?.postcode).toBeUndefined();
  });

  it('keeps previous names in the order the file gives them, and dissolution dates', async () => {
    const companies = await read(bytes);
    const renamed = companies.find((company) => company.companyNumber === '06060606');
    expect(renamed?.previousNames).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `RENAMED ${i} LIMITED`));
    expect(companies.find((company) => company.companyNumber === '00445566')?.previousNames).toEqual([
      'NORTHERN SURGICAL PLC',
      'NORTHERN SURGICAL COMPANY LIMITED(THE)',
    ]);
    expect(companies.find((company) => company.companyNumber === '11223344')).toMatchObject({
      status: 'Dissolved',
      dissolutionDate: '2025-02-28',
    });
  });

  it('reads the same companies whatever the chunk size, and with LF line ends', async () => {
    const expected = await read(bytes);
    for (const size of CHUNK_SIZES) expect(await read(bytes, size)).toEqual(expected);
    expect(await read(text.replaceAll('\r\n', '\n'), 7)).toEqual(expected);
  });

  it('reads the same companies split into any chunks', async () => {
    const expected = await read(bytes);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 500 }), async (size) => {
        expect(await read(bytes, size)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('finds columns by name, not position', async () => {
    // prepare: the same file with its columns in reverse order
    const [header = [], ...rows] = parse(text) as string[][];
    const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;
    const reversed = [
      header.reverse().join(','),
      ...rows.map((row) => row.reverse().map(quote).join(',')),
    ].join('\r\n');
    // act / assert
    expect((await read(reversed)).map(withoutLine)).toEqual((await read(bytes)).map(withoutLine));
  });

  it('keeps only the companies the caller asks for', async () => {
    const wanted = new Set(['CE012345', 'IP28037R']);
    const kept = await collect(
      readCompaniesHouse(FILE, chunksOf(bytes, 100), {
        keep: (company) => wanted.has(company.companyNumber),
      }),
    );
    expect(kept.map((company) => [company.line, company.name])).toEqual([
      [5, 'GREENFIELD HOSPICE'],
      [6, 'DARTFORD FOOD CO-OPERATIVE LIMITED'],
    ]);
  });

  it('yields companies as it reads, without reading the rest of the file', async () => {
    // prepare: a long file, of which only the start is needed
    let chunksRead = 0;
    const row = `${dataLines[1]}\r\n`;
    async function* veryLong(): AsyncGenerator<Uint8Array> {
      yield utf8(`${headerLine}\r\n`);
      for (let chunk = 0; chunk < 1000; chunk++) {
        chunksRead++;
        yield utf8(row.repeat(100));
      }
    }
    // act
    let count = 0;
    for await (const company of readCompaniesHouse(FILE, veryLong())) {
      expect(company.name).toBe('KENTISH WEALD CARE LIMITED');
      if (++count === 1000) break;
    }
    // assert
    expect(chunksRead).toBeLessThanOrEqual(11);
  });
});

describe('refusing a file that is not the Companies House register', () => {
  it('lists the missing columns and the columns it saw', async () => {
    const error = await rejection(
      readCompaniesHouse('CharityExport.csv', chunksOf(fixture('CharityExport-01-Jul-2025.csv'), 1000)),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error).toMatchObject({ file: 'CharityExport.csv', line: 1 });
    expect(error.message).toMatch(
      /^CharityExport\.csv line 1: this is not the Companies House Free Company Data Product \(BasicCompanyData…csv\): it has no column "CompanyName", "CompanyNumber", "RegAddress\.PostCode", "CompanyCategory", "CompanyStatus", "DissolutionDate", "IncorporationDate", "Accounts\.AccountCategory"; columns seen: "Charity Number", "Charity Name", .* and 16 more\. Give BasicCompanyDataAsOneFile-YYYY-MM-01\.csv/,
    );
  });

  it('says to unzip the download first', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
    const error = await rejection(
      readCompaniesHouse('BasicCompanyDataAsOneFile-2025-07-01.zip', chunksOf(zip, 1)),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error.message).toMatch(/line 1: this is a compressed archive \(ZIP or gzip\).*unzip it/);
  });

  it('names the line of bytes that are not UTF-8', async () => {
    const latin1 = new Uint8Array([
      ...utf8(`${headerLine}\r\n${dataLines[0]}\r\n"CAF`),
      0xc9,
      ...utf8('"\r\n'),
    ]);
    const error = await rejection(readCompaniesHouse(FILE, chunksOf(latin1, 64)));
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error).toMatchObject({ line: 3 });
    expect(error.message).toMatch(/not UTF-8/);
  });

  it('refuses an empty file', async () => {
    const error = await rejection(readCompaniesHouse(FILE, chunksOf(new Uint8Array(0), 1)));
    expect(error.message).toMatch(/line 1: the file is empty/);
  });

  it('refuses a record cut short, naming its line', async () => {
    const cut = [headerLine, dataLines[0], `${dataLines[1]?.split('","').slice(0, 10).join('","')}"`].join(
      '\r\n',
    );
    const error = await rejection(readCompaniesHouse(FILE, chunksOf(utf8(cut), 64)));
    expect(error).toMatchObject({ name: 'RegisterFormatError', line: 3 });
    expect(error.message).toMatch(/line 3: this record has 10 fields where the header has 55/);
  });

  it('refuses a quote that never closes, naming the line it opens on', async () => {
    const open = [headerLine, dataLines[0], dataLines[1]?.slice(0, 200)].join('\r\n');
    const error = await rejection(readCompaniesHouse(FILE, chunksOf(utf8(open), 64)));
    expect(error).toMatchObject({ name: 'RegisterFormatError', line: 3 });
    expect(error.message).toMatch(
      /line 3: could not be read as CSV \(a quoted field in this record never closes\)/,
    );
  });

  it('refuses a company number that is not one, and a date not written DD/MM/YYYY', async () => {
    const badNumber = [headerLine, dataLines[0]?.replace('"12345678"', '"12-345"')].join('\r\n');
    const numberError = await rejection(readCompaniesHouse(FILE, chunksOf(utf8(badNumber), 64)));
    expect(numberError).toMatchObject({ line: 2, column: 'CompanyNumber' });
    expect(numberError.message).toMatch(/line 2, column "CompanyNumber": "12-345" is not a company number/);

    const badDate = [headerLine, dataLines[0]?.replace('"02/05/2019"', '"2019-05-02"')].join('\r\n');
    const dateError = await rejection(readCompaniesHouse(FILE, chunksOf(utf8(badDate), 64)));
    expect(dateError).toMatchObject({ line: 2, column: 'IncorporationDate' });
  });

  it('throws only its own error, whatever follows the header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(...'ab1/",\r\n \u00e9') }), async (body) => {
        try {
          await collect(readCompaniesHouse(FILE, chunksOf(utf8(`${headerLine}\r\n${body}`), 5)));
        } catch (error) {
          expect(error).toBeInstanceOf(RegisterFormatError);
        }
      }),
    );
  });
});

function withoutLine({ line: _, ...company }: CompanyRecord): Omit<CompanyRecord, 'line'> {
  return company;
}

describe('holding bounded memory on a damaged file', () => {
  it('refuses a quote that would swallow the rest of the file, before holding all of it', async () => {
    let chunksRead = 0;
    async function* quotedForever(): AsyncGenerator<Uint8Array> {
      yield utf8(`${headerLine}\r\n"STRAY QUOTE LTD`);
      for (let chunk = 0; chunk < 1000; chunk++) {
        chunksRead++;
        yield utf8('MORE TEXT, WITHOUT ANY QUOTE\r\n'.repeat(2000));
      }
    }
    const error = await rejection(readCompaniesHouse(FILE, quotedForever()));
    expect(error).toMatchObject({ name: 'RegisterFormatError', line: 2 });
    expect(chunksRead).toBeLessThan(20);
  });
});
