import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findTrailingPostcode,
  RegisterFormatError,
  readMutualSocieties,
  type SocietyRecord,
} from '../../../shared/registers/index.ts';
import { CHUNK_SIZES, chunksOf, collect, fixture, rejection, utf8 } from './helpers.ts';

const FILE = 'SocietyList.csv';
const bytes = fixture(FILE);
const text = new TextDecoder().decode(bytes.subarray(3));

const read = (data: Uint8Array | string, chunkSize = 64 * 1024) =>
  collect(readMutualSocieties(FILE, chunksOf(typeof data === 'string' ? utf8(data) : data, chunkSize)));

describe('reading the FCA Mutuals Public Register download', () => {
  it('reads every society, with the fields matching needs', async () => {
    const societies = await read(bytes);
    expect(societies).toHaveLength(6);
    expect(societies[0]).toEqual({
      line: 2,
      registrationNumber: '30720R',
      name: 'Dartford Community Energy Limited',
      nameKey: 'dartford community energy ltd',
      registeredAs: 'Community Benefit Society',
      status: 'Registered',
      address: '12 High Street, Dartford, Kent, DA1 1AA',
      postcode: 'DA1 1AA',
      registrationDate: '1984-06-12',
    } satisfies SocietyRecord);
  });

  it('takes each postcode from the end of the address', async () => {
    const societies = await read(bytes);
    expect(
      societies.map((society) => [society.registrationNumber, society.postcode, society.status]),
    ).toEqual([
      ['30720R', 'DA1 1AA', 'Registered'],
      ['8135', 'ME4 4XX', 'Registered'],
      ['29001R', 'ME13 8JA', 'Deregistered'],
      ['612C', 'ME14 1XX', 'Registered'],
      ['9001', undefined, 'Registered'],
      ['2566RS', 'G2 8AH', 'Registered'],
    ]);
    expect(societies[2]?.deregistrationDate).toBe('2022-02-14');
  });

  it('reads the same societies whatever the chunk size, without the BOM, and with LF line ends', async () => {
    const expected = await read(bytes);
    for (const size of CHUNK_SIZES) expect(await read(bytes, size)).toEqual(expected);
    expect(await read(text, 7)).toEqual(expected);
    expect(await read(text.replaceAll('\r\n', '\n'), 7)).toEqual(expected);
  });

  it('takes the registration number column spelled correctly too, should the FCA fix its header', async () => {
    const fixed = text.replace('Full Registation Number', 'Full Registration Number');
    expect((await read(fixed)).map((society) => society.registrationNumber)).toEqual(
      (await read(bytes)).map((society) => society.registrationNumber),
    );
  });

  it('keeps only the societies the caller asks for', async () => {
    const kept = await collect(
      readMutualSocieties(FILE, chunksOf(bytes, 64), {
        keep: (society) =>
          society.registeredAs === 'Community Benefit Society' && society.status === 'Registered',
      }),
    );
    expect(kept.map((society) => society.name)).toEqual([
      'Dartford Community Energy Limited',
      'Isle of Sheppey Community Pub Limited',
    ]);
  });
});

describe('finding the postcode at the end of an address', () => {
  it.each([
    ['1 High Street, Maidstone, Kent, me14 1xx.', 'ME14 1XX'],
    ['PO Box 12, Maidstone ME14 1XX', 'ME14 1XX'],
    ['PO Box 12, Maidstone, ME141XX', 'ME14 1XX'],
    ['The Ship Inn, High Street, Queenborough', undefined],
    ['ME14 1XX, Maidstone', undefined],
    ['', undefined],
  ])('%j → %s', (address, postcode) => {
    expect(findTrailingPostcode(address)).toBe(postcode);
  });

  it('finds any postcode written at the end, spaced or not, in any case', () => {
    const postcodes = [
      'ME14 1XX',
      'W1A 0AX',
      'M1 1AE',
      'CR2 6XH',
      'DN55 1PT',
      'EC1A 1BB',
      'B33 8TH',
      'GIR 0AA',
    ];
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab W1M,.'), maxLength: 30 }),
        fc.constantFrom(...postcodes),
        fc.constantFrom(', ', ' ', ','),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', '.', ',', ' '),
        (prefix, postcode, separator, compact, lower, trailer) => {
          let written = compact ? postcode.replace(' ', '') : postcode;
          if (lower) written = written.toLowerCase();
          expect(findTrailingPostcode(`${prefix}${separator}${written}${trailer}`)).toBe(postcode);
        },
      ),
    );
  });
});

describe('refusing a file that is not the FCA mutuals register', () => {
  it('lists the missing columns and the columns it saw', async () => {
    const error = await rejection(
      readMutualSocieties('CharityExport.csv', chunksOf(fixture('CharityExport-01-Jul-2025.csv'), 999)),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error.message).toMatch(
      /^CharityExport\.csv line 1: this is not the FCA Mutuals Public Register download \(SocietyList\.csv\): it has no column "Full Registation Number", "Society Name", "Registered As", "Society Address", "Society Status"; columns seen: "Charity Number",/,
    );
  });

  it('refuses a society without a registration number, naming the column', async () => {
    const [header = '', first = ''] = text.split('\r\n');
    const error = await rejection(
      readMutualSocieties(FILE, chunksOf(utf8(`${header}\r\n${first.replace('30720R', '')}\r\n`), 64)),
    );
    expect(error).toMatchObject({ line: 2, column: 'Full Registation Number' });
  });
});

describe('reading damaged addresses in time', () => {
  it('finds no postcode in a very long run of spaces without taking quadratic time', () => {
    const started = performance.now();
    expect(findTrailingPostcode(`${' '.repeat(500_000)}x`)).toBeUndefined();
    expect(findTrailingPostcode(`ME14 1XX${' ,'.repeat(250_000)}`)).toBe('ME14 1XX');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
