import { describe, expect, it } from 'vitest';
import {
  type ExtractCharity,
  type ExtractCompany,
  type ExtractScottishCharity,
  indexRegisterExtract,
  matchSupplierToRegisters,
  type RegisterExtract,
  type SupplierIdentity,
} from '../../../shared/registers/index.ts';

let line = 2;

function company(name: string, companyNumber: string, extra: Partial<ExtractCompany> = {}): ExtractCompany {
  return {
    source: 0,
    line: line++,
    name,
    companyNumber,
    category: 'Private Limited Company',
    status: 'Active',
    sicCodes: [],
    previousNames: [],
    ...extra,
  };
}

function charity(name: string, charityNumber: string, extra: Partial<ExtractCharity> = {}): ExtractCharity {
  return {
    source: 1,
    line: line++,
    organisationNumber: line,
    charityNumber,
    linkedCharityNumber: 0,
    name,
    registrationStatus: 'Registered',
    ...extra,
  };
}

function scottish(
  name: string,
  charityNumber: string,
  extra: Partial<ExtractScottishCharity> = {},
): ExtractScottishCharity {
  return {
    source: 2,
    line: line++,
    charityNumber,
    name,
    status: 'Active',
    constitutionalForm: 'Trust',
    ...extra,
  };
}

function extractOf(rows: {
  companies?: ExtractCompany[];
  charities?: ExtractCharity[];
  scottishCharities?: ExtractScottishCharity[];
}): RegisterExtract {
  return {
    schemaVersion: 1,
    kind: 'socval-register-extract',
    wanted: { companyNumbers: [], charityNumbers: [], names: [], places: [] },
    sources: [
      {
        file: 'BasicCompanyData-2025-07-01-part1_7.csv',
        register: 'companies-house',
        dated: '2025-07-01',
        rowsRead: 9,
        rowsKept: 9,
      },
      {
        file: 'publicextract.charity.txt',
        register: 'charity-commission',
        dated: '2025-07-01',
        rowsRead: 9,
        rowsKept: 9,
      },
      {
        file: 'CharityExport-01-Jul-2025.csv',
        register: 'oscr',
        dated: '2025-07-01',
        rowsRead: 9,
        rowsKept: 9,
      },
    ],
    companies: rows.companies ?? [],
    charities: rows.charities ?? [],
    scottishCharities: rows.scottishCharities ?? [],
    societies: [],
  };
}

function supplier(names: string[], extra: Partial<SupplierIdentity> = {}): SupplierIdentity {
  return { names, companyNumbers: [], charityNumbers: [], postcodes: [], ...extra };
}

const at = (postcode: string) => [{ postcode, source: 'head office (supplier reference line 4)' }];

describe('matching a supplier to the registers', () => {
  it('never matches a name to the longer name of another company that starts with it', () => {
    const index = indexRegisterExtract(
      extractOf({ companies: [company('ABC HOLDINGS LIMITED', '01111111', { postcode: 'ME1 1AA' })] }),
    );
    const match = matchSupplierToRegisters(supplier(['ABC'], { postcodes: at('ME1 1AA') }), index);
    expect(match.status).toBe('uncertain');
    expect(match.entity).toBeUndefined();
    expect(match.candidates[0]).toMatchObject({ name: 'ABC HOLDINGS LIMITED', similarity: 0.25 });
  });

  it('matches ABC LTD to ABC LIMITED and not to ABC HOLDINGS LIMITED beside it', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [company('ABC HOLDINGS LIMITED', '01111111'), company('ABC LIMITED', '02222222')],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['ABC Ltd']), index)).toMatchObject({
      status: 'matched',
      matchedOn: 'name',
      entity: { id: 'company:02222222' },
    });
  });

  it('does not trust a number whose register entry has another name: the number may be mistyped', () => {
    const index = indexRegisterExtract(
      extractOf({ companies: [company('ZEBRA LOGISTICS LIMITED', '01234567')] }),
    );
    const match = matchSupplierToRegisters(
      supplier(['Kentish Weald Care'], {
        companyNumbers: [{ companyNumber: '01234567', source: 'supplier reference line 4' }],
      }),
      index,
    );
    expect(match.status).toBe('uncertain');
    expect(match.evidence.at(-1)?.detail).toMatch(
      /unlike "Kentish Weald Care": check the number in the supplier reference/,
    );
  });

  it('goes on by name when a number is not in the files read, noting it', () => {
    const index = indexRegisterExtract(
      extractOf({ companies: [company('KENTISH WEALD CARE LIMITED', '09876543')] }),
    );
    const match = matchSupplierToRegisters(
      supplier(['Kentish Weald Care'], {
        companyNumbers: [{ companyNumber: '01234567', source: 'supplier reference line 4' }],
      }),
      index,
    );
    expect(match).toMatchObject({ status: 'matched', matchedOn: 'name', entity: { id: 'company:09876543' } });
    expect(match.evidence[0]?.detail).toBe(
      'company number 01234567 (supplier reference line 4) is not in the Companies House file(s) read (BasicCompanyData-2025-07-01-part1_7.csv): it may be in another part file, or wrong',
    );
  });

  it('joins a charitable company’s two registrations, by the company number the charity gives or by one name at one place', () => {
    const byNumber = indexRegisterExtract(
      extractOf({
        companies: [company('KENT CARERS LIMITED', '05555555', { postcode: 'ME14 1AA' })],
        charities: [charity('KENT CARERS', '1155555', { companyNumber: '05555555', postcode: 'CT1 1AA' })],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['Kent Carers']), byNumber).entity).toMatchObject({
      id: 'company:05555555',
      charity: { charityNumber: '1155555' },
    });

    const byName = indexRegisterExtract(
      extractOf({
        companies: [
          company('GREENFIELD HOSPICE', 'CE012345', {
            postcode: 'ME16 9QQ',
            category: 'Charitable Incorporated Organisation',
          }),
        ],
        charities: [charity('GREENFIELD HOSPICE', '1190000', { postcode: 'ME16 9AB', isCio: true })],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['Greenfield Hospice']), byName)).toMatchObject({
      status: 'matched',
      entity: { company: { companyNumber: 'CE012345' }, charity: { charityNumber: '1190000' } },
    });
  });

  it('keeps one name in two places apart: ambiguous, unless the supplier’s postcode is one of them', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [company('GREENFIELD HOSPICE', '07777777', { postcode: 'LS1 1AA' })],
        charities: [charity('GREENFIELD HOSPICE', '1190000', { postcode: 'ME16 9AB' })],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['Greenfield Hospice']), index).status).toBe('ambiguous');
    expect(
      matchSupplierToRegisters(supplier(['Greenfield Hospice'], { postcodes: at('ME16 9AB') }), index),
    ).toMatchObject({
      status: 'matched',
      matchedOn: 'name-and-postcode',
      entity: { id: 'charity:1190000' },
    });
  });

  it('reads a linked charity named like its main charity as the main charity', () => {
    const index = indexRegisterExtract(
      extractOf({
        charities: [
          charity('KENT HOSPICE', '1123456'),
          charity('KENT HOSPICE', '1123456', { linkedCharityNumber: 1, registrationStatus: 'Registered' }),
        ],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['Kent Hospice']), index)).toMatchObject({
      status: 'matched',
      entity: { id: 'charity:1123456', charity: { linkedCharityNumber: 0 } },
    });
  });

  it('prefers a company’s current name to another company’s previous name', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [
          company('MEDWAY COMMUNITY TRANSPORT C.I.C.', '12345678', { previousNames: ['MEDWAY MINIBUS LTD'] }),
          company('MEDWAY MINIBUS LIMITED', '15555555'),
        ],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['Medway Minibus Ltd']), index)).toMatchObject({
      matchedOn: 'name',
      entity: { id: 'company:15555555' },
    });
  });

  it('decides on a near name only when no other entry at the postcode is as close, and the numbers agree', () => {
    const twins = indexRegisterExtract(
      extractOf({
        companies: [
          company('KENTISH OASTS BAKERY LIMITED', '11112222', { postcode: 'ME13 8AA' }),
          company('KENTISH OAST BAKERIES LIMITED', '11113333', { postcode: 'ME13 8AA' }),
        ],
      }),
    );
    const bakery = supplier(['Kentish Oast Bakery'], { postcodes: at('ME13 8AA') });
    expect(matchSupplierToRegisters(bakery, twins).status).toBe('ambiguous');

    const numbered = indexRegisterExtract(
      extractOf({ companies: [company('ACME SUPPORT 2011 LIMITED', '16666666', { postcode: 'ME1 1AA' })] }),
    );
    expect(
      matchSupplierToRegisters(supplier(['Acme Support 2010'], { postcodes: at('ME1 1AA') }), numbered)
        .status,
    ).toBe('uncertain');
  });

  it('matches by an OSCR "Known As" name and by a Scottish charity number', () => {
    const index = indexRegisterExtract(
      extractOf({
        scottishCharities: [scottish('Glasgow Community Laundry', 'SC012345', { knownAs: 'The Laundry' })],
      }),
    );
    expect(matchSupplierToRegisters(supplier(['The Laundry']), index)).toMatchObject({
      matchedOn: 'known-as',
    });
    expect(
      matchSupplierToRegisters(
        supplier(['Laundry'], {
          charityNumbers: [{ charityNumber: 'SC012345', source: 'supplier reference line 9' }],
        }),
        index,
      ),
    ).toMatchObject({ matchedOn: 'charity-number', entity: { id: 'scottish:SC012345' } });
  });

  it('calls numbers that name different bodies ambiguous, for the reference to be corrected', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [company('KENT CARERS LIMITED', '05555555')],
        charities: [charity('KENT CARERS', '1155555', { companyNumber: '06666666' })],
      }),
    );
    const match = matchSupplierToRegisters(
      supplier(['Kent Carers'], {
        companyNumbers: [{ companyNumber: '05555555', source: 'supplier reference line 3' }],
        charityNumbers: [{ charityNumber: '1155555', source: 'supplier reference line 3' }],
      }),
      index,
    );
    expect(match.status).toBe('ambiguous');
    expect(match.candidates.map((c) => c.number)).toEqual(['05555555', '1155555']);
  });
});

describe('joining a company to the charity registers by name', () => {
  it('joins a charitable company the Charity Commission lists without its number, in the same district', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [
          company('KENT CARERS LIMITED', '05555555', {
            postcode: 'ME14 1AA',
            category: 'PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)',
          }),
        ],
        charities: [
          charity('KENT CARERS', '1155555', { charityType: 'Charitable company', postcode: 'ME14 2BB' }),
        ],
      }),
    );
    const byNumber = matchSupplierToRegisters(
      supplier(['Kent Carers'], {
        companyNumbers: [{ companyNumber: '05555555', source: 'supplier reference line 3' }],
      }),
      index,
    );
    expect(byNumber.entity?.charity?.charityNumber).toBe('1155555');
    expect(matchSupplierToRegisters(supplier(['Kent Carers']), index)).toMatchObject({
      status: 'matched',
      entity: { id: 'company:05555555', charity: { charityNumber: '1155555' } },
    });
  });

  it('joins a Scottish company to the OSCR charity of its name, and not a trust of that name elsewhere', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [company('HIGHLAND HOSPICE TRANSPORT LIMITED', 'SC098765', { postcode: 'IV2 3BW' })],
        scottishCharities: [
          scottish('Highland Hospice Transport Limited', 'SC045454', {
            postcode: 'IV2 3BW',
            constitutionalForm: 'Company (the charity is registered with Companies House)',
          }),
        ],
      }),
    );
    const match = matchSupplierToRegisters(
      supplier(['Highland Hospice Transport'], {
        companyNumbers: [{ companyNumber: 'SC098765', source: 'ledger line 2 of may.csv' }],
      }),
      index,
    );
    expect(match.entity?.scottishCharity?.charityNumber).toBe('SC045454');

    const elsewhere = indexRegisterExtract(
      extractOf({
        companies: [company('HIGHLAND HOSPICE TRANSPORT LIMITED', 'SC098765', { postcode: 'IV2 3BW' })],
        scottishCharities: [
          scottish('Highland Hospice Transport Limited', 'SC045454', {
            postcode: 'EH3 7AF',
            constitutionalForm: 'Company',
          }),
        ],
      }),
    );
    const apart = matchSupplierToRegisters(
      supplier(['Highland Hospice Transport'], {
        companyNumbers: [{ companyNumber: 'SC098765', source: 'ledger line 2 of may.csv' }],
      }),
      elsewhere,
    );
    expect(apart.entity?.id).toBe('company:SC098765');
    expect(apart.entity?.scottishCharity).toBeUndefined();
  });
});

describe('an exact name the supplier shares with a company in another postcode area', () => {
  const jonSmith = () =>
    indexRegisterExtract(
      extractOf({
        companies: [
          company('JON SMITH PLUMBING LIMITED', '11444000', {
            postcode: 'M14 5AA',
            accountsCategory: 'SMALL',
          }),
        ],
      }),
    );

  it('is uncertain when the supplier’s name has no "Ltd": a sole trader of the same name is as likely', () => {
    const match = matchSupplierToRegisters(
      supplier(['Jon Smith Plumbing'], { postcodes: at('ME8 6AA') }),
      jonSmith(),
    );
    expect(match.status).toBe('uncertain');
    expect(match.entity).toBeUndefined();
    expect(match.matchedOn).toBeUndefined();
    expect(match.candidates).toMatchObject([
      {
        register: 'companies-house',
        number: '11444000',
        name: 'JON SMITH PLUMBING LIMITED',
        postcode: 'M14 5AA',
      },
    ]);
    expect(match.evidence).toEqual([
      {
        rule: 'register-same-name-elsewhere',
        detail:
          '"Jon Smith Plumbing" is the name of company 11444000 JON SMITH PLUMBING LIMITED (Companies House ' +
          'BasicCompanyData-2025-07-01-part1_7.csv (2025-07-01) line ' +
          `${match.candidates[0]?.line}), but the trust knows the supplier at ME8 6AA (head office (supplier ` +
          "reference line 4)) and the company's registered office is at M14 5AA, another postcode area; its " +
          'name has no "Ltd"/"Limited": it may be a sole trader or partnership of the same name — confirm the ' +
          'company number in the supplier reference',
      },
    ]);
  });

  it('matches when the supplier’s name says "Ltd", though the registered office is elsewhere', () => {
    for (const names of [['Jon Smith Plumbing Ltd'], ['Jon Smith Plumbing', 'JON SMITH PLUMBING LIMITED']]) {
      expect(
        matchSupplierToRegisters(supplier(names, { postcodes: at('ME8 6AA') }), jonSmith()),
        names.join(' / '),
      ).toMatchObject({ status: 'matched', matchedOn: 'name', entity: { id: 'company:11444000' } });
    }
  });

  it('matches when a postcode the supplier is known at is in the registered office’s area', () => {
    const index = indexRegisterExtract(
      extractOf({ companies: [company('JON SMITH PLUMBING LIMITED', '11444000', { postcode: 'ME14 5AA' })] }),
    );
    expect(
      matchSupplierToRegisters(supplier(['Jon Smith Plumbing'], { postcodes: at('ME8 6AA') }), index),
    ).toMatchObject({ status: 'matched', matchedOn: 'name' });
    const ledger = { postcode: 'M14 5AA', source: 'ledger line 7 of may.csv' };
    expect(
      matchSupplierToRegisters(
        supplier(['Jon Smith Plumbing'], { postcodes: [...at('ME8 6AA'), ledger] }),
        jonSmith(),
      ),
    ).toMatchObject({ status: 'matched', matchedOn: 'name' });
  });

  it('matches when the trust knows no postcode for the supplier, or the register gives none', () => {
    expect(matchSupplierToRegisters(supplier(['Jon Smith Plumbing']), jonSmith())).toMatchObject({
      status: 'matched',
      matchedOn: 'name',
      entity: { id: 'company:11444000' },
    });
    const noOffice = indexRegisterExtract(
      extractOf({ companies: [company('JON SMITH PLUMBING LIMITED', '11444000')] }),
    );
    expect(
      matchSupplierToRegisters(supplier(['Jon Smith Plumbing'], { postcodes: at('ME8 6AA') }), noOffice)
        .status,
    ).toBe('matched');
  });

  it('matches by a company number the trust gives, wherever the registered office is', () => {
    expect(
      matchSupplierToRegisters(
        supplier(['Jon Smith Plumbing'], {
          postcodes: at('ME8 6AA'),
          companyNumbers: [{ companyNumber: '11444000', source: 'supplier reference line 4' }],
        }),
        jonSmith(),
      ),
    ).toMatchObject({ status: 'matched', matchedOn: 'company-number', entity: { id: 'company:11444000' } });
  });

  it('doubts a company’s previous name alike', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [
          company('NORTHERN PIPEWORK LIMITED', '11444000', {
            postcode: 'M14 5AA',
            previousNames: ['JON SMITH PLUMBING LIMITED'],
          }),
        ],
      }),
    );
    const match = matchSupplierToRegisters(
      supplier(['Jon Smith Plumbing'], { postcodes: at('ME8 6AA') }),
      index,
    );
    expect(match.status).toBe('uncertain');
    expect(match.evidence[0]?.detail).toMatch(
      /^"Jon Smith Plumbing" is a previous name \(JON SMITH PLUMBING LIMITED\) of company 11444000 NORTHERN PIPEWORK LIMITED/,
    );
  });

  it('keeps a company whose own name carries no legal form, and a charity with a contact postcode elsewhere', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [
          company('THAMES SIDE COMMUNITY CARE', '05556667', {
            postcode: 'SE1 7AA',
            category: 'PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)',
          }),
        ],
        charities: [charity('HEART OF KENT HOSPICE', '1123456', { postcode: 'LS1 1AA' })],
      }),
    );
    expect(
      matchSupplierToRegisters(supplier(['Thames Side Community Care'], { postcodes: at('ME8 6AA') }), index),
    ).toMatchObject({ status: 'matched', entity: { id: 'company:05556667' } });
    expect(
      matchSupplierToRegisters(supplier(['Heart of Kent Hospice'], { postcodes: at('ME8 6AA') }), index),
    ).toMatchObject({ status: 'matched', entity: { id: 'charity:1123456' } });
  });

  it('keeps a charitable company, its charity registration joined, whose office is elsewhere', () => {
    const index = indexRegisterExtract(
      extractOf({
        companies: [company('KENT CARERS LIMITED', '05555555', { postcode: 'LS1 1AA' })],
        charities: [charity('KENT CARERS', '1155555', { companyNumber: '05555555', postcode: 'LS1 1AB' })],
      }),
    );
    expect(
      matchSupplierToRegisters(supplier(['Kent Carers'], { postcodes: at('ME8 6AA') }), index),
    ).toMatchObject({ status: 'matched', entity: { id: 'company:05555555' } });
  });
});
