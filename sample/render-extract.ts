import ExcelJS from 'exceljs';
import { MONTH_NAMES } from '../shared/periods/financial-year.ts';
import type { InputFile, Pence, YearMonth } from '../shared/types.ts';
import { parseYearMonth } from './calendar.ts';
import { csvRecord, encodeText } from './encode-text.ts';
import { type ColumnField, type ExtractLayout, hasColumn } from './layouts.ts';
import type { SampleLine } from './ledger-model.ts';
import { pinZipTimestamps } from './pin-zip-timestamps.ts';

const DEPARTMENT_FAMILY = 'Department of Health and Social Care';
export const TRUST_NAME = 'Kent Valley NHS Foundation Trust';
const SHORT_MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));

/** One month's extract as the trust's ledger would have exported it in that period. */
export async function renderExtract(
  month: YearMonth,
  lines: readonly SampleLine[],
  layout: ExtractLayout,
): Promise<InputFile> {
  const name = layout.fileName(month);
  const bytes =
    layout.format === 'xlsx' ? await renderWorkbook(month, lines, layout) : renderCsv(month, lines, layout);
  return { name, bytes };
}

function renderCsv(month: YearMonth, lines: readonly SampleLine[], layout: ExtractLayout): Uint8Array {
  const { year, month: m } = parseYearMonth(month);
  const amountAt = layout.columns.findIndex((column) => column.field === 'amount');
  const quoteAmount = (index: number) => index === amountAt && layout.amountStyle === 'pound-padded';
  const records: string[] = [];
  if (layout.title) {
    records.push(`${TRUST_NAME} \u2013 Payments to suppliers \u2013 ${MONTH_NAMES[m - 1]} ${year}`, '');
  }
  records.push(csvRecord(layout.columns.map((column) => column.header)));
  for (const line of lines) {
    records.push(
      csvRecord(
        layout.columns.map((column) => textCell(line, column.field, layout)),
        quoteAmount,
      ),
    );
  }
  if (layout.totalRowMonths.includes(m)) {
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const cells = layout.columns.map((column) =>
      column.field === 'supplier' ? 'Total' : column.field === 'amount' ? formatAmount(total, layout) : '',
    );
    records.push(csvRecord(cells, quoteAmount));
  }
  if (layout.trailingBlankMonths.includes(m)) records.push('', '');
  return encodeText(records.join(layout.eol) + layout.eol, layout.encoding);
}

function textCell(line: SampleLine, field: ColumnField, layout: ExtractLayout): string {
  switch (field) {
    case 'departmentFamily':
      return DEPARTMENT_FAMILY;
    case 'entity':
      return TRUST_NAME;
    case 'date':
      return formatDate(line, layout);
    case 'expenseType':
      return line.expenseType;
    case 'expenseArea':
      return line.expenseArea;
    case 'supplier':
      return supplierCell(line, layout);
    case 'supplierId':
      return line.party.kind === 'supplier'
        ? line.party.supplier.id
        : line.party.kind === 'unmatched'
          ? line.party.payee.ledgerId
          : '';
    case 'postcode':
      return line.postcode ?? '';
    case 'transaction':
      return line.transaction;
    case 'amount':
      return formatAmount(line.amount, layout);
  }
}

/** What the ledger shows in the supplier column; always enough to find the reference record again. */
function supplierCell(line: SampleLine, layout: ExtractLayout): string {
  const { party } = line;
  if (party.kind === 'redacted') return party.label;
  const cased = (text: string) => (layout.supplierCase === 'upper' ? text.toUpperCase() : text);
  if (party.kind === 'unmatched') return cased(party.payee.name);
  const { supplier } = party;
  const identified = line.showCompanyNumber || hasColumn(layout, 'supplierId');
  const name = cased(supplier.tradingName !== undefined && identified ? supplier.tradingName : supplier.name);
  return line.showCompanyNumber ? `${name}:${supplier.companyNumber}` : name;
}

function formatDate(line: SampleLine, layout: ExtractLayout): string {
  const { year, month } = parseYearMonth(line.month);
  const dd = String(line.day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  switch (layout.dateStyle) {
    case 'd-mon-yy':
      return `${dd}-${SHORT_MONTHS[month - 1]}-${String(year % 100).padStart(2, '0')}`;
    case 'mdy':
      return `${month}/${line.day}/${year}`;
    case 'dmy':
    case 'xlsx-date':
    case 'xlsx-text-dmy':
      return `${dd}/${mm}/${year}`;
  }
}

export function formatAmount(amount: Pence, layout: ExtractLayout): string {
  const magnitude = Math.abs(amount);
  const pounds = Math.trunc(magnitude / 100);
  const pennies = String(magnitude % 100).padStart(2, '0');
  const digits =
    layout.amountStyle === 'plain' ? String(pounds) : String(pounds).replace(/\B(?=(\d{3})+$)/g, ',');
  const body = `${layout.amountStyle === 'pound-padded' ? '\u00a3' : ''}${digits}.${pennies}`;
  const signed = amount >= 0 ? body : layout.negativeStyle === 'parentheses' ? `(${body})` : `-${body}`;
  return layout.amountStyle === 'pound-padded' ? ` ${signed} ` : signed;
}

async function renderWorkbook(
  month: YearMonth,
  lines: readonly SampleLine[],
  layout: ExtractLayout,
): Promise<Uint8Array> {
  const { year, month: m } = parseYearMonth(month);
  const stamp = new Date(Date.UTC(year, m, 5, 9, 30));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KVFT Finance';
  workbook.lastModifiedBy = 'KVFT Finance';
  workbook.created = stamp;
  workbook.modified = stamp;
  const sheet = workbook.addWorksheet(`${SHORT_MONTHS[m - 1]}-${String(year % 100).padStart(2, '0')}`);
  sheet.addRow(layout.columns.map((column) => column.header));
  const dateColumn = layout.columns.findIndex((column) => column.field === 'date') + 1;
  const amountColumn = layout.columns.findIndex((column) => column.field === 'amount') + 1;

  lines.forEach((line, index) => {
    const row = sheet.addRow(
      layout.columns.map((column) => {
        if (column.field === 'amount') return toSpreadsheetDouble(line.amount, index);
        if (column.field === 'date' && layout.dateStyle === 'xlsx-date') {
          return new Date(Date.UTC(year, m - 1, line.day));
        }
        return textCell(line, column.field, layout);
      }),
    );
    row.getCell(amountColumn).numFmt = '#,##0.00';
    if (layout.dateStyle === 'xlsx-date') row.getCell(dateColumn).numFmt = 'dd/mm/yyyy';
  });

  if (layout.totalRowMonths.includes(m)) {
    const total = sheet.addRow(['Total']);
    const letter = sheet.getColumn(amountColumn).letter;
    total.getCell(amountColumn).value = {
      formula: `SUM(${letter}2:${letter}${lines.length + 1})`,
      result: lines.reduce((sum, line) => sum + line.amount, 0) / 100,
    };
    total.getCell(amountColumn).numFmt = '#,##0.00';
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return pinZipTimestamps(new Uint8Array(buffer as ArrayBuffer));
}

/**
 * The amount as a double, as a spreadsheet that computed it would hold it:
 * every third value exact, the others one binary step above or below
 * (75573.51 → 75573.51000000001 or 75573.50999999999). Rounding to 15
 * significant digits, as Excel displays, gives the penny amount back.
 */
export function toSpreadsheetDouble(amount: Pence, index: number): number {
  const value = amount / 100;
  const step = [0n, 1n, -1n][index % 3] ?? 0n;
  if (step === 0n || value === 0) return value;
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0] = (bits[0] ?? 0n) + step;
  return new Float64Array(bits.buffer)[0] ?? value;
}
