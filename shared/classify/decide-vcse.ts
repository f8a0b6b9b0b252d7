import { charityRegisterOf, describeCharityRegister } from '../suppliers/charity-number.ts';
import {
  companyNumberPrefix,
  describeCompanyNumber,
  isRegisteredSocietyNumber,
} from '../suppliers/company-number.ts';
import { normaliseSupplierName } from '../suppliers/normalise-name.ts';
import type { CategoryDecision, Evidence, SupplierRecord, VcseBasis } from '../types.ts';
import { describePublicBody, recognisePublicBody } from './public-body.ts';
import { type RegisterFacts, readVcseFromRegisters, registerNotes } from './register-facts.ts';

/** A company number and where it was read, e.g. `supplier reference line 4` or `ledger line 12 of april.csv`. */
export interface KnownCompanyNumber {
  companyNumber: string;
  source: string;
}

export interface VcseFacts {
  record?: SupplierRecord | undefined;
  /** Names the supplier goes by: the reference name and the ledger's spellings. */
  names: readonly string[];
  companyNumbers: readonly KnownCompanyNumber[];
  /** The supplier's match to the open registers, when registers were given. */
  registers?: RegisterFacts | undefined;
  /** Count a registered co-operative society as VCSE (default false). */
  cooperativesAreVcse?: boolean | undefined;
}

/** The basis a marker in the trust's own data gives, by its evidence rule. */
const MARKER_BASIS: Readonly<Record<string, VcseBasis>> = {
  'charity-number': 'charity-number',
  'cio-number': 'cio-number',
  'registered-society': 'society-number',
  'cic-name': 'cic-name',
};

/** Charitable incorporated organisations (England and Wales; Scotland). */
const CIO_PREFIXES = new Set(['CE', 'CS']);
/** Limited liability partnerships: an LLP must carry on business with a view to profit (LLP Act 2000 s.2). */
const LLP_PREFIXES = new Set(['OC', 'SO', 'NC']);

/** Evidence that the supplier is a VCSE form: charity number, CIO or society number, CIC name. */
function findVcseMarkers(facts: VcseFacts): Evidence[] {
  const markers: Evidence[] = [];
  const { record } = facts;
  if (record?.charityNumber !== undefined) {
    const register = describeCharityRegister(charityRegisterOf(record.charityNumber));
    markers.push({
      rule: 'charity-number',
      detail: `registered charity ${record.charityNumber} (${register}), from supplier reference line ${record.line}`,
    });
  }
  for (const { companyNumber, source } of facts.companyNumbers) {
    if (CIO_PREFIXES.has(companyNumberPrefix(companyNumber) ?? '')) {
      markers.push({
        rule: 'cio-number',
        detail: `company number ${companyNumber} (${source}) is a ${describeCompanyNumber(companyNumber)}`,
      });
    } else if (isRegisteredSocietyNumber(companyNumber)) {
      markers.push({
        rule: 'registered-society',
        detail: `company number ${companyNumber} (${source}) is a ${describeCompanyNumber(companyNumber)}`,
      });
    }
  }
  for (const name of facts.names) {
    if (isCicName(name)) {
      markers.push({
        rule: 'cic-name',
        detail: `the name "${name}" ends with CIC: a community interest company`,
      });
    }
  }
  return markers;
}

/** True when the name ends `CIC` or `Community Interest Company` (also `C.I.C.`, `C. I. C.`, `(CIC)`, the Welsh form). */
export function isCicName(name: string): boolean {
  const normal = normaliseSupplierName(name);
  return /(^|[\s(])c ?i ?c\)?$/.test(normal) || /(^|\s)cwmni buddiant cymunedol\)?$/.test(normal);
}

/** Evidence that the supplier has a legal form that cannot be a VCSE (LLP, PLC). */
function findForProfitForm(facts: VcseFacts): Evidence | undefined {
  for (const { companyNumber, source } of facts.companyNumbers) {
    if (LLP_PREFIXES.has(companyNumberPrefix(companyNumber) ?? '')) {
      return {
        rule: 'legal-form',
        detail:
          `company number ${companyNumber} (${source}) is a ${describeCompanyNumber(companyNumber)}, which must ` +
          'carry on business for profit: not a charity, CIO, CIC or registered society',
      };
    }
  }
  for (const name of facts.names) {
    const normal = normaliseSupplierName(name);
    if (/(^|\s)(llp|plc)$/.test(normal) && !normal.includes('community interest')) {
      const form = normal.endsWith('llp') ? 'a limited liability partnership' : 'a public limited company';
      return {
        rule: 'legal-form',
        detail: `the name "${name}" says it is ${form}, run for its members or shareholders: not a charity, CIO, CIC or registered society`,
      };
    }
  }
  return undefined;
}

/**
 * VCSE: the trust's own VCSE Y/N wins both ways; then, when the supplier is matched to the open
 * registers, what they say ({@link readVcseFromRegisters}); else yes for a registered charity number, a CIO
 * (`CE`/`CS`) or registered-society (`RS`/`IP`/`SP`/`NP`) company number, or a name ending CIC;
 * no for a public body recognised from the form of its name ({@link recognisePublicBody}) and when
 * the legal form cannot be a VCSE (an LLP, a PLC); otherwise unknown. A company limited by
 * guarantee alone is never enough — at most "possible VCSE" in the evidence.
 *
 * @example
 * decideVcse({ names: ['Kent Play C.I.C.'], companyNumbers: [] }).decision // → 'yes'
 */
export function decideVcse(facts: VcseFacts): CategoryDecision {
  const { record, registers } = facts;
  const markers = findVcseMarkers(facts);
  const reading =
    registers === undefined
      ? { notes: [], blocksMarkers: false }
      : readVcseFromRegisters(registers, facts.cooperativesAreVcse ?? false);

  if (record?.vcse !== undefined) {
    const evidence: Evidence[] = [
      {
        rule: 'self-declared',
        detail: `the trust's supplier reference (line ${record.line}) says VCSE: ${record.vcse ? 'Y' : 'N'}`,
      },
    ];
    if (!record.vcse) {
      const registerFacts =
        reading.decision?.decision === 'yes'
          ? reading.decision.evidence.filter((fact) => !fact.rule.startsWith('register-'))
          : [];
      for (const marker of [...markers, ...registerFacts]) {
        evidence.push({
          rule: marker.rule,
          detail: `for information: ${marker.detail}; the trust's N is used`,
        });
      }
    }
    return { decision: record.vcse ? 'yes' : 'no', basis: 'self-declared', proxy: false, evidence };
  }

  // A society number says only "registered society"; the FCA register says which kind, so it does not conflict.
  const conflicting =
    reading.decision?.decision === 'no'
      ? markers.filter(
          (marker) =>
            !(reading.decision?.basis === 'co-operative-society' && marker.rule === 'registered-society'),
        )
      : [];
  if (reading.decision !== undefined && conflicting.length > 0) {
    return {
      decision: 'unknown',
      evidence: [
        ...reading.decision.evidence,
        ...conflicting.map((marker) => ({
          rule: 'register-conflict',
          detail: `but ${marker.detail}: the registers and the trust's data disagree, so this is left for review`,
        })),
      ],
    };
  }
  if (reading.decision !== undefined) return reading.decision;
  const notes = registerNotes(registers, reading.notes);
  if (reading.blocksMarkers) {
    return {
      decision: 'unknown',
      evidence: [
        ...notes,
        ...markers.map((marker) => ({
          rule: marker.rule,
          detail: `not counted: ${marker.detail}, but the registers say the body does not count`,
        })),
      ],
    };
  }

  const marker = markers[0];
  if (marker !== undefined) {
    return {
      decision: 'yes',
      basis: MARKER_BASIS[marker.rule] ?? 'charity-number',
      proxy: false,
      evidence: [...markers, ...notes],
    };
  }

  const publicBody = recognisePublicBody(facts.names);
  if (publicBody !== undefined) {
    return {
      decision: 'no',
      basis: 'public-body',
      proxy: false,
      evidence: [
        { rule: 'public-body', detail: `${describePublicBody(publicBody)}: not a VCSE organisation` },
        ...notes,
      ],
    };
  }

  const forProfit = findForProfitForm(facts);
  if (forProfit !== undefined) {
    return { decision: 'no', basis: 'legal-form', proxy: false, evidence: [forProfit, ...notes] };
  }

  const evidence: Evidence[] = [
    record === undefined
      ? {
          rule: 'no-reference',
          detail:
            'no supplier reference record matches this supplier and its ledger lines show no charity, CIO, society or CIC marker: add it to the supplier reference with VCSE Y/N',
        }
      : {
          rule: 'no-vcse-marker',
          detail:
            `supplier reference line ${record.line} gives no VCSE Y/N, charity number, or CIO or society company number, ` +
            'and the name does not end in CIC: set VCSE to Y or N to decide',
        },
  ];
  const guarantee = facts.names.find((name) =>
    /(^|[\s(])ltd by guarantee\b/.test(normaliseSupplierName(name)),
  );
  evidence.push(...notes);
  if (guarantee !== undefined && !evidence.some((fact) => fact.rule === 'possible-vcse')) {
    evidence.push({
      rule: 'possible-vcse',
      detail:
        `the name "${guarantee}" says limited by guarantee: possibly VCSE for review, but a company limited by ` +
        'guarantee alone is not VCSE — check the charity registers and set VCSE Y/N',
    });
  }
  return { decision: 'unknown', evidence };
}
