import { createHash } from 'node:crypto';
import { type Cell, cellText, isBlankRow, readTable, shortenText, type TableRow } from '../table/index.ts';
import { type ColumnMatch, mapHeaderCandidates } from '../table/map-columns.ts';
import type { InputFile, LineIssue, SupplierRecord, SupplierReference } from '../types.ts';
import { normaliseCharityNumber } from './charity-number.ts';
import { normaliseCompanyNumber } from './company-number.ts';
import { normaliseSupplierName } from './normalise-name.ts';
import { type CellReading, parseCountCell, parseMoneyCell, parseYesNoCell } from './parse-reference-cell.ts';
import { normalisePostcode } from './postcode.ts';
import { moneyUnitOfAlias, REFERENCE_COLUMNS, type ReferenceField } from './reference-columns.ts';
import { findUnreadColumns } from './reference-notes.ts';
import { SupplierReferenceError } from './supplier-reference-error.ts';

/** Rows searched for the header (titles and notes above it are skipped). */
const HEADER_SEARCH_ROWS = 30;

/**
 * Reads the trust's supplier reference (CSV in any common encoding, or XLSX). Bad cells become
 * `issues` and are treated as not stated; their rows are kept. Throws `SupplierReferenceError` when
 * there is no supplier name column or the file cannot be read as a table.
 *
 * @example
 * const reference = await readSupplierReference({ name: 'suppliers.xlsx', bytes });
 * reference.records[0]; // { line: 2, name: 'Acme Ltd', companyNumber: '01234567', branchPostcodes: [], … }
 */
export async function readSupplierReference(file: InputFile): Promise<SupplierReference> {
  let rows: TableRow[];
  try {
    const table = await readTable(file, {
      selectSheet: (sheetRows) => findReferenceHeader(sheetRows) !== undefined,
    });
    rows = table.rows;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SupplierReferenceError(`The supplier reference cannot be read: ${reason}`, { cause: error });
  }
  const { records, issues } = parseSupplierReferenceRows(file.name, rows);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return { name: file.name, sha256, records, issues };
}

interface ReferenceHeader {
  index: number;
  row: TableRow;
  columns: Partial<Record<ReferenceField, ColumnMatch>>;
}

/** The row naming the most reference columns, among those naming a supplier name column. */
function findReferenceHeader(rows: readonly TableRow[]): ReferenceHeader | undefined {
  let best: (ReferenceHeader & { count: number }) | undefined;
  for (const { index, row, columns } of mapHeaderCandidates(rows, REFERENCE_COLUMNS, HEADER_SEARCH_ROWS)) {
    if (columns.name === undefined) continue;
    const count = Object.keys(columns).length;
    if (best === undefined || count > best.count) best = { index, row, columns, count };
  }
  return best;
}

/**
 * The pure part of `readSupplierReference`: header row → fields, then one `SupplierRecord` per data
 * row with a supplier name. Header cells no field takes are noted (`findUnreadColumns`). A row a ledger
 * line could reach by the same key (Supplier ID, company number, name) as an earlier row of the same
 * supplier, bringing a postcode the earlier one lacks, is noted: matching uses the earlier row, as it
 * does for a contradicting SME or VCSE Y/N.
 */
export function parseSupplierReferenceRows(
  fileName: string,
  rows: readonly TableRow[],
): { records: SupplierRecord[]; issues: LineIssue[] } {
  const header = findReferenceHeader(rows);
  if (header === undefined) throw missingNameColumn(fileName, rows);
  const { columns } = header;
  const records: SupplierRecord[] = [];
  const issues: LineIssue[] = findUnreadColumns(fileName, header.row.line, header.row.cells, columns);
  const firstLineById = new Map<string, number>();
  const firstRecordByKey = new Map<string, SupplierRecord>();
  const turnoverUnit = moneyUnitOfAlias(columns.turnover?.alias ?? '');
  const balanceSheetUnit = moneyUnitOfAlias(columns.balanceSheet?.alias ?? '');

  for (const row of rows.slice(header.index + 1)) {
    if (isBlankRow(row)) continue;
    const cellOf = (field: ReferenceField): Cell => {
      const column = columns[field];
      return column === undefined ? null : (row.cells[column.index] ?? null);
    };
    const report = (field: ReferenceField, value: string, reason: string) => {
      issues.push({ file: fileName, line: row.line, column: columns[field]?.header ?? field, value, reason });
    };
    const read = <T>(field: ReferenceField, reading: CellReading<T>): T | undefined => {
      if (reading.ok) return reading.value;
      const value = cellText(cellOf(field));
      report(field, shortenText(value, 200), `"${shortenText(value)}" ${reading.reason}`);
      return undefined;
    };

    const name = cellText(cellOf('name'));
    if (name === '') {
      report('name', '', "the supplier's name is blank: add it (this row is ignored until then)");
      continue;
    }
    const record: SupplierRecord = { line: row.line, name, branchPostcodes: [] };

    const supplierId = cellText(cellOf('supplierId'));
    if (supplierId !== '') {
      const earlier = firstLineById.get(supplierId.toUpperCase());
      if (earlier === undefined) firstLineById.set(supplierId.toUpperCase(), row.line);
      else {
        report(
          'supplierId',
          supplierId,
          `Supplier ID "${supplierId}" is also on line ${earlier}: give each supplier its own ID (ledger lines with this ID match line ${earlier})`,
        );
      }
      record.supplierId = supplierId;
    }

    const companyNumber = readIdentifier(
      cellOf('companyNumber'),
      normaliseCompanyNumber,
      'is not a Companies House number: write its 8 characters, like 01234567 or SC123456, or leave it blank',
    );
    const companyNumberValue = read('companyNumber', companyNumber);
    if (companyNumberValue !== undefined) record.companyNumber = companyNumberValue;

    const charity = readIdentifier(
      cellOf('charityNumber'),
      normaliseCharityNumber,
      'is not a registered charity number: write it like 1123456 (England and Wales), SC012345 (Scotland) or NIC100001 (Northern Ireland), or leave it blank',
    );
    const charityValue = read('charityNumber', charity);
    if (charityValue !== undefined) record.charityNumber = charityValue;

    const postcode = read('postcode', readIdentifier(cellOf('postcode'), normalisePostcode, POSTCODE_REASON));
    if (postcode !== undefined) record.postcode = postcode;

    for (const part of cellText(cellOf('branchPostcodes')).split(/[;,\n]/)) {
      const text = part.trim();
      if (text === '') continue;
      const branch = normalisePostcode(text);
      if (branch === undefined) {
        report('branchPostcodes', text, `"${text}" ${POSTCODE_REASON}; separate several postcodes with ";"`);
      } else if (!record.branchPostcodes.includes(branch)) {
        record.branchPostcodes.push(branch);
      }
    }

    const employees = read('employees', parseCountCell(cellOf('employees')));
    if (employees !== undefined) record.employees = employees;
    const turnover = read('turnover', parseMoneyCell(cellOf('turnover'), turnoverUnit));
    if (turnover !== undefined) record.turnover = turnover;
    const balanceSheet = read('balanceSheet', parseMoneyCell(cellOf('balanceSheet'), balanceSheetUnit));
    if (balanceSheet !== undefined) record.balanceSheet = balanceSheet;
    const sme = read('sme', parseYesNoCell(cellOf('sme')));
    if (sme !== undefined) record.sme = sme;
    const vcse = read('vcse', parseYesNoCell(cellOf('vcse')));
    if (vcse !== undefined) record.vcse = vcse;

    for (const flag of FLAGS) {
      const clash = findContradiction(record, flag, firstRecordByKey);
      if (clash !== undefined)
        report(flag, cellText(cellOf(flag)), describeContradiction(flag, record, clash));
    }
    const same = findSameSupplier(record, firstRecordByKey);
    if (same !== undefined) {
      const note = describeNewPostcodes(record, same);
      if (note !== undefined)
        report(columns.postcode === undefined ? 'branchPostcodes' : 'postcode', note.value, note.reason);
    }
    for (const key of matchKeys(record))
      if (!firstRecordByKey.has(key.id)) firstRecordByKey.set(key.id, record);
    records.push(record);
  }
  return { records, issues };
}

const postcodesOf = (record: SupplierRecord): string[] =>
  record.postcode === undefined ? record.branchPostcodes : [record.postcode, ...record.branchPostcodes];

/**
 * The earlier record a line would match by a key this one shares, when both are the same supplier: not
 * when they give different Supplier IDs (two vendors in the trust's own system), company numbers or
 * charity numbers (two bodies of one name), nor when one Supplier ID is on two names.
 */
function findSameSupplier(
  record: SupplierRecord,
  firstByKey: ReadonlyMap<string, SupplierRecord>,
): { earlier: SupplierRecord; key: MatchKey } | undefined {
  for (const key of matchKeys(record)) {
    const earlier = firstByKey.get(key.id);
    if (earlier === undefined) continue;
    const differ = (a: string | undefined, b: string | undefined) =>
      a !== undefined && b !== undefined && a !== b;
    const id = (r: SupplierRecord) =>
      r.supplierId === undefined ? undefined : r.supplierId.trim().toUpperCase();
    if (differ(id(record), id(earlier))) continue;
    if (differ(record.companyNumber, earlier.companyNumber)) continue;
    if (differ(record.charityNumber, earlier.charityNumber)) continue;
    // One Supplier ID on two names is an ID given twice (reported as such), not one supplier's two sites.
    if (
      key.id.startsWith('id:') &&
      normaliseSupplierName(record.name) !== normaliseSupplierName(earlier.name)
    )
      continue;
    return { earlier, key };
  }
  return undefined;
}

function describeNewPostcodes(
  record: SupplierRecord,
  { earlier, key }: { earlier: SupplierRecord; key: MatchKey },
): { value: string; reason: string } | undefined {
  const known = postcodesOf(earlier);
  const added = postcodesOf(record).filter((postcode) => !known.includes(postcode));
  if (added.length === 0) return undefined;
  const there = known.length === 0 ? 'which gives no postcode' : known.join(', ');
  return {
    value: added.join('; '),
    reason:
      `postcode ${added.join(', ')} here is not on line ${earlier.line} (${there}) for the same supplier (${key.label}): ` +
      `ledger lines matched by that use line ${earlier.line}, so its postcodes decide whether the supplier is local; ` +
      `if this is another of its sites, add it to line ${earlier.line}'s "Branch Postcodes" and delete this row, or correct the row that is out of date`,
  };
}

const FLAGS = ['sme', 'vcse'] as const;
type Flag = (typeof FLAGS)[number];

/** How a ledger line can find a record, as `matchLedgerLine` tries them: supplier ID, company number, name. */
interface MatchKey {
  id: string;
  /** The key as people say it: `company number 01234567` (a name is not repeated: it may be a person's). */
  label: string;
}

function matchKeys(record: SupplierRecord): MatchKey[] {
  const keys: MatchKey[] = [];
  if (record.supplierId !== undefined) {
    keys.push({
      id: `id:${record.supplierId.trim().toUpperCase()}`,
      label: `Supplier ID "${record.supplierId}"`,
    });
  }
  if (record.companyNumber !== undefined) {
    keys.push({ id: `company:${record.companyNumber}`, label: `company number ${record.companyNumber}` });
  }
  const name = normaliseSupplierName(record.name);
  if (name !== '') keys.push({ id: `name:${name}`, label: 'the same name' });
  return keys;
}

/** An earlier record a line would match by the same key, whose flag says the opposite of this one's. */
function findContradiction(
  record: SupplierRecord,
  flag: Flag,
  firstByKey: ReadonlyMap<string, SupplierRecord>,
): { earlier: SupplierRecord; key: MatchKey } | undefined {
  const value = record[flag];
  if (value === undefined) return undefined;
  for (const key of matchKeys(record)) {
    const earlier = firstByKey.get(key.id);
    if (earlier !== undefined && earlier[flag] !== undefined && earlier[flag] !== value)
      return { earlier, key };
  }
  return undefined;
}

function describeContradiction(
  flag: Flag,
  record: SupplierRecord,
  { earlier, key }: { earlier: SupplierRecord; key: MatchKey },
): string {
  const label = flag.toUpperCase();
  const yesNo = (value: boolean | undefined) => (value ? 'Y' : 'N');
  return (
    `${label} is ${yesNo(record[flag])} here but ${yesNo(earlier[flag])} on line ${earlier.line} for the same supplier (${key.label}): ` +
    `ledger lines matched by that use line ${earlier.line}, so ${label} ${yesNo(earlier[flag])} counts; make the two rows agree, or delete one`
  );
}

const POSTCODE_REASON = 'is not a UK postcode: write it like ME14 1XX, or leave it blank';

function readIdentifier(
  cell: Cell,
  normalise: (text: string) => string | undefined,
  reason: string,
): CellReading<string> {
  const text = typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : cellText(cell);
  if (text === '') return { ok: true, value: undefined };
  const value = normalise(text);
  return value === undefined ? { ok: false, reason } : { ok: true, value };
}

function missingNameColumn(fileName: string, rows: readonly TableRow[]): SupplierReferenceError {
  const firstRow = rows.find((row) => !isBlankRow(row));
  if (firstRow === undefined) {
    return new SupplierReferenceError(
      `${fileName} is empty: the supplier reference needs a header row with a "Supplier Name" column and one row per supplier`,
    );
  }
  const seen = firstRow.cells
    .map((cell) => cellText(cell))
    .filter((text) => text !== '')
    .map((text) => `"${text}"`)
    .join(', ');
  const accepted = REFERENCE_COLUMNS.name.aliases.map((alias) => `"${alias}"`).join(', ');
  return new SupplierReferenceError(
    `${fileName} has no "Supplier Name" column in its first ${HEADER_SEARCH_ROWS} rows (line ${firstRow.line} has ${seen}): ` +
      `add a header row with a "Supplier Name" column (also accepted: ${accepted})`,
  );
}
