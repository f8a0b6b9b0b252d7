import type { ColumnSpecs } from '../table/map-columns.ts';

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
    ],
  },
  sme: { aliases: ['SME', 'SME (Y/N)', 'Is SME', 'SME Status', 'SME Flag', 'Self-declared SME'] },
  vcse: { aliases: ['VCSE', 'VCSE (Y/N)', 'Is VCSE', 'VCSE Status', 'VCSE Flag', 'Self-declared VCSE'] },
};
