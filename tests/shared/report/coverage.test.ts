/**
 * Classification coverage in summary.json for the synthetic trust of tests/fixtures/registers/trust,
 * against figures worked out by hand from its ledger (2024/25 to May: £67,500.00 of which £1,000.00
 * redacted; 2023/24: £4,000.00) and the decision each supplier should get:
 *
 * | supplier (2024/25 spend)            | local               | SME                   | VCSE                 |
 * |-------------------------------------|---------------------|-----------------------|----------------------|
 * | Northern Medical Supplies PLC 20,000 | no  register        | no  legal-form proxy  | no  legal-form       |
 * | Kentish Weald Care 10,000           | yes register        | yes accounts proxy    | no  legal-form       |
 * | Heart of Kent Hospice Care 6,000    | yes register        | ?  (FULL)             | yes charity-register |
 * | Kent Hospitals Charity 5,000        | yes register        | ?  (income > £44m)    | yes charity-register |
 * | Kentish Oast Bakery 4,000           | yes reference       | yes accounts proxy    | no  legal-form       |
 * | Medway Print 3,000                  | yes reference       | ?                     | ?                    |
 * | Sittingbourne Scaffolding 2,500     | yes ledger          | ?                     | ?                    |
 * | Ashford Cleaning Services 2,000     | yes register        | yes accounts proxy    | no  legal-form       |
 * | Medway Minibus 1,500                | yes register        | yes accounts proxy    | yes cic              |
 * | Rochester Health Support 1,300      | yes register        | yes accounts proxy    | ?  (possible VCSE)   |
 * | Medway Youth Music 1,200            | yes register        | yes income proxy      | yes cio              |
 * | Dartford Community Energy 1,100     | ?  (DA1)            | ?                     | yes cbs              |
 * | Glasgow Community Laundry 1,000     | no  register        | yes income proxy      | yes cio              |
 * | Medway Food Co-operative 900        | yes register        | ?                     | no  co-operative     |
 * | Quiet Holdings 900                  | ?                   | ?                     | ?  (dissolved)       |
 * | Ashford Day Centre 800              | ?                   | ?                     | ?  (removed)         |
 * | Greenfield Hospice 800              | yes register        | ?                     | yes cio              |
 * | Ulster Theatre Supplies 750         | no  register        | ?  (MEDIUM)           | ?                    |
 * | Swale Food Bank 700                 | yes register        | yes income proxy      | yes charity-register |
 * | Highland Linen Services 650         | no  register        | yes accounts proxy    | no  legal-form       |
 * | Friends of Maidstone Hospital 600   | ?                   | ?                     | ?  (ambiguous)       |
 * | HHT Hospice Transport 500           | no  register        | ?                     | yes charity-register |
 * | Friends of Maidstone Hospital 400   | yes reference       | yes income proxy      | yes charity-register |
 * | Unknown Widgets 350                 | ?                   | ?                     | ?                    |
 * | Heart of Kent … Shop Fund 300       | ?                   | ?                     | ?  (linked)          |
 * | Faversham Allotment Society 250     | ?                   | ?                     | ?  (deregistered)    |
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Summary, SummarySchema, toSummaryJson } from '../../../shared/report/index.ts';
import { loadTrust, reportTrust } from '../registers/trust.ts';

let summary: Summary;

beforeAll(async () => {
  summary = SummarySchema.parse(toSummaryJson(reportTrust(await loadTrust())));
});

const yearOf = (fy: string) => {
  const year = summary.coverage?.find((entry) => entry.fy === fy);
  if (year === undefined) throw new Error(`no coverage for ${fy}`);
  return year;
};

describe('classification coverage in summary.json', () => {
  it('counts the report year to date apart from redacted spend', () => {
    expect(yearOf('2024/25')).toMatchObject({
      months: 2,
      yearToDate: true,
      total: '67500.00',
      redacted: '1000.00',
      classifiable: '66500.00',
    });
  });

  it('splits local spend by where the deciding postcode came from', () => {
    expect(yearOf('2024/25').local).toEqual({
      decided: '62200.00',
      decidedShare: 0.9353,
      byData: '62200.00',
      byDataShare: 0.9353,
      byProxy: '0.00',
      byProxyShare: 0,
      undecided: '4300.00',
      byBasis: [
        {
          basis: 'reference-postcode',
          proxy: false,
          method: 'postcode-district',
          yes: '7400.00',
          no: '0.00',
          share: 0.1113,
        },
        {
          basis: 'ledger-postcode',
          proxy: false,
          method: 'postcode-district',
          yes: '2500.00',
          no: '0.00',
          share: 0.0376,
        },
        {
          basis: 'register-postcode',
          proxy: false,
          method: 'postcode-district',
          yes: '29400.00',
          no: '22900.00',
          share: 0.7865,
        },
      ],
    });
  });

  it('counts SME proxies as decided but shows them apart', () => {
    expect(yearOf('2024/25').sme).toEqual({
      decided: '42750.00',
      decidedShare: 0.6429,
      byData: '0.00',
      byDataShare: 0,
      byProxy: '42750.00',
      byProxyShare: 0.6429,
      undecided: '23750.00',
      byBasis: [
        { basis: 'accounts-category-proxy', proxy: true, yes: '19450.00', no: '0.00', share: 0.2925 },
        { basis: 'charity-income-proxy', proxy: true, yes: '3300.00', no: '0.00', share: 0.0496 },
        { basis: 'legal-form', proxy: true, yes: '0.00', no: '20000.00', share: 0.3008 },
      ],
    });
  });

  it('splits VCSE spend by the register that decided it', () => {
    expect(yearOf('2024/25').vcse).toEqual({
      decided: '55750.00',
      decidedShare: 0.8383,
      byData: '55750.00',
      byDataShare: 0.8383,
      byProxy: '0.00',
      byProxyShare: 0,
      undecided: '10750.00',
      byBasis: [
        { basis: 'charity-register', proxy: false, yes: '12600.00', no: '0.00', share: 0.1895 },
        { basis: 'cio', proxy: false, yes: '3000.00', no: '0.00', share: 0.0451 },
        { basis: 'cic', proxy: false, yes: '1500.00', no: '0.00', share: 0.0226 },
        { basis: 'community-benefit-society', proxy: false, yes: '1100.00', no: '0.00', share: 0.0165 },
        { basis: 'co-operative-society', proxy: false, yes: '0.00', no: '900.00', share: 0.0135 },
        { basis: 'legal-form', proxy: false, yes: '0.00', no: '36650.00', share: 0.5511 },
      ],
    });
  });

  it('adds up to the headline figures: the yes parts are the local, SME and VCSE spend', () => {
    const year = yearOf('2024/25');
    const figures = summary.financialYears.find((entry) => entry.fy === '2024/25');
    const yes = (parts: { yes: string }[]) =>
      parts.reduce((sum, part) => sum + Number(part.yes), 0).toFixed(2);
    expect(yes(year.local.byBasis)).toBe(figures?.local);
    expect(yes(year.sme.byBasis)).toBe(figures?.sme);
    expect(yes(year.vcse.byBasis)).toBe(figures?.vcse);
    expect(figures?.localUnknown).toBe(year.local.undecided);
    expect(figures?.smeUnknown).toBe(year.sme.undecided);
  });

  it('gives each earlier financial year its own coverage', () => {
    expect(yearOf('2023/24')).toMatchObject({
      months: 12,
      yearToDate: false,
      classifiable: '4000.00',
      local: { decided: '3000.00', decidedShare: 0.75, undecided: '1000.00' },
      sme: { byProxy: '3000.00', byProxyShare: 0.75 },
      vcse: {
        decided: '3000.00',
        byBasis: [{ basis: 'legal-form', proxy: false, yes: '0.00', no: '3000.00', share: 0.75 }],
      },
    });
  });
});

describe('the review list in summary.json', () => {
  it('ranks the suppliers with anything undecided by spend, never naming redacted payees', () => {
    const review = summary.review;
    expect(review?.more).toBe(0);
    expect(review?.suppliers.map((entry) => [entry.name, entry.spend, entry.undecided.join(' ')])).toEqual([
      ['Heart of Kent Hospice Care', '6000.00', 'sme'],
      ['Kent Hospitals Charity', '5000.00', 'sme'],
      ['Medway Print', '3000.00', 'sme vcse'],
      ['Sittingbourne Scaffolding', '2500.00', 'sme vcse'],
      ['Unknown Widgets Ltd', '1350.00', 'local sme vcse'],
      ['Rochester Health Support', '1300.00', 'vcse'],
      ['Dartford Community Energy Ltd', '1100.00', 'local sme'],
      ['Medway Food Cooperative Ltd', '900.00', 'sme'],
      ['Quiet Holdings Ltd', '900.00', 'local sme vcse'],
      ['Ashford Day Centre', '800.00', 'local sme vcse'],
      ['Greenfield Hospice', '800.00', 'sme'],
      ['Ulster Theatre Supplies Ltd', '750.00', 'sme vcse'],
      ['Friends of Maidstone Hospital', '600.00', 'local sme vcse'],
      ['HHT Hospice Transport', '500.00', 'sme'],
      ['Heart of Kent Hospice Care Shop Fund', '300.00', 'local sme vcse'],
      ['Faversham Allotment Society Ltd', '250.00', 'local sme vcse'],
    ]);
    expect(JSON.stringify(review)).not.toMatch(/redacted/i);
  });

  it('says why each was not decided and lists the register entries it might be', () => {
    const ambiguous = summary.review?.suppliers.find(
      (entry) => entry.name === 'Friends of Maidstone Hospital',
    );
    expect(ambiguous?.registerMatch).toBe('ambiguous');
    expect(ambiguous?.reasons[0]).toEqual({
      category: 'registers',
      rule: 'register-ambiguous',
      detail:
        '"Friends of Maidstone Hospital" / "FRIENDS OF MAIDSTONE HOSPITAL" is the name of 2 different entries in the registers read and no postcode ' +
        'the supplier is known at separates them: add its company or charity number (or postcode) to the supplier reference',
    });
    expect(ambiguous?.candidates).toEqual([
      {
        register: 'charity-commission',
        file: 'publicextract.charity.txt',
        line: 16,
        number: '1010101',
        name: 'FRIENDS OF MAIDSTONE HOSPITAL',
        postcode: 'ME16 9QQ',
        status: 'Registered',
        why: 'same name',
      },
      {
        register: 'charity-commission',
        file: 'publicextract.charity.txt',
        line: 17,
        number: '1020202',
        name: 'FRIENDS OF MAIDSTONE HOSPITAL',
        postcode: 'ME14 5AB',
        status: 'Registered',
        why: 'same name',
      },
    ]);
  });

  it('names each register file read, with its date and rows read and kept', () => {
    expect(
      summary.registers?.sources.map(({ file, register, dated, rowsRead, rowsKept }) => [
        file,
        register,
        dated,
        rowsRead,
        rowsKept,
      ]),
    ).toEqual([
      ['publicextract.charity.txt', 'charity-commission', '2025-07-01', 12, 8],
      ['CharityExport-01-Jul-2025.csv', 'oscr', '2025-07-01', 5, 2],
      ['SocietyList.csv', 'fca-mutuals', undefined, 6, 3],
      ['BasicCompanyDataAsOneFile-2025-07-01.csv', 'companies-house', '2025-07-01', 21, 13],
    ]);
    expect(summary.registers?.matches).toEqual({
      'matched-by-company-number': 6,
      'matched-by-charity-number': 4,
      'matched-by-name': 8,
      'matched-by-previous-name': 1,
      'matched-by-fuzzy-name-postcode': 1,
      'matched-by-name-and-postcode': 1,
      'matched-by-known-as': 1,
      ambiguous: 1,
      uncertain: 2,
      'not-found': 1,
    });
  });
});
