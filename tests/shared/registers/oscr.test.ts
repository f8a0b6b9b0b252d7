import { describe, expect, it } from 'vitest';
import {
  RegisterFormatError,
  readScottishCharities,
  type ScottishCharityRecord,
} from '../../../shared/registers/index.ts';
import { CHUNK_SIZES, chunksOf, collect, fixture, rejection, utf8 } from './helpers.ts';

const FILE = 'CharityExport-01-Jul-2025.csv';
const bytes = fixture(FILE);
const text = new TextDecoder().decode(bytes);
const [headerLine = '', firstRow = ''] = text.split('\r\n');

const read = (data: Uint8Array | string, chunkSize = 64 * 1024) =>
  collect(readScottishCharities(FILE, chunksOf(typeof data === 'string' ? utf8(data) : data, chunkSize)));

describe('reading the Scottish Charity Register download (OSCR)', () => {
  it('reads every charity, with the fields matching needs', async () => {
    const charities = await read(bytes);
    expect(charities).toHaveLength(5);
    expect(charities[0]).toEqual({
      line: 2,
      charityNumber: 'SC012345',
      name: 'Glasgow Community Laundry',
      nameKey: 'glasgow community laundry',
      knownAs: 'The Laundry',
      registeredDate: '1998-03-14',
      status: 'Active',
      postcode: 'G40 1AT',
      constitutionalForm: 'SCIO (Scottish Charitable Incorporated Organisation)',
      latestIncome: 12_500_000,
      yearEnd: '2024-03-31',
      regulatoryType: 'Standard',
    } satisfies ScottishCharityRecord);
  });

  it('reads companies, trusts, cross-border and removed charities as the register writes them', async () => {
    const charities = await read(bytes);
    expect(
      charities.map((charity) => [charity.charityNumber, charity.constitutionalForm, charity.status]),
    ).toEqual([
      ['SC012345', 'SCIO (Scottish Charitable Incorporated Organisation)', 'Active'],
      ['SC098765', 'Company (the charity is registered with Companies House)', 'Active'],
      [
        'SC004321',
        'Trust (founding document is a deed of trust) (other than educational endowment)',
        'Active',
      ],
      ['SC045678', 'CIO (Charitable Incorporated Organisation, E&W)', 'Active'],
      ['SC039999', 'Other', 'Removed'],
    ]);
    expect(charities[3]).toMatchObject({ parentCharityNumber: '1166000', regulatoryType: 'Cross Border' });
    expect(charities[4]?.latestIncome).toBeUndefined();
  });

  it('reads the same charities whatever the chunk size, and with LF line ends', async () => {
    const expected = await read(bytes);
    for (const size of CHUNK_SIZES) expect(await read(bytes, size)).toEqual(expected);
    expect(await read(text.replaceAll('\r\n', '\n'), 7)).toEqual(expected);
  });

  it('reads the former-charities download, whose Ceased Date column is read when present', async () => {
    const former = `Ceased Date,${headerLine}\r\n02/12/2024,${firstRow.replace('"Active"', '"Removed"').replace(',Active,', ',Removed,')}\r\n`;
    const [charity] = await read(former);
    expect(charity).toMatchObject({ charityNumber: 'SC012345', ceasedDate: '2024-12-02', status: 'Removed' });
  });

  it('keeps only the charities the caller asks for', async () => {
    const kept = await collect(
      readScottishCharities(FILE, chunksOf(bytes, 100), {
        keep: (charity) => charity.postcode?.startsWith('G') ?? false,
      }),
    );
    expect(kept.map((charity) => charity.charityNumber)).toEqual(['SC012345']);
  });
});

describe('refusing a file that is not the OSCR register download', () => {
  it('lists the missing columns and the columns it saw', async () => {
    const error = await rejection(
      readScottishCharities(
        'companies.csv',
        chunksOf(fixture('BasicCompanyData-2025-07-01-part1_7.csv'), 999),
      ),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error.message).toMatch(
      /^companies\.csv line 1: this is not the Scottish Charity Register download \(OSCR CharityExport…csv\): it has no column "Charity Number", "Charity Name", "Registered Date", "Charity Status", "Postcode", "Constitutional Form", "Most recent year income"; columns seen: "CompanyName", " CompanyNumber",/,
    );
  });

  it('refuses a charity number that is not Scottish, naming the column', async () => {
    const error = await rejection(
      readScottishCharities(
        FILE,
        chunksOf(utf8(`${headerLine}\r\n${firstRow.replace('SC012345', '1123456')}\r\n`), 64),
      ),
    );
    expect(error).toMatchObject({ line: 2, column: 'Charity Number' });
    expect(error.message).toMatch(/"1123456" is not a Scottish charity number/);
  });

  it('refuses a record with a different number of fields from the header', async () => {
    const error = await rejection(
      readScottishCharities(FILE, chunksOf(utf8(`${headerLine}\r\n${firstRow},extra\r\n`), 64)),
    );
    expect(error.message).toMatch(/line 2: this record has 37 fields where the header has 36/);
  });
});
