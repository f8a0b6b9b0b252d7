import { charityRegisterOf } from '../suppliers/charity-number.ts';
import { isRegisteredSocietyNumber } from '../suppliers/company-number.ts';
import type { Evidence } from '../types.ts';
import { REGISTER_NAMES, type RegisterKind } from './detect-register.ts';
import {
  CANDIDATE_SIMILARITY,
  type ExtractCharity,
  type ExtractCompany,
  type ExtractScottishCharity,
  type ExtractSociety,
  type RegisterExtract,
  type RegisterSource,
  societyDigits,
} from './extract.ts';
import {
  blockKeyOf,
  findRegisteredLegalForm,
  measureNameSimilarity,
  numbersIn,
  registerNameKey,
  significantTokens,
} from './name-key.ts';

/** What a supplier is known by, each fact with where it was read (`supplier reference line 4`, `ledger line 9 of may.csv`). */
export interface SupplierIdentity {
  /** The reference name and the ledger's spellings. */
  names: readonly string[];
  companyNumbers: readonly { companyNumber: string; source: string }[];
  charityNumbers: readonly { charityNumber: string; source: string }[];
  postcodes: readonly { postcode: string; source: string }[];
}

/** One body as the registers describe it: its rows in each register, linked by the numbers they give. */
export interface RegisterEntity {
  /** `company:09876543`, `charity:1123456`, `charity:1123456-1` (a linked charity), `scottish:SC012345`, `society:30720R`. */
  id: string;
  company?: ExtractCompany;
  /** The Charity Commission row: the main registration, or a linked charity's own row. */
  charity?: ExtractCharity;
  scottishCharity?: ExtractScottishCharity;
  society?: ExtractSociety;
}

export type MatchedOn =
  | 'company-number'
  | 'charity-number'
  | 'name'
  | 'known-as'
  | 'name-and-postcode'
  | 'previous-name'
  | 'fuzzy-name-postcode';

/** A register entry a supplier might be, listed for review. */
export interface RegisterCandidate {
  register: RegisterKind;
  file: string;
  line: number;
  /** Company number, charity number (`1123456-1` for a linked charity), `SC…`, or society number. */
  number: string;
  name: string;
  postcode?: string;
  status: string;
  /** How alike the names are (0–1), for near-name candidates. */
  similarity?: number;
  why: string;
}

/**
 * How one supplier was matched to the registers. Only `matched` decides anything; `ambiguous` (several
 * entities fit equally), `uncertain` (near names only, a number whose entry has another name, or a
 * company's name without its `Ltd` in another postcode area) and `not-found` go to the review list
 * with their candidates.
 */
export interface RegisterMatch {
  status: 'matched' | 'ambiguous' | 'uncertain' | 'not-found';
  matchedOn?: MatchedOn;
  /** 1 for a number or exact name; the name similarity for a near-name match. */
  confidence?: number;
  entity?: RegisterEntity;
  /** How it was matched, or why it was not. */
  evidence: Evidence[];
  candidates: RegisterCandidate[];
}

/** A near-name match decides only from this similarity up, at the same postcode, with no rival near name there. */
export const CONFIDENT_SIMILARITY = 0.9;

/** An identifier's entry is doubted when its name is less alike than this to every name the supplier goes by. */
const NUMBER_NAME_SIMILARITY = 0.6;

const MAX_CANDIDATES = 5;

type Row =
  | { kind: 'company'; row: ExtractCompany }
  | { kind: 'charity'; row: ExtractCharity }
  | { kind: 'scottish'; row: ExtractScottishCharity; knownAs?: boolean }
  | { kind: 'society'; row: ExtractSociety };

/** A register extract indexed for matching. */
export interface RegisterIndex {
  extract: RegisterExtract;
  /** The registers at least one file was read of. */
  read: ReadonlySet<RegisterKind>;
  companies: ReadonlyMap<string, ExtractCompany>;
  /** Main registrations by number; linked charities by `number-linked`. */
  charities: ReadonlyMap<string, ExtractCharity>;
  charitiesByCompany: ReadonlyMap<string, ExtractCharity>;
  scottishCharities: ReadonlyMap<string, ExtractScottishCharity>;
  societiesByDigits: ReadonlyMap<string, ExtractSociety[]>;
  companiesBySocietyDigits: ReadonlyMap<string, ExtractCompany[]>;
  byName: ReadonlyMap<string, Row[]>;
  byPreviousName: ReadonlyMap<string, ExtractCompany[]>;
  byBlock: ReadonlyMap<string, Row[]>;
  byPostcode: ReadonlyMap<string, Row[]>;
}

/** A charity's number as the index keys it: `1123456` for a main registration, `1123456-1` for a linked charity. */
function charityKey(charity: Pick<ExtractCharity, 'charityNumber' | 'linkedCharityNumber'>): string {
  return charity.linkedCharityNumber === 0
    ? charity.charityNumber
    : `${charity.charityNumber}-${charity.linkedCharityNumber}`;
}

function push<K, V>(map: Map<K, V[]>, key: K | undefined, value: V): void {
  if (key === undefined || key === '') return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Indexes an extract for {@link matchSupplierToRegisters}; where a number is repeated, the first row wins. */
export function indexRegisterExtract(extract: RegisterExtract): RegisterIndex {
  const companies = new Map<string, ExtractCompany>();
  const charities = new Map<string, ExtractCharity>();
  const charitiesByCompany = new Map<string, ExtractCharity>();
  const scottishCharities = new Map<string, ExtractScottishCharity>();
  const societiesByDigits = new Map<string, ExtractSociety[]>();
  const companiesBySocietyDigits = new Map<string, ExtractCompany[]>();
  const byName = new Map<string, Row[]>();
  const byPreviousName = new Map<string, ExtractCompany[]>();
  const byBlock = new Map<string, Row[]>();
  const byPostcode = new Map<string, Row[]>();
  const addName = (row: Row, name: string) => {
    const key = registerNameKey(name);
    push(byName, key, row);
    push(byBlock, blockKeyOf(key), row);
  };

  for (const company of extract.companies) {
    if (companies.has(company.companyNumber)) continue;
    companies.set(company.companyNumber, company);
    const row: Row = { kind: 'company', row: company };
    addName(row, company.name);
    push(byPostcode, company.postcode, row);
    for (const old of company.previousNames) push(byPreviousName, registerNameKey(old), company);
    if (isRegisteredSocietyNumber(company.companyNumber)) {
      push(companiesBySocietyDigits, societyDigits(company.companyNumber), company);
    }
  }
  for (const charity of extract.charities) {
    const key = charityKey(charity);
    if (charities.has(key)) continue;
    charities.set(key, charity);
    if (charity.linkedCharityNumber === 0 && charity.companyNumber !== undefined) {
      if (!charitiesByCompany.has(charity.companyNumber))
        charitiesByCompany.set(charity.companyNumber, charity);
    }
    const row: Row = { kind: 'charity', row: charity };
    addName(row, charity.name);
    push(byPostcode, charity.postcode, row);
  }
  for (const charity of extract.scottishCharities) {
    if (scottishCharities.has(charity.charityNumber)) continue;
    scottishCharities.set(charity.charityNumber, charity);
    const row: Row = { kind: 'scottish', row: charity };
    addName(row, charity.name);
    if (charity.knownAs !== undefined && registerNameKey(charity.knownAs) !== registerNameKey(charity.name)) {
      addName({ kind: 'scottish', row: charity, knownAs: true }, charity.knownAs);
    }
    push(byPostcode, charity.postcode, row);
  }
  for (const society of extract.societies) {
    const row: Row = { kind: 'society', row: society };
    push(societiesByDigits, societyDigits(society.registrationNumber), society);
    addName(row, society.name);
    push(byPostcode, society.postcode, row);
  }
  return {
    extract,
    read: new Set(extract.sources.map((source) => source.register)),
    companies,
    charities,
    charitiesByCompany,
    scottishCharities,
    societiesByDigits,
    companiesBySocietyDigits,
    byName,
    byPreviousName,
    byBlock,
    byPostcode,
  };
}

/** `Companies House BasicCompanyData-2025-07-01-part1_7.csv (2025-07-01) line 3`: where an auditor finds a row. */
export function citeRegisterRow(
  index: Pick<RegisterIndex, 'extract'>,
  row: { source: number; line: number },
): string {
  const source: RegisterSource | undefined = index.extract.sources[row.source];
  if (source === undefined) return `register row at line ${row.line}`;
  const dated = source.dated ?? source.modified;
  return `${REGISTER_NAMES[source.register]} ${source.file}${dated === undefined ? '' : ` (${dated})`} line ${row.line}`;
}

/** `company 09876543 KENTISH WEALD CARE LIMITED`, `charity 1123456 HEART OF KENT HOSPICE CARE`, … */
export function nameRegisterRow(row: Row): string {
  switch (row.kind) {
    case 'company':
      return `company ${row.row.companyNumber} ${row.row.name}`;
    case 'charity':
      return row.row.linkedCharityNumber === 0
        ? `charity ${row.row.charityNumber} ${row.row.name}`
        : `linked charity ${charityKey(row.row)} ${row.row.name}`;
    case 'scottish':
      return `Scottish charity ${row.row.charityNumber} ${row.row.name}`;
    case 'society':
      return `society ${row.row.registrationNumber} ${row.row.name}`;
  }
}

function entityRows(entity: RegisterEntity): Row[] {
  const rows: Row[] = [];
  if (entity.company) rows.push({ kind: 'company', row: entity.company });
  if (entity.charity) rows.push({ kind: 'charity', row: entity.charity });
  if (entity.scottishCharity) rows.push({ kind: 'scottish', row: entity.scottishCharity });
  if (entity.society) rows.push({ kind: 'society', row: entity.society });
  return rows;
}

/** The entity's rows named and cited, for evidence: `company 0987… (Companies House … line 3)`. */
export function describeRegisterEntity(
  index: Pick<RegisterIndex, 'extract'>,
  entity: RegisterEntity,
): string {
  return entityRows(entity)
    .map((row) => `${nameRegisterRow(row)} (${citeRegisterRow(index, row.row)})`)
    .join(', with ');
}

function societyOfCompany(index: RegisterIndex, company: ExtractCompany): ExtractSociety | undefined {
  if (!isRegisteredSocietyNumber(company.companyNumber)) return undefined;
  const digits = societyDigits(company.companyNumber);
  const key = registerNameKey(company.name);
  const same = (digits === undefined ? [] : (index.societiesByDigits.get(digits) ?? [])).filter(
    (society) => registerNameKey(society.name) === key,
  );
  return same.length === 1 ? same[0] : undefined;
}

function companyOfSociety(index: RegisterIndex, society: ExtractSociety): ExtractCompany | undefined {
  const digits = societyDigits(society.registrationNumber);
  const key = registerNameKey(society.name);
  const same = (digits === undefined ? [] : (index.companiesBySocietyDigits.get(digits) ?? [])).filter(
    (company) => registerNameKey(company.name) === key,
  );
  return same.length === 1 ? same[0] : undefined;
}

function entityOfCompany(index: RegisterIndex, company: ExtractCompany): RegisterEntity {
  const charity = index.charitiesByCompany.get(company.companyNumber) ?? charityCompanyByName(index, company);
  const scottishCharity = scottishCharityCompanyByName(index, company);
  const society = societyOfCompany(index, company);
  return {
    id: `company:${company.companyNumber}`,
    company,
    ...(charity === undefined ? {} : { charity }),
    ...(scottishCharity === undefined ? {} : { scottishCharity }),
    ...(society === undefined ? {} : { society }),
  };
}

const sameDistrict = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || outward(a) === outward(b);

/**
 * A charitable company the Charity Commission lists without its company number: the one main
 * registration of the company's name whose type says it is a company, in the same postcode district.
 */
function charityCompanyByName(index: RegisterIndex, company: ExtractCompany): ExtractCharity | undefined {
  const found = (index.byName.get(registerNameKey(company.name)) ?? []).flatMap((row) =>
    row.kind === 'charity' &&
    row.row.linkedCharityNumber === 0 &&
    row.row.companyNumber === undefined &&
    /company/i.test(row.row.charityType ?? '') &&
    sameDistrict(row.row.postcode, company.postcode)
      ? [row.row]
      : [],
  );
  return found.length === 1 ? found[0] : undefined;
}

/** A Scottish charitable company (OSCR gives no company number): the one OSCR "Company" of the name, in the same district. */
function scottishCharityCompanyByName(
  index: RegisterIndex,
  company: ExtractCompany,
): ExtractScottishCharity | undefined {
  const found = (index.byName.get(registerNameKey(company.name)) ?? []).flatMap((row) =>
    row.kind === 'scottish' &&
    row.knownAs !== true &&
    /^company/i.test(row.row.constitutionalForm) &&
    sameDistrict(row.row.postcode, company.postcode)
      ? [row.row]
      : [],
  );
  return found.length === 1 ? found[0] : undefined;
}

/** The entity a row belongs to, with the rows of other registers its numbers link it to. */
function entityOf(index: RegisterIndex, row: Row): RegisterEntity {
  switch (row.kind) {
    case 'company':
      return entityOfCompany(index, row.row);
    case 'charity': {
      const charity = row.row;
      if (charity.linkedCharityNumber !== 0) {
        return { id: `charity:${charityKey(charity)}`, charity };
      }
      const company =
        charity.companyNumber === undefined ? undefined : index.companies.get(charity.companyNumber);
      return company === undefined
        ? { id: `charity:${charity.charityNumber}`, charity }
        : { ...entityOfCompany(index, company), charity };
    }
    case 'scottish':
      return { id: `scottish:${row.row.charityNumber}`, scottishCharity: row.row };
    case 'society': {
      const company = companyOfSociety(index, row.row);
      return company === undefined
        ? { id: `society:${row.row.registrationNumber}`, society: row.row }
        : { ...entityOfCompany(index, company), society: row.row };
    }
  }
}

/** The entities once each: by id, and without an entity whose rows are all rows of another (a charity found again with its company). */
function unique(entities: readonly RegisterEntity[]): RegisterEntity[] {
  const byId = new Map<string, RegisterEntity>();
  for (const entity of entities) if (!byId.has(entity.id)) byId.set(entity.id, entity);
  const all = [...byId.values()];
  const rowsOf = (entity: RegisterEntity) => entityRows(entity).map((row) => row.row);
  return all.filter((entity) => {
    const mine = rowsOf(entity);
    return !all.some((other) => {
      if (other === entity) return false;
      const theirs = rowsOf(other);
      return theirs.length > mine.length && mine.every((row) => theirs.includes(row));
    });
  });
}

/** The postcodes an entity's rows give. */
export function entityPostcodes(entity: RegisterEntity): string[] {
  return entityRows(entity)
    .map((row) => row.row.postcode)
    .filter((postcode): postcode is string => postcode !== undefined);
}

const outward = (postcode: string): string => postcode.split(' ')[0] ?? postcode;

/**
 * Entities found under one name in different registers are one body when each register has at most
 * one of them, none is a linked charity, their numbers do not contradict (a charity naming another
 * company), and their postcodes, where given, share a postcode district. Otherwise they stay apart.
 */
function mergeSameName(entities: readonly RegisterEntity[]): RegisterEntity[] {
  if (entities.length <= 1) return [...entities];
  const facets = ['company', 'charity', 'scottishCharity', 'society'] as const;
  for (const facet of facets) {
    if (entities.filter((entity) => entity[facet] !== undefined).length > 1) return [...entities];
  }
  if (entities.some((entity) => entity.charity !== undefined && entity.charity.linkedCharityNumber !== 0)) {
    return [...entities];
  }
  const merged: RegisterEntity = { id: '' };
  for (const entity of entities) Object.assign(merged, { ...entity, id: merged.id });
  if (
    merged.company !== undefined &&
    merged.charity?.companyNumber !== undefined &&
    merged.charity.companyNumber !== merged.company.companyNumber
  ) {
    return [...entities];
  }
  const districts = new Set(entityPostcodes(merged).map(outward));
  if (districts.size > 1) return [...entities];
  merged.id = entities.find((entity) => entity.company)?.id ?? entities[0]?.id ?? '';
  return [merged];
}

function rowStatus(row: Row): string {
  switch (row.kind) {
    case 'company':
      return row.row.status;
    case 'charity':
      return row.row.registrationStatus;
    case 'scottish':
      return row.row.status;
    case 'society':
      return row.row.status;
  }
}

function rowNumber(row: Row): string {
  switch (row.kind) {
    case 'company':
      return row.row.companyNumber;
    case 'charity':
      return charityKey(row.row);
    case 'scottish':
      return row.row.charityNumber;
    case 'society':
      return row.row.registrationNumber;
  }
}

const REGISTER_OF_ROW: Readonly<Record<Row['kind'], RegisterKind>> = {
  company: 'companies-house',
  charity: 'charity-commission',
  scottish: 'oscr',
  society: 'fca-mutuals',
};

function candidateOf(index: RegisterIndex, row: Row, why: string, similarity?: number): RegisterCandidate {
  const source = index.extract.sources[row.row.source];
  const postcode = row.row.postcode;
  return {
    register: REGISTER_OF_ROW[row.kind],
    file: source?.file ?? '',
    line: row.row.line,
    number: rowNumber(row),
    name:
      row.kind === 'scottish' && row.knownAs ? `${row.row.name} (known as ${row.row.knownAs})` : row.row.name,
    ...(postcode === undefined ? {} : { postcode }),
    status: rowStatus(row),
    ...(similarity === undefined ? {} : { similarity: Math.round(similarity * 100) / 100 }),
    why,
  };
}

function entityCandidates(index: RegisterIndex, entity: RegisterEntity, why: string): RegisterCandidate[] {
  return entityRows(entity).map((row) => candidateOf(index, row, why));
}

const quote = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(' / ');

function registerFiles(index: RegisterIndex, register: RegisterKind): string {
  return index.extract.sources
    .filter((source) => source.register === register)
    .map((source) => source.file)
    .join(', ');
}

/**
 * Finds the register entity a supplier is, in this order: by the company numbers and charity numbers
 * the trust's data gives (an entry whose name is unlike every name the supplier goes by is only
 * *uncertain*); by exact name key ({@link registerNameKey}: no prefix matching, so `ABC` never
 * matches `ABC HOLDINGS`), an OSCR "Known As" included — several entities of one name are
 * *ambiguous* unless a postcode the supplier is known at separates them, and a company's name is
 * only *uncertain* when the supplier's names lack its `Ltd` and it is known only in other postcode
 * areas than the registered office's; by a company's previous name (flagged in the evidence, doubted
 * alike); and last by near name, which decides only at
 * {@link CONFIDENT_SIMILARITY} or more, at a postcode the supplier is known at, with the same numbers
 * in the name and no other entity there with a near name ({@link CANDIDATE_SIMILARITY} or more).
 * Everything short of that is listed as candidates.
 *
 * @example
 * matchSupplierToRegisters({ names: ['Kentish Weald Care'], companyNumbers: [], charityNumbers: [], postcodes: [] }, index)
 * // → { status: 'matched', matchedOn: 'name', confidence: 1, entity: { id: 'company:09876543', … }, … }
 */
export function matchSupplierToRegisters(identity: SupplierIdentity, index: RegisterIndex): RegisterMatch {
  const byNumber = matchByNumbers(identity, index);
  if (byNumber !== undefined) return byNumber.match;
  const notes = byNumberNotes(identity, index);
  const keys = [...new Set(identity.names.map(registerNameKey).filter((key) => key !== ''))];
  const postcodes = new Set(identity.postcodes.map((known) => known.postcode));
  const withNotes = (match: RegisterMatch): RegisterMatch => ({
    ...match,
    evidence: [...notes, ...match.evidence],
  });

  const named = keys.flatMap((key) => index.byName.get(key) ?? []);
  if (named.length > 0) return withNotes(decideAmong(identity, index, named, postcodes, 'name'));

  const renamed = unique(
    keys
      .flatMap((key) => index.byPreviousName.get(key) ?? [])
      .map((company) => entityOfCompany(index, company)),
  );
  if (renamed.length > 0) {
    return withNotes(
      decideAmong(
        identity,
        index,
        renamed.flatMap((entity) =>
          entity.company ? [{ kind: 'company', row: entity.company } as Row] : [],
        ),
        postcodes,
        'previous-name',
      ),
    );
  }
  return withNotes(matchNearNames(identity, index, keys, postcodes));
}

function matchByNumbers(
  identity: SupplierIdentity,
  index: RegisterIndex,
): { match: RegisterMatch } | undefined {
  const found: { entity: RegisterEntity; how: string; on: MatchedOn }[] = [];
  for (const { companyNumber, source } of identity.companyNumbers) {
    const company = index.companies.get(companyNumber);
    if (company !== undefined) {
      found.push({
        entity: entityOfCompany(index, company),
        how: `company number ${companyNumber} (${source})`,
        on: 'company-number',
      });
      continue;
    }
    const digits = isRegisteredSocietyNumber(companyNumber) ? societyDigits(companyNumber) : undefined;
    const societies = digits === undefined ? [] : (index.societiesByDigits.get(digits) ?? []);
    const society = societies.length === 1 ? societies[0] : undefined;
    if (society !== undefined) {
      found.push({
        entity: { id: `society:${society.registrationNumber}`, society },
        how: `company number ${companyNumber} (${source}), the society the FCA registers as ${society.registrationNumber}`,
        on: 'company-number',
      });
    }
  }
  for (const { charityNumber, source } of identity.charityNumbers) {
    const register = charityRegisterOf(charityNumber);
    const row: Row | undefined =
      register === 'scotland'
        ? lift('scottish', index.scottishCharities.get(charityNumber))
        : register === 'england-and-wales'
          ? lift('charity', index.charities.get(charityNumber.replace(/-0$/, '')))
          : undefined;
    if (row !== undefined) {
      found.push({
        entity: entityOf(index, row),
        how: `charity number ${charityNumber} (${source})`,
        on: 'charity-number',
      });
    }
  }
  const first = found[0];
  if (first === undefined) return undefined;
  const entities = unique(found.map((f) => f.entity));
  const evidence: Evidence[] = found.map((f) => ({
    rule: 'register-match',
    detail: `${f.how} is ${describeRegisterEntity(index, f.entity)}`,
  }));
  const merged = entities.length === 1 ? entities : mergeNumbered(entities);
  if (merged.length > 1) {
    return {
      match: {
        status: 'ambiguous',
        evidence: [
          ...evidence,
          {
            rule: 'register-ambiguous',
            detail:
              'the numbers the trust gives for this supplier are different bodies in the registers: correct the supplier reference',
          },
        ],
        candidates: entities.flatMap((entity) =>
          entityCandidates(index, entity, 'named by a number the trust gives'),
        ),
      },
    };
  }
  const entity = merged[0] ?? first.entity;
  const names = entityRows(entity).flatMap((row) => [
    row.row.name,
    ...(row.kind === 'company' ? row.row.previousNames : []),
    ...(row.kind === 'scottish' && row.row.knownAs !== undefined ? [row.row.knownAs] : []),
  ]);
  if (!namesResemble(identity.names, names)) {
    return {
      match: {
        status: 'uncertain',
        evidence: [
          ...evidence,
          {
            rule: 'register-name-differs',
            detail: `but the registers' name is unlike ${quote(identity.names)}: check the number in the supplier reference before it is used`,
          },
        ],
        candidates: entityCandidates(index, entity, 'named by a number the trust gives, under another name'),
      },
    };
  }
  return {
    match: { status: 'matched', matchedOn: first.on, confidence: 1, entity, evidence, candidates: [] },
  };
}

function lift<K extends 'scottish' | 'charity'>(
  kind: K,
  row: (K extends 'scottish' ? ExtractScottishCharity : ExtractCharity) | undefined,
): Row | undefined {
  return row === undefined ? undefined : ({ kind, row } as Row);
}

/** Entities a supplier's numbers name, joined when their numbers link them or do not contradict. */
function mergeNumbered(entities: readonly RegisterEntity[]): RegisterEntity[] {
  const merged: RegisterEntity = { id: entities[0]?.id ?? '' };
  for (const entity of entities) {
    for (const facet of ['company', 'charity', 'scottishCharity', 'society'] as const) {
      const mine = merged[facet];
      const theirs = entity[facet];
      if (theirs === undefined) continue;
      if (mine !== undefined && mine !== theirs) return [...entities];
      Object.assign(merged, { [facet]: theirs });
    }
  }
  if (
    merged.company !== undefined &&
    merged.charity?.companyNumber !== undefined &&
    merged.charity.companyNumber !== merged.company.companyNumber
  ) {
    return [...entities];
  }
  return [merged];
}

function namesResemble(supplierNames: readonly string[], registerNames: readonly string[]): boolean {
  const keys = supplierNames.map(registerNameKey);
  return registerNames.some((name) => {
    const key = registerNameKey(name);
    const tokens = new Set(significantTokens(key));
    return keys.some(
      (mine) =>
        measureNameSimilarity(mine, key) >= NUMBER_NAME_SIMILARITY ||
        significantTokens(mine).some((token) => token.length > 2 && tokens.has(token)),
    );
  });
}

/** Numbers the trust gives that the registers read do not hold: noted, since the rest of the match goes by name. */
function byNumberNotes(identity: SupplierIdentity, index: RegisterIndex): Evidence[] {
  const notes: Evidence[] = [];
  if (index.read.has('companies-house')) {
    for (const { companyNumber, source } of identity.companyNumbers) {
      notes.push({
        rule: 'register-not-found',
        detail: `company number ${companyNumber} (${source}) is not in the Companies House file(s) read (${registerFiles(index, 'companies-house')}): it may be in another part file, or wrong`,
      });
    }
  }
  for (const { charityNumber, source } of identity.charityNumbers) {
    const register = charityRegisterOf(charityNumber);
    const kind: RegisterKind | undefined =
      register === 'scotland' ? 'oscr' : register === 'england-and-wales' ? 'charity-commission' : undefined;
    if (kind === undefined || !index.read.has(kind)) continue;
    notes.push({
      rule: 'register-not-found',
      detail: `charity number ${charityNumber} (${source}) is not in the ${REGISTER_NAMES[kind]} file(s) read (${registerFiles(index, kind)})`,
    });
  }
  return notes;
}

/** Several rows found under one name (or previous name): one entity decides; several only when a postcode separates them. */
function decideAmong(
  identity: SupplierIdentity,
  index: RegisterIndex,
  rows: readonly Row[],
  postcodes: ReadonlySet<string>,
  how: 'name' | 'previous-name',
): RegisterMatch {
  const mains = new Set(
    rows.flatMap((row) =>
      row.kind === 'charity' && row.row.linkedCharityNumber === 0 ? [row.row.charityNumber] : [],
    ),
  );
  // A linked charity named like its main charity is that charity's row, not another body.
  const bodies = rows.filter(
    (row) =>
      !(row.kind === 'charity' && row.row.linkedCharityNumber !== 0 && mains.has(row.row.charityNumber)),
  );
  const entities = mergeSameName(unique(bodies.map((row) => entityOf(index, row))));
  const described = (entity: RegisterEntity) => describeRegisterEntity(index, entity);
  const viaKnownAs = bodies.every((row) => row.kind === 'scottish' && row.knownAs === true);
  const matchedOn: MatchedOn = how === 'previous-name' ? 'previous-name' : viaKnownAs ? 'known-as' : 'name';
  const what =
    how === 'previous-name'
      ? 'a previous name of'
      : viaKnownAs
        ? 'the name a Scottish charity is known as:'
        : 'the name of';
  const only = entities.length === 1 ? entities[0] : undefined;
  if (only !== undefined) {
    const doubt = doubtSameNameElsewhere(identity, index, only, how);
    if (doubt !== undefined) return doubt;
    const evidence: Evidence[] = [
      {
        rule: 'register-match',
        detail: `${quote(identity.names)} is ${what} ${described(only)}, the only entry of that name in the registers read`,
      },
    ];
    if (how === 'previous-name') {
      evidence.push({
        rule: 'register-previous-name',
        detail: `matched on a name the company no longer uses (it is now ${only.company?.name ?? ''}): check that the supplier is this company`,
      });
    }
    return { status: 'matched', matchedOn, confidence: 1, entity: only, evidence, candidates: [] };
  }
  const separated = entities.filter((entity) =>
    entityPostcodes(entity).some((postcode) => postcodes.has(postcode)),
  );
  const chosen = separated.length === 1 ? separated[0] : undefined;
  if (chosen !== undefined) {
    const postcode = entityPostcodes(chosen).find((p) => postcodes.has(p)) ?? '';
    const source = identity.postcodes.find((known) => known.postcode === postcode)?.source ?? '';
    return {
      status: 'matched',
      matchedOn: how === 'previous-name' ? 'previous-name' : 'name-and-postcode',
      confidence: 1,
      entity: chosen,
      evidence: [
        {
          rule: 'register-match',
          detail:
            `${quote(identity.names)} is ${what} ${entities.length} entries in the registers read; ` +
            `${described(chosen)} is the one at ${postcode}, where the supplier is known (${source})`,
        },
        ...(how === 'previous-name'
          ? [
              {
                rule: 'register-previous-name',
                detail: `matched on a name the company no longer uses (it is now ${chosen.company?.name ?? ''}): check that the supplier is this company`,
              },
            ]
          : []),
      ],
      candidates: [],
    };
  }
  return {
    status: 'ambiguous',
    evidence: [
      {
        rule: 'register-ambiguous',
        detail:
          `${quote(identity.names)} is ${what} ${entities.length} different entries in the registers read and no postcode ` +
          'the supplier is known at separates them: add its company or charity number (or postcode) to the supplier reference',
      },
    ],
    candidates: entities
      .flatMap((entity) =>
        entityCandidates(
          index,
          entity,
          how === 'previous-name' ? 'a previous name is the supplier’s name' : 'same name',
        ),
      )
      .slice(0, MAX_CANDIDATES * 2),
  };
}

/** The letters a postcode starts with, its postcode area: `ME` for `ME8 6AA`, `M` for `M14 5AA`. */
const postcodeArea = (postcode: string): string =>
  /^[A-Z]{1,2}/.exec(postcode.toUpperCase())?.[0] ?? postcode;

const FORM_WORDS: Readonly<Record<string, string>> = {
  ltd: '"Ltd"/"Limited"',
  plc: '"PLC"',
  llp: '"LLP"',
  cic: '"CIC"',
  cyf: '"Cyf"/"Cyfyngedig"',
  cyfyngedig: '"Cyf"/"Cyfyngedig"',
};

/**
 * An exact-name match that is not confident: the entity is a company and nothing else (no charity or
 * society registration joined to it), its name — the one the supplier's matched — carries a legal
 * form only a registered body may use (`LIMITED`, `PLC`, `LLP`, `CIC`, …) and none of the supplier's
 * names does, and no postcode the trust knows the supplier at is in the postcode area of the
 * registered office. A sole trader or partnership trading under the same words is then as likely as
 * the company, so the match is *uncertain*, with the company as its candidate. A supplier whose name
 * does say `Ltd` is not doubted for a registered office elsewhere (they are often at an accountant's).
 */
function doubtSameNameElsewhere(
  identity: SupplierIdentity,
  index: RegisterIndex,
  entity: RegisterEntity,
  how: 'name' | 'previous-name',
): RegisterMatch | undefined {
  const company = entity.company;
  if (company === undefined || entity.charity || entity.scottishCharity || entity.society) return undefined;
  const office = company.postcode;
  if (office === undefined || identity.postcodes.length === 0) return undefined;
  if (identity.names.some((name) => findRegisteredLegalForm(name) !== undefined)) return undefined;
  const keys = new Set(identity.names.map(registerNameKey));
  const registered =
    how === 'name'
      ? company.name
      : (company.previousNames.find((old) => keys.has(registerNameKey(old))) ?? company.name);
  const form = findRegisteredLegalForm(registered);
  if (form === undefined) return undefined;
  const area = postcodeArea(office);
  if (identity.postcodes.some((known) => postcodeArea(known.postcode) === area)) return undefined;
  const known = identity.postcodes.map((k) => `${k.postcode} (${k.source})`).join(', ');
  const what = how === 'name' ? 'the name of' : `a previous name (${registered}) of`;
  return {
    status: 'uncertain',
    evidence: [
      {
        rule: 'register-same-name-elsewhere',
        detail:
          `${quote(identity.names)} is ${what} ${describeRegisterEntity(index, entity)}, but the trust knows the ` +
          `supplier at ${known} and the company's registered office is at ${office}, another postcode area; ` +
          `its name has no ${FORM_WORDS[form] ?? `"${form.toUpperCase()}"`}: it may be a sole trader or partnership ` +
          'of the same name — confirm the company number in the supplier reference',
      },
    ],
    candidates: entityCandidates(
      index,
      entity,
      `same name; registered office in postcode area ${area}, not where the trust knows the supplier`,
    ),
  };
}

function rowKeys(row: Row): string[] {
  const keys = [registerNameKey(row.row.name)];
  if (row.kind === 'scottish' && row.row.knownAs !== undefined) keys.push(registerNameKey(row.row.knownAs));
  return keys;
}

function matchNearNames(
  identity: SupplierIdentity,
  index: RegisterIndex,
  keys: readonly string[],
  postcodes: ReadonlySet<string>,
): RegisterMatch {
  const seen = new Set<Row['row']>();
  const pool: Row[] = [];
  const add = (row: Row) => {
    if (seen.has(row.row)) return;
    seen.add(row.row);
    pool.push(row);
  };
  for (const key of keys) for (const row of index.byBlock.get(blockKeyOf(key) ?? '') ?? []) add(row);
  const myTokens = new Set(keys.flatMap(significantTokens));
  for (const postcode of postcodes) {
    for (const row of index.byPostcode.get(postcode) ?? []) {
      if (rowKeys(row).some((key) => significantTokens(key).some((token) => myTokens.has(token)))) add(row);
    }
  }
  const scored = pool
    .map((row) => {
      let best = 0;
      let sameNumbers = false;
      for (const theirs of rowKeys(row)) {
        for (const mine of keys) {
          const similarity = measureNameSimilarity(mine, theirs);
          if (similarity > best) {
            best = similarity;
            sameNumbers = numbersIn(mine).join(' ') === numbersIn(theirs).join(' ');
          }
        }
      }
      const atPostcode = row.row.postcode !== undefined && postcodes.has(row.row.postcode);
      return { row, similarity: best, sameNumbers, atPostcode };
    })
    .filter((c) => c.similarity >= CANDIDATE_SIMILARITY || c.atPostcode)
    .sort((a, b) => b.similarity - a.similarity || Number(b.atPostcode) - Number(a.atPostcode));

  const why = (c: (typeof scored)[number]) => {
    const alike = `name ${Math.round(c.similarity * 100)}% alike`;
    if (c.atPostcode) return `${alike}, at the supplier's postcode ${c.row.row.postcode}`;
    return c.row.row.postcode === undefined
      ? `${alike}; the register gives no postcode`
      : `${alike}, at ${c.row.row.postcode}, not a postcode the supplier is known at`;
  };
  const candidates = scored
    .slice(0, MAX_CANDIDATES)
    .map((c) => candidateOf(index, c.row, why(c), c.similarity));
  const confident = scored.filter(
    (c) => c.similarity >= CONFIDENT_SIMILARITY && c.atPostcode && c.sameNumbers,
  );
  // Every near name at the supplier's postcode is a rival, not only those close enough to decide.
  const rivals = scored.filter((c) => c.atPostcode && c.similarity >= CANDIDATE_SIMILARITY);
  const entities = mergeSameName(unique(rivals.map((c) => entityOf(index, c.row))));
  const best = confident[0];
  const only = entities.length === 1 && best !== undefined ? entities[0] : undefined;
  if (only !== undefined && best !== undefined) {
    const postcode = best.row.row.postcode ?? '';
    const source = identity.postcodes.find((known) => known.postcode === postcode)?.source ?? '';
    const confidence = Math.round(best.similarity * 100) / 100;
    return {
      status: 'matched',
      matchedOn: 'fuzzy-name-postcode',
      confidence,
      entity: only,
      evidence: [
        {
          rule: 'register-fuzzy-match',
          detail:
            `${quote(identity.names)} is ${Math.round(best.similarity * 100)}% alike the name of ${describeRegisterEntity(index, only)}, ` +
            `and both are at ${postcode} (${source}): a near-name match at the same postcode, confidence ${confidence}`,
        },
      ],
      candidates: candidates.filter(
        (c) => !entityRows(only).some((row) => row.row.line === c.line && c.number === rowNumber(row)),
      ),
    };
  }
  if (entities.length > 1 && best !== undefined) {
    return {
      status: 'ambiguous',
      evidence: [
        {
          rule: 'register-ambiguous',
          detail: `${entities.length} entries at a postcode the supplier is known at have names close to ${quote(identity.names)}: add its company or charity number to the supplier reference`,
        },
      ],
      candidates,
    };
  }
  if (candidates.length > 0) {
    return {
      status: 'uncertain',
      evidence: [
        {
          rule: 'register-near-names',
          detail:
            `no register entry has the name ${quote(identity.names)}; near names are listed for review, none close enough ` +
            `(${Math.round(CONFIDENT_SIMILARITY * 100)}% alike) at a postcode the supplier is known at to decide: add its company or charity number to the supplier reference`,
        },
      ],
      candidates,
    };
  }
  return {
    status: 'not-found',
    evidence: [
      {
        rule: 'register-not-found',
        detail: `no entry in the registers read has the name ${quote(identity.names)} or one near it: add its company or charity number to the supplier reference`,
      },
    ],
    candidates: [],
  };
}
