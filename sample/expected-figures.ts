import type { Decision, FinancialYearLabel, Pence, YearMonth } from '../shared/types.ts';
import { financialYearOf, listMonths, monthOfFinancialYear } from './calendar.ts';
import { decideLocality, decideSme, decideVcse } from './ground-truth.ts';
import type { Party, SampleLine } from './ledger-model.ts';
import type { SampleSupplier } from './suppliers.ts';

/*
 * Definitions of the expected figures (default rules: Kent & Medway,
 * Procurement Act 2023 SME, VCSE as in ARCHITECTURE.md), per financial year:
 *
 * - total         sum of every line's amount, in pence (credit notes net).
 * - local         sum over lines whose supplier is decided local: its head
 *                 office, a branch in the reference, or a Supplier Postcode on
 *                 any of its ledger lines lies in a wholly Kent & Medway district.
 * - localUnknown  sum over lines whose supplier's locality is unknown: no
 *                 postcode at all, or only postcodes in straddling districts
 *                 (TN8, TN16, DA1, BR8). Payees not in the reference have no
 *                 postcode, so they count here.
 * - sme           sum over lines whose supplier is an SME: the trust's own Y/N,
 *                 else fewer than 250 staff AND (turnover ≤ £44m OR balance
 *                 sheet ≤ £38m).
 * - smeUnknown    sum over lines whose supplier's SME status the facts cannot
 *                 decide (including payees not in the reference).
 * - vcse          sum over lines whose supplier is VCSE: the trust's own Y/N,
 *                 else a charity number, a CE… (CIO) or RS… (community benefit
 *                 society) company number, or a name ending "CIC" (also for
 *                 payees not in the reference).
 * - Redacted payees ("REDACTED", "Redacted personal data") count in total only:
 *   in no other figure, including the unknowns.
 * - months        12 for a completed year; for the year holding the report
 *                 month, the months elapsed (April = 1 … report month).
 *
 * Money is written as pounds with two decimals ("1234.56", "-85.00").
 */

export interface ExpectedFinancialYear {
  fy: FinancialYearLabel;
  months: number;
  total: string;
  local: string;
  localUnknown: string;
  sme: string;
  smeUnknown: string;
  vcse: string;
}

export interface ExpectedFigures {
  reportMonth: YearMonth;
  financialYears: ExpectedFinancialYear[];
}

/** The true classification of one party (a redacted payee has none). */
export interface PartyTruth {
  local: Decision;
  sme: Decision;
  vcse: boolean;
}

export function partyKey(party: Party): string {
  switch (party.kind) {
    case 'supplier':
      return `ref:${party.supplier.id}`;
    case 'unmatched':
      return `name:${party.payee.name}`;
    case 'redacted':
      return 'redacted';
  }
}

/** Classifies every supplier and unmatched payee from the reference and the postcodes its ledger lines carry. */
export function decideParties(
  suppliers: readonly SampleSupplier[],
  lines: readonly SampleLine[],
): Map<string, PartyTruth> {
  const ledgerPostcodes = new Map<string, string[]>();
  for (const line of lines) {
    if (line.party.kind === 'supplier' && line.postcode !== undefined) {
      const list = ledgerPostcodes.get(line.party.supplier.id) ?? [];
      list.push(line.postcode);
      ledgerPostcodes.set(line.party.supplier.id, list);
    }
  }
  const truth = new Map<string, PartyTruth>();
  for (const supplier of suppliers) {
    const postcodes = [
      ...(supplier.postcode === undefined ? [] : [supplier.postcode]),
      ...supplier.branchPostcodes,
      ...(ledgerPostcodes.get(supplier.id) ?? []),
    ];
    truth.set(`ref:${supplier.id}`, {
      local: decideLocality(postcodes),
      sme: decideSme(supplier),
      vcse: decideVcse(supplier),
    });
  }
  for (const line of lines) {
    if (line.party.kind === 'unmatched') {
      truth.set(partyKey(line.party), {
        local: 'unknown',
        sme: 'unknown',
        vcse: decideVcse(line.party.payee),
      });
    }
  }
  return truth;
}

export function computeExpectedFigures(
  lines: readonly SampleLine[],
  truth: ReadonlyMap<string, PartyTruth>,
  firstMonth: YearMonth,
  reportMonth: YearMonth,
): ExpectedFigures {
  const years = [...new Set(listMonths(firstMonth, reportMonth).map(financialYearOf))];
  const sums = new Map(
    years.map((fy) => [fy, { total: 0, local: 0, localUnknown: 0, sme: 0, smeUnknown: 0, vcse: 0 }]),
  );
  for (const line of lines) {
    const sum = sums.get(financialYearOf(line.month));
    if (!sum)
      throw new Error(`sample model error: line dated ${line.date} is outside ${firstMonth}..${reportMonth}`);
    sum.total += line.amount;
    if (line.party.kind === 'redacted') continue;
    const party = truth.get(partyKey(line.party));
    if (!party) throw new Error(`sample model error: no classification for ${partyKey(line.party)}`);
    if (party.local === 'yes') sum.local += line.amount;
    if (party.local === 'unknown') sum.localUnknown += line.amount;
    if (party.sme === 'yes') sum.sme += line.amount;
    if (party.sme === 'unknown') sum.smeUnknown += line.amount;
    if (party.vcse) sum.vcse += line.amount;
  }
  const reportYear = financialYearOf(reportMonth);
  return {
    reportMonth,
    financialYears: years.map((fy) => {
      const sum = sums.get(fy) ?? { total: 0, local: 0, localUnknown: 0, sme: 0, smeUnknown: 0, vcse: 0 };
      return {
        fy,
        months: fy === reportYear ? monthOfFinancialYear(reportMonth) : 12,
        total: formatPounds(sum.total),
        local: formatPounds(sum.local),
        localUnknown: formatPounds(sum.localUnknown),
        sme: formatPounds(sum.sme),
        smeUnknown: formatPounds(sum.smeUnknown),
        vcse: formatPounds(sum.vcse),
      };
    }),
  };
}

/** `123456` → `"1234.56"`, `-8500` → `"-85.00"`. */
export function formatPounds(pence: Pence): string {
  const magnitude = Math.abs(pence);
  return `${pence < 0 ? '-' : ''}${Math.trunc(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}
