import type { FinancialYear } from '../periods/financial-year.ts';
import type { ClassificationConfig, SmeDefinition } from '../types.ts';

/** The rules in force, in words a board member or FOI officer can quote. */
export interface Definitions {
  financialYear: string;
  firstFinancialYear: string;
  local: string;
  locality: { name: string; districtCodes: readonly string[]; ambiguousPostcodeDistricts: readonly string[] };
  postcodeLookup: string;
  sme: string;
  smeDefinition: SmeDefinition;
  vcse: string;
  unknown: string;
  redacted: string;
  overlappingFiles: string;
}

const SME_TEXT: Record<SmeDefinition, (eurToGbp: number) => string> = {
  'procurement-act-2023': () =>
    'Procurement Act 2023 s.123: fewer than 250 staff, and turnover of £44m or less or a balance sheet total of £38m or less. ' +
    "Decided from whatever facts are known; the supplier's own declaration in the trust's reference wins.",
  'eu-2003-361': (rate) =>
    `EU Recommendation 2003/361: fewer than 250 staff, and turnover of €50m or less or a balance sheet total of €43m or less ` +
    `(converted at £${rate} per €). Decided from whatever facts are known; the supplier's own declaration in the trust's reference wins.`,
};

export function describeDefinitions(config: ClassificationConfig, firstYear: FinancialYear): Definitions {
  const { locality } = config;
  return {
    financialYear:
      'UK financial year, 1 April to 31 March (2023/24 is 1 April 2023 – 31 March 2024); each line counts in the year of its date.',
    firstFinancialYear: firstYear.label,
    local:
      `A supplier is local when its head office or any branch — including any postcode on its ledger lines — is in ${locality.name} ` +
      `(local authority districts ${locality.districtCodes.join(', ')}); all of a local supplier's spend is local.`,
    locality: {
      name: locality.name,
      districtCodes: locality.districtCodes,
      ambiguousPostcodeDistricts: locality.ambiguousDistricts,
    },
    postcodeLookup: config.postcodeLookup
      ? `Postcodes decided with the ONS postcode lookup supplied (${config.postcodeLookup.size} postcodes); others by postcode district.`
      : `Postcodes decided by postcode district; districts straddling the boundary (${locality.ambiguousDistricts.join(', ')}) are reported as unknown, never guessed.`,
    sme: SME_TEXT[config.smeDefinition](config.eurToGbp),
    smeDefinition: config.smeDefinition,
    vcse:
      'Voluntary, community and social enterprise: a registered charity (England & Wales, Scotland, Northern Ireland), charitable incorporated organisation, ' +
      "community interest company or registered society, or a name ending CIC. The trust's own Y/N in its supplier reference wins.",
    unknown:
      'Spend with suppliers whose location or size the facts cannot decide is shown as unknown, never counted as not local or not SME.',
    redacted: 'Payees withheld for privacy (e.g. "REDACTED") count in total spend only and are never named.',
    overlappingFiles:
      'When two files hold lines for the same month, the later file (command-line order; a folder in name order) replaces that month.',
  };
}
