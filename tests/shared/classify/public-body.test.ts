/**
 * Public bodies recognised from the statutory forms of their names — NHS trusts, commissioners, a
 * name beginning NHS, councils, central government, police and fire — with the names the real NHS
 * spend files in tests/fixtures/real-spend spell them by, and every name the rule must not take.
 */
import { describe, expect, it } from 'vitest';
import { classifySpend, decideSme, decideVcse, recognisePublicBody } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import type { RegisterExtract } from '../../../shared/registers/index.ts';
import { buildReport } from '../../../shared/report/build-report.ts';
import { SummarySchema, toSummaryJson } from '../../../shared/report/summary-json.ts';
import type { ClassificationConfig } from '../../../shared/types.ts';
import { ledgerFile } from '../report/helpers.ts';
import { config, ledgerLine, record } from './helpers.ts';

describe('recognising a public body by the form of its name', () => {
  it.each([
    // NHS trusts and foundation trusts, as the ledgers spell them (NEBD, CHWE, KICO, NMID, WHIT, BART, NEHV)
    ['BARKING HAVERING AND REDBRIDGE HOSPITALS NHS TRUST', '… NHS Trust'],
    ["GUYS & ST THOMAS' NHS TRUST", '… NHS Trust'],
    ['PRINCESS ALEXANDRA HOSPITAL NHS TRUST (THE)', '… NHS Trust'],
    ['Whittington Hosp Nhst', '… NHS Trust'],
    ['Barnet Enfield & Haringey Mental Health Nhs T', '… NHS Trust'],
    ['Kent and Medway NHS and Social Care Partnership Trust', '… NHS Trust'],
    ["St George'S University Hospitals Nhs Foundation Trust", '… NHS Foundation Trust'],
    ['Central And North West London Nhs Ft', '… NHS Foundation Trust'],
    ['Royal Free London Nhsft', '… NHS Foundation Trust'],
    // commissioners and support units
    ['NHS REDBRIDGE CCG', 'NHS … CCG'],
    ['Nhs East And North Hertfordshire Ccg', 'NHS … CCG'],
    ['Kent and Medway Clinical Commissioning Group', 'NHS … CCG'],
    ['NHS Kent and Medway ICB', 'NHS … ICB'],
    ['NHS Kent and Medway Integrated Care Board', 'NHS … ICB'],
    ['NHS NEL CSU', 'NHS … CSU'],
    ['Nhs South Central & West Csu', 'NHS … CSU'],
    ['South East Commissioning Support Unit', 'NHS … CSU'],
    // national NHS bodies, under any tail the ledger adds
    ['Nhs Resolution C/O Nhs Litigation Authority', 'NHS …'],
    ['NHS BLOOD AND TRANSPLANT', 'NHS …'],
    ['NHS BUSINESS SERVICES AUTHORITY', 'NHS …'],
    ['Nhs Business Servic.Authority- Ea Code Ea4049', 'NHS …'],
    ['Nhs Supply Chain Roarp (101)', 'NHS …'],
    ['NHSLA SUSP SICX403796', 'NHS …'],
    ['Nhs Property Services Ltd', 'NHS …'],
    ['Nhs Professionals Limited', 'NHS …'],
    ['The NHS Litigation Authority', 'NHS …'],
    // councils
    ['Kent County Council', '… County Council'],
    ['Maidstone Borough Council', '… Borough Council'],
    ['Sevenoaks District Council', '… District Council'],
    ['Westminster City Council', '… City Council'],
    ['Wigan Metropolitan Borough Council', '… Metropolitan Borough Council'],
    ['LONDON BOROUGH OF BARKING & DAGENHAM', 'London Borough of …'],
    ['London Borough Hammersmith & Fulham', 'London Borough of …'],
    ['Royal Borough Of Kensington And Chelsea', 'Royal Borough of …'],
    ['The London Borough of Bromley 40012', 'London Borough of …'],
    ['West Yorkshire Combined Authority', '… Combined Authority'],
    ['Hollingbourne Parish Council', '… Parish Council'],
    ['Faversham Town Council', '… Town Council'],
    // central government, police and fire
    ['HMRC', 'HM Revenue & Customs'],
    ['Hmrc (247)', 'HM Revenue & Customs'],
    ['Hmrc Government Employers Account', 'HM Revenue & Customs'],
    ['HM REVENUE AND CUSTOMS', 'HM Revenue & Customs'],
    ['H M Revenue & Customs', 'HM Revenue & Customs'],
    ['HM Treasury', 'HM Treasury'],
    ['Department of Health and Social Care', 'Department of/for …, Ministry of …'],
    ['Department for Work and Pensions', 'Department of/for …, Ministry of …'],
    ['MINISTRY OF DEFENCE', 'Department of/for …, Ministry of …'],
    ['Cabinet Office', 'Cabinet Office, Home Office'],
    ['Home Office', 'Cabinet Office, Home Office'],
    ['Kent Police and Crime Commissioner', '… Police and Crime Commissioner'],
    ['Kent Fire & Rescue Service', '… Fire and Rescue Authority'],
    ['Kent and Medway Fire and Rescue Authority', '… Fire and Rescue Authority'],
  ])('"%s" has the form %s', (name, form) => {
    expect(recognisePublicBody([name])?.form).toBe(form);
  });

  it.each([
    ['Falck UK Ambulance Services Ltd', 'a company'],
    ['FALCK UK AMBULANCE SERVICES', 'no public form of name'],
    ['British Council', 'a charity: no statutory council form'],
    ['REDBRIDGE COUNCIL FOR VOLUNTARY SERVICE', 'a council for voluntary service'],
    ['NHS Charities Together', 'a charity'],
    ['UNIVERSITY COLLEGE LONDON HOSPITALS CHARITY', 'a hospital charity'],
    ['Medway NHS Foundation Trust Charity', 'a hospital charity'],
    ['Barking Havering and Redbridge Hospitals NHS Trust Charitable Fund', "a trust's charitable fund"],
    ['League of Friends of Maidstone Hospital', 'a league of friends'],
    ['Friends of Kent and Canterbury Hospital NHS Trust', 'friends'],
    ['NHS Retirement Fellowship', 'a fellowship'],
    ['NHS PROVIDERS', 'a charity whose name begins NHS'],
    ['NHS Confederation', 'a charity whose name begins NHS'],
    ['Kent County Council Trading Ltd', 'a company'],
    ['Kent Fire and Rescue Services Ltd', 'a company'],
    ['Home Office Supplies', 'not the Home Office'],
    ['Department of Surgery, University of Kent', "a university's department"],
    ['ROYAL SURREY COUNTY HOSPITAL NHS', 'a bare NHS at the end decides nothing'],
    ['Croydon Council', 'not a statutory form'],
    ['Medical Research Council', 'not a listed form'],
    ['Healthcare at Home for the NHS Ltd', 'a company serving the NHS'],
  ])('"%s" is not taken as a public body (%s)', (name) => {
    expect(recognisePublicBody([name])).toBeUndefined();
  });

  it('takes none of a supplier’s names when one of them says it is a charity', () => {
    expect(recognisePublicBody(['Medway NHS Foundation Trust', 'Medway NHS FT Charity'])).toBeUndefined();
    expect(recognisePublicBody(['Payee 42', 'Medway NHS Foundation Trust'])?.form).toBe(
      '… NHS Foundation Trust',
    );
  });
});

describe('VCSE and SME for a public body', () => {
  it('is not VCSE, by data, citing the form of its name', () => {
    const decision = decideVcse({
      names: ["St George'S University Hospitals Nhs Foundation Trust"],
      companyNumbers: [],
    });
    expect(decision).toEqual({
      decision: 'no',
      basis: 'public-body',
      proxy: false,
      evidence: [
        {
          rule: 'public-body',
          detail:
            '"St George\'S University Hospitals Nhs Foundation Trust" has the form "… NHS Foundation Trust", the name of an NHS foundation trust, a public body: not a VCSE organisation',
        },
      ],
    });
  });

  it('is not an SME, by proxy: the type of body decides, not its staff and turnover', () => {
    const decision = decideSme(undefined, 'procurement-act-2023', 0.86, undefined, ['NHS REDBRIDGE CCG']);
    expect(decision).toMatchObject({ decision: 'no', basis: 'public-body', proxy: true });
    expect(decision.evidence[0]?.detail).toBe(
      '"NHS REDBRIDGE CCG" has the form "NHS … CCG", the name of a clinical commissioning group, a public body: ' +
        'not an SME by proxy (the type of body, not its own staff and turnover, decides)',
    );
  });

  it('decides SME from the reference name too, after the figures cannot', () => {
    const decision = decideSme(
      record(3, 'Kent County Council', { employees: 12_000 }),
      'procurement-act-2023',
      0.86,
    );
    expect(decision).toMatchObject({ decision: 'no', basis: 'figures' });
    const noFigures = decideSme(
      record(3, 'Kent County Council', { turnover: 99_000_000_00 }),
      'procurement-act-2023',
      0.86,
    );
    expect(noFigures).toMatchObject({ decision: 'no', basis: 'public-body', proxy: true });
    expect(noFigures.evidence[0]?.detail).toBe('turnover £99,000,000.00 is above £44m');
  });

  it.each(['Hollingbourne Parish Council', 'Faversham Town Council'])(
    'leaves %s’s size unknown (parish and town councils can be tiny), but not VCSE',
    (name) => {
      const sme = decideSme(undefined, 'procurement-act-2023', 0.86, undefined, [name]);
      expect(sme.decision).toBe('unknown');
      expect(sme.evidence.map((fact) => fact.detail).join(' ')).toContain(
        'parish and town councils can be small: its name does not decide its size',
      );
      expect(decideVcse({ names: [name], companyNumbers: [] })).toMatchObject({
        decision: 'no',
        basis: 'public-body',
      });
    },
  );
});

describe('the order of decisions: the trust’s own data and the registers first', () => {
  it('lets the trust’s VCSE Y and SME Y win over the name', () => {
    const ref = record(5, 'Kent County Council', { vcse: true, sme: true });
    expect(decideVcse({ record: ref, names: [ref.name], companyNumbers: [] })).toMatchObject({
      decision: 'yes',
      basis: 'self-declared',
    });
    expect(decideSme(ref, 'procurement-act-2023', 0.86)).toMatchObject({
      decision: 'yes',
      basis: 'self-declared',
    });
  });

  it('lets a charity number in the trust’s data win over the name', () => {
    const ref = record(6, 'Medway NHS Foundation Trust', { charityNumber: '1048292' });
    expect(decideVcse({ record: ref, names: [ref.name], companyNumbers: [] })).toMatchObject({
      decision: 'yes',
      basis: 'charity-number',
    });
  });

  it('lets a charity register match win over a name beginning NHS', () => {
    const extract: RegisterExtract = {
      schemaVersion: 1,
      kind: 'socval-register-extract',
      wanted: { companyNumbers: [], charityNumbers: [], names: [], places: [] },
      sources: [
        {
          file: 'publicextract.charity.txt',
          register: 'charity-commission',
          dated: '2025-07-01',
          rowsRead: 1,
          rowsKept: 1,
        },
      ],
      companies: [],
      charities: [
        {
          source: 0,
          line: 2,
          organisationNumber: 5_099_999,
          charityNumber: '1099999',
          linkedCharityNumber: 0,
          name: 'NHS SPORTS AND SOCIAL',
          registrationStatus: 'Registered',
          latestIncome: 50_000_00,
        },
      ],
      scottishCharities: [],
      societies: [],
    };
    const withRegisters: ClassificationConfig = { ...config, registers: extract };
    const { suppliers } = classifySpend([ledgerLine('NHS Sports and Social')], [], withRegisters);
    expect(suppliers[0]?.vcse).toMatchObject({ decision: 'yes', basis: 'charity-register' });
    expect(suppliers[0]?.sme).toMatchObject({ decision: 'yes', basis: 'charity-income-proxy' });

    const { suppliers: without } = classifySpend([ledgerLine('NHS Sports and Social')], [], config);
    expect(without[0]?.vcse).toMatchObject({ decision: 'no', basis: 'public-body' });
  });

  it('decides a ledger-only payee with or without registers, and leaves local to its postcodes', () => {
    const lines = [
      ledgerLine('NHS BLOOD AND TRANSPLANT'),
      ledgerLine('Hmrc (247)', { postcode: 'ME14 1XQ' }),
    ];
    for (const settings of [config, { ...config, registers: emptyExtract() }]) {
      const { suppliers } = classifySpend(lines, [], settings);
      expect(suppliers.map((s) => [s.name, s.local.decision, s.sme.decision, s.vcse.decision])).toEqual([
        ['NHS BLOOD AND TRANSPLANT', 'unknown', 'no', 'no'],
        ['Hmrc (247)', 'yes', 'no', 'no'],
      ]);
    }
  });
});

describe('coverage and the review list', () => {
  it('counts public bodies as decided by the public-body basis — VCSE by data, SME by proxy — and off the review list', () => {
    const lines = [
      ledgerLine('BARKING HAVERING AND REDBRIDGE HOSPITALS NHS TRUST', {
        amount: 600_00,
        postcode: 'RM7 0AG',
      }),
      ledgerLine('Hollingbourne Parish Council', { amount: 100_00, postcode: 'ME17 1UW' }),
      ledgerLine('Kent Play CIC', { amount: 300_00, postcode: 'ME14 1AA' }),
    ];
    const report = buildReport([ledgerFile('april.csv', lines)], undefined, {
      firstYear: parseFinancialYear('2024/25'),
      classification: { ...config, registers: emptyExtract() },
    });
    const summary = SummarySchema.parse(toSummaryJson(report));
    const year = summary.coverage?.find((entry) => entry.fy === '2024/25');
    expect(year?.vcse.byBasis).toEqual([
      { basis: 'cic-name', proxy: false, yes: '300.00', no: '0.00', share: 0.3 },
      { basis: 'public-body', proxy: false, yes: '0.00', no: '700.00', share: 0.7 },
    ]);
    expect(year?.sme).toMatchObject({
      decided: '600.00',
      byData: '0.00',
      byProxy: '600.00',
      undecided: '400.00',
    });
    expect(year?.sme.byBasis).toEqual([
      { basis: 'public-body', proxy: true, yes: '0.00', no: '600.00', share: 0.6 },
    ]);
    expect(summary.review?.suppliers.map((entry) => [entry.name, entry.undecided])).toEqual([
      ['Kent Play CIC', ['sme']],
      ['Hollingbourne Parish Council', ['sme']],
    ]);
  });
});

function emptyExtract(): RegisterExtract {
  return {
    schemaVersion: 1,
    kind: 'socval-register-extract',
    wanted: { companyNumbers: [], charityNumbers: [], names: [], places: [] },
    sources: [],
    companies: [],
    charities: [],
    scottishCharities: [],
    societies: [],
  };
}
