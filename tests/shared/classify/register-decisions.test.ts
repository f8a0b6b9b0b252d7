/**
 * The synthetic trust of tests/fixtures/registers/trust: a supplier list with names, ids, company and
 * charity numbers and a few postcodes — no size or VCSE columns — and the four registers in their
 * published layouts. Each test is one case of the register rules, with the evidence an auditor reads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decideSme, decideVcse, SME_ACCOUNTS_CATEGORIES } from '../../../shared/classify/index.ts';
import {
  type ExtractCompany,
  indexRegisterExtract,
  matchSupplierToRegisters,
  type RegisterExtract,
} from '../../../shared/registers/index.ts';
import type { Report } from '../../../shared/report/index.ts';
import { brief, details, loadTrust, reportTrust, supplierNamed, type Trust } from '../registers/trust.ts';

let trust: Trust;
let report: Report;

beforeAll(async () => {
  trust = await loadTrust();
  report = reportTrust(trust);
});

const decisions = (name: string) => {
  const supplier = supplierNamed(report, name);
  return {
    match: `${supplier.registers?.status ?? ''}${supplier.registers?.matchedOn ? `/${supplier.registers.matchedOn}` : ''}`,
    local: brief(supplier.local),
    sme: brief(supplier.sme),
    vcse: brief(supplier.vcse),
  };
};

describe('matching the trust’s suppliers to the registers', () => {
  it('matches by the company number in the reference and cites the Companies House row', () => {
    expect(decisions('Kentish Weald Care')).toEqual({
      match: 'matched/company-number',
      local: 'yes/register-postcode',
      sme: 'yes/accounts-category-proxy*',
      vcse: 'no/legal-form',
    });
    expect(supplierNamed(report, 'Kentish Weald Care').registers?.evidence[0]?.detail).toBe(
      'company number 09876543 (supplier reference line 2) is company 09876543 KENTISH WEALD CARE LIMITED ' +
        '(Companies House BasicCompanyDataAsOneFile-2025-07-01.csv (2025-07-01) line 3)',
    );
  });

  it('matches by the company number a ledger writes after the name (NAME:SC654321)', () => {
    expect(decisions('HIGHLAND LINEN SERVICES LTD')).toEqual({
      match: 'matched/company-number',
      local: 'no/register-postcode',
      sme: 'yes/accounts-category-proxy*',
      vcse: 'no/legal-form',
    });
    expect(details(supplierNamed(report, 'HIGHLAND LINEN SERVICES LTD').sme)).toMatch(
      /company number SC654321 \(ledger line 8 of 2024-05\.csv\)/,
    );
  });

  it('matches by exact name, Companies House’s LIMITED read as the ledger’s Ltd', () => {
    expect(decisions('Ashford Cleaning Services Ltd')).toEqual({
      match: 'matched/name',
      local: 'yes/register-postcode',
      sme: 'yes/accounts-category-proxy*',
      vcse: 'no/legal-form',
    });
  });

  it('matches on a previous name, and says so in the evidence', () => {
    const minibus = supplierNamed(report, 'Medway Minibus Ltd');
    expect(decisions('Medway Minibus Ltd')).toEqual({
      match: 'matched/previous-name',
      local: 'yes/register-postcode',
      sme: 'yes/accounts-category-proxy*',
      vcse: 'yes/cic',
    });
    expect(details(minibus.vcse)).toMatch(
      /"Medway Minibus Ltd" is a previous name of company 12345678 MEDWAY COMMUNITY TRANSPORT C\.I\.C\..*\n.*no longer uses/,
    );
  });

  it('decides on a near name only at the supplier’s own postcode, with its confidence', () => {
    const bakery = supplierNamed(report, 'Kentish Oast Bakery Ltd');
    expect(bakery.registers).toMatchObject({
      status: 'matched',
      matchedOn: 'fuzzy-name-postcode',
      confidence: 0.95,
    });
    expect(brief(bakery.sme)).toBe('yes/accounts-category-proxy*');
    expect(bakery.registers?.evidence[0]?.detail).toMatch(
      /95% alike the name of company 11112222 KENTISH OASTS BAKERY LIMITED .* both are at ME13 8AA \(head office \(supplier reference line 5\)\)/,
    );
  });

  it('lists a near name at another postcode for review instead of deciding on it', () => {
    const scaffolding = supplierNamed(report, 'Sittingbourne Scaffolding');
    expect(decisions('Sittingbourne Scaffolding')).toEqual({
      match: 'uncertain',
      local: 'yes/ledger-postcode',
      sme: 'unknown',
      vcse: 'unknown',
    });
    expect(scaffolding.registers?.candidates).toEqual([
      expect.objectContaining({
        number: '12121212',
        name: 'SITTINGBOURNE SCAFFOLDNG LIMITED',
        similarity: 0.96,
        why: 'name 96% alike, at ME10 3ZZ, not a postcode the supplier is known at',
      }),
    ]);
  });

  it('never matches a name to a longer name it starts (Medway Print is not MEDWAY PRINT HOLDINGS), even at its postcode', () => {
    const print = supplierNamed(report, 'Medway Print');
    expect(print.registers?.status).toBe('uncertain');
    expect(print.registers?.entity).toBeUndefined();
    expect(print.registers?.candidates.map((c) => [c.name, c.similarity])).toEqual([
      ['MEDWAY PRINT HOLDINGS LIMITED', 0.57],
    ]);
    expect(brief(print.sme)).toBe('unknown');
  });

  it('leaves a name two charities share ambiguous, unless a postcode separates them', () => {
    const [withoutPostcode, withPostcode] = report.suppliers
      .map((spend) => spend.supplier)
      .filter((supplier) => supplier.name === 'Friends of Maidstone Hospital')
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(withoutPostcode?.registers?.status).toBe('ambiguous');
    expect(withoutPostcode?.registers?.candidates.map((c) => c.number)).toEqual(['1010101', '1020202']);
    expect(brief(withoutPostcode?.vcse ?? { decision: 'no', evidence: [] })).toBe('unknown');
    expect(withPostcode?.registers).toMatchObject({ status: 'matched', matchedOn: 'name-and-postcode' });
    expect(withPostcode?.registers?.entity?.charity?.charityNumber).toBe('1010101');
  });

  it('matches an OSCR charity by its "Known As" name', () => {
    expect(decisions('HHT Hospice Transport')).toEqual({
      match: 'matched/known-as',
      local: 'no/register-postcode',
      sme: 'unknown',
      vcse: 'yes/charity-register',
    });
  });

  it('finds nothing for a supplier no register holds, and says what to add', () => {
    expect(decisions('Unknown Widgets Ltd')).toEqual({
      match: 'not-found',
      local: 'unknown',
      sme: 'unknown',
      vcse: 'unknown',
    });
  });
});

describe('size from the registers, by proxy', () => {
  it('takes a Public Limited Company as not an SME, labelled a proxy', () => {
    const plc = supplierNamed(report, 'Northern Medical Supplies PLC');
    expect(plc.sme).toMatchObject({ decision: 'no', basis: 'legal-form', proxy: true });
    expect(plc.sme.evidence.at(-1)?.detail).toBe(
      'company 00445566 NORTHERN MEDICAL SUPPLIES PLC (Companies House BasicCompanyDataAsOneFile-2025-07-01.csv (2025-07-01) line 9) ' +
        'has CompanyCategory "Public Limited Company": a public company is taken as not an SME (a proxy for size, not its own figures)',
    );
  });

  it.each([
    ['Kentish Weald Care', 'TOTAL EXEMPTION FULL'],
    ['Rochester Health Support', 'TOTAL EXEMPTION SMALL'],
    ['Ashford Cleaning Services Ltd', 'UNAUDITED ABRIDGED'],
    ['Medway Minibus Ltd', 'MICRO ENTITY'],
    ['Kentish Oast Bakery Ltd', 'SMALL'],
  ])('takes %s’s accounts category %s as an SME by proxy', (name, category) => {
    const sme = supplierNamed(report, name).sme;
    expect(sme).toMatchObject({ decision: 'yes', basis: 'accounts-category-proxy', proxy: true });
    expect(sme.evidence.at(-1)?.detail).toContain(
      `Accounts.AccountCategory "${category}", which only a company within`,
    );
  });

  it.each([
    ['Heart of Kent Hospice Care', 'FULL'],
    ['Ulster Theatre Supplies Ltd', 'MEDIUM'],
  ])('decides nothing from %s’s accounts category %s, and says so', (name, category) => {
    const sme = supplierNamed(report, name).sme;
    expect(sme.decision).toBe('unknown');
    expect(details(sme)).toContain(
      `Accounts.AccountCategory "${category}", which decides nothing on its own`,
    );
  });

  it('takes a charity’s income as turnover when it has no company record and is within £44m', () => {
    const swale = supplierNamed(report, 'Swale Food Bank');
    expect(swale.sme).toMatchObject({ decision: 'yes', basis: 'charity-income-proxy', proxy: true });
    expect(swale.sme.evidence.at(-1)?.detail).toBe(
      'charity 1099887 SWALE FOOD BANK AND COMMUNITY PANTRY (Charity Commission publicextract.charity.txt (2025-07-01) line 7) ' +
        'has no company record and latest_income £310,500.00, at most £44m: income taken as turnover, an SME by proxy under ' +
        'Procurement Act 2023 s.123 (staff not known)',
    );
    expect(brief(supplierNamed(report, 'Glasgow Community Laundry').sme)).toBe('yes/charity-income-proxy*');
  });

  it('decides nothing from a charity’s income above £44m', () => {
    const big = supplierNamed(report, 'Kent Hospitals Charity');
    expect(big.sme.decision).toBe('unknown');
    expect(details(big.sme)).toContain(
      'has latest_income £50,000,000.00, above £44m: it decides nothing (its balance sheet total might still be within £38m)',
    );
  });

  it('does not use a charitable company’s income: its Companies House record decides or nothing does', () => {
    const hospice = supplierNamed(report, 'Heart of Kent Hospice Care');
    expect(hospice.registers?.entity?.company?.companyNumber).toBe('03123456');
    expect(details(hospice.sme)).not.toContain('latest_income');
  });
});

describe('VCSE from the registers', () => {
  it('counts an active registered charity (a main registration) linked to its company', () => {
    const hospice = supplierNamed(report, 'Heart of Kent Hospice Care');
    expect(hospice.vcse).toMatchObject({ decision: 'yes', basis: 'charity-register', proxy: false });
    expect(details(hospice.vcse)).toContain(
      'charity 1123456 HEART OF KENT HOSPICE CARE (Charity Commission publicextract.charity.txt (2025-07-01) line 2) is a registered charity',
    );
    expect(details(hospice.vcse)).not.toMatch(/possibly VCSE/);
  });

  it('does not count a linked charity’s own row, and flags it', () => {
    const shop = supplierNamed(report, 'Heart of Kent Hospice Care Shop Fund');
    expect(decisions('Heart of Kent Hospice Care Shop Fund')).toEqual({
      match: 'matched/name',
      local: 'unknown',
      sme: 'unknown',
      vcse: 'unknown',
    });
    expect(details(shop.vcse)).toMatch(
      /is linked charity 1 of charity 1123456 .*not counted as a registered charity on its own/,
    );
  });

  it.each([
    [
      'Ashford Day Centre',
      /charity 250123 ASHFORD DAY CENTRE .* has charity_registration_status "Removed", date_of_removal 2016-08-30: it does not count as VCSE/,
    ],
    [
      'Quiet Holdings Ltd',
      /company 11223344 QUIET HOLDINGS LIMITED .* has CompanyStatus "Dissolved", dissolved 2025-02-28: it does not count as VCSE/,
    ],
    [
      'Faversham Allotment Society Ltd',
      /society 29001R .* has Society Status "Deregistered", Deregistration Date 2022-02-14: it does not count as VCSE/,
    ],
  ])('does not count %s, which is no longer registered, and flags it', (name, flag) => {
    const supplier = supplierNamed(report, name);
    expect(supplier.vcse.decision).toBe('unknown');
    expect(details(supplier.vcse)).toMatch(flag);
    expect(supplier.local.decision).toBe('unknown');
  });

  it('counts a CIC, a CIO (England and Wales, or at Companies House) and a Scottish SCIO', () => {
    expect(brief(supplierNamed(report, 'Medway Minibus Ltd').vcse)).toBe('yes/cic');
    expect(brief(supplierNamed(report, 'Medway Youth Music').vcse)).toBe('yes/cio');
    expect(brief(supplierNamed(report, 'Greenfield Hospice').vcse)).toBe('yes/cio');
    const scio = supplierNamed(report, 'Glasgow Community Laundry').vcse;
    expect(brief(scio)).toBe('yes/cio');
    expect(details(scio)).toContain(
      'Constitutional Form "SCIO (Scottish Charitable Incorporated Organisation)"',
    );
  });

  it('counts an active community benefit society', () => {
    expect(brief(supplierNamed(report, 'Dartford Community Energy Ltd').vcse)).toBe(
      'yes/community-benefit-society',
    );
  });

  it('does not count a co-operative society unless co-operatives are configured as VCSE', () => {
    const coop = supplierNamed(report, 'Medway Food Cooperative Ltd').vcse;
    expect(coop).toMatchObject({ decision: 'no', basis: 'co-operative-society', proxy: false });
    expect(coop.evidence.at(-1)?.detail).toContain(
      'is not counted as VCSE (set cooperativesAreVcse to count co-operatives)',
    );

    const counted = supplierNamed(
      reportTrust(trust, { cooperativesAreVcse: true }),
      'Medway Food Cooperative Ltd',
    ).vcse;
    expect(counted).toMatchObject({ decision: 'yes', basis: 'co-operative-society' });
    expect(counted.evidence.at(-1)?.detail).toContain(
      'co-operatives are counted as VCSE (setting cooperativesAreVcse)',
    );
  });

  it('leaves a company limited by guarantee without charity status as possible VCSE, for review', () => {
    const rochester = supplierNamed(report, 'Rochester Health Support');
    expect(rochester.vcse.decision).toBe('unknown');
    expect(rochester.vcse.evidence.find((e) => e.rule === 'possible-vcse')?.detail).toMatch(
      /CompanyCategory "PRI\/LTD BY GUAR\/NSC .*" and no charity registration in the registers read: possibly VCSE, for review/,
    );
    expect(report.review?.find((entry) => entry.name === 'Rochester Health Support')?.undecided).toEqual([
      'vcse',
    ]);
  });

  it('does not call a Northern Irish company not VCSE: the NI charity register was not read', () => {
    expect(brief(supplierNamed(report, 'Ulster Theatre Supplies Ltd').vcse)).toBe('unknown');
  });
});

describe('head office from the registers', () => {
  it('uses the reference’s postcode first, then the registered office, then the charity’s contact postcode', () => {
    expect(details(supplierNamed(report, 'Kentish Oast Bakery Ltd').local)).toMatch(
      /^head office \(supplier reference line 5\) ME13 8AA/,
    );
    expect(details(supplierNamed(report, 'Heart of Kent Hospice Care').local)).toMatch(
      /^registered office of company 03123456 \(Companies House .* line 21\) ME20 7PU is in postcode district ME20/,
    );
    expect(details(supplierNamed(report, 'Medway Youth Music').local)).toMatch(
      /^contact address of charity 1187654 \(Charity Commission publicextract\.charity\.txt \(2025-07-01\) line 4\) ME4 4DS/,
    );
  });

  it('leaves a straddling district to the ONS lookup, never guessed', () => {
    const dartford = supplierNamed(report, 'Dartford Community Energy Ltd').local;
    expect(dartford.decision).toBe('unknown');
    expect(details(dartford)).toMatch(
      /address of society 30720R .* DA1 1AA is in postcode district DA1, which straddles/,
    );
  });
});

describe('the trust’s own data still wins, and nothing changes without registers', () => {
  const oneCompany = (): RegisterExtract => ({
    schemaVersion: 1,
    kind: 'socval-register-extract',
    wanted: { companyNumbers: [], charityNumbers: [], names: [], places: [] },
    sources: [
      {
        file: 'BasicCompanyData-2025-07-01-part1_7.csv',
        register: 'companies-house',
        dated: '2025-07-01',
        rowsRead: 1,
        rowsKept: 1,
      },
    ],
    companies: [company({ category: 'Public Limited Company', accountsCategory: 'MICRO ENTITY' })],
    charities: [],
    scottishCharities: [],
    societies: [],
  });
  const company = (extra: Partial<ExtractCompany>): ExtractCompany => ({
    source: 0,
    line: 2,
    name: 'ACME WIDGETS LIMITED',
    companyNumber: '01234567',
    category: 'Private Limited Company',
    status: 'Active',
    sicCodes: [],
    previousNames: [],
    ...extra,
  });
  const facts = (extract: RegisterExtract) => {
    const index = indexRegisterExtract(extract);
    return {
      index,
      match: matchSupplierToRegisters(
        { names: ['Acme Widgets Ltd'], companyNumbers: [], charityNumbers: [], postcodes: [] },
        index,
      ),
    };
  };
  const record = { line: 7, name: 'Acme Widgets Ltd', branchPostcodes: [] };

  it('lets the trust’s SME Y/N and its figures win over every proxy', () => {
    const registers = facts(oneCompany());
    expect(decideSme({ ...record, sme: true }, 'procurement-act-2023', 0.85, registers)).toMatchObject({
      decision: 'yes',
      basis: 'self-declared',
    });
    expect(decideSme({ ...record, employees: 300 }, 'procurement-act-2023', 0.85, registers)).toMatchObject({
      decision: 'no',
      basis: 'figures',
      proxy: false,
    });
    expect(decideSme({ ...record, employees: 10 }, 'procurement-act-2023', 0.85, registers)).toMatchObject({
      decision: 'no',
      basis: 'legal-form',
      proxy: true,
    });
  });

  it('lets the trust’s VCSE N win over a CIC, noting the register', () => {
    const extract = oneCompany();
    extract.companies = [company({ category: 'Community Interest Company' })];
    const decision = decideVcse({
      record: { ...record, vcse: false },
      names: ['Acme Widgets Ltd'],
      companyNumbers: [],
      registers: facts(extract),
    });
    expect(decision).toMatchObject({ decision: 'no', basis: 'self-declared' });
    expect(details(decision)).toMatch(
      /for information: company 01234567 .* "Community Interest Company"; the trust's N is used/,
    );
  });

  it('proxies exactly the six small-company accounts categories', () => {
    expect([...SME_ACCOUNTS_CATEGORIES].sort()).toEqual([
      'AUDITED ABRIDGED',
      'MICRO ENTITY',
      'SMALL',
      'TOTAL EXEMPTION FULL',
      'TOTAL EXEMPTION SMALL',
      'UNAUDITED ABRIDGED',
    ]);
    for (const category of [
      'MEDIUM',
      'FULL',
      'GROUP',
      'AUDIT EXEMPTION SUBSIDIARY',
      'DORMANT',
      'NO ACCOUNTS FILED',
    ]) {
      const extract = oneCompany();
      extract.companies = [company({ accountsCategory: category })];
      expect(decideSme(record, 'procurement-act-2023', 0.85, facts(extract)).decision).toBe('unknown');
    }
  });

  it('classifies exactly as before when no registers are given', () => {
    const without = reportTrust(trust, { registers: false });
    for (const { supplier } of without.suppliers) {
      expect(supplier.registers).toBeUndefined();
      expect(supplier.sme.decision).toBe('unknown');
    }
    expect(without.registers).toBeUndefined();
    expect(without.definitions.registers).toBeUndefined();
  });
});
