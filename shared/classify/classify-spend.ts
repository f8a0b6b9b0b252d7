import { normaliseCompanyNumber } from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import { normalisePostcode } from '../suppliers/postcode.ts';
import type { ClassificationConfig, ClassifiedSupplier, LedgerLine, SupplierRecord } from '../types.ts';
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

/** Display name of the one group all withheld payees go to. */
export const REDACTED_NAME = 'Redacted / individual payees';

interface SupplierGroup {
  match: SupplierMatch;
  /** The ledger's spellings, first seen first. */
  names: string[];
  postcodes: KnownPostcode[];
  companyNumbers: KnownCompanyNumber[];
}

/**
 * Matches every ledger line to a supplier and classifies each supplier as local, SME and VCSE with
 * the evidence for each decision. `supplierKeys[i]` is the key of the supplier of `lines[i]`;
 * suppliers come in the order their first line appears.
 *
 * @example
 * const { suppliers, supplierKeys } = classifySpend(lines, reference.records, {
 *   locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.86,
 * });
 */
export function classifySpend(
  lines: readonly LedgerLine[],
  reference: readonly SupplierRecord[],
  config: ClassificationConfig,
): { suppliers: ClassifiedSupplier[]; supplierKeys: string[] } {
  checkConfig(config);
  const index = indexSupplierReference(reference);
  const groups = new Map<string, SupplierGroup>();
  const supplierKeys: string[] = [];
  const normalised = new Map<string, string>();
  const normaliseName = (name: string): string => {
    let normal = normalised.get(name);
    if (normal === undefined) {
      normal = normaliseSupplierName(name);
      normalised.set(name, normal);
    }
    return normal;
  };

  for (const line of lines) {
    const match = matchLedgerLine(line, index, normaliseName);
    supplierKeys.push(match.key);
    let group = groups.get(match.key);
    if (group === undefined) {
      group = { match, names: [], postcodes: [], companyNumbers: [] };
      if (match.record) addReferenceFacts(group, match.record);
      groups.set(match.key, group);
    }
    if (line.redacted) continue;
    if (!group.names.includes(line.supplier)) group.names.push(line.supplier);
    const postcode = line.postcode === undefined ? undefined : normalisePostcode(line.postcode);
    if (postcode !== undefined && !group.postcodes.some((known) => known.postcode === postcode)) {
      group.postcodes.push({ postcode, source: `ledger line ${line.line} of ${line.file}` });
    }
    const companyNumber =
      line.companyNumber === undefined ? undefined : normaliseCompanyNumber(line.companyNumber);
    if (
      companyNumber !== undefined &&
      !group.companyNumbers.some((known) => known.companyNumber === companyNumber)
    ) {
      group.companyNumbers.push({ companyNumber, source: `ledger line ${line.line} of ${line.file}` });
    }
  }

  const locality = prepareLocality(config.locality);
  const suppliers = [...groups.entries()].map(([key, group]): ClassifiedSupplier => {
    if (key === REDACTED_KEY) return classifyRedacted();
    const record = group.match.record;
    const supplier: ClassifiedSupplier = {
      key,
      name: record?.name ?? group.names[0] ?? '',
      matchedBy: group.match.matchedBy,
      local: decideLocal(group.postcodes, locality, config.postcodeLookup),
      sme: decideSme(record, config.smeDefinition, config.eurToGbp),
      vcse: decideVcse({
        record,
        names: record ? [record.name, ...group.names.filter((name) => name !== record.name)] : group.names,
        companyNumbers: group.companyNumbers,
      }),
    };
    if (record) supplier.reference = record;
    return supplier;
  });
  return { suppliers, supplierKeys };
}

/** Head office and branches first, so evidence cites the reference before ledger lines. */
function addReferenceFacts(group: SupplierGroup, record: SupplierRecord): void {
  const where = `supplier reference line ${record.line}`;
  const add = (raw: string, source: string) => {
    const postcode = normalisePostcode(raw);
    if (postcode !== undefined && !group.postcodes.some((known) => known.postcode === postcode)) {
      group.postcodes.push({ postcode, source });
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
