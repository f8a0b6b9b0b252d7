import type { InputFile } from '../shared/types.ts';
import { csvRecord, encodeText } from './encode-text.ts';
import type { SampleSupplier } from './suppliers.ts';

/** Column headers of the sample's supplier reference (suppliers.csv). */
export const REFERENCE_HEADERS = [
  'Supplier ID',
  'Supplier Name',
  'Company Number',
  'Charity Number',
  'Postcode',
  'Branch Postcodes',
  'Employees',
  'Turnover (GBP)',
  'Balance Sheet Total (GBP)',
  'SME',
  'VCSE',
] as const;

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Y' : 'N');
const optional = (value: number | string | undefined) => (value === undefined ? '' : String(value));

/**
 * The trust's supplier reference: UTF-8 CSV, CRLF, one supplier a line.
 * Branch postcodes are separated by `;`; money is whole pounds; SME and VCSE
 * are the trust's own `Y`/`N`, blank when not stated.
 */
export function renderSupplierReference(suppliers: readonly SampleSupplier[]): InputFile {
  const records = [csvRecord(REFERENCE_HEADERS)];
  for (const s of suppliers) {
    records.push(
      csvRecord([
        s.id,
        s.name,
        optional(s.companyNumber),
        optional(s.charityNumber),
        optional(s.postcode),
        s.branchPostcodes.join('; '),
        optional(s.employees),
        optional(s.turnoverPounds),
        optional(s.balanceSheetPounds),
        yesNo(s.sme),
        yesNo(s.vcse),
      ]),
    );
  }
  return { name: 'suppliers.csv', bytes: encodeText(`${records.join('\r\n')}\r\n`, 'utf-8') };
}
