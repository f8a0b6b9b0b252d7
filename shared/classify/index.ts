export { ClassificationConfigError } from './classification-config-error.ts';
export {
  classifySpend,
  describeSupplierIdentity,
  groupSupplierLines,
  REDACTED_NAME,
  type SupplierGroup,
} from './classify-spend.ts';
export {
  decideLocal,
  type KnownPostcode,
  type PostcodePlace,
  type PreparedLocality,
  placePostcode,
  prepareLocality,
} from './decide-local.ts';
export { decideSme, describeSmeLimits, type SmeLimits } from './decide-sme.ts';
export { decideVcse, isCicName, type KnownCompanyNumber, type VcseFacts } from './decide-vcse.ts';
export { kentAndMedway } from './kent-and-medway.ts';
export {
  indexSupplierReference,
  matchLedgerLine,
  REDACTED_KEY,
  type ReferenceIndex,
  type SupplierMatch,
  supplierIdKey,
} from './match-supplier.ts';
export {
  buildPostcodeLookup,
  findPostcodeLookupColumns,
  POSTCODE_LOOKUP_CSV,
  PostcodeLookupError,
} from './postcode-lookup.ts';
export { describePublicBody, type PublicBody, recognisePublicBody } from './public-body.ts';
export {
  findRegisterHeadOffice,
  type RegisterFacts,
  type RegisterReading,
  readSmeFromRegisters,
  readVcseFromRegisters,
  SME_ACCOUNTS_CATEGORIES,
  type VcseReading,
} from './register-facts.ts';
export { collectRegisterWants } from './register-wants.ts';
