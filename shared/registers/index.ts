export {
  CHARITY_COMMISSION,
  type CharityRecord,
  readCharityCommission,
  type TabRow,
  TabRows,
} from './charity-commission.ts';
export { COMPANIES_HOUSE, type CompanyRecord, readCompaniesHouse } from './companies-house.ts';
export { FCA_MUTUALS, findTrailingPostcode, readMutualSocieties, type SocietyRecord } from './fca-mutuals.ts';
export { OSCR, readScottishCharities, type ScottishCharityRecord } from './oscr.ts';
export { RegisterFormatError, type RegisterPlace } from './register-format-error.ts';
export type { ReadRegisterOptions, RegisterDescription } from './register-text.ts';
