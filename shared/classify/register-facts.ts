import { formatPounds } from '../money/format-pence.ts';
import type {
  ExtractCharity,
  ExtractCompany,
  ExtractScottishCharity,
  ExtractSociety,
} from '../registers/extract.ts';
import { citeRegisterRow, type RegisterIndex, type RegisterMatch } from '../registers/match-registers.ts';
import type { CategoryDecision, Evidence, VcseBasis } from '../types.ts';
import type { KnownPostcode } from './decide-local.ts';
import type { SmeLimits } from './decide-sme.ts';

/** A supplier's match to the registers, with the index that cites its rows. */
export interface RegisterFacts {
  index: RegisterIndex;
  match: RegisterMatch;
}

/** What the registers say about one category: a decision, or notes on why they decide nothing. */
export interface RegisterReading {
  decision?: CategoryDecision;
  notes: Evidence[];
}

/**
 * Accounts categories only a company within the small-companies limits may file (Companies Act 2006
 * ss.382–384, 444, 477): micro-entity, small, total-exemption and abridged accounts. Abridged accounts,
 * audited or not, exist only under the small-companies regime (s.444(2A)), so an audited abridged
 * filing says as much about size as an unaudited one.
 */
export const SME_ACCOUNTS_CATEGORIES: ReadonlySet<string> = new Set([
  'MICRO ENTITY',
  'SMALL',
  'TOTAL EXEMPTION FULL',
  'TOTAL EXEMPTION SMALL',
  'UNAUDITED ABRIDGED',
  'AUDITED ABRIDGED',
]);

/** Why a company no longer counts (dissolved, removed, converted or closed), or `undefined` while it exists. */
export function findCompanyGone(company: ExtractCompany): string | undefined {
  if (/dissolved|removed|converted|closed/i.test(company.status) || company.dissolutionDate !== undefined) {
    const when = company.dissolutionDate === undefined ? '' : `, dissolved ${company.dissolutionDate}`;
    return `CompanyStatus "${company.status}"${when}`;
  }
  return undefined;
}

/** Why a charity's row does not count as a registered charity, or `undefined` while it is registered. */
export function findCharityGone(charity: ExtractCharity): string | undefined {
  if (charity.registrationStatus.toLowerCase() !== 'registered' || charity.removalDate !== undefined) {
    const when = charity.removalDate === undefined ? '' : `, date_of_removal ${charity.removalDate}`;
    return `charity_registration_status "${charity.registrationStatus}"${when}`;
  }
  if (charity.cioIsDissolved === true) return 'cio_is_dissolved True (the CIO is being dissolved)';
  return undefined;
}

export function findScottishCharityGone(charity: ExtractScottishCharity): string | undefined {
  if (charity.status.toLowerCase() !== 'active' || charity.ceasedDate !== undefined) {
    const when = charity.ceasedDate === undefined ? '' : `, Ceased Date ${charity.ceasedDate}`;
    return `Charity Status "${charity.status}"${when}`;
  }
  return undefined;
}

export function findSocietyGone(society: ExtractSociety): string | undefined {
  if (society.status.toLowerCase() !== 'registered' || society.deregistrationDate !== undefined) {
    const when =
      society.deregistrationDate === undefined ? '' : `, Deregistration Date ${society.deregistrationDate}`;
    return `Society Status "${society.status}"${when}`;
  }
  return undefined;
}

/** A Companies House record of a company — not of a CIO or registered society, which Companies House lists too. */
function isCompanyForm(company: ExtractCompany): boolean {
  return !/charitable incorporated|registered society|industrial and provident/i.test(company.category);
}

const isGuarantee = (category: string): boolean => /guar|\bLBG\b/i.test(category);

/** Legal forms that exist to make a profit for owners: never a charity, CIO, CIC or registered society. */
const FOR_PROFIT_CATEGORIES =
  /^(private limited company|public limited company|limited liability partnership|limited partnership|private unlimited company|private unlimited)$/i;

const isMain = (charity: ExtractCharity): boolean => charity.linkedCharityNumber === 0;

/**
 * The head office the registers give a matched supplier, for when the trust's reference has none:
 * the company's registered office, else the charity's contact postcode (Charity Commission, then
 * OSCR), else the society's address. Rows of dissolved or removed bodies give none.
 */
export function findRegisterHeadOffice(facts: RegisterFacts): KnownPostcode | undefined {
  const { index } = facts;
  const entity = matchedEntity(facts);
  if (entity === undefined) return undefined;
  const { company, charity, scottishCharity, society } = entity;
  const at = (postcode: string, what: string, row: { source: number; line: number }): KnownPostcode => ({
    postcode,
    source: `${what} (${citeRegisterRow(index, row)})`,
    kind: 'register',
  });
  if (company?.postcode !== undefined && findCompanyGone(company) === undefined) {
    return at(company.postcode, `registered office of company ${company.companyNumber}`, company);
  }
  if (charity?.postcode !== undefined && isMain(charity) && findCharityGone(charity) === undefined) {
    return at(charity.postcode, `contact address of charity ${charity.charityNumber}`, charity);
  }
  if (scottishCharity?.postcode !== undefined && findScottishCharityGone(scottishCharity) === undefined) {
    return at(
      scottishCharity.postcode,
      `postcode of Scottish charity ${scottishCharity.charityNumber}`,
      scottishCharity,
    );
  }
  if (society?.postcode !== undefined && findSocietyGone(society) === undefined) {
    return at(society.postcode, `address of society ${society.registrationNumber}`, society);
  }
  return undefined;
}

/** Why a supplier's match decides nothing: not matched, or matched only to removed or dissolved bodies. */
function matchedEntity(facts: RegisterFacts) {
  return facts.match.status === 'matched' ? facts.match.entity : undefined;
}

/** The register match's own evidence (how it was matched, or why not) and what its rows said, for an unknown. */
export function registerNotes(registers: RegisterFacts | undefined, notes: readonly Evidence[]): Evidence[] {
  return registers === undefined ? [] : [...registers.match.evidence, ...notes];
}

/**
 * Size by proxy from the registers, for when the trust's own Y/N and figures cannot decide: a
 * Public Limited Company is not an SME; a company filing micro-entity, small, total-exemption or
 * abridged accounts is one; a registered charity with no company record and latest income
 * within the turnover limit is one (income as turnover). Other accounts categories (MEDIUM, FULL,
 * GROUP, DORMANT, …) and income above the limit decide nothing. Dissolved and removed bodies are
 * not used, and are flagged.
 */
export function readSmeFromRegisters(facts: RegisterFacts, limits: SmeLimits): RegisterReading {
  const entity = matchedEntity(facts);
  if (entity === undefined) return { notes: [] };
  const { index, match } = facts;
  const notes: Evidence[] = [];
  const decided = (
    decision: 'yes' | 'no',
    basis: CategoryDecision['basis'],
    fact: Evidence,
  ): RegisterReading => ({
    decision: {
      decision,
      ...(basis === undefined ? {} : { basis }),
      proxy: true,
      evidence: [...match.evidence, fact],
    },
    notes,
  });
  const { company, charity, scottishCharity } = entity;
  let hasCompanyRecord = false;
  if (company !== undefined && isCompanyForm(company)) {
    hasCompanyRecord = true;
    const cite = `company ${company.companyNumber} ${company.name} (${citeRegisterRow(index, company)})`;
    const gone = findCompanyGone(company);
    if (gone !== undefined) {
      notes.push({
        rule: 'register-not-active',
        detail: `${cite} has ${gone}: it does not count, and its accounts category is not used`,
      });
    } else if (/^public limited company$/i.test(company.category)) {
      return decided('no', 'legal-form', {
        rule: 'legal-form-proxy',
        detail: `${cite} has CompanyCategory "${company.category}": a public company is taken as not an SME (a proxy for size, not its own figures)`,
      });
    } else {
      const category = company.accountsCategory?.toUpperCase();
      if (category !== undefined && SME_ACCOUNTS_CATEGORIES.has(category)) {
        return decided('yes', 'accounts-category-proxy', {
          rule: 'accounts-category-proxy',
          detail:
            `${cite} has Accounts.AccountCategory "${company.accountsCategory}", which only a company within the ` +
            'small-companies limits may file: an SME by proxy (the accounts category, not its own staff and turnover, decides)',
        });
      }
      notes.push({
        rule: 'accounts-category',
        detail:
          category === undefined
            ? `${cite} has no Accounts.AccountCategory: it decides nothing`
            : `${cite} has Accounts.AccountCategory "${company.accountsCategory}", which decides nothing on its own: its filed staff and turnover would`,
      });
    }
  }
  if (hasCompanyRecord) return { notes };
  const income = (
    what: string,
    cite: string,
    amount: number | undefined,
    column: string,
  ): RegisterReading | undefined => {
    if (amount === undefined) {
      notes.push({
        rule: 'charity-income',
        detail: `${what} (${cite}) gives no ${column}: it decides nothing`,
      });
      return undefined;
    }
    if (amount <= limits.turnoverAtMost) {
      return decided('yes', 'charity-income-proxy', {
        rule: 'charity-income-proxy',
        detail:
          `${what} (${cite}) has no company record and ${column} ${formatPounds(amount)}, at most ${limits.turnoverLimit}: ` +
          `income taken as turnover, an SME by proxy under ${limits.label} (staff not known)`,
      });
    }
    notes.push({
      rule: 'charity-income',
      detail: `${what} (${cite}) has ${column} ${formatPounds(amount)}, above ${limits.turnoverLimit}: it decides nothing (its balance sheet total might still be within ${limits.balanceSheetLimit})`,
    });
    return undefined;
  };
  if (charity !== undefined && isMain(charity) && charity.companyNumber === undefined) {
    const gone = findCharityGone(charity);
    const what = `charity ${charity.charityNumber} ${charity.name}`;
    const cite = citeRegisterRow(index, charity);
    if (gone !== undefined) {
      notes.push({ rule: 'register-not-active', detail: `${what} (${cite}) has ${gone}: it does not count` });
    } else {
      const reading = income(what, cite, charity.latestIncome, 'latest_income');
      if (reading !== undefined) return reading;
    }
  }
  if (scottishCharity !== undefined && !/^company/i.test(scottishCharity.constitutionalForm)) {
    const gone = findScottishCharityGone(scottishCharity);
    const what = `Scottish charity ${scottishCharity.charityNumber} ${scottishCharity.name}`;
    const cite = citeRegisterRow(index, scottishCharity);
    if (gone !== undefined) {
      notes.push({ rule: 'register-not-active', detail: `${what} (${cite}) has ${gone}: it does not count` });
    } else {
      const reading = income(what, cite, scottishCharity.latestIncome, '"Most recent year income"');
      if (reading !== undefined) return reading;
    }
  }
  return { notes };
}

/** A decided VCSE reading, or notes (a guarantee company's possible-VCSE flag among them). */
export interface VcseReading extends RegisterReading {
  /**
   * The registers name a body that does not count — removed, dissolved, deregistered, or a linked
   * charity's row — so the trust's own markers (a charity number, a society number) must not decide either.
   */
  blocksMarkers: boolean;
}

/**
 * VCSE status from the registers: yes for an active registered charity (a main registration, not a
 * linked charity's row), a CIO (Scottish SCIOs too), a Community Interest Company or an active
 * community benefit society; a co-operative society only when `cooperativesAreVcse` (otherwise no);
 * no for a company whose legal form is run for profit (limited by shares, PLC, LLP) when the charity
 * registers were read and name no charity for it. A company limited by guarantee without charity
 * status is only *possible VCSE*, for review. Removed, dissolved and deregistered bodies do not count
 * and are flagged.
 */
export function readVcseFromRegisters(facts: RegisterFacts, cooperativesAreVcse: boolean): VcseReading {
  const entity = matchedEntity(facts);
  if (entity === undefined) return { notes: [], blocksMarkers: false };
  const { index, match } = facts;
  const notes: Evidence[] = [];
  const yes: { basis: VcseBasis; fact: Evidence }[] = [];
  let gone = false;
  const notActive = (what: string, why: string) => {
    gone = true;
    notes.push({ rule: 'register-not-active', detail: `${what} has ${why}: it does not count as VCSE` });
  };
  const { company, charity, scottishCharity, society } = entity;

  if (charity !== undefined) {
    const what = `charity ${charity.charityNumber} ${charity.name} (${citeRegisterRow(index, charity)})`;
    const why = findCharityGone(charity);
    if (!isMain(charity)) {
      gone = true;
      notes.push({
        rule: 'linked-charity',
        detail:
          `${charity.name} is linked charity ${charity.linkedCharityNumber} of charity ${charity.charityNumber} ` +
          `(${citeRegisterRow(index, charity)}): a linked charity's row is not counted as a registered charity on its own; ` +
          'check whether the supplier is the main charity and give its charity number',
      });
    } else if (why !== undefined) {
      notActive(what, why);
    } else {
      const cio = charity.isCio === true || charity.charityType?.toUpperCase() === 'CIO';
      yes.push({
        basis: cio ? 'cio' : 'charity-register',
        fact: {
          rule: cio ? 'cio' : 'charity-register',
          detail: `${what} is a registered charity (charity_registration_status "${charity.registrationStatus}"${cio ? ', charity_is_cio True: a charitable incorporated organisation' : ''})`,
        },
      });
    }
  }
  if (scottishCharity !== undefined) {
    const what = `Scottish charity ${scottishCharity.charityNumber} ${scottishCharity.name} (${citeRegisterRow(index, scottishCharity)})`;
    const why = findScottishCharityGone(scottishCharity);
    if (why !== undefined) notActive(what, why);
    else {
      const cio = /\bS?CIO\b/i.test(scottishCharity.constitutionalForm);
      yes.push({
        basis: cio ? 'cio' : 'charity-register',
        fact: {
          rule: cio ? 'cio' : 'charity-register',
          detail: `${what} is a registered charity (Charity Status "${scottishCharity.status}", Constitutional Form "${scottishCharity.constitutionalForm}")`,
        },
      });
    }
  }
  if (company !== undefined) {
    const what = `company ${company.companyNumber} ${company.name} (${citeRegisterRow(index, company)})`;
    const why = findCompanyGone(company);
    if (why !== undefined) notActive(what, why);
    else if (/community interest company/i.test(company.category)) {
      yes.push({
        basis: 'cic',
        fact: { rule: 'cic', detail: `${what} has CompanyCategory "${company.category}"` },
      });
    } else if (/charitable incorporated/i.test(company.category)) {
      yes.push({
        basis: 'cio',
        fact: { rule: 'cio', detail: `${what} has CompanyCategory "${company.category}"` },
      });
    }
  }
  let cooperative: Evidence | undefined;
  if (society !== undefined) {
    const what = `society ${society.registrationNumber} ${society.name} (${citeRegisterRow(index, society)})`;
    const why = findSocietyGone(society);
    if (why !== undefined) notActive(what, why);
    else if (/community benefit|benefit of the community|bencom/i.test(society.registeredAs)) {
      yes.push({
        basis: 'community-benefit-society',
        fact: {
          rule: 'community-benefit-society',
          detail: `${what} is Registered As "${society.registeredAs}", Society Status "${society.status}"`,
        },
      });
    } else if (/co-?operative|credit union/i.test(society.registeredAs)) {
      const fact: Evidence = {
        rule: 'co-operative-society',
        detail: cooperativesAreVcse
          ? `${what} is Registered As "${society.registeredAs}": co-operatives are counted as VCSE (setting cooperativesAreVcse)`
          : `${what} is Registered As "${society.registeredAs}": a co-operative is run for its members and is not counted as VCSE (set cooperativesAreVcse to count co-operatives)`,
      };
      if (cooperativesAreVcse) yes.push({ basis: 'co-operative-society', fact });
      else cooperative = fact;
    } else {
      notes.push({
        rule: 'society-form',
        detail: `${what} is Registered As "${society.registeredAs}", which decides nothing on its own`,
      });
    }
  }

  const first = yes[0];
  if (first !== undefined) {
    return {
      decision: {
        decision: 'yes',
        basis: first.basis,
        proxy: false,
        evidence: [...match.evidence, ...yes.map((y) => y.fact), ...notes],
      },
      notes: [],
      blocksMarkers: false,
    };
  }
  if (gone) return { notes, blocksMarkers: true };
  if (cooperative !== undefined) {
    return {
      decision: {
        decision: 'no',
        basis: 'co-operative-society',
        proxy: false,
        evidence: [...match.evidence, cooperative],
      },
      notes,
      blocksMarkers: false,
    };
  }
  if (company !== undefined && charity === undefined && scottishCharity === undefined) {
    const what = `company ${company.companyNumber} ${company.name} (${citeRegisterRow(index, company)})`;
    // A Scottish company may be a charity only OSCR knows; a Northern Irish one, one only the NI register (not read) knows.
    const charityRegistersRead =
      index.read.has('charity-commission') &&
      (!company.companyNumber.startsWith('SC') || index.read.has('oscr')) &&
      !/^(NI|R0)/.test(company.companyNumber);
    if (isGuarantee(company.category)) {
      notes.push({
        rule: 'possible-vcse',
        detail:
          `${what} has CompanyCategory "${company.category}" and no charity registration in the registers read: ` +
          'possibly VCSE, for review — a company limited by guarantee alone is not VCSE; set VCSE Y/N in the supplier reference',
      });
    } else if (FOR_PROFIT_CATEGORIES.test(company.category) && charityRegistersRead) {
      return {
        decision: {
          decision: 'no',
          basis: 'legal-form',
          proxy: false,
          evidence: [
            ...match.evidence,
            {
              rule: 'legal-form',
              detail:
                `${what} has CompanyCategory "${company.category}", a form run for its owners, and no charity registration ` +
                'in the registers read: not a charity, CIO, CIC or registered society',
            },
          ],
        },
        notes,
        blocksMarkers: false,
      };
    }
  }
  return { notes, blocksMarkers: false };
}
