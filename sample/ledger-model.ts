import type { IsoDate, Pence, YearMonth } from '../shared/types.ts';
import { daysInMonth, isoDate, parseYearMonth, weekday } from './calendar.ts';
import { hasColumn, layoutFor } from './layouts.ts';
import type { Random } from './random.ts';
import { EXPENSE_TYPES, type SampleSupplier, type UnmatchedPayee } from './suppliers.ts';

/** Who a ledger line paid: a reference supplier, a payee the reference does not know, or a withheld name. */
export type Party =
  | { kind: 'supplier'; supplier: SampleSupplier }
  | { kind: 'unmatched'; payee: UnmatchedPayee }
  | { kind: 'redacted'; label: string };

/** One spend line as the model knows it, before any layout writes it out. */
export interface SampleLine {
  month: YearMonth;
  date: IsoDate;
  day: number;
  party: Party;
  amount: Pence;
  expenseType: string;
  expenseArea: string;
  transaction: string;
  /** The Supplier Postcode cell, in layouts that have one. */
  postcode?: string;
  /** The supplier cell reads `NAME:01234567`. */
  showCompanyNumber: boolean;
}

const EXPENSE_AREAS = [
  'Maidstone Road Hospital - Theatres',
  'Emergency Department',
  'Estates & Facilities',
  'Finance Directorate',
  'Pharmacy',
  'Community Services - Ashford',
  'Community Services - Thanet',
  'Maternity',
  'Pathology',
  'ICT',
  'Workforce',
  'Trust-wide',
  'Critical Care',
  'Outpatients',
];

const LINES_PER_MONTH = { min: 80, max: 180 };
const CREDIT_NOTE_SHARE = 0.04;
const SPLIT_LINE_SHARE = 0.05;

export function partyName(party: Party): string {
  switch (party.kind) {
    case 'supplier':
      return party.supplier.name;
    case 'unmatched':
      return party.payee.name;
    case 'redacted':
      return party.label;
  }
}

/** A line before its transaction number is known; lines of one invoice split across expense areas share `invoice`. */
type DraftLine = Omit<SampleLine, 'transaction'> & { invoice: number };

/** Every month's lines, in payment-date order; each line is dated inside its own month. */
export function buildLedgerLines(
  random: Random,
  suppliers: readonly SampleSupplier[],
  unmatched: readonly UnmatchedPayee[],
  months: readonly YearMonth[],
): SampleLine[] {
  let sequence = 0;
  const lines: SampleLine[] = [];
  for (const month of months) {
    const calendar = parseYearMonth(month);
    const layout = layoutFor(month);
    const runDays = Array.from({ length: daysInMonth(calendar) }, (_, i) => i + 1).filter((day) =>
      [2, 4].includes(weekday(calendar, day)),
    );
    const lastRunDay = runDays.at(-1) ?? daysInMonth(calendar);

    const parties: Party[] = suppliers
      .filter((s) => s.everyMonth)
      .map((supplier) => ({ kind: 'supplier', supplier }));
    for (let i = random.int(1, 4); i > 0; i--) {
      parties.push({ kind: 'redacted', label: random.pick(layout.redactedLabels) });
    }
    for (let i = random.int(0, 3); i > 0; i--) {
      parties.push({ kind: 'unmatched', payee: random.pick(unmatched) });
    }
    const target = random.int(LINES_PER_MONTH.min, LINES_PER_MONTH.max);
    while (parties.length < target) {
      parties.push({ kind: 'supplier', supplier: random.pickWeighted(suppliers, (s) => s.weight) });
    }

    const drafts: DraftLine[] = [];
    parties.forEach((party, invoice) => {
      const day = random.pick(runDays);
      const base = { month, day, date: isoDate(calendar, day), party, invoice };
      if (party.kind === 'redacted') {
        drafts.push({
          ...base,
          amount: poundsToPence(random, random.int(300, 15_000)),
          expenseType: random.pick([
            'Patient Travel Reimbursement',
            'Compensation Payment',
            'Personal Services',
          ]),
          expenseArea: random.pick(EXPENSE_AREAS),
          showCompanyNumber: false,
        });
        return;
      }
      const supplier = party.kind === 'supplier' ? party.supplier : undefined;
      const category =
        supplier?.category ?? (party.kind === 'unmatched' ? party.payee.category : 'community');
      const credit = supplier !== undefined && random.chance(CREDIT_NOTE_SHARE);
      const pieces = supplier && random.chance(SPLIT_LINE_SHARE) ? 2 : 1;
      const showCompanyNumber =
        supplier?.companyNumber !== undefined && random.chance(layout.companyNumberShare);
      const postcode =
        supplier && hasColumn(layout, 'postcode') ? ledgerPostcode(random, supplier) : undefined;
      for (let piece = 0; piece < pieces; piece++) {
        const amount = amountFor(random, supplier?.typicalPounds ?? 1_500);
        drafts.push({
          ...base,
          amount: credit ? -Math.max(100, Math.round(amount * (0.1 + 0.5 * random.next()))) : amount,
          expenseType: random.pick(EXPENSE_TYPES[category]),
          expenseArea: random.pick(EXPENSE_AREAS),
          showCompanyNumber,
          ...(postcode === undefined ? {} : { postcode }),
        });
      }
    });

    // Every file needs a credit note, and a day above 12 so a numeric date's day/month order is decidable.
    const firstSupplierLine = drafts.find((line) => line.party.kind === 'supplier');
    if (firstSupplierLine && !drafts.some((line) => line.amount < 0)) {
      firstSupplierLine.amount = -Math.max(100, Math.round(firstSupplierLine.amount / 4));
    }
    if (!drafts.some((line) => line.day > 12)) {
      for (const line of drafts.filter((draft) => draft.invoice === 0)) {
        line.day = lastRunDay;
        line.date = isoDate(calendar, lastRunDay);
      }
    }

    drafts.sort(
      (a, b) => a.day - b.day || compareText(partyName(a.party), partyName(b.party)) || a.invoice - b.invoice,
    );
    const transactions = new Map<number, string>();
    for (const { invoice, ...line } of drafts) {
      let transaction = transactions.get(invoice);
      if (transaction === undefined) {
        transaction = layout.transactionId(sequence++);
        transactions.set(invoice, transaction);
      }
      lines.push({ ...line, transaction });
    }
  }
  return lines;
}

/** A Supplier Postcode cell: head office or a branch, tidied; ledger-only branches always show. */
function ledgerPostcode(random: Random, supplier: SampleSupplier): string | undefined {
  if (supplier.ledgerOnlyPostcodes.length > 0) return tidyPostcode(random.pick(supplier.ledgerOnlyPostcodes));
  const known = [supplier.postcode, ...supplier.branchPostcodes].filter((p): p is string => p !== undefined);
  if (known.length === 0 || random.chance(0.1)) return undefined;
  return tidyPostcode(random.pick(known));
}

/** Locale-independent order, so the bytes never depend on the machine. */
function compareText(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function tidyPostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

function amountFor(random: Random, typicalPounds: number): Pence {
  const pence = Math.max(100, Math.round(typicalPounds * Math.exp(random.normal() * 0.7) * 100));
  return random.chance(0.25) ? Math.round(pence / 100) * 100 : pence;
}

function poundsToPence(random: Random, pounds: number): Pence {
  return pounds * 100 + random.int(0, 99);
}
