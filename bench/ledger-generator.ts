/**
 * The seeded generator behind `npm run bench`: a trust's suppliers, its supplier reference, and ledger
 * lines in the layout real NHS spend files use (the CHWE header, DD/MM/YYYY dates, quoted names with
 * commas, `£` and thousands separators, credit notes, withheld payees, a few unreadable lines), written
 * as CSV or XLSX. It also adds up what the report must say — per financial year: lines, total, local,
 * SME, VCSE, unknowns and withheld — from its own knowledge of each supplier, so every reader can be
 * checked against it.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

export const LEDGER_HEADER =
  'Department Family,Entity,Date Paid,Expense Type,Expense Area,Supplier Name,Transaction Reference,Amount';
export const REFERENCE_HEADER =
  'Supplier Name,Company Number,Charity Number,Postcode,Employees,Turnover GBP,SME,VCSE';
/** Five financial years, 2021/22 to 2025/26: every line is dated in them. */
export const FIRST_FY = '2021/22';
const FIRST_DAY = Date.UTC(2021, 3, 1);
const DAYS = (Date.UTC(2026, 3, 1) - FIRST_DAY) / 86_400_000;

/** The postcode-district table's three kinds (shared/classify/kent-and-medway.ts), and blank. */
const LOCAL_POSTCODES = ['ME14 1XX', 'CT1 2EH', 'TN23 1AA', 'DA11 0DQ', 'ME7 1NT', 'CT20 1HE', 'TN9 1DP'];
const AMBIGUOUS_POSTCODES = ['TN3 0AA', 'TN8 5BA', 'DA1 1DL', 'BR6 0NX'];
const OUTSIDE_POSTCODES = ['SW1A 1AA', 'EC1A 1BB', 'B1 1AA', 'M1 1AE', 'LS1 1UR', 'E14 5AB', 'RH10 1AA'];

const TRADES = [
  'Medical Supplies',
  'Catering',
  'Cleaning Services',
  'Healthcare',
  'Surgical',
  'Estates',
  'Consulting',
  'Logistics',
  'Pharmacy',
  'Linen Services',
  'Transport',
  'Software',
  'Diagnostics',
  'Agency Staffing',
];
const EXPENSE_TYPES = ['Clinical Supplies', 'Drugs', 'Building Expenditure', 'Agency Staff', 'Soft Services'];
const EXPENSE_AREAS = ['Trust-wide', 'Estates, Facilities & Capital', 'Pharmacy', 'Divisional Areas', 'IT'];
const SYLLABLES = [...'BDFGKLMNPRSTVWZ'].flatMap((c) => [...'AEIOU'].map((v) => c + v));

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Form = 'Ltd' | 'Limited' | 'PLC' | 'LLP' | 'CIC' | 'Community Interest Company' | 'Trust' | '';

export interface BenchSupplier {
  name: string;
  form: Form;
  /** In the supplier reference (else every ledger line of it is unmatched). */
  inReference: boolean;
  referenceRow: string;
  local: 'yes' | 'no' | 'unknown';
  sme: 'yes' | 'no' | 'unknown';
  vcse: boolean;
}

/** A unique word per supplier (3 syllables, 75³ of them), so no two suppliers' names normalise alike. */
function uniqueWord(i: number): string {
  const n = SYLLABLES.length;
  const word = `${SYLLABLES[i % n]}${SYLLABLES[Math.floor(i / n) % n]}${SYLLABLES[Math.floor(i / n / n) % n]}`;
  return word.charAt(0) + word.slice(1).toLowerCase();
}

/** The suppliers, each with what the reference says about it and what the rules decide from that. */
export function makeSuppliers(count: number, seed: number): BenchSupplier[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const suppliers: BenchSupplier[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const form: Form =
      r < 0.4
        ? 'Ltd'
        : r < 0.55
          ? 'Limited'
          : r < 0.62
            ? 'PLC'
            : r < 0.66
              ? 'LLP'
              : r < 0.7
                ? 'CIC'
                : r < 0.72
                  ? 'Community Interest Company'
                  : r < 0.78
                    ? 'Trust'
                    : '';
    const word = uniqueWord(i);
    const partner = uniqueWord((i * 7919 + 13) % 421_875);
    const base =
      random() < 0.12
        ? `${word}, ${partner} & Co`
        : random() < 0.1
          ? `${word} & Sons`
          : `${word} ${pick(TRADES)}`;
    const name = form === '' ? base : `${base} ${form}`;
    // One supplier in 33 is missing from the reference; its lines stay unmatched.
    const inReference = i % 33 !== 5;

    const p = random();
    const postcode =
      p < 0.35
        ? pick(LOCAL_POSTCODES)
        : p < 0.43
          ? pick(AMBIGUOUS_POSTCODES)
          : p < 0.85
            ? pick(OUTSIDE_POSTCODES)
            : '';
    // Some written as finance types them: lower case, no space.
    const written = postcode !== '' && random() < 0.2 ? postcode.replace(' ', '').toLowerCase() : postcode;
    const local: BenchSupplier['local'] = !inReference
      ? 'unknown'
      : LOCAL_POSTCODES.includes(postcode)
        ? 'yes'
        : OUTSIDE_POSTCODES.includes(postcode)
          ? 'no'
          : 'unknown';

    // SME: the trust's Y/N for 30%, employees and turnover for 45%, nothing for 25%.
    const s = random();
    let smeFlag = '';
    let employees = '';
    let turnover = '';
    let sme: BenchSupplier['sme'] = 'unknown';
    if (s < 0.3) {
      smeFlag = random() < 0.6 ? 'Y' : 'N';
      sme = smeFlag === 'Y' ? 'yes' : 'no';
    } else if (s < 0.75) {
      const staff = Math.floor(random() ** 2 * 2000) + 1;
      // One in 50 exactly at the £44m limit (which is still an SME).
      const pounds = i % 50 === 7 ? 44_000_000 : Math.floor(random() ** 2 * 120_000_000);
      employees = String(staff);
      turnover = String(pounds);
      // Fewer than 250 staff and turnover at most £44m; more turnover with no balance sheet decides nothing.
      sme = staff >= 250 ? 'no' : pounds <= 44_000_000 ? 'yes' : 'unknown';
    }
    if (!inReference) sme = 'unknown';

    // VCSE: the trust's Y/N for 20%; else a charity number (Trusts), a CIO number, or a CIC name decide yes.
    let vcseFlag = '';
    let charity = '';
    let company = '';
    if (form === 'Trust') {
      if (random() < 0.8) charity = String(1_000_000 + i);
      else company = `CE${String(i).padStart(6, '0')}`;
    } else if (form === 'LLP') company = `OC${String(300_000 + i).padStart(6, '0')}`;
    else if (form !== '' && random() < 0.7) company = String(9_000_000 + i).padStart(8, '0');
    if (random() < 0.2) vcseFlag = random() < 0.3 ? 'Y' : 'N';
    const cicName = form === 'CIC' || form === 'Community Interest Company';
    const vcse = inReference
      ? vcseFlag !== ''
        ? vcseFlag === 'Y'
        : charity !== '' || company.startsWith('CE') || cicName
      : cicName;

    const referenceRow = [
      csvField(name),
      company,
      charity,
      written,
      employees,
      turnover,
      smeFlag,
      vcseFlag,
    ].join(',');
    suppliers.push({ name, form, inReference, referenceRow, local, sme, vcse });
  }
  return suppliers;
}

export function referenceCsv(suppliers: readonly BenchSupplier[]): string {
  const rows = suppliers.filter((s) => s.inReference).map((s) => s.referenceRow);
  return `${REFERENCE_HEADER}\n${rows.join('\n')}\n`;
}

/** Per financial year, in pence: what the report must say. */
export interface TruthFigures {
  lines: number;
  total: number;
  local: number;
  localUnknown: number;
  sme: number;
  smeUnknown: number;
  vcse: number;
  redacted: number;
}

export const emptyTruth = (): TruthFigures => ({
  lines: 0,
  total: 0,
  local: 0,
  localUnknown: 0,
  sme: 0,
  smeUnknown: 0,
  vcse: 0,
  redacted: 0,
});

/** One ledger line as the generator made it; `bad` lines cannot be read and count nowhere. */
export interface BenchLine {
  /** Days since 1 April 2021, or NaN for an impossible date. */
  day: number;
  supplier: BenchSupplier | 'redacted';
  /** The name as this line spells it. */
  spelt: string;
  pence: number;
  /** `TBC` in the amount: unreadable. */
  badAmount: boolean;
  expenseType: string;
  expenseArea: string;
  transaction: number;
}

/** Ledger lines, one at a time, in date order within each month block (as monthly extracts concatenated). */
export function* makeLines(
  count: number,
  suppliers: readonly BenchSupplier[],
  seed: number,
): Generator<BenchLine> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < count; i++) {
    const day = Math.floor(((i + random()) / count) * DAYS);
    const withheld = random() < 0.005;
    // Half the lines spread evenly over the suppliers, half to the big ones.
    const index =
      random() < 0.55
        ? Math.floor(random() * suppliers.length)
        : Math.floor(random() ** 3 * suppliers.length);
    const supplier = suppliers[index] as BenchSupplier;
    const magnitude = Math.max(
      1,
      Math.round(Math.exp(random() * Math.log(25_000_000)) * 100 + random() * 100),
    );
    const pence = random() < 0.03 ? -magnitude : magnitude;
    const badAmount = i % 25_000 === 12_345;
    const badDate = i % 25_000 === 20_000;
    yield {
      day: badDate ? Number.NaN : day,
      supplier: withheld ? 'redacted' : supplier,
      spelt: withheld
        ? random() < 0.5
          ? 'REDACTED'
          : 'Redacted personal data'
        : spell(supplier.name, random()),
      pence,
      badAmount,
      expenseType: pick(EXPENSE_TYPES),
      expenseArea: pick(EXPENSE_AREAS),
      transaction: 1_400_000 + i,
    };
  }
}

/** The ledger's spellings of a supplier: all normalise to the reference's name. */
function spell(name: string, r: number): string {
  if (r < 0.7) return name;
  if (r < 0.8) return name.toUpperCase();
  if (r < 0.9)
    return name
      .replace(/ Ltd$/, ' Limited')
      .replace(/ Limited$/, ' Ltd.')
      .replace(' & ', ' and ');
  return `${name.replace(/ Community Interest Company$/, ' C.I.C.')} `;
}

export function addToTruth(truth: Map<string, TruthFigures>, line: BenchLine): void {
  if (line.badAmount || Number.isNaN(line.day)) return;
  const date = new Date(FIRST_DAY + line.day * 86_400_000);
  const start = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  const fy = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  let figures = truth.get(fy);
  if (figures === undefined) {
    figures = emptyTruth();
    truth.set(fy, figures);
  }
  figures.lines += 1;
  figures.total += line.pence;
  if (line.supplier === 'redacted') {
    figures.redacted += line.pence;
    return;
  }
  const { local, sme, vcse } = line.supplier;
  if (local === 'yes') figures.local += line.pence;
  if (local === 'unknown') figures.localUnknown += line.pence;
  if (sme === 'yes') figures.sme += line.pence;
  if (sme === 'unknown') figures.smeUnknown += line.pence;
  if (vcse) figures.vcse += line.pence;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `DD/MM/YYYY`; an impossible 31/02 for a bad date. */
function dateText(day: number): string {
  if (Number.isNaN(day)) return '31/02/2023';
  const date = new Date(FIRST_DAY + day * 86_400_000);
  return `${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** `£1,234.56`, `1,234.56`, `1234.56`; credit notes `-£1,234.56`, `-1,234.56` or `(1,234.56)`. */
function amountText(pence: number, r: number, badAmount: boolean): string {
  if (badAmount) return 'TBC';
  const abs = Math.abs(pence);
  const pounds = String(Math.floor(abs / 100));
  const grouped = pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = `.${pad2(abs % 100)}`;
  const style = Math.floor(r * 20);
  let text: string;
  if (style < 9) text = `£${grouped}${fraction}`;
  else if (style < 18) text = `${grouped}${fraction}`;
  else text = `${pounds}${fraction}`;
  if (pence < 0) text = style % 3 === 0 ? `(${text.replace('£', '')})` : `-${text}`;
  return csvField(text);
}

/** Writes the ledger CSV (UTF-8 with a BOM, CRLF) and returns the truth per financial year. */
export async function writeLedgerCsv(
  path: string,
  lines: number,
  suppliers: readonly BenchSupplier[],
  seed: number,
): Promise<Map<string, TruthFigures>> {
  const out = createWriteStream(path);
  const random = seededRandom(seed ^ 0x5eed);
  const truth = new Map<string, TruthFigures>();
  let chunk = `\ufeff${LEDGER_HEADER}\r\n`;
  for (const line of makeLines(lines, suppliers, seed)) {
    addToTruth(truth, line);
    chunk +=
      `Department of Health,Bench Valley NHS Foundation Trust,${dateText(line.day)},${line.expenseType},` +
      `${csvField(line.expenseArea)},${csvField(line.spelt)},${line.transaction},${amountText(line.pence, random(), line.badAmount)}\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return truth;
}

/** Writes the same kind of ledger as an XLSX (dates and amounts as typed cells, shared strings), streaming. */
export async function writeLedgerXlsx(
  path: string,
  lines: number,
  suppliers: readonly BenchSupplier[],
  seed: number,
): Promise<Map<string, TruthFigures>> {
  const truth = new Map<string, TruthFigures>();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.columns = [
    {},
    {},
    { style: { numFmt: 'dd/mm/yyyy' } },
    {},
    {},
    {},
    {},
    { style: { numFmt: '#,##0.00' } },
  ];
  sheet.addRow(LEDGER_HEADER.split(',')).commit();
  for (const line of makeLines(lines, suppliers, seed)) {
    addToTruth(truth, line);
    sheet
      .addRow([
        'Department of Health',
        'Bench Valley NHS Foundation Trust',
        Number.isNaN(line.day) ? '31/02/2023' : new Date(FIRST_DAY + line.day * 86_400_000),
        line.expenseType,
        line.expenseArea,
        line.spelt,
        line.transaction,
        line.badAmount ? 'TBC' : line.pence / 100,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return truth;
}
