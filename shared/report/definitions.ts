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
  /** What the coverage shares (spend decided per category) are of. */
  coverage: string;
  overlappingFiles: string;
  /** How the open registers were used, when they were given. */
  registers?: string;
  /** The size proxies read from the registers, when they were given. */
  smeProxies?: string;
  cooperativesAreVcse: boolean;
}

/**
 * A register edition more than this many months before the report month (months compared, days ignored) is
 * reported as out of date, and so is one of no known date.
 */
export const REGISTER_MAX_AGE_MONTHS = 3;

/** The public-body rule (shared/classify/public-body.ts), in words: which forms of name, and what they decide. */
const PUBLIC_BODY_FORMS =
  'A public body is recognised from the statutory form of its name: an NHS trust or foundation trust (… NHS Trust, … NHS Foundation Trust, … NHS FT), ' +
  'an NHS commissioner or support unit (NHS … CCG, … Clinical Commissioning Group, NHS … ICB, … Integrated Care Board, NHS … CSU, … Commissioning Support Unit), ' +
  'a name beginning NHS (the NHS name is controlled by DHSC and NHS England), a council (… County, Borough, District, City or Metropolitan Borough Council, ' +
  'London Borough of …, Royal Borough of …, … Parish or Town Council, … Combined Authority), central government (HM Revenue & Customs, HM Treasury, ' +
  'Department of/for …, Ministry of …, Cabinet Office, Home Office), a police and crime commissioner or a fire and rescue authority; ' +
  'never a name with a company suffix (unless it begins NHS), a word such as charity, charitable, friends, league, fellowship, voluntary, association or society, ' +
  'nor NHS Providers, NHS Confederation or NHS Employers (charities).';

const PUBLIC_BODY_SME =
  " When the trust's own data and the registers cannot decide, a public body recognised from the form of its name is taken as not an SME, by proxy (the type of body decides, not its own staff and turnover) — " +
  'except a parish or town council, which can be small and stays unknown.';

const SME_TEXT: Record<SmeDefinition, (eurToGbp: number) => string> = {
  'procurement-act-2023': () =>
    'Procurement Act 2023 s.123: fewer than 250 staff, and turnover of £44m or less or a balance sheet total of £38m or less. ' +
    "Decided from whatever facts are known; the supplier's own declaration in the trust's reference wins." +
    PUBLIC_BODY_SME,
  'eu-2003-361': (rate) =>
    `EU Recommendation 2003/361: fewer than 250 staff, and turnover of €50m or less or a balance sheet total of €43m or less ` +
    `(converted at £${rate} per €). Decided from whatever facts are known; the supplier's own declaration in the trust's reference wins.` +
    PUBLIC_BODY_SME,
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
      "community interest company or registered society, or a name ending CIC. The trust's own Y/N in its supplier reference wins. " +
      'A public body is not VCSE, unless a register names it a charity. ' +
      PUBLIC_BODY_FORMS,
    unknown:
      'Spend with suppliers whose location or size the facts cannot decide is shown as unknown, never counted as not local or not SME.',
    redacted: 'Payees withheld for privacy (e.g. "REDACTED") count in total spend only and are never named.',
    coverage:
      "Coverage — the share of spend whose local, SME or VCSE status was decided — is of measured spend: each supplier's payments and credits in the year netted, " +
      'counting the suppliers netting above zero (redacted payees apart). A supplier whose credits match or exceed its payments in the year has nothing to classify in it; ' +
      'its net credit is shown apart, and measured spend plus those net credits is classifiable spend (total less redacted payees). Every share is between 0% and 100%.',
    overlappingFiles:
      'When two files hold lines for the same month, the later file (command-line order; a folder in name order) replaces that month.',
    cooperativesAreVcse: config.cooperativesAreVcse === true,
    ...(config.registers === undefined ? {} : describeRegisterRules(config)),
  };
}

function describeRegisterRules(config: ClassificationConfig): Pick<Definitions, 'registers' | 'smeProxies'> {
  const files = (config.registers?.sources ?? [])
    .map((source) => `${source.file}${source.dated === undefined ? '' : ` (${source.dated})`}`)
    .join(', ');
  return {
    registers:
      `Suppliers were matched to the open registers read (${files}) by company number, charity number, exact name, a company's previous name, ` +
      'or a near name at the same postcode; only those matches decide, the rest are listed for review. ' +
      "Where the trust's reference gives no head office, the registered office (else the charity's or society's postcode) is the head office. " +
      'VCSE: an active registered charity (a main registration, not a linked charity), a CIO or SCIO, a community interest company or an active community benefit society' +
      (config.cooperativesAreVcse === true
        ? ', and a co-operative society'
        : '; co-operative societies are not counted') +
      '; removed, dissolved and deregistered bodies do not count, and a company limited by guarantee alone is only possible VCSE. ' +
      `A register whose edition (its own date, else its file's date) is more than ${REGISTER_MAX_AGE_MONTHS} months before the report month, ` +
      'or of no known date, is listed on the Data quality sheet as out of date.',
    smeProxies:
      "When the trust's own Y/N and figures cannot decide, a proxy does and is shown apart: a company filing micro-entity, small, total-exemption or abridged accounts is an SME; " +
      'a public limited company is not; a registered charity with no company record is an SME when its latest income is within the turnover limit (income taken as turnover). ' +
      'Other accounts categories (medium, full, group, dormant, …) decide nothing.',
  };
}
