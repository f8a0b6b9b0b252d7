import * as z from 'zod';
import { isRegisteredSocietyNumber } from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import type { IsoDate } from '../types.ts';
import { datingOf, REGISTER_KINDS, type RegisterKind } from './detect-register.ts';
import {
  blockKeyOf,
  isNameAlike,
  registerKeyOfNormalised,
  registerNameKey,
  significantTokens,
} from './name-key.ts';
import { extractDateOf, type RegisterRecordOf, readRegisterRecords } from './register-readers.ts';

/**
 * The keys a report's suppliers can be matched on, collected from its ledger lines and supplier
 * reference: company numbers (8-character form), charity numbers (`1123456`, `1123456-1`,
 * `SC012345`), name keys ({@link registerNameKey}), and places — a postcode a supplier is known at
 * with one significant word of its name, written `ME14 1XX|kentish`.
 */
export const RegisterWantsSchema = z.object({
  companyNumbers: z.array(z.string()),
  charityNumbers: z.array(z.string()),
  names: z.array(z.string()),
  places: z.array(z.string()),
});
export type RegisterWants = z.infer<typeof RegisterWantsSchema>;

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One register file an extract was read from. */
export const RegisterSourceSchema = z.object({
  file: z.string(),
  register: z.enum(REGISTER_KINDS as [RegisterKind, ...RegisterKind[]]),
  /** The SHA-256 of the file's bytes, when the caller computed it as they streamed. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Size in bytes, when the caller knows it. */
  bytes: z.number().int().nonnegative().optional(),
  /** The date the register is of: from its name (Companies House, OSCR) or its `date_of_extract` column. */
  dated: IsoDateSchema.optional(),
  datedFrom: z.enum(['file-name', 'date_of_extract']).optional(),
  /** The file's modification date, when the caller gives it (the FCA file carries no date of its own). */
  modified: IsoDateSchema.optional(),
  rowsRead: z.number().int().nonnegative(),
  rowsKept: z.number().int().nonnegative(),
});
export type RegisterSource = z.infer<typeof RegisterSourceSchema>;

const Source = z.number().int().nonnegative();
const Pence = z.number().int();

export const ExtractCompanySchema = z.object({
  source: Source,
  line: z.number().int(),
  name: z.string(),
  companyNumber: z.string(),
  postcode: z.string().optional(),
  category: z.string(),
  status: z.string(),
  dissolutionDate: IsoDateSchema.optional(),
  incorporationDate: IsoDateSchema.optional(),
  accountsCategory: z.string().optional(),
  sicCodes: z.array(z.string()),
  previousNames: z.array(z.string()),
});
export type ExtractCompany = z.infer<typeof ExtractCompanySchema>;

export const ExtractCharitySchema = z.object({
  source: Source,
  line: z.number().int(),
  extractDate: IsoDateSchema.optional(),
  organisationNumber: z.number().int(),
  charityNumber: z.string(),
  linkedCharityNumber: z.number().int(),
  name: z.string(),
  charityType: z.string().optional(),
  registrationStatus: z.string(),
  registrationDate: IsoDateSchema.optional(),
  removalDate: IsoDateSchema.optional(),
  latestIncome: Pence.optional(),
  postcode: z.string().optional(),
  companyNumber: z.string().optional(),
  isCio: z.boolean().optional(),
  cioIsDissolved: z.boolean().optional(),
});
export type ExtractCharity = z.infer<typeof ExtractCharitySchema>;

export const ExtractScottishCharitySchema = z.object({
  source: Source,
  line: z.number().int(),
  charityNumber: z.string(),
  name: z.string(),
  knownAs: z.string().optional(),
  registeredDate: IsoDateSchema.optional(),
  ceasedDate: IsoDateSchema.optional(),
  status: z.string(),
  postcode: z.string().optional(),
  constitutionalForm: z.string(),
  latestIncome: Pence.optional(),
  yearEnd: IsoDateSchema.optional(),
  parentCharityNumber: z.string().optional(),
  regulatoryType: z.string().optional(),
});
export type ExtractScottishCharity = z.infer<typeof ExtractScottishCharitySchema>;

export const ExtractSocietySchema = z.object({
  source: Source,
  line: z.number().int(),
  registrationNumber: z.string(),
  name: z.string(),
  registeredAs: z.string(),
  status: z.string(),
  address: z.string(),
  postcode: z.string().optional(),
  registrationDate: IsoDateSchema.optional(),
  deregistrationDate: IsoDateSchema.optional(),
});
export type ExtractSociety = z.infer<typeof ExtractSocietySchema>;

/**
 * The rows of the open registers that can match one report's suppliers, with the files they came
 * from and the keys they were kept for: what `socval report --registers` writes to
 * `register-extract.json`, so a later report reads kilobytes instead of gigabytes. Versioned;
 * additive changes only within a version.
 */
export const RegisterExtractSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('socval-register-extract'),
  /** The keys the extract was built for: it covers a report whose keys are all among them. */
  wanted: RegisterWantsSchema,
  sources: z.array(RegisterSourceSchema),
  companies: z.array(ExtractCompanySchema),
  charities: z.array(ExtractCharitySchema),
  scottishCharities: z.array(ExtractScottishCharitySchema),
  societies: z.array(ExtractSocietySchema),
});
export type RegisterExtract = z.infer<typeof RegisterExtractSchema>;

/** One register file to read into an extract: its bytes as a stream, held one chunk at a time. */
export interface RegisterInput {
  /** The file's name as shown to the user. */
  name: string;
  register: RegisterKind;
  bytes: AsyncIterable<Uint8Array>;
  /** Called once the bytes are read: the SHA-256 (hex) the caller computed as they streamed. */
  sha256?: () => string;
  size?: number;
  modified?: IsoDate;
}

/** Near-name candidates are kept (and later listed for review) from this similarity up. */
export const CANDIDATE_SIMILARITY = 0.75;

/** Register order of reading: charities first, so the company numbers they give are kept from Companies House. */
const READ_ORDER: readonly RegisterKind[] = ['charity-commission', 'oscr', 'fca-mutuals', 'companies-house'];

/** A place key: a postcode with one significant word of a name known there. */
export const placeKey = (postcode: string, token: string): string => `${postcode}|${token}`;

/**
 * The digits of a registered society's number as the FCA and Companies House both write them:
 * FCA `28037R` and Companies House `IP28037R` → `28037`; Companies House `RS007022` and FCA `7022` → `7022`.
 */
export function societyDigits(number: string): string | undefined {
  const digits = /^(?:IP|SP|NP|RS)?0*(\d+)[A-Z]*$/.exec(number.toUpperCase())?.[1];
  return digits === undefined || digits === '' ? undefined : digits;
}

/** What decides, row by row, whether a register row can match one of the wanted suppliers. */
class RowFilter {
  readonly companyNumbers: Set<string>;
  readonly charityNumbers: Set<string>;
  readonly names: Set<string>;
  readonly societyDigits = new Set<string>();
  /** Block key → the wanted name keys in it. */
  readonly #blocks = new Map<string, string[]>();
  /** Postcode → the significant words of names known there. */
  readonly #places = new Map<string, Set<string>>();

  constructor(wants: RegisterWants) {
    this.companyNumbers = new Set(wants.companyNumbers);
    this.charityNumbers = new Set(wants.charityNumbers);
    this.names = new Set(wants.names);
    for (const name of wants.names) {
      const block = blockKeyOf(name);
      if (block === undefined) continue;
      const names = this.#blocks.get(block) ?? [];
      names.push(name);
      this.#blocks.set(block, names);
    }
    for (const place of wants.places) {
      const [postcode = '', token = ''] = place.split('|');
      const tokens = this.#places.get(postcode) ?? new Set<string>();
      tokens.add(token);
      this.#places.set(postcode, tokens);
    }
    for (const number of wants.companyNumbers) this.addSocietyOf(number);
  }

  addSocietyOf(companyNumber: string): void {
    if (!isRegisteredSocietyNumber(companyNumber)) return;
    const digits = societyDigits(companyNumber);
    if (digits !== undefined) this.societyDigits.add(digits);
  }

  /**
   * A row is kept for its name (already normalised, as a record's `nameKey`): the same key, or a near
   * one in its block, or a shared word at a shared postcode.
   */
  keepsName(normalised: string, postcode: string | undefined): boolean {
    const key = registerKeyOfNormalised(normalised);
    if (this.names.has(key)) return true;
    const block = blockKeyOf(key);
    const near = block === undefined ? undefined : this.#blocks.get(block);
    if (near?.some((wanted) => isNameAlike(key, wanted, CANDIDATE_SIMILARITY))) return true;
    const there = postcode === undefined ? undefined : this.#places.get(postcode);
    return there !== undefined && significantTokens(key).some((token) => there.has(token));
  }
}

/**
 * A copy of a kept row whose strings are its own. The readers' fields are slices of the text chunk
 * they were read from, and V8 keeps a sliced string's whole parent alive: without the copy each kept
 * row held its ~64 KB chunk, 660 MB for 12,000 rows of a 5.7M-row file (bench/registers.ts).
 */
function detached<T>(row: T): T {
  return structuredClone(row);
}

/** Adds each record read to `into` (as read from file `source`, without its `nameKey`); how many it added. */
async function keepRows<R extends { nameKey: string }>(
  rows: AsyncIterable<R>,
  source: number,
  into: { push(row: Omit<R, 'nameKey'> & { source: number }): unknown },
): Promise<number> {
  let kept = 0;
  for await (const row of rows) {
    const { nameKey: _, ...rest } = row;
    into.push(detached({ source, ...rest }));
    kept++;
  }
  return kept;
}

/**
 * Reads each register file as a stream and keeps only the rows that can match the wanted keys: by
 * company number, charity number (E&W and Scottish) or society number; by name key — a company's
 * previous names and an OSCR charity's "Known As" included; and near names in the same block, or
 * sharing a word and a postcode, for fuzzy matching. The Charity Commission and OSCR files are read
 * first, so the company numbers of the charities kept are kept from Companies House too.
 *
 * @throws RegisterFormatError from the readers when a file is not the register it is given as.
 * @example
 * const extract = await buildRegisterExtract(
 *   [{ name: 'SocietyList.csv', register: 'fca-mutuals', bytes: createReadStream(path) }],
 *   collectRegisterWants(lines, reference.records),
 * );
 */
export async function buildRegisterExtract(
  inputs: readonly RegisterInput[],
  wants: RegisterWants,
): Promise<RegisterExtract> {
  const filter = new RowFilter(wants);
  const extract: RegisterExtract = {
    schemaVersion: 1,
    kind: 'socval-register-extract',
    wanted: sortedWants(wants),
    sources: [],
    companies: [],
    charities: [],
    scottishCharities: [],
    societies: [],
  };
  const ordered = READ_ORDER.flatMap((kind) => inputs.filter((input) => input.register === kind));
  for (const input of ordered) {
    const source = extract.sources.length;
    let rowsRead = 0;
    let extractDate: string | undefined;
    const read = <K extends RegisterKind>(kind: K, keep: (row: RegisterRecordOf[K]) => boolean) =>
      readRegisterRecords(kind, input.name, input.bytes, (row) => {
        rowsRead++;
        extractDate ??= extractDateOf(row);
        return keep(row);
      });
    let rowsKept = 0;
    switch (input.register) {
      case 'charity-commission':
        rowsKept = await keepRows(
          read(
            'charity-commission',
            (charity) =>
              filter.charityNumbers.has(charity.charityNumber) ||
              filter.charityNumbers.has(`${charity.charityNumber}-${charity.linkedCharityNumber}`) ||
              (charity.companyNumber !== undefined && filter.companyNumbers.has(charity.companyNumber)) ||
              filter.keepsName(charity.nameKey, charity.postcode),
          ),
          source,
          extract.charities,
        );
        break;
      case 'oscr':
        rowsKept = await keepRows(
          read(
            'oscr',
            (charity) =>
              filter.charityNumbers.has(charity.charityNumber) ||
              filter.keepsName(charity.nameKey, charity.postcode) ||
              (charity.knownAs !== undefined &&
                filter.keepsName(normaliseSupplierName(charity.knownAs), charity.postcode)),
          ),
          source,
          extract.scottishCharities,
        );
        break;
      case 'fca-mutuals':
        rowsKept = await keepRows(
          read('fca-mutuals', (society) => {
            const digits = societyDigits(society.registrationNumber);
            return (
              (digits !== undefined && filter.societyDigits.has(digits)) ||
              filter.keepsName(society.nameKey, society.postcode)
            );
          }),
          source,
          extract.societies,
        );
        break;
      case 'companies-house':
        rowsKept = await keepRows(
          read(
            'companies-house',
            (company) =>
              filter.companyNumbers.has(company.companyNumber) ||
              filter.keepsName(company.nameKey, company.postcode) ||
              company.previousNames.some((old) => filter.names.has(registerNameKey(old))),
          ),
          source,
          extract.companies,
        );
        break;
    }
    // What the charities kept say about other registers: their companies, and the societies of companies wanted.
    for (const charity of extract.charities) {
      if (charity.companyNumber !== undefined) filter.companyNumbers.add(charity.companyNumber);
    }
    const sha256 = input.sha256?.();
    extract.sources.push({
      file: input.name,
      register: input.register,
      ...(sha256 === undefined ? {} : { sha256 }),
      ...(input.size === undefined ? {} : { bytes: input.size }),
      ...datingOf(input.register, input.name, extractDate),
      ...(input.modified === undefined ? {} : { modified: input.modified }),
      rowsRead,
      rowsKept,
    });
  }
  return extract;
}

function sortedWants(wants: RegisterWants): RegisterWants {
  const sorted = (values: readonly string[]) => [...new Set(values)].sort();
  return {
    companyNumbers: sorted(wants.companyNumbers),
    charityNumbers: sorted(wants.charityNumbers),
    names: sorted(wants.names),
    places: sorted(wants.places),
  };
}

/** The wanted keys an extract was not built for (all empty when it covers them). */
export function findUncoveredWants(extract: RegisterExtract, wants: RegisterWants): RegisterWants {
  const missing = (have: readonly string[], want: readonly string[]) => {
    const set = new Set(have);
    return [...new Set(want)].filter((key) => !set.has(key)).sort();
  };
  return {
    companyNumbers: missing(extract.wanted.companyNumbers, wants.companyNumbers),
    charityNumbers: missing(extract.wanted.charityNumbers, wants.charityNumbers),
    names: missing(extract.wanted.names, wants.names),
    places: missing(extract.wanted.places, wants.places),
  };
}

/** `3 company numbers (01234567, …), 12 names ("acme widgets", …)`, or `undefined` when nothing is missing. */
export function describeUncoveredWants(missing: RegisterWants): string | undefined {
  const part = (values: readonly string[], what: string, quote: boolean) => {
    if (values.length === 0) return undefined;
    const shown = values.slice(0, 3).map((value) => (quote ? `"${value}"` : value));
    return `${values.length} ${what} (${shown.join(', ')}${values.length > 3 ? ', …' : ''})`;
  };
  const parts = [
    part(
      missing.companyNumbers,
      missing.companyNumbers.length === 1 ? 'company number' : 'company numbers',
      false,
    ),
    part(
      missing.charityNumbers,
      missing.charityNumbers.length === 1 ? 'charity number' : 'charity numbers',
      false,
    ),
    part(missing.names, missing.names.length === 1 ? 'supplier name' : 'supplier names', true),
    part(missing.places, missing.places.length === 1 ? 'postcode' : 'postcodes', true),
  ].filter((text) => text !== undefined);
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** `parsed` as a register extract, or the zod issues that say why it is not one. */
export function parseRegisterExtract(
  parsed: unknown,
): { ok: true; extract: RegisterExtract } | { ok: false; problems: string[] } {
  const result = RegisterExtractSchema.safeParse(parsed);
  if (result.success) return { ok: true, extract: result.data };
  return {
    ok: false,
    problems: result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`),
  };
}

/** The postcodes of every row in an extract, for keeping them from an ONS postcode lookup. */
export function collectExtractPostcodes(extract: RegisterExtract): string[] {
  return [...extract.companies, ...extract.charities, ...extract.scottishCharities, ...extract.societies]
    .map((row) => row.postcode)
    .filter((postcode) => postcode !== undefined);
}
