import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report/build-report.ts';
import { renderWorkbook } from '../../../shared/report/render-workbook.ts';
import { type Summary, toSummaryJson } from '../../../shared/report/summary-json.ts';
import { BASIS_LABELS } from '../../../shared/report/workbook/describe-basis.ts';
import type { CategoryDecision } from '../../../shared/types.ts';
import { loadTrust, reportTrust, type Trust } from '../registers/trust.ts';
import { line } from './helpers.ts';
import { type CellValue, type ReadSheet, type ReadWorkbook, readXlsx, tableUnder } from './read-xlsx.ts';

const WITHHELD_NAME = 'Mrs Petronella Q Withheld';
const CATEGORIES = [
  ['local', 'Local'],
  ['sme', 'SME'],
  ['vcse', 'VCSE'],
] as const;

const REASON_LABELS = { local: 'Local', sme: 'SME', vcse: 'VCSE', registers: 'Registers' } as const;

const pence = (value: CellValue): number => Math.round(Number(value) * 100);
const moneyPence = (money: string): number => Math.round(Number(money) * 100);
/** A workbook share as summary.json writes it: 0–1 to four places. */
const fourPlaces = (value: CellValue): number | null =>
  value === null ? null : Math.round(Number(value) * 10_000) / 10_000;

/** The table whose header row starts with `first`, the `nth` such (0-based), as objects keyed by header. */
function records(sheet: ReadSheet, first: string, nth = 0): Record<string, CellValue>[] {
  const starts = sheet.rows.flatMap((row, index) => (row[0] === first ? [index] : []));
  const start = starts[nth];
  if (start === undefined) throw new Error(`no table ${nth} headed "${first}" on ${sheet.name}`);
  const header = sheet.rows[start] ?? [];
  return tableUnder({ ...sheet, rows: sheet.rows.slice(start) }, first).map((row) =>
    Object.fromEntries(header.flatMap((h, i) => (h === null ? [] : [[String(h), row[i] ?? null]]))),
  );
}

describe('the workbook of a report that used the open registers, read back without exceljs', () => {
  let trust: Trust;
  let report: Report;
  let summary: Summary;
  let book: ReadWorkbook;

  beforeAll(async () => {
    trust = await loadTrust();
    // A payee withheld for privacy, whose name must appear nowhere, and an undecided supplier whose
    // credit note nets it below zero in 2024/25, outside the coverage shares.
    const [first, ...rest] = trust.ledgers;
    if (first === undefined) throw new Error('the trust has no ledger');
    trust = {
      ...trust,
      ledgers: [
        {
          ...first,
          lines: [
            ...first.lines,
            line('2024-03-20', 321_00, WITHHELD_NAME, { redacted: true, file: first.name }),
            line('2024-04-15', -150_00, 'Nowhere Credit Services', { file: first.name }),
          ],
        },
        ...rest,
      ],
    };
    report = reportTrust(trust);
    summary = toSummaryJson(report);
    book = readXlsx(await renderWorkbook(report, { title: 'Synthetic Trust' }));
  });

  it('adds the Coverage sheet before Suppliers and the To review sheet after it', () => {
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Summary',
      'Monthly',
      'Coverage',
      'Suppliers',
      'To review',
      'Data quality',
      'FOI answers',
      'Method',
      'Files',
    ]);
  });

  it("shows on the Coverage sheet summary.json's decided, by data, by proxy and undecided spend to the penny", () => {
    const rows = records(book.sheet('Coverage'), 'Financial year', 0);
    const coverage = summary.coverage ?? [];
    expect(rows).toHaveLength(coverage.length * 3);
    for (const year of coverage) {
      for (const [key, label] of CATEGORIES) {
        const row = rows.find((r) => r['Financial year'] === year.fy && r.Category === label);
        const expected = year[key];
        const where = `${year.fy} ${label}`;
        expect(pence(row?.['Measured spend'] ?? null), where).toBe(moneyPence(year.measured));
        expect(pence(row?.Decided ?? null), where).toBe(moneyPence(expected.decided));
        expect(pence(row?.['By data'] ?? null), where).toBe(moneyPence(expected.byData));
        expect(pence(row?.['By proxy'] ?? null), where).toBe(moneyPence(expected.byProxy));
        expect(pence(row?.Undecided ?? null), where).toBe(moneyPence(expected.undecided));
        expect(fourPlaces(row?.['Decided %'] ?? null), where).toBe(expected.decidedShare);
        expect(fourPlaces(row?.['By data %'] ?? null), where).toBe(expected.byDataShare);
        expect(fourPlaces(row?.['By proxy %'] ?? null), where).toBe(expected.byProxyShare);
      }
    }
    // decided-by-data and decided-by-proxy apart: the trust's SME spend is decided by proxy only
    const may = rows.find((r) => r['Financial year'] === '2024/25' && r.Category === 'SME');
    expect(pence(may?.['By proxy'] ?? null)).toBe(42_750_00);
    expect(pence(may?.['By data'] ?? null)).toBe(0);
  });

  it('reconciles total spend to classifiable and measured spend, redacted payees and net credits outside, and says so', () => {
    const sheet = book.sheet('Coverage');
    const rows = records(sheet, 'Financial year', 1);
    expect(rows.map((r) => r['Financial year'])).toEqual(summary.coverage?.map((y) => y.fy));
    for (const year of summary.coverage ?? []) {
      const row = rows.find((r) => r['Financial year'] === year.fy);
      expect(pence(row?.['Total spend'] ?? null)).toBe(moneyPence(year.total));
      expect(pence(row?.['Redacted payees (outside)'] ?? null)).toBe(moneyPence(year.redacted));
      expect(pence(row?.['Classifiable spend'] ?? null)).toBe(moneyPence(year.classifiable));
      expect(pence(row?.['Measured spend: suppliers netting above zero'] ?? null)).toBe(
        moneyPence(year.measured),
      );
      expect(pence(row?.['Net credits: suppliers netting below zero (outside)'] ?? null)).toBe(
        moneyPence(year.netCredits),
      );
      expect(row?.['Suppliers netting below zero']).toBe(year.netCreditSuppliers);
      expect(moneyPence(year.measured) + moneyPence(year.netCredits)).toBe(moneyPence(year.classifiable));
    }
    expect(summary.coverage?.some((y) => moneyPence(y.redacted) > 0)).toBe(true);
    expect(summary.coverage?.find((y) => y.fy === '2024/25')).toMatchObject({
      classifiable: '66350.00',
      measured: '66500.00',
      netCredits: '-150.00',
      netCreditSuppliers: 1,
    });
    expect(String(sheet.rows[1]?.[0])).toMatch(/redacted payees' spend, which is never classified/);
    expect(String(sheet.rows[1]?.[0])).toMatch(/its net credit is outside the shares/);
  });

  it('lists the spend each kind of evidence decided, in plain words, in the order and amounts of summary.json', () => {
    const rows = records(book.sheet('Coverage'), 'Financial year', 2);
    const expected = (summary.coverage ?? []).flatMap((year) =>
      CATEGORIES.flatMap(([key, label]) =>
        year[key].byBasis.map((b) => ({
          'Financial year': year.fy,
          Category: label,
          Basis: BASIS_LABELS[b.basis as keyof typeof BASIS_LABELS],
          Proxy: b.proxy ? 'Y' : 'N',
          yes: moneyPence(b.yes),
          no: moneyPence(b.no),
          share: b.share,
        })),
      ),
    );
    expect(
      rows.map((r) => ({
        'Financial year': r['Financial year'],
        Category: r.Category,
        Basis: r.Basis,
        Proxy: r.Proxy,
        yes: pence(r.Yes ?? null),
        no: pence(r.No ?? null),
        share: fourPlaces(r['Share of measured spend'] ?? null),
      })),
    ).toEqual(expected);
    expect(rows).toContainEqual(
      expect.objectContaining({ Category: 'SME', Basis: 'Accounts category (proxy)', Proxy: 'Y' }),
    );
    for (const row of rows.filter((r) => r.Category === 'Local')) {
      expect(row['Postcodes placed by']).toMatch(/^(ONS postcode lookup|Postcode district)$/);
    }
  });

  it("lists summary.json's review suppliers on To review in the same order, with reasons and candidates a line each", () => {
    const rows = records(book.sheet('To review'), 'Rank');
    const review = summary.review?.suppliers ?? [];
    expect(review.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.Supplier)).toEqual(review.map((entry) => entry.name));
    review.forEach((entry, index) => {
      const row = rows[index] ?? {};
      expect(row.Rank).toBe(index + 1);
      expect(pence(row['Spend in the report years'] ?? null)).toBe(moneyPence(entry.spend));
      expect(String(row.Undecided).toLowerCase().split(', ')).toEqual(entry.undecided);
      const why = String(row['Why (one reason a line)'] ?? '').split('\n');
      expect(why).toHaveLength(entry.reasons.length);
      entry.reasons.forEach((reason, i) => {
        expect(why[i]).toBe(`${REASON_LABELS[reason.category]}: ${reason.detail}`);
      });
      const candidates = String(row['Register entries it might be'] ?? '');
      const lines = candidates === '' ? [] : candidates.split('\n');
      expect(lines).toHaveLength(entry.candidates.length);
      entry.candidates.forEach((candidate, i) => {
        const text = lines[i] ?? '';
        expect(text).toContain(`${candidate.number} ${candidate.name}`);
        expect(text).toContain(candidate.status);
        if (candidate.postcode) expect(text).toContain(candidate.postcode);
        if (candidate.similarity !== undefined) expect(text).toContain(candidate.similarity.toFixed(2));
      });
    });
    expect(rows[0]).toMatchObject({ Supplier: 'Heart of Kent Hospice Care', Undecided: 'SME' });
    expect(rows.some((r) => String(r['Register entries it might be'] ?? '') !== '')).toBe(true);
  });

  it("shows each supplier's decision basis and proxy on the Suppliers sheet, and the register entity it matched", () => {
    const rows = records(book.sheet('Suppliers'), 'Supplier');
    expect(rows).toHaveLength(report.suppliers.length);
    const plain = (decision: CategoryDecision) =>
      decision.basis === undefined ? '' : BASIS_LABELS[decision.basis];
    const proxy = (decision: CategoryDecision) =>
      decision.basis === undefined ? '' : decision.proxy ? 'Y' : 'N';
    report.suppliers.forEach(({ supplier }, index) => {
      const row = rows[index] ?? {};
      for (const [key, label] of CATEGORIES) {
        expect(row[`${label} basis`] ?? '', `${supplier.name} ${label}`).toBe(plain(supplier[key]));
        expect(row[`${label} proxy`] ?? '', `${supplier.name} ${label}`).toBe(proxy(supplier[key]));
      }
      const match = supplier.registers;
      if (match?.status === 'matched') {
        expect(row['Register match']).toBe('Matched');
        const number =
          match.entity?.company?.companyNumber ??
          match.entity?.charity?.charityNumber ??
          match.entity?.scottishCharity?.charityNumber ??
          match.entity?.society?.registrationNumber;
        expect(String(row['Register numbers'])).toContain(String(number));
        expect(String(row['Register name'] ?? '')).not.toBe('');
        expect(row['Match confidence']).toBe(match.confidence ?? null);
      }
    });
    expect(rows.some((r) => r['SME basis'] === 'Accounts category (proxy)' && r['SME proxy'] === 'Y')).toBe(
      true,
    );
    expect(rows.filter((r) => r['Register match'] === 'Matched').length).toBeGreaterThan(0);
  });

  it('keeps the existing Suppliers columns in their order, the new ones beside them', () => {
    const header = book.sheet('Suppliers').rows.find((row) => row[0] === 'Supplier') ?? [];
    const old = ['Supplier', 'Matched to reference by', 'Local', 'Local evidence', 'SME', 'SME evidence'];
    const positions = old.map((name) => header.indexOf(name));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(header.slice(-3)).toEqual(['2023/24', '2024/25', 'Total']);
  });

  it('names on the Method sheet each register file with its date, SHA-256 and rows, the matches and the register rules', () => {
    const method = book.sheet('Method');
    const rows = records(method, 'Section');
    for (const source of summary.registers?.sources ?? []) {
      const row = rows.find((r) => r.Item === source.file);
      expect(row, source.file).toBeDefined();
      expect(row?.['SHA-256']).toBe(source.sha256 ?? 'not computed');
      expect(String(row?.Detail)).toContain(`${source.rowsRead.toLocaleString('en-GB')} rows read`);
      expect(String(row?.Detail)).toContain(`${source.rowsKept.toLocaleString('en-GB')} kept`);
      if (source.dated) expect(String(row?.Detail)).toContain(source.dated);
    }
    expect(summary.registers?.sources.length).toBe(4);
    const matches = rows.filter((r) => r.Section === 'Register matches');
    const counts = Object.values(summary.registers?.matches ?? {});
    expect(matches.map((r) => Number(String(r.Detail).split(' ')[0]))).toEqual(counts);
    expect(rows.find((r) => r.Item === 'Co-operative societies count as VCSE')?.Detail).toBe('No');
    const cells = method.rows.flat();
    expect(cells).toContain(String(summary.definitions.registers));
    expect(cells).toContain(String(summary.definitions.smeProxies));
  });

  it('never names a withheld payee anywhere in the workbook', () => {
    expect(report.suppliers.some(({ supplier }) => supplier.matchedBy === 'redacted')).toBe(true);
    expect(book.everything).not.toContain('Petronella');
  });
});

describe('the To review sheet of a long review list', () => {
  it('stops where summary.json stops and ends with how many more suppliers and their spend', async () => {
    const report = reportTrust(await loadTrust());
    const model = report.review?.[0];
    if (model === undefined) throw new Error('the trust has nothing to review');
    const review = Array.from({ length: 1003 }, (_, i) => ({
      ...model,
      key: `name:supplier ${i}`,
      name: `Supplier ${String(i).padStart(4, '0')}`,
      spend: 100_000_00 - i * 10_00,
    }));
    const long = { ...report, review };
    const summary = toSummaryJson(long);
    const rows = records(readXlsx(await renderWorkbook(long)).sheet('To review'), 'Rank');
    expect(rows).toHaveLength(1001);
    expect(rows.slice(0, 1000).map((r) => r.Supplier)).toEqual(summary.review?.suppliers.map((s) => s.name));
    expect(summary.review?.more).toBe(3);
    expect(rows[1000]?.Supplier).toBe('3 more suppliers, £269,970.00');
    expect(pence(rows[1000]?.['Spend in the report years'] ?? null)).toBe(
      moneyPence(summary.review?.moreSpend ?? ''),
    );
  });
});

describe('the workbook of a report without registers', () => {
  it('has neither the Coverage nor the To review sheet, and no register columns', async () => {
    const report = reportTrust(await loadTrust(), { registers: false });
    const book = readXlsx(await renderWorkbook(report));
    const names = book.sheets.map((s) => s.name);
    expect(names).not.toContain('Coverage');
    expect(names).not.toContain('To review');
    const header = book.sheet('Suppliers').rows.find((row) => row[0] === 'Supplier') ?? [];
    expect(header).not.toContain('Register match');
    expect(header).toContain('SME basis');
    const sections = records(book.sheet('Method'), 'Section').map((r) => String(r.Section));
    expect(sections.some((s) => s.startsWith('Input: register'))).toBe(false);
  });
});
