import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { financialYearOf, listMonths } from '../../sample/calendar.ts';
import { partyKey } from '../../sample/expected-figures.ts';
import {
  buildSampleModel,
  generateSampleTrust,
  type SampleModel,
  type SampleTrust,
} from '../../sample/generate-trust.ts';
import type { InputFile } from '../../shared/types.ts';

/** What a test can read back from one extract without the code under test: its data lines and total. */
interface ReadBack {
  text: string;
  header: string[];
  rows: { date: string; supplier: string; amount: number }[];
  totalRows: number;
  dateCells: ('date' | 'text')[];
  offThePenny: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** `" £38,148.43 "`, `(1,200.00)`, `-85.00` → pence, without floating point. */
function pence(text: string): number {
  const cleaned = text.replace(/[\s£,]/g, '');
  const match = /^(\()?(-)?(\d+)\.(\d{2})\)?$/.exec(cleaned);
  if (!match) throw new Error(`not an amount: "${text}"`);
  const value = Number(match[3]) * 100 + Number(match[4]);
  return match[1] || match[2] ? -value : value;
}

function readCsv(file: InputFile): ReadBack {
  const text = decode(file.bytes);
  const records: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: false });
  const headerAt = records.findIndex((r) =>
    r.some((cell) => /^(supplier|supplier name|suppklier)$/i.test(cell.trim())),
  );
  const header = records[headerAt] ?? [];
  const col = (pattern: RegExp) => header.findIndex((cell) => pattern.test(cell.trim()));
  const [dateAt, supplierAt, amountAt] = [
    col(/^date/i),
    col(/^(supplier|supplier name|suppklier)$/i),
    col(/amount$/i),
  ];
  const rows: ReadBack['rows'] = [];
  let totalRows = 0;
  for (const record of records.slice(headerAt + 1)) {
    if (record.every((cell) => cell.trim() === '')) continue;
    const [date, supplier, amount] = [record[dateAt] ?? '', record[supplierAt] ?? '', record[amountAt] ?? ''];
    if (date === '' && supplier === 'Total') {
      totalRows += 1;
      continue;
    }
    rows.push({ date, supplier, amount: pence(amount) });
  }
  return { text, header, rows, totalRows, dateCells: [], offThePenny: 0 };
}

async function readXlsx(file: InputFile): Promise<ReadBack> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${file.name} has no worksheet`);
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const [dateAt, supplierAt, amountAt] = ['Date Paid', 'Supplier Name', 'AP Amount'].map(
    (h) => header.indexOf(h) + 1,
  );
  const result: ReadBack = { text: '', header, rows: [], totalRows: 0, dateCells: [], offThePenny: 0 };
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    if (row.getCell(1).value === 'Total') {
      result.totalRows += 1;
      return;
    }
    const date = row.getCell(dateAt ?? 0).value;
    const amount = Number(row.getCell(amountAt ?? 0).value);
    if (Math.round(amount * 100) / 100 !== amount) result.offThePenny += 1;
    result.dateCells.push(date instanceof Date ? 'date' : 'text');
    result.rows.push({
      date: date instanceof Date ? date.toISOString().slice(0, 10) : String(date),
      supplier: String(row.getCell(supplierAt ?? 0).value),
      amount: Math.round(Number(amount.toPrecision(15)) * 100),
    });
  });
  return result;
}

const readBack = (file: InputFile) =>
  file.name.endsWith('.xlsx') ? readXlsx(file) : Promise.resolve(readCsv(file));

describe('generateSampleTrust', () => {
  let trust: SampleTrust;
  let model: SampleModel;
  let files: { file: InputFile; month: string; read: ReadBack }[];

  beforeAll(async () => {
    trust = await generateSampleTrust();
    model = buildSampleModel();
    files = await Promise.all(
      trust.ledgerFiles.map(async (file, index) => ({
        file,
        month: model.months[index] ?? '',
        read: await readBack(file),
      })),
    );
  });

  it('gives identical bytes for the same seed and different bytes for another seed', async () => {
    const again = await generateSampleTrust();
    const other = await generateSampleTrust({ seed: 7, firstMonth: '2022-04', lastMonth: '2022-06' });

    expect(again.ledgerFiles.map((f) => [f.name, sha256(f.bytes)])).toEqual(
      trust.ledgerFiles.map((f) => [f.name, sha256(f.bytes)]),
    );
    expect(sha256(again.supplierReference.bytes)).toBe(sha256(trust.supplierReference.bytes));
    expect(again.expected).toEqual(trust.expected);
    expect(sha256(other.ledgerFiles[0]?.bytes ?? new Uint8Array())).not.toBe(
      sha256(trust.ledgerFiles[0]?.bytes ?? new Uint8Array()),
    );
  });

  it('has one extract for every month from April 2022 to October 2026, each dated inside its own month', () => {
    const months = listMonths('2022-04', '2026-10');

    expect(trust.ledgerFiles).toHaveLength(55);
    expect(new Set(trust.ledgerFiles.map((f) => f.name)).size).toBe(55);
    expect(model.months).toEqual(months);
    for (const month of months) {
      const lines = model.lines.filter((line) => line.month === month);
      expect(lines.length, month).toBeGreaterThanOrEqual(80);
      expect(lines.length, month).toBeLessThanOrEqual(200);
      expect(
        lines.every((line) => line.date.startsWith(`${month}-`)),
        month,
      ).toBe(true);
      expect(
        lines.some((line) => line.amount < 0),
        `${month} has a credit note`,
      ).toBe(true);
    }
  });

  it('writes every model line, and only those, into its month’s file', () => {
    for (const { file, month, read } of files) {
      const lines = model.lines.filter((line) => line.month === month);
      expect(read.rows.length, file.name).toBe(lines.length);
      expect(
        read.rows.reduce((sum, row) => sum + row.amount, 0),
        file.name,
      ).toBe(lines.reduce((sum, line) => sum + line.amount, 0));
    }
  });

  it('varies the layout the way real trusts’ extracts do', () => {
    const csvs = files.filter(({ file }) => file.name.endsWith('.csv'));
    const xlsxs = files.filter(({ file }) => file.name.endsWith('.xlsx'));
    const headers = new Set(files.flatMap(({ read }) => read.header));
    const someCsv = (pattern: RegExp) => csvs.some(({ read }) => pattern.test(read.text));
    const isUtf8 = (bytes: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    };

    expect(
      csvs.some(({ file }) => file.bytes[0] === 0xef && file.bytes[1] === 0xbb && file.bytes[2] === 0xbf),
    ).toBe(true);
    expect(csvs.some(({ file }) => file.bytes.includes(0xa3) && !isUtf8(file.bytes))).toBe(true);
    expect(xlsxs.length).toBeGreaterThan(0);
    expect(xlsxs.every(({ file }) => file.bytes[0] === 0x50 && file.bytes[1] === 0x4b)).toBe(true);
    expect(someCsv(/^[^,\r\n]*Trust[^,\r\n]*\r?\n\r?\n/), 'title and blank line').toBe(true);
    for (const header of [
      'Supplier Name',
      'Suppklier',
      'AP Amount',
      'Date Paid',
      ' Amount ',
      'Date of payment',
    ]) {
      expect(headers, header).toContain(header);
    }
    expect(headers).toContain('Supplier ID');
    expect(headers).toContain('Supplier Postcode');
    expect(someCsv(/"\(\d{1,3}(,\d{3})*\.\d{2}\)"|,\(\d+\.\d{2}\)/), '(1,200.00) credit').toBe(true);
    expect(someCsv(/" £\d{1,3}(,\d{3})*\.\d{2} "/), '" £38,148.43 "').toBe(true);
    expect(someCsv(/,-\d+\.\d{2}\r?\n/), '-85.00').toBe(true);
    expect(someCsv(/^\d{2}-[A-Z][a-z]{2}-\d{2},/m), '05-Apr-24').toBe(true);
    expect(someCsv(/[A-Z&' ]+:(\d{8}|[A-Z]{2}\d{6}),/), 'NAME:01234567').toBe(true);
    expect(csvs.some(({ read }) => read.totalRows === 1)).toBe(true);
    expect(xlsxs.some(({ read }) => read.totalRows === 1)).toBe(true);
    expect(someCsv(/(\r?\n){3}$/), 'trailing blank lines').toBe(true);
    expect(xlsxs.some(({ read }) => read.dateCells.includes('date'))).toBe(true);
    expect(xlsxs.some(({ read }) => read.dateCells.includes('text'))).toBe(true);
    expect(xlsxs.reduce((n, { read }) => n + read.offThePenny, 0)).toBeGreaterThan(100);

    const suppliers = new Set(files.flatMap(({ read }) => read.rows.map((row) => row.supplier)));
    for (const name of [
      'Total Gas & Power Ltd',
      'Redactive Media Ltd',
      'REDACTED',
      'Redacted personal data',
    ]) {
      expect(suppliers, name).toContain(name);
    }
    expect(
      [...suppliers].some((name) => /CIC$/.test(name) && !model.suppliers.some((s) => s.name === name)),
    ).toBe(true);
  });

  it('writes a run of months as m/d/yyyy, each file with a day above 12 so the order is decidable', () => {
    const monthFirst = files.filter(({ read }) =>
      read.rows.some((row) => Number(row.date.split('/')[1]) > 12),
    );

    expect(monthFirst.length).toBeGreaterThanOrEqual(3);
    for (const { month, read, file } of monthFirst) {
      const [year, m] = month.split('-').map(Number);
      for (const row of read.rows) {
        const [first, , y] = row.date.split('/').map(Number);
        expect([first, y], file.name).toEqual([m, year]);
      }
    }
    for (const { read, file } of files.filter(({ read }) =>
      /^\d+\/\d+\/\d{4}$/.test(read.rows[0]?.date ?? ''),
    )) {
      const parts = read.rows.map((row) => row.date.split('/').map(Number));
      expect(
        parts.some(([a = 0, b = 0]) => a > 12 || b > 12),
        `${file.name} has a day above 12`,
      ).toBe(true);
    }
  });

  it('states expected figures that are the sums of the model’s lines', () => {
    const sums = new Map<string, Record<string, number>>();
    for (const line of model.lines) {
      const fy = financialYearOf(line.month);
      const sum = sums.get(fy) ?? { total: 0, local: 0, localUnknown: 0, sme: 0, smeUnknown: 0, vcse: 0 };
      sums.set(fy, sum);
      sum.total = (sum.total ?? 0) + line.amount;
      const truth = line.party.kind === 'redacted' ? undefined : model.truth.get(partyKey(line.party));
      if (!truth) continue;
      if (truth.local === 'yes') sum.local = (sum.local ?? 0) + line.amount;
      if (truth.local === 'unknown') sum.localUnknown = (sum.localUnknown ?? 0) + line.amount;
      if (truth.sme === 'yes') sum.sme = (sum.sme ?? 0) + line.amount;
      if (truth.sme === 'unknown') sum.smeUnknown = (sum.smeUnknown ?? 0) + line.amount;
      if (truth.vcse) sum.vcse = (sum.vcse ?? 0) + line.amount;
    }
    const pounds = (p = 0) => (p / 100).toFixed(2);

    expect(trust.expected.reportMonth).toBe('2026-10');
    expect(trust.expected.financialYears.map((fy) => [fy.fy, fy.months])).toEqual([
      ['2022/23', 12],
      ['2023/24', 12],
      ['2024/25', 12],
      ['2025/26', 12],
      ['2026/27', 7],
    ]);
    for (const fy of trust.expected.financialYears) {
      const sum = sums.get(fy.fy);
      expect(fy, fy.fy).toEqual({
        fy: fy.fy,
        months: fy.months,
        total: pounds(sum?.total),
        local: pounds(sum?.local),
        localUnknown: pounds(sum?.localUnknown),
        sme: pounds(sum?.sme),
        smeUnknown: pounds(sum?.smeUnknown),
        vcse: pounds(sum?.vcse),
      });
    }
    const filesTotal = files.reduce((n, { read }) => n + read.rows.reduce((m, row) => m + row.amount, 0), 0);
    const expectedTotal = trust.expected.financialYears.reduce(
      (n, fy) => n + Math.round(Number(fy.total) * 100),
      0,
    );
    expect(expectedTotal).toBe(filesTotal);
  });

  it('classifies its hand-written edge cases as the default rules say', () => {
    const truthOf = (name: string) => {
      const supplier = model.suppliers.find((s) => s.name === name);
      if (!supplier) throw new Error(`no supplier ${name}`);
      return model.truth.get(`ref:${supplier.id}`);
    };

    expect(truthOf('Total Gas & Power Ltd')).toEqual({ local: 'no', sme: 'no', vcse: false });
    expect(truthOf('Redactive Media Ltd')).toEqual({ local: 'no', sme: 'yes', vcse: false });
    expect(truthOf('Northgate Linen Services Ltd')?.local).toBe('yes');
    expect(truthOf('Orbis Sterile Services Ltd')?.local).toBe('yes');
    expect(truthOf('Hextable Hygiene Ltd')?.local).toBe('yes');
    for (const name of [
      'Westerham Medical Gases Ltd',
      'Edenbridge Print & Design Ltd',
      'Crayford Lift Engineering Ltd',
    ]) {
      expect(truthOf(name)?.local, name).toBe('unknown');
    }
    expect(truthOf('Swanley Courier Services Ltd')).toEqual({ local: 'unknown', sme: 'no', vcse: false });
    expect(truthOf('Greenway Recruitment Partners Ltd')?.local).toBe('unknown');
    expect(truthOf('Boundary Engineering Services Ltd')?.sme).toBe('yes');
    expect(truthOf('Two Fifty Staffing Solutions Ltd')?.sme).toBe('no');
    expect(truthOf('Weald Clinical Staffing Ltd')?.sme).toBe('yes');
    expect(truthOf('Pilgrim Software Ltd')?.sme).toBe('no');
    expect(truthOf('Kent Carers Matter CIO')).toEqual({ local: 'yes', sme: 'unknown', vcse: true });
    expect(truthOf('Garden of England Community Energy Ltd')?.vcse).toBe(true);
    expect(truthOf('Caledonian Sight Loss Trust')?.vcse).toBe(true);
    expect(truthOf('Thanet Wellbeing Hub CIC')?.vcse).toBe(true);
    expect(truthOf('Invicta Social Enterprise Ltd')?.vcse).toBe(true);
    expect(truthOf('Medway Education Trust')?.vcse).toBe(false);
    expect(truthOf('Forth Valley Diagnostics Ltd')?.vcse).toBe(false);
    const unmatchedCic = model.unmatched
      .filter((payee) => payee.name.endsWith('CIC'))
      .map((payee) => model.truth.get(`name:${payee.name}`))
      .filter((truth) => truth !== undefined);
    expect(unmatchedCic.length).toBeGreaterThan(0);
    for (const truth of unmatchedCic) expect(truth).toEqual({ local: 'unknown', sme: 'unknown', vcse: true });
  });

  it('lists about 150 suppliers in the reference, with the identifiers real references hold', () => {
    const text = decode(trust.supplierReference.bytes);
    const records: string[][] = parse(text, { columns: false });

    expect(trust.supplierReference.name).toBe('suppliers.csv');
    expect(records.length - 1).toBe(model.suppliers.length);
    expect(model.suppliers.length).toBeGreaterThanOrEqual(140);
    expect(text).toMatch(/,CE\d{6},/);
    expect(text).toMatch(/,RS\d{6},/);
    expect(text).toMatch(/,SC\d{6},/);
    expect(text).toMatch(/,\d{7},/);
    expect(text).toMatch(/,(TN8|TN16|DA1|BR8) \d[A-Z]{2},/);
    expect(new Set(model.suppliers.map((s) => s.id)).size).toBe(model.suppliers.length);
  });

  it('covers only the months asked for, and counts the elapsed months of the report year', async () => {
    const short = await generateSampleTrust({ firstMonth: '2025-04', lastMonth: '2025-06' });

    expect(short.ledgerFiles).toHaveLength(3);
    expect(short.expected.reportMonth).toBe('2025-06');
    expect(short.expected.financialYears.map((fy) => [fy.fy, fy.months])).toEqual([['2025/26', 3]]);
  });

  it('rejects a first month after the last, or a month that is not YYYY-MM', async () => {
    await expect(generateSampleTrust({ firstMonth: '2025-05', lastMonth: '2025-04' })).rejects.toThrow(
      RangeError,
    );
    await expect(generateSampleTrust({ lastMonth: '2025-13' })).rejects.toThrow(/YYYY-MM/);
  });
});
