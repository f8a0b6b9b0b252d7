import { type ColumnSpecs, normaliseHeaderKey } from '../table/map-columns.ts';
import type { MoneyUnit } from './parse-reference-cell.ts';

export type ReferenceField =
  | 'supplierId'
  | 'name'
  | 'companyNumber'
  | 'charityNumber'
  | 'postcode'
  | 'branchPostcodes'
  | 'employees'
  | 'turnover'
  | 'balanceSheet'
  | 'sme'
  | 'vcse';

/** How a header says its figures are in thousands or millions of pounds (`£m`, `(£000)`, `GBP millions`, `£'000`). */
const UNIT_SUFFIXES: Readonly<Record<Exclude<MoneyUnit, 1>, readonly string[]>> = {
  1000000: [
    '£m',
    '£ m',
    '£mn',
    '£ million',
    '£ millions',
    '£millions',
    'GBP m',
    'GBPm',
    'GBP million',
    'GBP millions',
    'm',
    'mn',
    'million',
    'millions',
  ],
  1000: [
    '£k',
    '£ k',
    '£000',
    '£ 000',
    '£000s',
    "£'000",
    "£'000s",
    '£ thousand',
    '£ thousands',
    'GBP k',
    'GBP 000',
    'GBP thousands',
    'k',
    '000',
    '000s',
    'thousand',
    'thousands',
  ],
};

const UNIT_BY_ALIAS = new Map<string, MoneyUnit>();

/** `Turnover` → `Turnover £m`, `Turnover in £m`, `Turnover (£000)`, …, each remembered with its unit. */
function withUnits(bases: readonly string[]): string[] {
  const aliases: string[] = [];
  for (const [unit, suffixes] of Object.entries(UNIT_SUFFIXES)) {
    for (const base of bases) {
      for (const suffix of suffixes) {
        for (const alias of [`${base} ${suffix}`, `${base} in ${suffix}`]) {
          aliases.push(alias);
          UNIT_BY_ALIAS.set(normaliseHeaderKey(alias), Number(unit) as MoneyUnit);
        }
      }
    }
  }
  return aliases;
}

/**
 * The unit of a turnover or balance-sheet column, from the alias its header matched: `Turnover £m` →
 * 1,000,000 (millions of pounds), `Turnover (£000)` → 1,000, `Turnover GBP` → 1.
 */
export function moneyUnitOfAlias(alias: string): MoneyUnit {
  return UNIT_BY_ALIAS.get(normaliseHeaderKey(alias)) ?? 1;
}

/** Header names accepted in a supplier reference, best first (case, spacing and punctuation ignored). */
export const REFERENCE_COLUMNS: ColumnSpecs<ReferenceField> = {
  supplierId: {
    aliases: [
      'Supplier ID',
      'Supplier Number',
      'Supplier No',
      'Supplier Code',
      'Supplier Ref',
      'Supplier Reference',
      'Vendor ID',
      'Vendor Number',
      'Vendor Code',
    ],
  },
  name: {
    required: true,
    aliases: [
      'Supplier Name',
      'Supplier',
      'Name',
      'Vendor Name',
      'Vendor',
      'Payee Name',
      'Payee',
      'Organisation Name',
    ],
    never: ['Suppliers', 'Supplier ID', 'Supplier No', 'Supplier Code', 'Supplier Type', 'Supplier Postcode'],
  },
  companyNumber: {
    aliases: [
      'Company Number',
      'Company No',
      'CRN',
      'Companies House Number',
      'Companies House No',
      'Company Registration Number',
      'Company Reg No',
      'Registered Company Number',
    ],
  },
  charityNumber: {
    aliases: [
      'Charity Number',
      'Registered Charity Number',
      'Charity No',
      'Registered Charity No',
      'Charity Registration Number',
      'Charity Reg No',
    ],
  },
  postcode: {
    aliases: [
      'Postcode',
      'Head Office Postcode',
      'Registered Postcode',
      'Registered Office Postcode',
      'HQ Postcode',
      'Supplier Postcode',
    ],
  },
  branchPostcodes: {
    aliases: ['Branch Postcodes', 'Branch Postcode', 'Branches', 'Site Postcodes', 'Other Postcodes'],
  },
  employees: {
    aliases: [
      'Employees',
      'Staff',
      'Headcount',
      'Number of Employees',
      'No of Employees',
      'Number of Staff',
      'Staff Headcount',
      'Employee Count',
      'FTE',
    ],
  },
  turnover: {
    aliases: [
      'Turnover GBP',
      'Turnover',
      'Annual Turnover',
      'Turnover (£)',
      'Annual Turnover GBP',
      'Annual Turnover (£)',
      ...withUnits(['Turnover', 'Annual Turnover', 'Turnover GBP', 'Annual Turnover GBP']),
    ],
  },
  balanceSheet: {
    aliases: [
      'Balance Sheet GBP',
      'Balance Sheet Total',
      'Balance Sheet',
      'Balance Sheet Total GBP',
      'Balance Sheet (£)',
      'Balance Sheet Total (£)',
      'Total Assets',
      ...withUnits(['Balance Sheet', 'Balance Sheet Total', 'Balance Sheet GBP', 'Total Assets']),
    ],
  },
  sme: { aliases: ['SME', 'SME (Y/N)', 'Is SME', 'SME Status', 'SME Flag', 'Self-declared SME'] },
  vcse: { aliases: ['VCSE', 'VCSE (Y/N)', 'Is VCSE', 'VCSE Status', 'VCSE Flag', 'Self-declared VCSE'] },
};

/** The header to write for each field, in messages (the first alias, and the unit forms for money). */
export const REFERENCE_HEADERS_TO_WRITE: readonly string[] = [
  'Supplier ID',
  'Supplier Name',
  'Company Number',
  'Charity Number',
  'Postcode',
  'Branch Postcodes',
  'Employees',
  'Turnover GBP (or Turnover £m, Turnover £000)',
  'Balance Sheet GBP (or Balance Sheet £m, Balance Sheet £000)',
  'SME',
  'VCSE',
];

/** What each field is read for, as a person says it. */
export const REFERENCE_FIELD_LABELS: Readonly<Record<ReferenceField, string>> = {
  supplierId: 'the supplier ID',
  name: "the supplier's name",
  companyNumber: 'the company number',
  charityNumber: 'the charity number',
  postcode: 'the head office postcode',
  branchPostcodes: 'branch postcodes',
  employees: 'the number of staff',
  turnover: 'turnover',
  balanceSheet: 'the balance sheet total',
  sme: 'the SME Y/N',
  vcse: 'the VCSE Y/N',
};
