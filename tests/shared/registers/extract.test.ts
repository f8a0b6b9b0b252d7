import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockKeyOf,
  buildRegisterExtract,
  describeUncoveredWants,
  detectRegisterFile,
  findRegisterDateInName,
  findUncoveredWants,
  measureNameSimilarity,
  parseRegisterExtract,
  RegisterExtractSchema,
  RegisterFormatError,
  type RegisterWants,
  registerNameKey,
} from '../../../shared/registers/index.ts';
import { measureEditDistanceWithin } from '../../../shared/registers/name-key.ts';
import { measureEditDistance } from '../../../shared/table/edit-distance.ts';
import { chunksOf, fixture, rejection, utf8 } from './helpers.ts';
import { loadTrust } from './trust.ts';

const NO_WANTS: RegisterWants = { companyNumbers: [], charityNumbers: [], names: [], places: [] };
const wants = (extra: Partial<RegisterWants>): RegisterWants => ({ ...NO_WANTS, ...extra });

describe('the name key suppliers are matched to registers on', () => {
  it.each([
    ['ASHFORD CLEANING SERVICES LIMITED', 'ashford cleaning services'],
    ['Ashford Cleaning Services Ltd.', 'ashford cleaning services'],
    ['THE "BRIGHT START" NURSERY LTD', 'bright start nursery'],
    ['MEDWAY COMMUNITY TRANSPORT C.I.C.', 'medway community transport'],
    ['Medway Food Co-operative Limited', 'medway food cooperative'],
    ['SMITH, JONES & PARTNERS LLP', 'smith jones and partners'],
    ['NORTHERN SURGICAL COMPANY LIMITED(THE)', 'northern surgical'],
    ['Smith & Co', 'smith'],
    ['The Company Ltd', 'company'],
    ['CAFÉ ÉTOILE LTD', 'cafe etoile'],
    ['SOCIÉTÉ GÉNÉRALE', 'societe generale'],
    ['Socie\u0301te\u0301 Ge\u0301ne\u0301rale', 'societe generale'],
    ['HÔPITAL FOCH', 'hopital foch'],
    ['ZÜRICH INSURANCE PLC', 'zurich insurance'],
    ['STRAẞE MEDICAL LIMITED', 'strasse medical'],
    ['MØLLER MEDICAL LTD', 'moller medical'],
  ])('reads %s as "%s"', (name, key) => {
    expect(registerNameKey(name)).toBe(key);
  });

  it('gives a register name and a ledger name the same key whether or not either has accents', () => {
    expect(registerNameKey('SOCIÉTÉ GÉNÉRALE')).toBe(registerNameKey('Societe Generale'));
    expect(registerNameKey('NESTLE UK LTD')).toBe(registerNameKey('Nestlé UK Limited'));
    expect(registerNameKey('STRASSE MEDICAL LTD')).toBe(registerNameKey('Straße Medical Ltd'));
    expect(registerNameKey('ACME 2010 LTD')).not.toBe(registerNameKey('ACME 2011 LTD'));
  });

  it('keeps every word but the legal form, so a name never becomes a longer name it starts', () => {
    expect(registerNameKey('ABC')).not.toBe(registerNameKey('ABC HOLDINGS LIMITED'));
    expect(registerNameKey('ABC')).toBe(registerNameKey('ABC LIMITED'));
    expect(measureNameSimilarity('abc', 'abc holdings')).toBe(0.25);
  });

  it('computes the edit distance within a budget exactly as the full one, or says it is over', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 14 });
    fc.assert(
      fc.property(name, name, fc.integer({ min: 0, max: 6 }), (a, b, budget) => {
        const full = measureEditDistance(a, b);
        const within = measureEditDistanceWithin(a, b, budget);
        return full <= budget ? within === full : within > budget;
      }),
      { numRuns: 2000 },
    );
  });

  it('blocks near names on the first letters of their first two significant words', () => {
    expect(blockKeyOf('kentish oast bakery')).toBe('kent oast');
    expect(blockKeyOf('the friends of maidstone hospital')).toBe('frie maid');
    expect(blockKeyOf('boots')).toBe('boot');
  });
});

describe('telling which register a file is from its header', () => {
  it.each([
    ['BasicCompanyData-2025-07-01-part1_7.csv', 'companies-house'],
    ['publicextract.charity.txt', 'charity-commission'],
    ['CharityExport-01-Jul-2025.csv', 'oscr'],
    ['SocietyList.csv', 'fca-mutuals'],
  ])('knows %s as %s, whatever it is called', (name, kind) => {
    expect(detectRegisterFile(fixture(name))).toEqual({ kind });
  });

  it('says when a file is none of them, quoting its first line', () => {
    expect(detectRegisterFile(utf8('Date,Supplier,Amount\r\n01/04/2024,Acme,10\r\n'))).toEqual({
      kind: 'unknown',
      firstLine: 'Date,Supplier,Amount',
    });
    expect(detectRegisterFile(utf8('registered_charity_number,charity_name\n'))).toMatchObject({
      kind: 'unknown',
    });
  });

  it('knows a ZIP as downloaded, and a socval register extract', () => {
    expect(detectRegisterFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toEqual({ kind: 'compressed' });
    expect(detectRegisterFile(utf8('\n{"schemaVersion":1'))).toEqual({ kind: 'extract' });
  });

  it('reads the date a download is of from its published name', () => {
    expect(findRegisterDateInName('companies-house', 'BasicCompanyData-2025-07-01-part1_7.csv')).toBe(
      '2025-07-01',
    );
    expect(findRegisterDateInName('oscr', 'CharityExport-01-Jul-2025.csv')).toBe('2025-07-01');
    expect(findRegisterDateInName('fca-mutuals', 'SocietyList.csv')).toBeUndefined();
  });
});

describe('building a compact extract', () => {
  const companies = () => [
    {
      name: 'BasicCompanyData-2025-07-01-part1_7.csv',
      register: 'companies-house' as const,
      bytes: chunksOf(fixture('BasicCompanyData-2025-07-01-part1_7.csv'), 7),
    },
  ];

  it('keeps only companies wanted by number, name, previous name or a near name, and counts what it read', async () => {
    const extract = await buildRegisterExtract(
      companies(),
      wants({
        companyNumbers: ['SC654321'],
        names: ['ashford cleaning services', 'northern surgical', 'cafe etoil'],
      }),
    );
    expect(extract.companies.map((company) => company.companyNumber)).toEqual([
      'SC654321',
      '08222333',
      '00445566',
      '13579246',
    ]);
    expect(extract.sources).toEqual([
      {
        file: 'BasicCompanyData-2025-07-01-part1_7.csv',
        register: 'companies-house',
        dated: '2025-07-01',
        datedFrom: 'file-name',
        rowsRead: 16,
        rowsKept: 4,
      },
    ]);
  });

  it('does not keep a longer name for a shorter one (ASHFORD CLEANING is neither of the ASHFORD CLEANING companies)', async () => {
    const extract = await buildRegisterExtract(companies(), wants({ names: ['ashford'] }));
    expect(extract.companies).toEqual([]);
  });

  it('keeps a row sharing a word with a supplier at a postcode the supplier is known at', async () => {
    const extract = await buildRegisterExtract(
      companies(),
      wants({ places: ['TN13 1AY|renamed', 'ME7 1RZ|widgets'] }),
    );
    expect(extract.companies.map((company) => company.name)).toEqual(['RENAMED MANY TIMES LIMITED']);
  });

  it('keeps the company a wanted charity names, by reading the charity registers first', async () => {
    const { extract } = await loadTrust();
    expect(
      extract.charities.find(
        (charity) => charity.charityNumber === '1123456' && charity.linkedCharityNumber === 0,
      )?.companyNumber,
    ).toBe('03123456');
    expect(extract.wanted.companyNumbers).not.toContain('03123456');
    expect(extract.companies.map((company) => company.companyNumber)).toContain('03123456');
  });

  it('keeps OSCR charities by their Known As name and societies by name', async () => {
    const { extract } = await loadTrust();
    expect(extract.scottishCharities.map((charity) => [charity.name, charity.knownAs])).toEqual([
      ['Glasgow Community Laundry', 'The Laundry'],
      ['Highland Hospice Transport Limited', 'HHT Hospice Transport'],
    ]);
    expect(extract.societies.map((society) => society.registrationNumber)).toEqual([
      '30720R',
      '8135',
      '29001R',
    ]);
  });

  it('is JSON that reads back as itself through its schema', async () => {
    const { extract } = await loadTrust();
    const reread = parseRegisterExtract(JSON.parse(JSON.stringify(extract)));
    expect(reread).toEqual({ ok: true, extract });
    expect(RegisterExtractSchema.safeParse({ ...extract, schemaVersion: 2 }).success).toBe(false);
    expect(parseRegisterExtract({ schemaVersion: 1 })).toMatchObject({ ok: false });
  });

  it('records the SHA-256 and size the caller gives', async () => {
    const extract = await buildRegisterExtract(
      [
        {
          name: 'SocietyList.csv',
          register: 'fca-mutuals',
          bytes: chunksOf(fixture('SocietyList.csv'), 64),
          sha256: () => 'a'.repeat(64),
          size: 123,
          modified: '2025-07-02',
        },
      ],
      NO_WANTS,
    );
    expect(extract.sources[0]).toEqual({
      file: 'SocietyList.csv',
      register: 'fca-mutuals',
      sha256: 'a'.repeat(64),
      bytes: 123,
      modified: '2025-07-02',
      rowsRead: 6,
      rowsKept: 0,
    });
  });

  it('passes on a reader’s RegisterFormatError for a file given as the wrong register', async () => {
    const error = await rejection(
      (async function* () {
        yield await buildRegisterExtract(
          [
            {
              name: 'SocietyList.csv',
              register: 'companies-house',
              bytes: chunksOf(fixture('SocietyList.csv'), 64),
            },
          ],
          NO_WANTS,
        );
      })(),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error.message).toMatch(
      /SocietyList\.csv line 1: this is not the Companies House Free Company Data Product/,
    );
  });
});

describe('whether an extract covers a report', () => {
  it('covers exactly the keys it was built for', async () => {
    const { extract } = await loadTrust();
    expect(describeUncoveredWants(findUncoveredWants(extract, extract.wanted))).toBeUndefined();
    const missing = findUncoveredWants(
      extract,
      wants({
        companyNumbers: ['09876543', '01234567'],
        names: ['acme widgets', 'kentish weald care'],
        places: ['ME1 1AA|acme'],
      }),
    );
    expect(missing).toEqual({
      companyNumbers: ['01234567'],
      charityNumbers: [],
      names: ['acme widgets'],
      places: ['ME1 1AA|acme'],
    });
    expect(describeUncoveredWants(missing)).toBe(
      '1 company number (01234567), 1 supplier name ("acme widgets"), 1 postcode ("ME1 1AA|acme")',
    );
  });
});
