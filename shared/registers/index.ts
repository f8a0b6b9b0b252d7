export {
  CHARITY_COMMISSION,
  type CharityRecord,
  readCharityCommission,
  type TabRow,
  TabRows,
} from './charity-commission.ts';
export { COMPANIES_HOUSE, type CompanyRecord, readCompaniesHouse } from './companies-house.ts';
export {
  DETECT_BYTES,
  type DetectedRegisterFile,
  detectRegisterFile,
  findRegisterDateInName,
  REGISTER_DESCRIPTIONS,
  REGISTER_KINDS,
  REGISTER_NAMES,
  type RegisterKind,
} from './detect-register.ts';
export {
  buildRegisterExtract,
  CANDIDATE_SIMILARITY,
  collectExtractPostcodes,
  describeUncoveredWants,
  type ExtractCharity,
  type ExtractCompany,
  type ExtractScottishCharity,
  type ExtractSociety,
  findUncoveredWants,
  parseRegisterExtract,
  type RegisterExtract,
  RegisterExtractSchema,
  type RegisterInput,
  type RegisterSource,
  type RegisterWants,
  societyDigits,
} from './extract.ts';
export { FCA_MUTUALS, findTrailingPostcode, readMutualSocieties, type SocietyRecord } from './fca-mutuals.ts';
export {
  CONFIDENT_SIMILARITY,
  citeRegisterRow,
  describeRegisterEntity,
  indexRegisterExtract,
  type MatchedOn,
  matchSupplierToRegisters,
  type RegisterCandidate,
  type RegisterEntity,
  type RegisterIndex,
  type RegisterMatch,
  type SupplierIdentity,
} from './match-registers.ts';
export { blockKeyOf, measureNameSimilarity, registerNameKey, significantTokens } from './name-key.ts';
export { OSCR, readScottishCharities, type ScottishCharityRecord } from './oscr.ts';
export {
  ONS_POSTCODE_LOOKUP,
  type PostcodeLookupSurvey,
  type RegisterFileSurvey,
  readWholePostcodeLookup,
  readWholeRegister,
  STATUSES_COUNTED,
} from './read-whole-register.ts';
export { RegisterFormatError, type RegisterPlace } from './register-format-error.ts';
export type { ReadRegisterOptions, RegisterDescription } from './register-text.ts';
