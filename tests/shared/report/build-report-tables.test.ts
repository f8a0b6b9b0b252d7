/**
 * The report function holds each upload's lines in a `LineTable` (columns) rather than an array of
 * `LedgerLine`s. Every part of the report that reads lines takes either: the report must be the same.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectRegisterWants, kentAndMedway } from '../../../shared/classify/index.ts';
import { concatLines, createLineStrings, LineTable } from '../../../shared/curated/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { collectWantedPostcodes } from '../../../shared/pipeline/index.ts';
import { buildReport, type ReportConfig } from '../../../shared/report/index.ts';
import type { LedgerFile, ReportLedger, SupplierReference } from '../../../shared/types.ts';
import { record } from '../classify/helpers.ts';
import { loadTrust } from '../registers/trust.ts';
import { ledgerFile, line, seriesFileArb } from './helpers.ts';

const REAL_SPEND = join(import.meta.dirname, '../../fixtures/real-spend');

const classification: ReportConfig['classification'] = {
  locality: kentAndMedway,
  smeDefinition: 'procurement-act-2023',
  eurToGbp: 0.85,
};

/** The same files with their lines in tables that share one `LineStrings`, as the report function reads them. */
function asTables(ledgers: readonly LedgerFile[]): ReportLedger[] {
  const strings = createLineStrings();
  return ledgers.map((ledger) => {
    const lines = new LineTable({ strings });
    for (const each of ledger.lines) lines.push(each);
    return { ...ledger, lines };
  });
}

function expectSameReport(
  ledgers: readonly LedgerFile[],
  reference: SupplierReference | undefined,
  config: ReportConfig,
) {
  const fromArrays = buildReport(ledgers, reference, config);
  const fromTables = buildReport(asTables(ledgers), reference, config);
  expect(fromTables).toStrictEqual(fromArrays);
}

describe('buildReport on lines held in tables', () => {
  it('gives the same report as on arrays for the registers trust, with and without its registers', async () => {
    const trust = await loadTrust();
    for (const registers of [trust.extract, undefined]) {
      const config: ReportConfig = {
        firstYear: parseFinancialYear('2023/24'),
        reportMonth: '2024-05',
        classification: { ...classification, ...(registers ? { registers } : {}) },
      };
      expectSameReport(trust.ledgers, trust.reference, config);
      // The default month, found from the files.
      const { reportMonth: _month, ...latest } = config;
      expectSameReport(trust.ledgers, trust.reference, latest);
    }
    const tables = asTables(trust.ledgers);
    expect(
      collectRegisterWants(concatLines(tables.map((ledger) => ledger.lines)), trust.reference.records),
    ).toStrictEqual(
      collectRegisterWants(
        trust.ledgers.flatMap((ledger) => ledger.lines),
        trust.reference.records,
      ),
    );
    expect(collectWantedPostcodes(tables, trust.reference)).toStrictEqual(
      collectWantedPostcodes(trust.ledgers, trust.reference),
    );
  });

  it.each(readdirSync(REAL_SPEND, { withFileTypes: true }).filter((entry) => entry.isDirectory()))(
    'gives the same report as on arrays for the real trust $name',
    async ({ name }) => {
      const dir = join(REAL_SPEND, name);
      const ledgers: LedgerFile[] = [];
      for (const file of readdirSync(dir).sort()) {
        ledgers.push(await readLedger({ name: file, bytes: new Uint8Array(readFileSync(join(dir, file))) }));
      }
      const accepted = ledgers.filter((ledger) => ledger.status === 'accepted');
      const first =
        accepted
          .flatMap((ledger) => ledger.lines.map((each) => each.date))
          .sort()
          .at(0) ?? '2020-04-01';
      const year = Number(first.slice(0, 4)) - (Number(first.slice(5, 7)) < 4 ? 1 : 0);
      expectSameReport(ledgers, undefined, {
        firstYear: parseFinancialYear(`${year}/${String((year + 1) % 100).padStart(2, '0')}`),
        classification,
      });
    },
  );

  it('gives the same report as on arrays for any files, replaced months and overlapping series', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const lineArb = fc.record({
      date: fc
        .record({ month: fc.integer({ min: 3, max: 7 }), day: fc.integer({ min: 1, max: 3 }) })
        .map(({ month, day }) => `2024-${pad(month)}-${pad(day)}`),
      supplier: fc.constantFrom('Acme Ltd', ' ACME  LTD', 'acme ltd', 'Beta plc', 'Gamma', 'REDACTED'),
      supplierId: fc.constantFrom('S1', 's1 ', '', undefined),
      companyNumber: fc.constantFrom('01234567', '7654321', undefined),
      postcode: fc.constantFrom('ME14 1XX', 'me141xx', 'TN8 5AA', 'not a postcode', undefined),
      amount: fc.constantFrom(100, 250, -100, 99_999, 2 ** 40),
      transaction: fc.constantFrom('T1', 'T2', 'T3', 'Réf 4', undefined),
    });

    const reference: SupplierReference = {
      name: 'suppliers.csv',
      sha256: '0'.repeat(64),
      records: [
        record(2, 'Acme Ltd', { supplierId: 'S1', companyNumber: '01234567', postcode: 'ME14 1XX' }),
        record(3, 'Beta plc', { companyNumber: '07654321', branchPostcodes: ['TN8 5AA'], sme: true }),
      ],
      issues: [],
    };
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 10 }),
        fc.array(seriesFileArb, { minLength: 1, maxLength: 5 }),
        fc.option(fc.constantFrom('2024-05', '2024-07'), { nil: undefined }),
        (pool, specs, reportMonth) => {
          const files = specs.map((spec) => ({
            ...ledgerFile(
              spec.name,
              spec.picks.map((pick, at) => {
                const { transaction, supplierId, companyNumber, postcode, ...chosen } = pool[
                  pick % pool.length
                ] as (typeof pool)[number];
                return line(chosen.date, chosen.amount, chosen.supplier, {
                  line: at + 2,
                  ...(spec.transactions && transaction !== undefined ? { transaction } : {}),
                  ...(supplierId === undefined ? {} : { supplierId }),
                  ...(companyNumber === undefined ? {} : { companyNumber }),
                  ...(postcode === undefined ? {} : { postcode }),
                  redacted: chosen.supplier === 'REDACTED',
                });
              }),
              spec.rejected ? 'rejected' : 'accepted',
            ),
            columns: spec.transactions ? { transaction: 'Transaction' } : {},
          }));
          if (files.every((file) => file.status === 'rejected' || file.lines.length === 0)) return;
          expectSameReport(files, reference, {
            firstYear: parseFinancialYear('2023/24'),
            ...(reportMonth === undefined ? {} : { reportMonth }),
            classification,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
