import { formatPounds } from '../money/format-pence.ts';
import type { CategoryDecision, Decision, Evidence, Pence, SmeDefinition, SupplierRecord } from '../types.ts';
import { describePublicBody, recognisePublicBody } from './public-body.ts';
import { type RegisterFacts, readSmeFromRegisters, registerNotes } from './register-facts.ts';

/** Three-valued truth: `undefined` when the facts do not say. */
type Truth = boolean | undefined;

/** The limits of one SME definition, in pence. */
export interface SmeLimits {
  definition: SmeDefinition;
  /** `Procurement Act 2023 s.123`, … */
  label: string;
  /** Fewer than this many staff. */
  staffBelow: number;
  turnoverAtMost: Pence;
  balanceSheetAtMost: Pence;
  /** How the money limits are written, e.g. `£44m` or `€50m (£43,000,000.00 at £0.86 per euro)`. */
  turnoverLimit: string;
  balanceSheetLimit: string;
}

/**
 * The limits of an SME definition. Euro limits are converted at `eurToGbp` (GBP per EUR) and
 * rounded down to whole pence, so a figure exactly at the converted limit still meets it.
 */
export function describeSmeLimits(definition: SmeDefinition, eurToGbp: number): SmeLimits {
  if (definition === 'eu-2003-361') {
    const turnover = Math.floor(50_000_000 * 100 * eurToGbp + 1e-6);
    const balance = Math.floor(43_000_000 * 100 * eurToGbp + 1e-6);
    return {
      definition,
      label: 'EU Recommendation 2003/361',
      staffBelow: 250,
      turnoverAtMost: turnover,
      balanceSheetAtMost: balance,
      turnoverLimit: `€50m (${formatPounds(turnover)} at £${eurToGbp} per euro)`,
      balanceSheetLimit: `€43m (${formatPounds(balance)} at £${eurToGbp} per euro)`,
    };
  }
  return {
    definition,
    label: 'Procurement Act 2023 s.123',
    staffBelow: 250,
    turnoverAtMost: 44_000_000_00,
    balanceSheetAtMost: 38_000_000_00,
    turnoverLimit: '£44m',
    balanceSheetLimit: '£38m',
  };
}

/** What the facts say under the limits, with one evidence sentence per fact stated. */
function assessFacts(record: SupplierRecord | undefined, limits: SmeLimits) {
  const { staffBelow } = limits;
  const facts: Evidence[] = [];
  const rule = limits.definition;
  let staff: Truth;
  if (record?.employees !== undefined) {
    staff = record.employees < staffBelow;
    facts.push({
      rule,
      detail: `${record.employees} staff is ${staff ? '' : 'not '}fewer than ${staffBelow}`,
    });
  }
  let turnover: Truth;
  if (record?.turnover !== undefined) {
    turnover = record.turnover <= limits.turnoverAtMost;
    facts.push({
      rule,
      detail: `turnover ${formatPounds(record.turnover)} is ${turnover ? 'at most' : 'above'} ${limits.turnoverLimit}`,
    });
  }
  let balance: Truth;
  if (record?.balanceSheet !== undefined) {
    balance = record.balanceSheet <= limits.balanceSheetAtMost;
    facts.push({
      rule,
      detail: `balance sheet total ${formatPounds(record.balanceSheet)} is ${balance ? 'at most' : 'above'} ${limits.balanceSheetLimit}`,
    });
  }
  const money: Truth =
    turnover === true || balance === true
      ? true
      : turnover === false && balance === false
        ? false
        : undefined;
  const sme: Truth =
    staff === false || money === false ? false : staff === true && money === true ? true : undefined;
  return { staff, turnover, balance, money, sme, facts };
}

const asDecision = (truth: Truth): Decision => (truth === undefined ? 'unknown' : truth ? 'yes' : 'no');

/**
 * SME: fewer than 250 staff AND (turnover or balance sheet total within the limit), decided from
 * whatever facts are known (three-valued). The trust's own SME Y/N wins over the figures, both ways.
 * When neither decides and the supplier is matched to the open registers, a proxy may
 * ({@link readSmeFromRegisters}): labelled `proxy: true` with its basis. Last, a public body
 * recognised from the form of its name ({@link recognisePublicBody}) is not an SME, by proxy —
 * except a parish or town council, which can be small. `names` are the supplier's names (the
 * reference name first, then the ledger's spellings); without them, the reference name.
 *
 * @example
 * decideSme({ line: 2, name: 'Acme Ltd', branchPostcodes: [], employees: 10, balanceSheet: 100_000_000 }, 'procurement-act-2023', 0.86)
 * // → { decision: 'yes', evidence: [ …'10 staff is fewer than 250', …'balance sheet total £1,000,000.00 is at most £38m', … ] }
 */
export function decideSme(
  record: SupplierRecord | undefined,
  definition: SmeDefinition,
  eurToGbp: number,
  registers?: RegisterFacts,
  names: readonly string[] = record === undefined ? [] : [record.name],
): CategoryDecision {
  const limits = describeSmeLimits(definition, eurToGbp);
  const publicBody = readSmeFromPublicBody(names);
  const assessed = assessFacts(record, limits);
  const fromRegisters = () =>
    registers === undefined ? { notes: [] } : readSmeFromRegisters(registers, limits);

  if (record?.sme !== undefined) {
    const evidence: Evidence[] = [
      {
        rule: 'self-declared',
        detail: `the trust's supplier reference (line ${record.line}) says SME: ${record.sme ? 'Y' : 'N'}`,
      },
    ];
    if (assessed.sme !== undefined && assessed.sme !== record.sme) {
      evidence.push({
        rule: limits.definition,
        detail: `for information: the figures given would make it ${assessed.sme ? 'an SME' : 'not an SME'} under ${limits.label}; the trust's Y/N is used`,
      });
    }
    return { decision: record.sme ? 'yes' : 'no', basis: 'self-declared', proxy: false, evidence };
  }

  if (record === undefined) {
    const reading = fromRegisters();
    if (reading.decision !== undefined) return reading.decision;
    if (publicBody.decision !== undefined) {
      return {
        ...publicBody.decision,
        evidence: [...publicBody.decision.evidence, ...registerNotes(registers, reading.notes)],
      };
    }
    return {
      decision: 'unknown',
      evidence: [
        {
          rule: 'no-reference',
          detail:
            'no supplier reference record matches this supplier: add it with Employees and Turnover GBP or Balance Sheet GBP, or with SME Y/N',
        },
        ...publicBody.notes,
        ...registerNotes(registers, reading.notes),
      ],
    };
  }

  const byFigures: Evidence[] = [
    ...assessed.facts,
    { rule: limits.definition, detail: conclude(assessed, limits) },
  ];
  if (assessed.sme !== undefined) {
    return { decision: asDecision(assessed.sme), basis: 'figures', proxy: false, evidence: byFigures };
  }
  const reading = fromRegisters();
  if (reading.decision !== undefined) {
    return { ...reading.decision, evidence: [...assessed.facts, ...reading.decision.evidence] };
  }
  if (publicBody.decision !== undefined) {
    return {
      ...publicBody.decision,
      evidence: [
        ...assessed.facts,
        ...publicBody.decision.evidence,
        ...registerNotes(registers, reading.notes),
      ],
    };
  }
  return {
    decision: 'unknown',
    missing: `${missingSizeFacts(assessed)}, or SME Y/N`,
    evidence: [...byFigures, ...publicBody.notes, ...registerNotes(registers, reading.notes)],
  };
}

/**
 * Size by proxy from a public body's name: NHS bodies, councils, central government, police and
 * fire are not SMEs (the type of body decides, not its own staff and turnover); a parish or town
 * council decides nothing, only a note.
 */
function readSmeFromPublicBody(names: readonly string[]): { decision?: CategoryDecision; notes: Evidence[] } {
  const body = recognisePublicBody(names);
  if (body === undefined) return { notes: [] };
  if (!body.notSme) {
    return {
      notes: [
        {
          rule: 'public-body',
          detail: `${describePublicBody(body)}, but parish and town councils can be small: its name does not decide its size`,
        },
      ],
    };
  }
  return {
    decision: {
      decision: 'no',
      basis: 'public-body',
      proxy: true,
      evidence: [
        {
          rule: 'public-body',
          detail: `${describePublicBody(body)}: not an SME by proxy (the type of body, not its own staff and turnover, decides)`,
        },
      ],
    },
    notes: [],
  };
}

function conclude(assessed: ReturnType<typeof assessFacts>, limits: SmeLimits): string {
  const { label, staffBelow } = limits;
  if (assessed.sme === true) {
    const within = assessed.turnover === true ? 'turnover' : 'balance sheet total';
    return `an SME under ${label}: fewer than ${staffBelow} staff and ${within} within the limit`;
  }
  if (assessed.sme === false) {
    const reasons: string[] = [];
    if (assessed.staff === false) reasons.push(`${staffBelow} or more staff`);
    if (assessed.money === false) reasons.push('both turnover and balance sheet total above the limits');
    return `not an SME under ${label}: ${reasons.join(', and ')}`;
  }
  return `the figures given cannot decide SME status under ${label}: add ${missingSizeFacts(assessed)} (or SME Y/N) to the supplier reference`;
}

/** The supplier reference's columns whose figures would decide a size the figures given leave open. */
function missingSizeFacts(assessed: ReturnType<typeof assessFacts>): string {
  const missing: string[] = [];
  if (assessed.staff === undefined) missing.push('Employees');
  if (assessed.money === undefined) {
    if (assessed.turnover === undefined && assessed.balance === undefined)
      missing.push('Turnover GBP or Balance Sheet GBP');
    else if (assessed.turnover === undefined) missing.push('Turnover GBP');
    else missing.push('Balance Sheet GBP');
  }
  return missing.join(' and ');
}
