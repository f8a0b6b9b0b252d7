import { describe, expect, it } from 'vitest';
import {
  buildPostcodeLookup,
  findPostcodeLookupColumns,
  PostcodeLookupError,
} from '../../../shared/classify/index.ts';

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('building a postcode lookup from an ONS file', () => {
  it.each([
    ['pcds', 'laua'],
    ['pcd', 'oslaua'],
    ['PCD7', 'ladcd'],
    ['pcd8', 'lad23cd'],
    ['Pcd2', 'LAD21CD'],
    ['pcds', 'lad24'],
  ])('reads postcodes from %s and districts from %s', async (postcodeColumn, districtColumn) => {
    const lookup = await buildPostcodeLookup(
      stream([
        { [postcodeColumn]: 'ME14 1XX', [districtColumn]: 'E07000110', ladnm: 'Maidstone' },
        { [postcodeColumn]: 'TN8  5AB', [districtColumn]: 'e07000111', ladnm: 'Sevenoaks' },
      ]),
    );
    expect([...lookup]).toEqual([
      ['ME141XX', 'E07000110'],
      ['TN85AB', 'E07000111'],
    ]);
  });

  it('prefers the current district column over year-stamped ones', () => {
    expect(findPostcodeLookupColumns(['pcd', 'pcds', 'lad19cd', 'oslaua', 'laua'])).toEqual({
      postcode: 'pcds',
      district: 'laua',
    });
    expect(findPostcodeLookupColumns(['\ufeffpcds', 'lad21cd', 'lad23cd', 'lad23nm'])).toEqual({
      postcode: '\ufeffpcds',
      district: 'lad23cd',
    });
  });

  it('keeps only the wanted postcodes, given with or without a space', async () => {
    const rows = [
      { pcds: 'ME14 1XX', laua: 'E07000110' },
      { pcds: 'SW1A 1AA', laua: 'E09000033' },
      { pcds: 'CT1 1AA', laua: 'E07000106' },
    ];
    const lookup = await buildPostcodeLookup(rows, new Set(['ME141XX', 'ct1 1aa']));
    expect([...lookup.keys()]).toEqual(['ME141XX', 'CT11AA']);
  });

  it('skips rows without a district code or with an unreadable postcode', async () => {
    const lookup = await buildPostcodeLookup([
      { pcds: 'ME14 1XX', laua: '' },
      { pcds: 'not a postcode', laua: 'E07000110' },
      { pcds: 'CT1 1AA', laua: ' E07000106 ' },
    ]);
    expect([...lookup]).toEqual([['CT11AA', 'E07000106']]);
  });

  it('says which headers it saw when a column is missing', async () => {
    const rows = [{ postcode_area: 'ME', ward: 'E05000001' }];
    await expect(buildPostcodeLookup(rows)).rejects.toThrow(PostcodeLookupError);
    await expect(buildPostcodeLookup(rows)).rejects.toThrow(
      /has no postcode column.*and no local authority district column.*headers seen: "postcode_area", "ward"/,
    );
    await expect(buildPostcodeLookup([{ pcds: 'ME14 1XX', ladnm: 'Maidstone' }])).rejects.toThrow(
      /local authority district column \(laua, oslaua, ladcd or ladNNcd\); headers seen: "pcds", "ladnm"/,
    );
  });

  it('refuses a file with no rows', async () => {
    await expect(buildPostcodeLookup([])).rejects.toThrow(/no rows/);
  });
});
