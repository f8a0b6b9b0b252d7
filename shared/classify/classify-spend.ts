import type { SupplierCodes } from '../curated/line-table.ts';
import {
  indexRegisterExtract,
  matchSupplierToRegisters,
  type SupplierIdentity,
} from '../registers/match-registers.ts';
import { normaliseCharityNumber } from '../suppliers/charity-number.ts';
import { normaliseCompanyNumber } from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { normalisePostcode } from '../suppliers/postcode.ts';
import type {
  ClassificationConfig,
  ClassifiedSupplier,
  LedgerLine,
  LedgerLines,
  SupplierRecord,
} from '../types.ts';
import { ClassificationConfigError } from './classification-config-error.ts';
import { decideLocal, type KnownPostcode, prepareLocality } from './decide-local.ts';
import { decideSme } from './decide-sme.ts';
import { decideVcse, type KnownCompanyNumber } from './decide-vcse.ts';
import {
  indexSupplierReference,
  matchLedgerLine,
  REDACTED_KEY,
  type SupplierMatch,
} from './match-supplier.ts';
import { findRegisterHeadOffice, type RegisterFacts } from './register-facts.ts';

/** Display name of the one group all withheld payees go to. */
export const REDACTED_NAME = 'Redacted / individual payees';

/** The ledger lines of one supplier, and what they and its reference record say about it. */
export interface SupplierGroup {
  match: SupplierMatch;
  /** The ledger's spellings, first seen first. */
  names: string[];
  postcodes: KnownPostcode[];
  companyNumbers: KnownCompanyNumber[];
}

/**
 * Values by an optional string key, the absent key kept apart: V8 looks `undefined` up in a Map far more
 * slowly than a string.
 */
interface ByOptional<V> {
  absent?: V;
  present?: Map<string, V>;
}

function lookUp<V>(values: ByOptional<V>, key: string | undefined): V | undefined {
  return key === undefined ? values.absent : values.present?.get(key);
}

function remember<V>(values: ByOptional<V>, key: string | undefined, value: V): V {
  if (key === undefined) {
    values.absent = value;
    return value;
  }
  values.present ??= new Map();
  values.present.set(key, value);
  return value;
}

/**
 * Per distinct supplier spelling: the group of its lines with no ID, company number or postcode (-1 until
 * one is seen), and by ID, company number and postcode, the group of the others.
 */
type GroupsSeen = Map<string, { plain: number; others: ByOptional<ByOptional<ByOptional<number>>> }>;

/**
 * Groups ledger lines by supplier (see {@link matchLedgerLine}), collecting each supplier's ledger
 * spellings, postcodes and company numbers after its reference record's. `supplierIndexes[i]` is the
 * position (in `groups`' order) of the i-th line's supplier; groups come in the order their first line
 * appears. A line is matched only when its supplier, ID, company number and postcode have not been seen
 * together before: every later such line adds nothing new to its group.
 */
export function groupSupplierLines(
  lines: LedgerLines & Partial<SupplierCodes>,
  reference: readonly SupplierRecord[],
): { groups: Map<string, SupplierGroup>; supplierIndexes: Int32Array } {
  const index = indexSupplierReference(reference);
  const groups = new Map<string, SupplierGroup>();
  const positions = new Map<string, number>();
  const supplierIndexes = new Int32Array(lines.length);
  const normalised = new Map<string, string>();
  const normaliseName = (name: string): string => {
    let normal = normalised.get(name);
    if (normal === undefined) {
      normal = normaliseSupplierName(name);
      normalised.set(name, normal);
    }
    return normal;
  };

  const addLine = (line: LedgerLine): number => {
    const match = matchLedgerLine(line, index, normaliseName);
    let group = groups.get(match.key);
    if (group === undefined) {
      group = { match, names: [], postcodes: [], companyNumbers: [] };
      if (match.record) addReferenceFacts(group, match.record);
      groups.set(match.key, group);
      positions.set(match.key, positions.size);
    }
    const position = positions.get(match.key) as number;
    if (line.redacted) return position;
    if (!group.names.includes(line.supplier)) group.names.push(line.supplier);
    const postcode = line.postcode === undefined ? undefined : normalisePostcode(line.postcode);
    if (postcode !== undefined && !group.postcodes.some((known) => known.postcode === postcode)) {
      group.postcodes.push({ postcode, source: `ledger line ${line.line} of ${line.file}`, kind: 'ledger' });
    }
    const companyNumber =
      line.companyNumber === undefined ? undefined : normaliseCompanyNumber(line.companyNumber);
    if (
      companyNumber !== undefined &&
      !group.companyNumbers.some((known) => known.companyNumber === companyNumber)
    ) {
      group.companyNumbers.push({ companyNumber, source: `ledger line ${line.line} of ${line.file}` });
    }
    return position;
  };

  if (
    lines.forEachSupplierCode &&
    lines.strings &&
    groupByCodes(lines as SupplierCodes, supplierIndexes, addLine)
  ) {
    return { groups, supplierIndexes };
  }
  const seen: GroupsSeen = new Map();
  let redacted = -1;
  let at = 0;
  for (const line of lines) {
    if (line.redacted) {
      if (redacted === -1) redacted = addLine(line);
      supplierIndexes[at++] = redacted;
      continue;
    }
    let spelling = seen.get(line.supplier);
    if (spelling === undefined) {
      spelling = { plain: -1, others: {} };
      seen.set(line.supplier, spelling);
    }
    if (line.supplierId === undefined && line.companyNumber === undefined && line.postcode === undefined) {
      if (spelling.plain === -1) spelling.plain = addLine(line);
      supplierIndexes[at++] = spelling.plain;
      continue;
    }
    const byId = spelling.others;
    const byCompany = lookUp(byId, line.supplierId) ?? remember(byId, line.supplierId, {});
    const byPostcode = lookUp(byCompany, line.companyNumber) ?? remember(byCompany, line.companyNumber, {});
    supplierIndexes[at++] =
      lookUp(byPostcode, line.postcode) ?? remember(byPostcode, line.postcode, addLine(line));
  }
  return { groups, supplierIndexes };
}

/**
 * {@link groupSupplierLines}' memo by the codes of a supplier's four fields rather than their strings, for
 * lines held in `LineTable`s: the same groups in the same order, as equal strings have equal codes, with
 * no line built but the first of each. False, doing nothing, when the codes cannot make one exact key.
 */
function groupByCodes(
  lines: SupplierCodes,
  supplierIndexes: Int32Array,
  addLine: (line: LedgerLine) => number,
): boolean {
  const { strings } = lines;
  const ids = strings.supplierId.size + 1;
  const companies = strings.companyNumber.size + 1;
  const postcodes = strings.postcode.size + 1;
  if ((strings.supplier.size + 1) * ids * companies * postcodes > Number.MAX_SAFE_INTEGER) return false;
  /** Per supplier spelling: the group of its lines with no ID, company number or postcode (-1: none yet). */
  const plain = new Int32Array(strings.supplier.size + 1).fill(-1);
  const others = new Map<number, number>();
  let redacted = -1;
  let position = 0;
  lines.forEachSupplierCode((table, at, supplier, supplierId, companyNumber, postcode, isRedacted) => {
    if (isRedacted) {
      if (redacted === -1) redacted = addLine(table.at(at) as LedgerLine);
      supplierIndexes[position++] = redacted;
      return;
    }
    if (supplierId === 0 && companyNumber === 0 && postcode === 0) {
      let group = plain[supplier] as number;
      if (group === -1) {
        group = addLine(table.at(at) as LedgerLine);
        plain[supplier] = group;
      }
      supplierIndexes[position++] = group;
      return;
    }
    const key = ((supplier * ids + supplierId) * companies + companyNumber) * postcodes + postcode;
    let group = others.get(key);
    if (group === undefined) {
      group = addLine(table.at(at) as LedgerLine);
      others.set(key, group);
    }
    supplierIndexes[position++] = group;
  });
  return true;
}

/** What a supplier group is known by, for matching it to the registers: the reference name first. */
export function describeSupplierIdentity(group: SupplierGroup): SupplierIdentity {
  const record = group.match.record;
  const charityNumber =
    record?.charityNumber === undefined ? undefined : normaliseCharityNumber(record.charityNumber);
  return {
    names: supplierNames(group),
    companyNumbers: group.companyNumbers,
    charityNumbers:
      charityNumber === undefined || record === undefined
        ? []
        : [{ charityNumber, source: `supplier reference line ${record.line}` }],
    postcodes: group.postcodes,
  };
}

function supplierNames(group: SupplierGroup): string[] {
  const record = group.match.record;
  return record ? [record.name, ...group.names.filter((name) => name !== record.name)] : group.names;
}

/**
 * Matches every ledger line to a supplier and classifies each supplier as local, SME and VCSE with
 * the evidence for each decision. `suppliers[supplierIndexes[i]]` is the supplier of the i-th line;
 * suppliers come in the order their first line appears.
 *
 * @example
 * const { suppliers, supplierIndexes } = classifySpend(lines, reference.records, {
 *   locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.86,
 * });
 */
export function classifySpend(
  lines: LedgerLines,
  reference: readonly SupplierRecord[],
  config: ClassificationConfig,
): { suppliers: ClassifiedSupplier[]; supplierIndexes: Int32Array } {
  checkConfig(config);
  const { groups, supplierIndexes } = groupSupplierLines(lines, reference);
  const registers = config.registers === undefined ? undefined : indexRegisterExtract(config.registers);

  const locality = prepareLocality(config.locality);
  const suppliers = [...groups.entries()].map(([key, group]): ClassifiedSupplier => {
    if (key === REDACTED_KEY) return classifyRedacted();
    const record = group.match.record;
    const facts =
      registers === undefined
        ? undefined
        : { index: registers, match: matchSupplierToRegisters(describeSupplierIdentity(group), registers) };
    const supplier: ClassifiedSupplier = {
      key,
      name: record?.name ?? group.names[0] ?? '',
      matchedBy: group.match.matchedBy,
      local: decideLocal(withRegisterHeadOffice(group, facts), locality, config.postcodeLookup),
      sme: decideSme(record, config.smeDefinition, config.eurToGbp, facts, supplierNames(group)),
      vcse: decideVcse({
        record,
        names: supplierNames(group),
        companyNumbers: group.companyNumbers,
        registers: facts,
        cooperativesAreVcse: config.cooperativesAreVcse,
      }),
    };
    if (record) supplier.reference = record;
    if (facts) supplier.registers = facts.match;
    compactEvidence(supplier);
    return supplier;
  });
  return { suppliers, supplierIndexes };
}

/**
 * The supplier's evidence lists copied to arrays of their own length, changing nothing they say: built by
 * `filter`, `push` or spreading, one holds room for about 8 to 17 items, most of them empty (for 1 to 3
 * items: 65 bytes rather than 190), and a report holds 20,000 suppliers' evidence until it is rendered.
 */
function compactEvidence(supplier: ClassifiedSupplier): void {
  for (const decision of [supplier.local, supplier.sme, supplier.vcse]) {
    decision.evidence = decision.evidence.slice();
  }
}

/**
 * The supplier's postcodes, with the head office the registers give (after the reference's
 * branches, before the ledger's) when the reference gives no head office.
 */
function withRegisterHeadOffice(group: SupplierGroup, facts: RegisterFacts | undefined): KnownPostcode[] {
  if (facts === undefined || group.match.record?.postcode !== undefined) return group.postcodes;
  const office = findRegisterHeadOffice(facts);
  if (office === undefined) return group.postcodes;
  const others = group.postcodes.filter((known) => known.postcode !== office.postcode);
  const fromReference = others.filter((known) => (known.kind ?? 'reference') === 'reference');
  return [...fromReference, office, ...others.filter((known) => (known.kind ?? 'reference') !== 'reference')];
}

/** Head office and branches first, so evidence cites the reference before ledger lines. */
function addReferenceFacts(group: SupplierGroup, record: SupplierRecord): void {
  const where = `supplier reference line ${record.line}`;
  const add = (raw: string, source: string) => {
    const postcode = normalisePostcode(raw);
    if (postcode !== undefined && !group.postcodes.some((known) => known.postcode === postcode)) {
      group.postcodes.push({ postcode, source, kind: 'reference' });
    }
  };
  if (record.postcode !== undefined) add(record.postcode, `head office (${where})`);
  for (const branch of record.branchPostcodes) add(branch, `branch (${where})`);
  const companyNumber =
    record.companyNumber === undefined ? undefined : normaliseCompanyNumber(record.companyNumber);
  if (companyNumber !== undefined) group.companyNumbers.push({ companyNumber, source: where });
}

function classifyRedacted(): ClassifiedSupplier {
  const withheld = () => ({
    decision: 'unknown' as const,
    evidence: [{ rule: 'redacted', detail: 'payee withheld; counts in totals only' }],
  });
  return {
    key: REDACTED_KEY,
    name: REDACTED_NAME,
    matchedBy: 'redacted',
    local: withheld(),
    sme: withheld(),
    vcse: withheld(),
  };
}

function checkConfig(config: ClassificationConfig): void {
  if (config.smeDefinition === 'eu-2003-361' && !(Number.isFinite(config.eurToGbp) && config.eurToGbp > 0)) {
    throw new ClassificationConfigError(
      `the EU 2003/361 SME definition needs a euro exchange rate: set eurToGbp to the pounds per euro to use (e.g. 0.86), not ${config.eurToGbp}`,
    );
  }
  if (config.locality.districtCodes.length === 0) {
    throw new ClassificationConfigError(
      `locality "${config.locality.name}" lists no local authority district codes: give at least one ONS code such as E07000110`,
    );
  }
}
