import type ExcelJS from 'exceljs';
import { isRedactedPayee, WITHHELD_TEXT } from '../../ledger/index.ts';
import { describeReferenceIssue, REFERENCE_ISSUE_EFFECTS } from '../../suppliers/reference-notes.ts';
import type { ClassifiedSupplier, LineIssue } from '../../types.ts';
import type { SupplierSpend } from '../aggregate-spend.ts';
import { describeOutdatedRegister, labelOutdatedRegister, type Report } from '../build-report.ts';
import { describeSeriesOverlap } from '../select-current-lines.ts';
import { addTable, appendTable, type Column, POUNDS, pounds, type Row } from './add-table.ts';
import type { DeferredRows } from './deferred-rows.ts';

/** The fact that would decide an unknown size: what finance should add to the supplier reference. */
export function describeMissingSizeFact(supplier: ClassifiedSupplier): string {
  const record = supplier.reference;
  if (record === undefined) {
    return 'Add the supplier to the supplier reference with Employees and Turnover GBP or Balance Sheet GBP, or SME Y/N';
  }
  // What the SME rule found missing from the figures given (a staff count alone cannot decide it).
  return supplier.sme.missing ?? 'Employees, and Turnover GBP or Balance Sheet GBP, or SME Y/N';
}

/** The fact that would decide an unknown location. */
export function describeMissingLocationFact(supplier: ClassifiedSupplier): string {
  if (supplier.local.evidence.some((e) => e.rule === 'no-postcode')) {
    return supplier.reference === undefined
      ? 'Add the supplier to the supplier reference with its Postcode (and Branch Postcodes)'
      : 'Postcode of its head office or a branch';
  }
  return 'Its full postcode checked against the ONS postcode lookup (--postcodes), or a branch postcode inside the area';
}

const yesOrBlank = (unknown: boolean): string => (unknown ? 'Unknown' : '');

/** Suppliers whose size or location is unknown, largest spend first: finance's list to raise coverage. */
export function unknownSupplierRows(suppliers: readonly SupplierSpend[]): Row[] {
  return suppliers
    .filter(
      (s) =>
        s.supplier.matchedBy !== 'redacted' &&
        (s.supplier.sme.decision === 'unknown' || s.supplier.local.decision === 'unknown'),
    )
    .sort((a, b) => b.total - a.total || a.supplier.name.localeCompare(b.supplier.name))
    .map((s, index) => {
      const sizeUnknown = s.supplier.sme.decision === 'unknown';
      const placeUnknown = s.supplier.local.decision === 'unknown';
      return [
        index + 1,
        s.supplier.name,
        pounds(s.total),
        yesOrBlank(sizeUnknown),
        yesOrBlank(placeUnknown),
        sizeUnknown ? describeMissingSizeFact(s.supplier) : '',
        placeUnknown ? describeMissingLocationFact(s.supplier) : '',
      ];
    });
}

/**
 * An issue as the workbook shows it. The ledger reader already leaves a withheld payee's cell text
 * out of its issues; this also catches a value that names one itself (an issue archived before the
 * reader did so, or a supplier reference cell), taking it out of the reason too.
 */
function shownIssue(issue: LineIssue): LineIssue {
  if (!isRedactedPayee(issue.value)) return issue;
  return { ...issue, value: WITHHELD_TEXT, reason: issue.reason.split(issue.value).join(WITHHELD_TEXT) };
}

/**
 * Rejected files, lines left out, cells of counted lines to check, supplier reference cells ignored, files of different series that may
 * count the same lines twice, and registers too old for the report month: line, file, effect, column, value,
 * reason.
 */
export function problemRows(report: Report): Row[] {
  const problems: Row[] = [];
  const add = (issue: LineIssue, effect: string) => {
    const { line, file, column, value, reason } = shownIssue(issue);
    problems.push([line || null, file, effect, column, value, reason]);
  };
  for (const { file } of report.files) {
    if (file.rejection) add({ ...file.rejection, file: file.name }, 'file rejected');
    for (const issue of file.issues) {
      add(
        { ...issue, file: file.name },
        file.status === 'rejected' ? 'line (file rejected)' : 'line left out',
      );
    }
    // Cells of counted lines worth checking: a postcode left out, a date that may have been swapped.
    if (file.status === 'accepted') {
      for (const note of file.notes ?? []) add({ ...note, file: file.name }, 'line counts; check it');
    }
  }
  for (const issue of report.reference?.issues ?? []) {
    add(issue, REFERENCE_ISSUE_EFFECTS[describeReferenceIssue(issue)]);
  }
  for (const overlap of report.overlaps ?? []) {
    problems.push([
      null,
      overlap.files.join(' and '),
      'maybe counted twice',
      null,
      overlap.month,
      describeSeriesOverlap(overlap),
    ]);
  }
  for (const outdated of report.registers?.outdated ?? []) {
    problems.push([
      null,
      outdated.file,
      labelOutdatedRegister(outdated),
      null,
      outdated.dated ?? null,
      describeOutdatedRegister(outdated, report.reportMonth),
    ]);
  }
  return problems;
}

// The two tables share the sheet's columns, so each width suits the column of both: Rank / Line,
// Supplier / File, Spend / Effect, Size / Column, Location / Value, the two facts / Reason.
const UNKNOWN_SUPPLIER_COLUMNS: Column[] = [
  { header: 'Rank', width: 7, centre: true },
  { header: 'Supplier', width: 34, wrap: true },
  { header: 'Spend in the report years', width: 16, format: POUNDS },
  { header: 'Size', width: 11, centre: true },
  { header: 'Location', width: 11, centre: true },
  { header: 'Fact that would decide its size', width: 44, wrap: true },
  { header: 'Fact that would decide its location', width: 44, wrap: true },
];
const PROBLEM_COLUMNS: Column[] = [
  { header: 'Line', width: 7, centre: true },
  { header: 'File', width: 34, wrap: true },
  { header: 'Effect', width: 16, wrap: true },
  { header: 'Column', width: 11, wrap: true },
  { header: 'Value', width: 11, wrap: true },
  { header: 'Reason', width: 88, wrap: true, span: 2 },
];

/**
 * The Data quality sheet, finance's to-do list: the suppliers whose size or location is unknown,
 * largest spend first, then the rejected files and lines and the supplier reference cells ignored.
 * The supplier list comes first and has the sheet's one filter and frozen header: it is the long
 * list finance works through and filters by Size or Location; the problems are usually a few rows,
 * read whole, and row 2 says where they start.
 */
export function addDataQualitySheet(
  workbook: ExcelJS.Workbook,
  heading: string,
  report: Report,
  deferred?: DeferredRows,
): ExcelJS.Worksheet {
  const suppliers = unknownSupplierRows(report.suppliers);
  const problems = problemRows(report);
  const sheet = addTable(
    workbook,
    'Data quality',
    [heading, ''],
    UNKNOWN_SUPPLIER_COLUMNS,
    suppliers.length > 0 ? suppliers : [[null, 'None: the size and location of every supplier is known.']],
    'Suppliers whose size or location is unknown, largest spend first: what to add to the supplier reference',
    deferred,
  );
  const hasNotes = report.files.some(
    ({ file }) => file.status === 'accepted' && (file.notes ?? []).length > 0,
  );
  const kinds = [
    'Rejected files',
    'lines left out',
    ...(hasNotes ? ['cells of counted lines to check'] : []),
    'supplier reference cells ignored',
    ...((report.overlaps ?? []).length > 0 ? ['files that may count lines twice'] : []),
    ...((report.registers?.outdated ?? []).length > 0 ? ['registers out of date'] : []),
  ];
  const place = appendTable(
    sheet,
    {
      heading: `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}: what to fix`,
      columns: PROBLEM_COLUMNS,
      rows:
        problems.length > 0
          ? problems
          : [[null, 'None: every file was accepted and every line and cell read.']],
    },
    deferred,
  );
  const count = problems.length;
  sheet.getCell('A2').value =
    count === 0
      ? `Finance's to-do list to raise coverage; no file, line or supplier reference cell was rejected (row ${place.header - 1}).`
      : `Finance's to-do list to raise coverage, then ${count} problem${count === 1 ? '' : 's'} with files, lines ` +
        `or supplier reference cells to fix, from row ${place.header - 1}.`;
  return sheet;
}
