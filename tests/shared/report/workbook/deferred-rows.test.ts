import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../../shared/periods/financial-year.ts';
import { buildReport, type Report } from '../../../../shared/report/build-report.ts';
import { renderShareChart } from '../../../../shared/report/chart/index.ts';
import {
  renderWorkbook,
  renderWorkbookByExceljs,
  type WorkbookOptions,
} from '../../../../shared/report/render-workbook.ts';
import {
  addTable,
  appendTable,
  type Column,
  lazyRows,
  POUNDS,
  type Row,
} from '../../../../shared/report/workbook/add-table.ts';
import { DeferredRows } from '../../../../shared/report/workbook/deferred-rows.ts';
import { deflateStoredZip } from '../../../../shared/report/workbook/deflate-zip.ts';
import { SheetXmlError } from '../../../../shared/report/workbook/sheet-xml.ts';
import { displayName } from '../../../../shared/report/workbook/suppliers-sheet.ts';
import type { LedgerFile, LedgerLine, SupplierRecord, SupplierReference } from '../../../../shared/types.ts';
import { loadTrust, reportTrust } from '../../registers/trust.ts';
import { ledgerFile, line } from '../helpers.ts';
import { type CellValue, readXlsx } from '../read-xlsx.ts';

/** What exceljs drops from text: the C0 controls other than tab, line feed and carriage return, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const DROPPED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DROPPED_CONTROLS_ALL = new RegExp(DROPPED_CONTROLS.source, 'g');

/**
 * renderWorkbook writes the rows of its big tables (Suppliers, Data quality, To review) as XML of its
 * own into the package exceljs wrote with one template row per table. These tests compare that, part
 * by part and cell by cell, with the workbook exceljs writes when it is given every row.
 */

/** Every part of the package, unpacked, by name (Info-ZIP's `unzip`, sharing no code with ours). */
function unpack(bytes: Uint8Array): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'socval-deferred-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    execFileSync('unzip', ['-tq', file]); // every entry's CRC
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
    return new Map(
      names.map((name) => [
        name,
        execFileSync('unzip', ['-p', file, name.replace(/[[\]*?]/g, '\\$&')], {
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        }),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shared string items' XML (`<t>…</t>`), in order. */
function sharedItems(parts: Map<string, string>): string[] {
  return [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => m[1] ?? '',
  );
}

/**
 * The package with each shared-string cell's index replaced by its item's XML, so that two packages
 * whose strings are numbered differently compare equal when every cell shows the same. Leaves out the
 * shared strings themselves and `docProps/core.xml` (which holds the time the workbook was made).
 */
function resolved(bytes: Uint8Array): Map<string, string> {
  const parts = unpack(bytes);
  const items = sharedItems(parts);
  const out = new Map<string, string>();
  for (const [name, xml] of parts) {
    if (name === 'xl/sharedStrings.xml' || name === 'docProps/core.xml') continue;
    out.set(
      name,
      xml.replace(/ t="s"><v>(\d+)<\/v>/g, (_, index: string) => {
        const item = items[Number(index)];
        if (item === undefined) throw new Error(`${name}: no shared string ${index}`);
        return ` t="s"><v>${item}</v>`;
      }),
    );
  }
  return out;
}

interface CellFacts {
  ref: string;
  style: string | undefined;
  type: string | undefined;
  value: CellValue;
}

/** A sheet's cells (reference, style index, type, value as read), rows, merges, widths and more. */
function sheetFacts(bytes: Uint8Array, sheetName: string) {
  const book = readXlsx(bytes);
  const sheet = book.sheet(sheetName);
  const attr = (attrs: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
  const cells: CellFacts[] = [];
  for (const [, ref = '', attrs = ''] of sheet.xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>)/g)) {
    const [, letters = '', row = ''] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
    let column = 0;
    for (const ch of letters) column = column * 26 + ch.charCodeAt(0) - 64;
    cells.push({
      ref,
      style: attr(attrs, 's'),
      type: attr(attrs, 't'),
      value: sheet.rows[Number(row) - 1]?.[column - 1] ?? null,
    });
  }
  return {
    cells,
    rows: [...sheet.xml.matchAll(/<row ([^>]*?)\/?>/g)].map((m) => m[1]),
    merges: [...sheet.xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]),
    columns: [...sheet.xml.matchAll(/<col [^>]*>/g)].map((m) => m[0]),
    dimension: /<dimension ref="([^"]+)"/.exec(sheet.xml)?.[1],
    autoFilter: /<autoFilter ref="([^"]+)"/.exec(sheet.xml)?.[1],
    pane: /<pane [^>]*>/.exec(sheet.xml)?.[0],
    definedNames: [...book.everything.matchAll(/<definedName [^>]*>[^<]*<\/definedName>/g)].map((m) => m[0]),
  };
}

/** Each row of a sheet as exceljs's own reader reads it: number, height, values and each cell's style. */
async function readByExceljs(bytes: Uint8Array, sheetName: string) {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (sheet === undefined) throw new Error(`exceljs read no sheet ${sheetName}`);
  const rows: unknown[] = [];
  sheet.eachRow({ includeEmpty: true }, (row: ExcelJS.Row) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells.push([
        cell.address,
        cell.type,
        cell.value,
        cell.numFmt,
        cell.alignment,
        cell.font,
        cell.isMerged,
      ]);
    });
    rows.push([row.number, row.height, cells]);
  });
  return { rows, merges: sheet.model.merges, dimensions: sheet.dimensions.range, rowCount: sheet.rowCount };
}

// Supplier names as a ledger might hold them, and worse: markup, quotes, non-ASCII, controls XML 1.0
// cannot hold, a lone surrogate, white space at the ends, line breaks, formula-like text, a name that
// is also a word exceljs has already written (a header, Yes), and a very long one.
const AWKWARD_NAMES = [
  'Smith & Sons <Holdings> "Ltd"',
  "O'Brien's Café & Bar Ltd",
  'Ünïcødé Ønœ Ltd — 株式会社 🚑 Ambulance',
  '  Leading and trailing spaces Ltd  ',
  'Tab\tand\nnew line Ltd',
  'Controls \u0001\u0008\u000b\u000c\u001f\u007f here Ltd',
  'Lone \ud800 surrogate Ltd',
  '=SUM(A1:A9)',
  '+44 Consulting Ltd',
  '@Home Services Ltd',
  '-Dash Ltd',
  'Supplier',
  'Yes',
  '&amp; Already escaped &lt;Ltd&gt;',
  ']]> Not CDATA Ltd',
  `${'A very long supplier name that wraps '.repeat(120)}Ltd`,
];

function record(line: number, name: string, facts: Partial<SupplierRecord> = {}): SupplierRecord {
  return { line, name, branchPostcodes: [], ...facts };
}

/** A report of many suppliers: spend of every sign and size, withheld payees, problems to list. */
function manySuppliersReport(count: number): Report {
  const lines: LedgerLine[] = [];
  const records: SupplierRecord[] = [];
  const names = [
    ...AWKWARD_NAMES,
    ...Array.from({ length: count }, (_, i) => `Supplier ${i} & Co <${i % 7}>`),
  ];
  names.forEach((name, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    // 2022/23 to 2024/25; some suppliers in one year only.
    if (i % 3 !== 0)
      lines.push(line(`2022-${String(4 + (i % 9)).padStart(2, '0')}-${day}`, (i * 7919) % 1_000_000, name));
    lines.push(line(`2023-05-${day}`, i % 5 === 0 ? -(i * 13) : i * 101 + 1, name));
    if (i % 4 === 1) {
      // Spend that nets to nothing.
      lines.push(line(`2024-04-${day}`, 12_345, name), line(`2024-05-${day}`, -12_345, name));
    }
    if (i % 11 === 0) lines.push(line(`2024-05-${day}`, 987_654_321, name));
    if (i % 6 === 0) {
      records.push(
        record(records.length + 2, name, {
          postcode: i % 12 === 0 ? 'ME14 1XX' : 'TN8 5AA',
          ...(i % 18 === 0 ? { employees: 10, turnover: 100_000 } : {}),
          ...(i % 24 === 0 ? { charityNumber: '1012345' } : {}),
        }),
      );
    }
  });
  for (let i = 0; i < 40; i++) {
    lines.push(line('2023-07-14', 50_00 + i, `Mr Withheld Person ${i}`, { redacted: true }));
  }
  const accepted: LedgerFile = {
    ...ledgerFile('spend & payments <2022-2025>.csv', lines),
    issues: Array.from({ length: 60 }, (_, i) => ({
      file: 'spend & payments <2022-2025>.csv',
      line: 10 + i,
      column: i % 2 === 0 ? 'Amount' : 'Date',
      value: i % 2 === 0 ? `TBC & "${i}"` : '31/02/2023',
      reason: i % 2 === 0 ? 'not a money amount: <TBC>' : `not a date ${'that exists '.repeat(i % 9)}`,
    })),
  };
  const rejected: LedgerFile = {
    ...ledgerFile('broken.csv', []),
    status: 'rejected',
    rejection: { file: 'broken.csv', line: 1, column: 'Date', value: '', reason: 'no date column: add one' },
  };
  const reference: SupplierReference = { name: 'suppliers.csv', sha256: 'a'.repeat(64), issues: [], records };
  return buildReport([accepted, rejected], reference, {
    firstYear: parseFinancialYear('2022/23'),
    reportMonth: '2024-05',
    classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
  });
}

const OPTIONS: WorkbookOptions = {
  title: 'Kent & Medway <Test> NHS Trust',
  generatedAt: '2024-06-05T08:00:00Z',
  codeVersion: 'test',
  accent: '#AE2573',
};

describe('deferred rows: the workbook reads back as exceljs would have written it', () => {
  const cases: { name: string; report: () => Promise<Report>; options?: WorkbookOptions }[] = [
    {
      name: 'many suppliers, awkward names, problems to list',
      report: async () => manySuppliersReport(1500),
    },
    {
      name: 'a report that used the registers (Coverage, To review), with awkward names added',
      report: async () => {
        const trust = await loadTrust();
        const [first, ...rest] = trust.ledgers;
        if (first === undefined) throw new Error('the trust has no ledger');
        const extra = AWKWARD_NAMES.map((name, i) =>
          line('2024-03-10', (i - 5) * 1_000_01, name, { file: first.name }),
        );
        return reportTrust({ ...trust, ledgers: [{ ...first, lines: [...first.lines, ...extra] }, ...rest] });
      },
    },
    {
      name: 'one supplier and no problems (each table a single row)',
      report: async () =>
        buildReport([ledgerFile('one.csv', [line('2024-04-10', 100_00, 'Only & Ltd')])], undefined, {
          firstYear: parseFinancialYear('2024/25'),
          reportMonth: '2024-04',
          classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
        }),
    },
  ];

  for (const { name, report: makeReport } of cases) {
    describe(name, () => {
      let report: Report;
      let ours: Uint8Array;
      let exceljs: Uint8Array;

      beforeAll(async () => {
        report = await makeReport();
        const chart = renderShareChart(report);
        ours = await renderWorkbook(report, { ...OPTIONS, chart });
        exceljs = await renderWorkbookByExceljs(report, { ...OPTIONS, chart });
      }, 60_000);

      it('has every part the same, each shared string read in place of its index', () => {
        const a = resolved(ours);
        const b = resolved(exceljs);
        expect([...a.keys()]).toEqual([...b.keys()]);
        for (const [part, xml] of b) expect(a.get(part), part).toBe(xml);
      });

      it('has the same cells (value, type, style index), rows, merges, widths, dimension and names', () => {
        const sheets = readXlsx(exceljs).sheets.map((s) => s.name);
        expect(readXlsx(ours).sheets.map((s) => s.name)).toEqual(sheets);
        for (const sheet of [
          'Suppliers',
          'Data quality',
          ...(sheets.includes('To review') ? ['To review'] : []),
        ]) {
          const a = sheetFacts(ours, sheet);
          const b = sheetFacts(exceljs, sheet);
          expect(a.cells.length, sheet).toBe(b.cells.length);
          expect(a, sheet).toEqual(b);
        }
        // The Suppliers sheet holds every supplier, below its header.
        const rows = readXlsx(ours).sheet('Suppliers').rows;
        const header = rows.findIndex((row) => row[0] === 'Supplier');
        expect(rows.length - header - 1).toBe(report.suppliers.length);
      });

      it('holds each shared string once, and counts every cell that uses one', () => {
        const parts = unpack(ours);
        const items = sharedItems(parts);
        const sst = /<sst [^>]*count="(\d+)" uniqueCount="(\d+)"/.exec(
          parts.get('xl/sharedStrings.xml') ?? '',
        );
        let cells = 0;
        for (const [part, xml] of parts) {
          if (part.startsWith('xl/worksheets/sheet')) cells += (xml.match(/ t="s"/g) ?? []).length;
        }
        expect(Number(sst?.[1])).toBe(cells);
        expect(Number(sst?.[2])).toBe(items.length);
        expect(new Set(items).size).toBe(items.length);
      });

      it('opens in exceljs with the same rows, values and styles', async () => {
        for (const sheet of ['Suppliers', 'Data quality']) {
          expect(await readByExceljs(ours, sheet)).toEqual(await readByExceljs(exceljs, sheet));
        }
      });
    });
  }

  it('shows every awkward name as the ledger had it, less what XML cannot hold', async () => {
    const report = manySuppliersReport(20);
    const shown = readXlsx(await renderWorkbook(report))
      .sheet('Suppliers')
      .rows.map((row) => row[0]);
    for (const name of report.suppliers.map((s) => displayName(s.supplier))) {
      // exceljs drops the C0 controls other than tab, line feed and carriage return, and DEL; UTF-8
      // cannot carry a lone surrogate, which becomes U+FFFD.
      const expected = name.replace(DROPPED_CONTROLS_ALL, '').replace(/\ud800/g, '\ufffd');
      expect(shown).toContain(expected);
    }
    expect(shown).toContain('Payees withheld (redacted)');
  });
});

describe('deferred rows on a sheet of several tables', () => {
  /** Two tables with merged columns, deferred or not, then rows and a merge of exceljs's below them. */
  async function book(deferred: DeferredRows | undefined, made?: { rows: number }): Promise<Uint8Array> {
    const workbook = new Workbook();
    const columns: Column[] = [
      { header: 'Name', width: 20, wrap: true },
      { header: 'Note', width: 10, span: 2, wrap: true },
      { header: 'Amount', width: 12, format: POUNDS },
    ];
    const rows: Row[] = Array.from({ length: 50 }, (_, i) => [
      `Name ${i} ${'long '.repeat(i % 9)}`,
      i % 3 === 0 ? null : `Note & <${i}>`,
      i % 4 === 0 ? null : (i - 20) * 1.25,
    ]);
    // With `made`, the first table's rows are made as they are asked for, and counted.
    const first =
      made === undefined
        ? rows
        : lazyRows(rows.length, (index) => {
            made.rows += 1;
            return [...(rows[index] as Row)];
          });
    const sheet = addTable(workbook, 'Tables', ['Title', ''], columns, first, 'First', deferred);
    const place = appendTable(sheet, { heading: 'Second', columns, rows: rows.slice(0, 7) }, deferred);
    sheet.addRow([]);
    const below = sheet.addRow(['Below', 'merged below']);
    sheet.mergeCells(below.number, 2, below.number, 4);
    sheet.getCell('A2').value =
      `The second table's header is row ${place.header}, its last row ${place.last}.`;
    addTable(workbook, 'Untouched', [], [{ header: 'Only', width: 9 }], [['one'], ['two']]);
    const stored = (await workbook.xlsx.writeBuffer({
      zip: { compression: 'STORE' },
    })) as unknown as Uint8Array;
    return deferred === undefined ? deflateStoredZip(stored) : deferred.writeInto(stored);
  }

  it('moves what follows each table down, merges included, as exceljs would have placed it', async () => {
    const ours = resolved(await book(new DeferredRows()));
    const exceljs = resolved(await book(undefined));
    expect([...ours.keys()]).toEqual([...exceljs.keys()]);
    for (const [part, xml] of exceljs) expect(ours.get(part), part).toBe(xml);
    const sheet = readXlsx(await book(new DeferredRows())).sheet('Tables');
    expect(sheet.rows[1]?.[0]).toBe("The second table's header is row 58, its last row 65.");
    expect(sheet.rows[57]?.[0]).toBe('Name');
    expect(sheet.rows[66]?.[0]).toBe('Below');
  });

  it('writes rows made only as they are asked for as it writes rows held in an array', async () => {
    const exceljs = resolved(await book(undefined));
    for (const deferred of [new DeferredRows(), undefined]) {
      const made = { rows: 0 };
      const lazy = resolved(await book(deferred, made));
      expect([...lazy.keys()]).toEqual([...exceljs.keys()]);
      for (const [part, xml] of exceljs) expect(lazy.get(part), part).toBe(xml);
      // Each row once, the template twice (for exceljs, then written with the rest) when deferred.
      expect(made.rows).toBe(deferred === undefined ? 50 : 51);
    }
  });

  it('refuses a sheet whose picture it would have to move', async () => {
    const workbook = new Workbook();
    const deferred = new DeferredRows();
    const sheet = addTable(
      workbook,
      'Pictured',
      [],
      [{ header: 'A', width: 9 }],
      [['x'], ['y']],
      undefined,
      deferred,
    );
    const image = workbook.addImage({ buffer: Buffer.alloc(100, 1) as never, extension: 'png' });
    sheet.addImage(image, { tl: { col: 2, row: 1 }, ext: { width: 10, height: 10 } });
    const stored = (await workbook.xlsx.writeBuffer({
      zip: { compression: 'STORE' },
    })) as unknown as Uint8Array;
    await expect(deferred.writeInto(stored)).rejects.toThrow(SheetXmlError);
  });
});
