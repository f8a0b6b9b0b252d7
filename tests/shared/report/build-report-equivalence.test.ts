/**
 * `selectCurrentLines`, `groupSupplierLines` and `aggregateSpend` were rewritten to hold no copy of the lines,
 * no per-line strings and no per-line objects. Each is compared here, on generated ledgers, with the
 * straightforward version it replaced (kept below as the reference), to the byte of their JSON.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupSupplierLines, type SupplierGroup } from '../../../shared/classify/classify-spend.ts';
import { indexSupplierReference, matchLedgerLine } from '../../../shared/classify/match-supplier.ts';
import {
  financialYearOfMonth,
  financialYearStarting,
  monthNumberInFinancialYear,
  monthOfDate,
  monthsOfFinancialYear,
  parseFinancialYear,
} from '../../../shared/periods/financial-year.ts';
import {
  type Aggregation,
  aggregateSpend,
  emptyFigures,
  type SpendFigures,
  type SupplierSpend,
  sumFigures,
} from '../../../shared/report/aggregate-spend.ts';
import { decideFilePeriod } from '../../../shared/report/file-period.ts';
import {
  choosePeriodOwners,
  eachCurrentLine,
  monthsCovered,
  OVERLAP_MIN_SHARE,
  ownerOf,
  type ReplacedMonth,
  type SeriesOverlap,
  selectCurrentLines,
  seriesOfFile,
} from '../../../shared/report/select-current-lines.ts';
import { normaliseCompanyNumber } from '../../../shared/suppliers/company-number.ts';
import { normalisePostcode } from '../../../shared/suppliers/postcode.ts';
import type { ClassifiedSupplier, LedgerFile, LedgerLine, Pence, YearMonth } from '../../../shared/types.ts';
import { record } from '../classify/helpers.ts';
import { ledgerFile, line, seriesFileArb, supplier } from './helpers.ts';

// --- the reference versions ------------------------------------------------------------------------

function referenceSelect(files: readonly LedgerFile[]) {
  const periods = files.map(decideFilePeriod);
  const series = files.map(seriesOfFile);
  const owners = choosePeriodOwners(
    files.map((file, index) => ({
      accepted: file.status === 'accepted',
      period: periods[index] ?? { months: [], from: 'line-dates', evidence: 'no lines' },
      series: series[index] ?? '',
    })),
  );
  const lines: LedgerLine[] = [];
  const counted = new Map<YearMonth, Map<number, LedgerLine[]>>();
  const replaced = files.map((file, index) => {
    const dropped = new Map<YearMonth, ReplacedMonth>();
    const period = periods[index];
    if (file.status !== 'accepted' || !period) return [];
    for (const line of file.lines) {
      const own = monthOfDate(line.date);
      const month = period.from === 'line-dates' ? own : (period.months[0] ?? own);
      const winner = ownerOf(owners, series[index] ?? '', month) ?? index;
      if (winner === index) {
        lines.push(line);
        const byFile = counted.get(month) ?? new Map<number, LedgerLine[]>();
        byFile.set(index, [...(byFile.get(index) ?? []), line]);
        counted.set(month, byFile);
        continue;
      }
      const entry = dropped.get(month) ?? { month, by: files[winner]?.name ?? '', lines: 0, total: 0 };
      entry.lines += 1;
      entry.total += line.amount;
      dropped.set(month, entry);
    }
    return [...dropped.values()].sort((a, b) => a.month.localeCompare(b.month));
  });
  return { lines, periods, series, replaced, overlaps: referenceOverlaps(files, series, counted) };
}

function referenceOverlaps(
  files: readonly LedgerFile[],
  series: readonly string[],
  counted: ReadonlyMap<YearMonth, ReadonlyMap<number, LedgerLine[]>>,
): SeriesOverlap[] {
  const normalise = (supplier: string) => supplier.trim().replace(/\s+/g, ' ').toUpperCase();
  const keyOf = (line: LedgerLine, withTransaction: boolean) =>
    JSON.stringify([
      line.date,
      normalise(line.supplier),
      line.amount,
      withTransaction ? (line.transaction ?? '') : 0,
    ]);
  const hasTransaction = (index: number) => files[index]?.columns.transaction !== undefined;
  const overlaps: SeriesOverlap[] = [];
  for (const month of [...counted.keys()].sort()) {
    const byFile = counted.get(month) ?? new Map<number, LedgerLine[]>();
    if (new Set([...byFile.keys()].map((index) => series[index])).size < 2) continue;
    const pairs = new Map<string, { a: number; b: number; lines: number; total: Pence }>();
    for (const withTransaction of [false, true]) {
      const keys = new Map<string, { amount: Pence; counts: Map<number, number> }>();
      for (const [index, fileLines] of byFile) {
        if (withTransaction && !hasTransaction(index)) continue;
        for (const line of fileLines) {
          const entry = keys.get(keyOf(line, withTransaction)) ?? { amount: line.amount, counts: new Map() };
          entry.counts.set(index, (entry.counts.get(index) ?? 0) + 1);
          keys.set(keyOf(line, withTransaction), entry);
        }
      }
      for (const { amount, counts } of keys.values()) {
        const holders = [...counts.keys()].sort((a, b) => a - b);
        for (const [i, a] of holders.entries()) {
          for (const b of holders.slice(i + 1)) {
            if (series[a] === series[b] || withTransaction !== (hasTransaction(a) && hasTransaction(b)))
              continue;
            const same = Math.min(counts.get(a) ?? 0, counts.get(b) ?? 0);
            const pair = pairs.get(`${a}:${b}`) ?? { a, b, lines: 0, total: 0 };
            pair.lines += same;
            pair.total += same * amount;
            pairs.set(`${a}:${b}`, pair);
          }
        }
      }
    }
    for (const { a, b, lines, total } of [...pairs.values()].sort((x, y) => x.a - y.a || x.b - y.b)) {
      const smaller = Math.min(byFile.get(a)?.length ?? 0, byFile.get(b)?.length ?? 0);
      if (lines === 0 || lines < OVERLAP_MIN_SHARE * smaller) continue;
      overlaps.push({
        month,
        files: [files[a]?.name ?? '', files[b]?.name ?? ''],
        series: [series[a] ?? '', series[b] ?? ''],
        lines,
        total,
      });
    }
  }
  return overlaps;
}

function referenceGroups(
  lines: readonly LedgerLine[],
  reference: Parameters<typeof indexSupplierReference>[0],
) {
  const index = indexSupplierReference(reference);
  const groups = new Map<string, SupplierGroup>();
  const keys: string[] = [];
  for (const line of lines) {
    const match = matchLedgerLine(line, index);
    keys.push(match.key);
    let group = groups.get(match.key);
    if (group === undefined) {
      group = { match, names: [], postcodes: [], companyNumbers: [] };
      if (match.record) {
        const where = `supplier reference line ${match.record.line}`;
        for (const [raw, source] of [
          [match.record.postcode, `head office (${where})`],
          ...match.record.branchPostcodes.map((branch) => [branch, `branch (${where})`]),
        ] as [string | undefined, string][]) {
          const postcode = raw === undefined ? undefined : normalisePostcode(raw);
          if (postcode !== undefined && !group.postcodes.some((known) => known.postcode === postcode)) {
            group.postcodes.push({ postcode, source, kind: 'reference' });
          }
        }
        const number =
          match.record.companyNumber === undefined
            ? undefined
            : normaliseCompanyNumber(match.record.companyNumber);
        if (number !== undefined) group.companyNumbers.push({ companyNumber: number, source: where });
      }
      groups.set(match.key, group);
    }
    if (line.redacted) continue;
    if (!group.names.includes(line.supplier)) group.names.push(line.supplier);
    const postcode = line.postcode === undefined ? undefined : normalisePostcode(line.postcode);
    if (postcode !== undefined && !group.postcodes.some((known) => known.postcode === postcode)) {
      group.postcodes.push({ postcode, source: `ledger line ${line.line} of ${line.file}`, kind: 'ledger' });
    }
    const number = line.companyNumber === undefined ? undefined : normaliseCompanyNumber(line.companyNumber);
    if (number !== undefined && !group.companyNumbers.some((known) => known.companyNumber === number)) {
      group.companyNumbers.push({
        companyNumber: number,
        source: `ledger line ${line.line} of ${line.file}`,
      });
    }
  }
  return { groups, keys };
}

function referenceAggregate(
  lines: readonly LedgerLine[],
  keys: readonly string[],
  suppliers: readonly ClassifiedSupplier[],
  window: { firstYear: ReturnType<typeof parseFinancialYear>; reportMonth: YearMonth },
): Aggregation {
  const byKey = new Map(suppliers.map((s) => [s.key, s]));
  const byMonth = new Map<YearMonth, SpendFigures>();
  const bySupplier = new Map<string, SupplierSpend>();
  const firstMonth = monthsOfFinancialYear(window.firstYear, 1)[0] ?? '';
  const outsideWindow = { before: { lines: 0, total: 0 }, after: { lines: 0, total: 0 } };
  lines.forEach((line, index) => {
    const s = byKey.get(keys[index] ?? '') as ClassifiedSupplier;
    const month = monthOfDate(line.date);
    if (month < firstMonth || month > window.reportMonth) {
      const side = month < firstMonth ? outsideWindow.before : outsideWindow.after;
      side.lines += 1;
      side.total += line.amount;
      return;
    }
    const f = byMonth.get(month) ?? emptyFigures();
    f.lines += 1;
    f.total += line.amount;
    if (s.matchedBy === 'redacted') f.redacted += line.amount;
    else {
      if (s.local.decision === 'yes') f.local += line.amount;
      if (s.local.decision === 'unknown') f.localUnknown += line.amount;
      if (s.sme.decision === 'yes') f.sme += line.amount;
      if (s.sme.decision === 'unknown') f.smeUnknown += line.amount;
      if (s.vcse.decision === 'yes') f.vcse += line.amount;
    }
    byMonth.set(month, f);
    const fy = financialYearOfMonth(month).label;
    const spend = bySupplier.get(s.key) ?? { supplier: s, byYear: {}, total: 0, lines: 0 };
    spend.byYear[fy] = (spend.byYear[fy] ?? 0) + line.amount;
    spend.total += line.amount;
    spend.lines += 1;
    bySupplier.set(s.key, spend);
  });
  const reportYear = financialYearOfMonth(window.reportMonth);
  const monthsToDate = monthNumberInFinancialYear(window.reportMonth);
  const figuresFor = (fy: ReturnType<typeof financialYearStarting>, count: number) => ({
    fy,
    months: count,
    yearToDate: count < 12,
    figures: sumFigures(monthsOfFinancialYear(fy, count).map((m) => byMonth.get(m) ?? emptyFigures())),
  });
  const financialYears = [];
  for (let start = window.firstYear.startYear; start <= reportYear.startYear; start++) {
    financialYears.push(
      figuresFor(financialYearStarting(start), start === reportYear.startYear ? monthsToDate : 12),
    );
  }
  const previousYear = financialYearStarting(reportYear.startYear - 1);
  const hasPrevious = previousYear.startYear >= window.firstYear.startYear;
  return {
    financialYears,
    ...(hasPrevious ? { previousYearToDate: figuresFor(previousYear, monthsToDate) } : {}),
    monthly: [
      ...(hasPrevious ? monthsOfFinancialYear(previousYear) : []),
      ...monthsOfFinancialYear(reportYear, monthsToDate),
    ].map((month) => ({ month, figures: byMonth.get(month) ?? emptyFigures() })),
    suppliers: [...bySupplier.values()].sort(
      (a, b) => b.total - a.total || a.supplier.name.localeCompare(b.supplier.name),
    ),
    outsideWindow,
  };
}

// --- generated ledgers -------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const dateArb = fc
  .record({ month: fc.integer({ min: 3, max: 7 }), day: fc.integer({ min: 1, max: 3 }) })
  .map(({ month, day }) => `2024-${pad(month)}-${pad(day)}`);
const lineArb = fc.record({
  date: dateArb,
  supplier: fc.constantFrom('Acme Ltd', ' ACME  LTD', 'acme ltd', 'Beta plc', 'Gamma'),
  amount: fc.constantFrom(100, 250, -100, 99_999),
  transaction: fc.constantFrom('T1', 'T2', 'T3', undefined),
});

describe('the rewritten report core gives what the straightforward one did', () => {
  it('chooses the same current lines, replacements and overlaps', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 10 }),
        fc.array(seriesFileArb, { minLength: 1, maxLength: 5 }),
        (pool, specs) => {
          const files = specs.map((spec) => ({
            ...ledgerFile(
              spec.name,
              spec.picks.map((pick, at) => {
                const { transaction, ...chosen } = pool[pick % pool.length] as (typeof pool)[number];
                return line(chosen.date, chosen.amount, chosen.supplier, {
                  line: at + 2,
                  ...(spec.transactions && transaction !== undefined ? { transaction } : {}),
                });
              }),
              spec.rejected ? 'rejected' : 'accepted',
            ),
            columns: spec.transactions ? { transaction: 'Transaction' } : {},
          }));
          const expected = referenceSelect(files);
          const actual = selectCurrentLines(files);
          const shown = ({ periods, series, replaced, overlaps }: typeof expected) =>
            JSON.stringify({ periods, series, replaced, overlaps });
          expect(shown(actual)).toBe(shown(expected));
          expect([...eachCurrentLine(files, actual)]).toEqual(expected.lines);
          expect(actual.counted).toBe(expected.lines.length);
          expect(actual.covered).toEqual(files.map(monthsCovered));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('groups the same suppliers, with the same spellings, postcodes and company numbers', () => {
    const reference = [
      record(2, 'Acme Ltd', { supplierId: 'S1', companyNumber: '01234567', postcode: 'ME14 1XX' }),
      record(3, 'Beta plc', { companyNumber: '07654321', branchPostcodes: ['TN8 5AA'] }),
    ];
    const arb = fc.record({
      supplier: fc.constantFrom('Acme Ltd', 'ACME LIMITED', 'Beta plc', 'Delta', 'REDACTED'),
      supplierId: fc.constantFrom('S1', 's1 ', '', undefined),
      companyNumber: fc.constantFrom('01234567', '7654321', undefined),
      postcode: fc.constantFrom('ME14 1XX', 'TN8 5AA', 'SW1A 1AA', undefined),
      redacted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 40 }), (specs) => {
        const lines = specs.map(({ supplier: name, supplierId, companyNumber, postcode, redacted }, at) =>
          line('2024-05-01', 100, name, {
            line: at + 2,
            redacted,
            ...(supplierId === undefined ? {} : { supplierId }),
            ...(companyNumber === undefined ? {} : { companyNumber }),
            ...(postcode === undefined ? {} : { postcode }),
          }),
        );
        const expected = referenceGroups(lines, reference);
        const { groups, supplierIndexes } = groupSupplierLines(lines, reference);
        expect(JSON.stringify([...groups])).toBe(JSON.stringify([...expected.groups]));
        const keys = [...groups.keys()];
        expect([...supplierIndexes].map((index) => keys[index])).toEqual(expected.keys);
      }),
      { numRuns: 400 },
    );
  });

  it('adds up the same figures, per supplier and year in the same order', () => {
    const suppliers = [
      supplier('a', 'yes', 'yes', 'no'),
      supplier('b', 'no', 'unknown', 'yes'),
      { ...supplier('c', 'unknown', 'no', 'unknown'), name: 'a' },
      supplier('redacted', 'unknown', 'unknown', 'unknown', 'redacted'),
    ];
    const arb = fc.record({
      year: fc.integer({ min: 2021, max: 2025 }),
      month: fc.integer({ min: 1, max: 12 }),
      amount: fc.constantFrom(0, 100, -100, 250, 12_345_678),
      who: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(arb, { maxLength: 60 }),
        fc.constantFrom('2022/23', '2023/24'),
        fc.constantFrom('2023-03', '2024-04', '2024-10', '2025-03'),
        (specs, first, reportMonth) => {
          const lines = specs.map((s) => line(`${s.year}-${pad(s.month)}-15`, s.amount));
          const window = { firstYear: parseFinancialYear(first), reportMonth };
          const expected = referenceAggregate(
            lines,
            specs.map((s) => suppliers[s.who]?.key ?? ''),
            suppliers,
            window,
          );
          const actual = aggregateSpend(
            lines,
            specs.map((s) => s.who),
            suppliers,
            window,
          );
          expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        },
      ),
      { numRuns: 400 },
    );
  });
});
