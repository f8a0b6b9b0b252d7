import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport, type Report } from '../../../shared/report/index.ts';
import type { LedgerFile, LedgerLine, SupplierReference, YearMonth } from '../../../shared/types.ts';
import { ledgerFile, line } from '../report/helpers.ts';

/** Who is what: the trust's own Y/N decides SME and VCSE; postcodes decide local. */
export const reference: SupplierReference = {
  name: 'suppliers.csv',
  sha256: 'a'.repeat(64),
  issues: [],
  records: [
    { line: 2, name: 'Medway Care CIC', postcode: 'ME14 1XX', branchPostcodes: [], sme: true, vcse: true },
    { line: 3, name: 'Kent Builders Ltd', postcode: 'ME14 2AB', branchPostcodes: [], sme: true, vcse: false },
    { line: 4, name: 'Leeds Widgets Ltd', postcode: 'LS1 4AP', branchPostcodes: [], sme: true, vcse: false },
    { line: 5, name: 'Big Pharma plc', postcode: 'EC1A 1BB', branchPostcodes: [], sme: false, vcse: false },
    { line: 6, name: 'Mystery Trading Ltd', branchPostcodes: [] },
  ],
};

export const redacted = (date: string, amount: number): LedgerLine =>
  line(date, amount, 'REDACTED', { redacted: true });

/** Last year's April–October: £100,000 of which local 8.8%, SME 28.8%, VCSE 5.0%; and £50,000 more in January. */
export const lastYearLines: LedgerLine[] = [
  line('2024-05-10', 5_000_00, 'Medway Care CIC'),
  line('2024-05-11', 3_800_00, 'Kent Builders Ltd'),
  line('2024-06-12', 20_000_00, 'Leeds Widgets Ltd'),
  line('2024-07-13', 71_200_00, 'Big Pharma plc'),
  line('2025-01-14', 50_000_00, 'Big Pharma plc'),
];

/**
 * This year's April–October: £100,000.49 of which local £10,000 (10.0%), SME £25,000 (25.0%),
 * VCSE £6,000 (6.0%), size and location unknown £10,000 each, withheld £1,000; spend in every month.
 */
export const thisYearLines: LedgerLine[] = [
  line('2025-04-01', 6_000_00, 'Medway Care CIC'),
  line('2025-05-02', 4_000_00, 'Kent Builders Ltd'),
  line('2025-06-03', 15_000_00, 'Leeds Widgets Ltd'),
  line('2025-07-04', 10_000_00, 'Mystery Trading Ltd'),
  redacted('2025-08-05', 1_000_00),
  line('2025-09-06', 30_000_00, 'Big Pharma plc'),
  line('2025-10-07', 34_000_49, 'Big Pharma plc'),
];

/** 2023/24 in full: £200,000, local 5.0%, SME 20.0%, VCSE 5.0%. */
export const twoYearsAgoLines: LedgerLine[] = [
  line('2023-06-01', 10_000_00, 'Medway Care CIC'),
  line('2023-09-01', 30_000_00, 'Leeds Widgets Ltd'),
  line('2024-02-01', 160_000_00, 'Big Pharma plc'),
];

export function reportFrom(
  lines: LedgerLine[],
  options: { reportMonth: YearMonth; firstYear?: string; extraFiles?: LedgerFile[] },
): Report {
  return buildReport([ledgerFile('ledger.csv', lines), ...(options.extraFiles ?? [])], reference, {
    firstYear: parseFinancialYear(options.firstYear ?? '2023/24'),
    reportMonth: options.reportMonth,
    classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.86 },
  });
}

/** The October 2025 report: 2023/24 in full, 2024/25 in full, 2025/26 to date. */
export function octoberReport(extraFiles: LedgerFile[] = []): Report {
  return reportFrom([...twoYearsAgoLines, ...lastYearLines, ...thisYearLines], {
    reportMonth: '2025-10',
    extraFiles,
  });
}

/** `"1234.56"` from summary.json → pence. */
export function penceOf(money: string): number {
  const [pounds = '0', pennies = '0'] = money.replace('-', '').split('.');
  const pence = Number(pounds) * 100 + Number(pennies);
  return money.startsWith('-') ? -pence : pence;
}

export const ARCHIVE = 's3://trust-archive/reports/2025-10/2025-11-05T08-00-00Z/';
