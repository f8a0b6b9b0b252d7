export {
  type CharityRegister,
  charityRegisterOf,
  describeCharityRegister,
  normaliseCharityNumber,
} from './charity-number.ts';
export {
  companyNumberPrefix,
  describeCompanyNumber,
  isKnownCompanyPrefix,
  normaliseCompanyNumber,
} from './company-number.ts';
export { normaliseSupplierName } from './normalise-name.ts';
export { type CellReading, parseCountCell, parseMoneyCell, parseYesNoCell } from './parse-reference-cell.ts';
export { normalisePostcode, outwardCode, postcodeKey } from './postcode.ts';
export { parseSupplierReferenceRows, readSupplierReference } from './read-supplier-reference.ts';
export { REFERENCE_COLUMNS, type ReferenceField } from './reference-columns.ts';
export { SupplierReferenceError } from './supplier-reference-error.ts';
