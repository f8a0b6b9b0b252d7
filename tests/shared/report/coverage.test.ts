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
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTextSummary } from '../../../cli/format-text-summary.ts';
import { financialYearStarting } from '../../../shared/periods/financial-year.ts';
import {
  CATEGORIES,
  type CoverageFigures,
  emptyFigures,
  type FinancialYearFigures,
  measureCoverage,
  type Report,
  type Summary,
  SummarySchema,
  type SupplierSpend,
  toSummaryJson,
} from '../../../shared/report/index.ts';
import { addCoverageSheet, coverageRows } from '../../../shared/report/workbook/coverage-sheet.ts';
import type { CategoryDecision, ClassifiedSupplier, DecisionBasis } from '../../../shared/types.ts';
import { loadTrust, reportTrust } from '../registers/trust.ts';

let report: Report;
let summary: Summary;

beforeAll(async () => {
  report = reportTrust(await loadTrust());
  summary = SummarySchema.parse(toSummaryJson(report));
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

const FY_2024 = financialYearStarting(2024);
const FY_2025 = financialYearStarting(2025);

function yearFigures(fy: FinancialYearFigures['fy'], months = 12): FinancialYearFigures {
  return { fy, months, yearToDate: months < 12, figures: emptyFigures() };
}

const unknown: CategoryDecision = { decision: 'unknown', evidence: [] };
const by = (decision: 'yes' | 'no', basis: DecisionBasis, proxy = false): CategoryDecision => ({
  decision,
  basis,
  proxy,
  evidence: [],
});

function spend(
  name: string,
  byYear: Record<string, number>,
  decisions: Pick<ClassifiedSupplier, 'local' | 'sme' | 'vcse'>,
  matchedBy: ClassifiedSupplier['matchedBy'] = 'name',
): SupplierSpend {
  const total = Object.values(byYear).reduce((sum, amount) => sum + amount, 0);
  return { supplier: { key: `name:${name}`, name, matchedBy, ...decisions }, byYear, total, lines: 1 };
}

const allDecided = {
  local: by('yes', 'register-postcode'),
  sme: by('yes', 'accounts-category-proxy', true),
  vcse: by('no', 'legal-form'),
};
const undecided = { local: unknown, sme: unknown, vcse: unknown };

/** The trust's report with its coverage replaced, for the renderers. */
const withCoverage = (coverage: CoverageFigures[]): Report => ({ ...report, coverage });

describe('coverage when a supplier nets to credit in the year', () => {
  // A board member saw "Decided in 2025/26: local 108.1%": the one undecided supplier, a council's
  // credit note, netted −£150.00, shrinking classifiable spend below the spend decided.
  const medway = () =>
    measureCoverage(
      [
        spend('Kent Care Ltd', { '2025/26': 1_500_00 }, allDecided),
        spend('Swale Supplies Ltd', { '2025/26': 501_50 }, allDecided),
        spend('Medway Council', { '2025/26': -150_00 }, undecided),
      ],
      [yearFigures(FY_2025, 8)],
    );

  it('decides 100% of the spend measured and shows the credit apart, still adding up to total spend', () => {
    const [year] = medway();
    expect(year).toMatchObject({
      total: 1_851_50,
      redacted: 0,
      classifiable: 1_851_50,
      measured: 2_001_50,
      netCredits: -150_00,
      netCreditSuppliers: 1,
    });
    for (const category of CATEGORIES) {
      expect(year?.[category]).toMatchObject({ decided: 2_001_50, undecided: 0 });
    }
  });

  it('gives shares of 1 in summary.json, with the measured spend and the net credits beside classifiable spend', () => {
    const year = SummarySchema.parse(toSummaryJson(withCoverage(medway()))).coverage?.[0];
    expect(year).toMatchObject({
      classifiable: '1851.50',
      measured: '2001.50',
      netCredits: '-150.00',
      netCreditSuppliers: 1,
      local: { decided: '2001.50', decidedShare: 1, byDataShare: 1, undecided: '0.00' },
      sme: { decidedShare: 1, byProxyShare: 1 },
      vcse: { decidedShare: 1, byBasis: [{ basis: 'legal-form', share: 1 }] },
    });
  });

  it('says 100% in the text summary and prints the credit on its own line, reconciled to classifiable spend', () => {
    const text = formatTextSummary(withCoverage(medway()), []);
    expect(text).toContain(
      'Decided in 2025/26 (8 months), of £2,001.50 spend with suppliers netting above zero: local 100.0%, SME 100.0% (100.0% by proxy), VCSE 100.0%',
    );
    expect(text).toContain(
      '£150.00 of net credits from 1 supplier(s) are outside these shares (classifiable spend £1,851.50 = £2,001.50 − £150.00)',
    );
    expect(text).not.toMatch(/108\.1%/);
  });

  it('shows 100% on the Coverage sheet, of the measured spend', () => {
    const rows = coverageRows(medway());
    expect(rows.map((row) => row.slice(2, 5))).toEqual([
      [2_001.5, 2_001.5, 1],
      [2_001.5, 2_001.5, 1],
      [2_001.5, 2_001.5, 1],
    ]);
  });

  it('says "1 month to date" on the Coverage sheet for the first month of a year', () => {
    const coverage = measureCoverage(
      [spend('Kent Care Ltd', { '2025/26': 1_500_00 }, allDecided)],
      [yearFigures(FY_2025, 1)],
    );

    const sheet = addCoverageSheet(new ExcelJS.Workbook(), 'Coverage', coverage);

    const cells: unknown[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(cell.value);
      }),
    );
    expect(cells).toContain('1 month to date');
    expect(cells).not.toContain('1 months to date');
  });

  it('measures nothing in a year of credits only: no share, all of classifiable spend in net credits', () => {
    const [year] = measureCoverage(
      [
        spend('Kent Care Ltd', { '2025/26': -40_00 }, allDecided),
        spend('Medway Council', { '2025/26': -150_00 }, undecided),
        spend('REDACTED', { '2025/26': -10_00 }, undecided, 'redacted'),
      ],
      [yearFigures(FY_2025)],
    );
    expect(year).toMatchObject({
      total: -200_00,
      redacted: -10_00,
      classifiable: -190_00,
      measured: 0,
      netCredits: -190_00,
      netCreditSuppliers: 2,
    });
    for (const category of CATEGORIES) {
      expect(year?.[category]).toEqual({ decided: 0, byData: 0, byProxy: 0, undecided: 0, byBasis: [] });
    }
    const json = SummarySchema.parse(toSummaryJson(withCoverage(year ? [year] : []))).coverage?.[0];
    expect([json?.local.decidedShare, json?.sme.byProxyShare, json?.vcse.decidedShare]).toEqual([
      null,
      null,
      null,
    ]);
    expect(formatTextSummary(withCoverage(year ? [year] : []), [])).toContain(
      "Decided in 2025/26: nothing to classify, every supplier's spend nets to zero or below",
    );
  });

  it('leaves out a supplier whose credits cancel its payments exactly, counting it nowhere', () => {
    const [year] = measureCoverage(
      [
        spend('Kent Care Ltd', { '2025/26': 300_00 }, allDecided),
        spend('Medway Council', { '2025/26': 0 }, undecided),
      ],
      [yearFigures(FY_2025)],
    );
    expect(year).toMatchObject({
      classifiable: 300_00,
      measured: 300_00,
      netCredits: 0,
      netCreditSuppliers: 0,
    });
    expect(year?.local).toMatchObject({ decided: 300_00, undecided: 0 });
    expect(formatTextSummary(withCoverage(year ? [year] : []), [])).toContain(
      'Decided in 2025/26, of £300.00 classifiable spend: local 100.0%',
    );
  });

  it('nets each supplier within each year: a credit in one year does not reach into another', () => {
    const [before, after] = measureCoverage(
      [spend('Medway Council', { '2024/25': 500_00, '2025/26': -200_00 }, undecided)],
      [yearFigures(FY_2024), yearFigures(FY_2025)],
    );
    expect(before).toMatchObject({ measured: 500_00, netCredits: 0, local: { undecided: 500_00 } });
    expect(after).toMatchObject({ measured: 0, netCredits: -200_00, local: { undecided: 0 } });
  });
});

describe('coverage for any suppliers and amounts', () => {
  const decisionArb = fc.oneof(
    fc.constant(unknown),
    fc
      .record({
        decision: fc.constantFrom('yes' as const, 'no' as const),
        basis: fc.constantFrom<DecisionBasis>(
          'figures',
          'register-postcode',
          'legal-form',
          'charity-register',
        ),
        proxy: fc.boolean(),
      })
      .map(({ decision, basis, proxy }) => by(decision, basis, proxy)),
  );
  const amountArb = fc.oneof(fc.integer({ min: -5_000_00, max: 5_000_00 }), fc.constant(0));
  const supplierArb = fc.record({
    byYear: fc.dictionary(fc.constantFrom('2024/25', '2025/26', '2019/20'), amountArb),
    local: decisionArb,
    sme: decisionArb,
    vcse: decisionArb,
    redacted: fc.boolean(),
  });

  it('keeps every share within 0–1 and every figure reconciling with the year’s total', () => {
    fc.assert(
      fc.property(fc.array(supplierArb, { maxLength: 12 }), (drawn) => {
        const suppliers = drawn.map((s, at) =>
          spend(`S${at}`, s.byYear, s, s.redacted ? 'redacted' : 'name'),
        );
        const coverage = measureCoverage(suppliers, [yearFigures(FY_2024), yearFigures(FY_2025, 3)]);
        for (const year of coverage) {
          const inYear = suppliers.map((s) => s.byYear[year.fy.label]).filter((a) => a !== undefined);
          const ofRedacted = suppliers
            .filter((s) => s.supplier.matchedBy === 'redacted')
            .map((s) => s.byYear[year.fy.label] ?? 0);
          const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);
          expect(year.total).toBe(sum(inYear));
          expect(year.redacted).toBe(sum(ofRedacted));
          expect(year.classifiable).toBe(year.total - year.redacted);
          // Measured: each non-redacted supplier's net in the year, where it is above zero.
          const nets = suppliers
            .filter((s) => s.supplier.matchedBy !== 'redacted')
            .map((s) => s.byYear[year.fy.label])
            .filter((a) => a !== undefined);
          expect(year.measured).toBe(sum(nets.filter((a) => a > 0)));
          expect(year.netCreditSuppliers).toBe(nets.filter((a) => a < 0).length);
          expect(year.measured + year.netCredits).toBe(year.classifiable);
          expect(year.measured).toBeGreaterThanOrEqual(0);
          expect(year.netCredits).toBeLessThanOrEqual(0);
          expect(year.netCreditSuppliers > 0).toBe(year.netCredits < 0);
          for (const category of CATEGORIES) {
            const c = year[category];
            expect(c.decided + c.undecided).toBe(year.measured);
            expect(c.byData + c.byProxy).toBe(c.decided);
            expect(sum(c.byBasis.map((b) => b.yes + b.no))).toBe(c.decided);
            for (const part of [
              c.decided,
              c.byData,
              c.byProxy,
              c.undecided,
              ...c.byBasis.flatMap((b) => [b.yes, b.no]),
            ]) {
              expect(part).toBeGreaterThanOrEqual(0);
              expect(part).toBeLessThanOrEqual(year.measured);
            }
          }
        }
        // What a reader sees: every share in summary.json and on the Coverage sheet within 0–1.
        const json = SummarySchema.parse(toSummaryJson(withCoverage(coverage))).coverage ?? [];
        const shares = json.flatMap((year) =>
          CATEGORIES.flatMap((category) => {
            const c = year[category];
            return [c.decidedShare, c.byDataShare, c.byProxyShare, ...c.byBasis.map((b) => b.share)];
          }),
        );
        const sheet = coverageRows(coverage).flatMap((row) => [row[4], row[6], row[8], row[10]]);
        for (const share of [...shares, ...sheet]) {
          if (share === null) continue;
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
