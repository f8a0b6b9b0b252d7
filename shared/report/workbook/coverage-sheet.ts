import type ExcelJS from 'exceljs';
import { describeMonthCount } from '../../periods/financial-year.ts';
import type { CategoryCoverage, CoverageFigures } from '../coverage.ts';
import { CATEGORIES } from '../coverage.ts';
import {
  addTable,
  appendTable,
  type Column,
  countLines,
  PERCENT,
  POUNDS,
  pounds,
  type Row,
  share,
} from './add-table.ts';
import { BASIS_LABELS, CATEGORY_LABELS, METHOD_LABELS } from './describe-basis.ts';

// The three tables share the sheet's columns: A the year, B the category, C–K amounts and shares
// (the reconciliation and evidence tables merge some of them for their wider text).
const YEAR = { header: 'Financial year', width: 14 };
const CATEGORY = { header: 'Category', width: 10 };
const AMOUNT = 15;

const DECIDED_COLUMNS: Column[] = [
  YEAR,
  CATEGORY,
  { header: 'Measured spend', width: AMOUNT, format: POUNDS },
  { header: 'Decided', width: AMOUNT, format: POUNDS },
  { header: 'Decided %', width: AMOUNT, format: PERCENT },
  { header: 'By data', width: AMOUNT, format: POUNDS },
  { header: 'By data %', width: AMOUNT, format: PERCENT },
  { header: 'By proxy', width: AMOUNT, format: POUNDS },
  { header: 'By proxy %', width: AMOUNT, format: PERCENT },
  { header: 'Undecided', width: AMOUNT, format: POUNDS },
  { header: 'Undecided %', width: AMOUNT, format: PERCENT },
];

const CLASSIFIABLE_COLUMNS: Column[] = [
  YEAR,
  { header: 'Period', width: 0, span: 2, wrap: true },
  { header: 'Total spend', width: AMOUNT, format: POUNDS },
  { header: 'Redacted payees (outside)', width: AMOUNT, format: POUNDS },
  { header: 'Classifiable spend', width: AMOUNT, format: POUNDS },
  { header: 'Measured spend: suppliers netting above zero', width: AMOUNT, format: POUNDS },
  { header: 'Net credits: suppliers netting below zero (outside)', width: AMOUNT, format: POUNDS },
  { header: 'Suppliers netting below zero', width: AMOUNT, centre: true },
];

const BASIS_COLUMNS: Column[] = [
  YEAR,
  CATEGORY,
  { header: 'Basis', width: 0, span: 3, wrap: true },
  { header: 'Proxy', width: AMOUNT, centre: true },
  { header: 'Postcodes placed by', width: AMOUNT, wrap: true },
  { header: 'Yes', width: AMOUNT, format: POUNDS },
  { header: 'No', width: AMOUNT, format: POUNDS },
  { header: 'Decided', width: AMOUNT, format: POUNDS },
  { header: 'Share of measured spend', width: AMOUNT, format: PERCENT },
];

function describePeriod(year: CoverageFigures): string {
  return year.yearToDate ? `${describeMonthCount(year.months)} to date` : '12 months';
}

function decidedCells(coverage: CategoryCoverage, measured: number): Row {
  return [
    pounds(measured),
    pounds(coverage.decided),
    share(coverage.decided, measured),
    pounds(coverage.byData),
    share(coverage.byData, measured),
    pounds(coverage.byProxy),
    share(coverage.byProxy, measured),
    pounds(coverage.undecided),
    share(coverage.undecided, measured),
  ];
}

/** One row per year and category: how much of the measured spend was decided, by data and by proxy. */
export function coverageRows(coverage: readonly CoverageFigures[]): Row[] {
  return coverage.flatMap((year) =>
    CATEGORIES.map((category) => [
      year.fy.label,
      CATEGORY_LABELS[category],
      ...decidedCells(year[category], year.measured),
    ]),
  );
}

/** One row per year, category and kind of evidence: the spend it decided yes and no. */
export function basisRows(coverage: readonly CoverageFigures[]): Row[] {
  return coverage.flatMap((year) =>
    CATEGORIES.flatMap((category) =>
      year[category].byBasis.map((entry) => [
        year.fy.label,
        CATEGORY_LABELS[category],
        BASIS_LABELS[entry.basis],
        entry.proxy ? 'Y' : 'N',
        entry.method === undefined ? '' : METHOD_LABELS[entry.method],
        pounds(entry.yes),
        pounds(entry.no),
        pounds(entry.yes + entry.no),
        share(entry.yes + entry.no, year.measured),
      ]),
    ),
  );
}

/**
 * The Coverage sheet: per financial year, how much measured spend was decided for local, SME and
 * VCSE — by the trust's data and by proxy apart — then how total spend becomes classifiable and
 * measured spend, then the spend each kind of evidence decided.
 */
export function addCoverageSheet(
  workbook: ExcelJS.Workbook,
  heading: string,
  coverage: readonly CoverageFigures[],
): ExcelJS.Worksheet {
  const sheet = addTable(
    workbook,
    'Coverage',
    [
      heading,
      "How much spend the facts decided (yes or no) for each category: by data (the trust's own figures or a register's record) " +
        "and by proxy (an accounts category, a charity's income or a legal form standing in for size) apart. " +
        "Shares are of measured spend: classifiable spend (total spend less redacted payees' spend, which is never classified and so is outside it) " +
        "counted supplier by supplier, each supplier's payments and credits in the year netted, for the suppliers netting above zero. " +
        'A supplier whose credits match or exceed its payments in the year has nothing to classify in it: its net credit is outside the shares, ' +
        'shown apart in the second table, where measured spend and net credits add up to classifiable spend. So every share is between 0% and 100%.',
    ],
    DECIDED_COLUMNS,
    coverageRows(coverage),
    'Spend decided, by data and by proxy (shares of measured spend)',
  );
  // The note spans the table's width and wraps, so it reads (and prints) as a paragraph.
  const note = sheet.getRow(2);
  sheet.mergeCells(2, 1, 2, DECIDED_COLUMNS.length);
  note.alignment = { wrapText: true, vertical: 'top' };
  const width = DECIDED_COLUMNS.reduce((sum, column) => sum + column.width, 0);
  note.height = 15 * countLines(String(note.getCell(1).value), width);
  appendTable(sheet, {
    heading:
      'Classifiable spend: total spend less redacted payees; it is measured spend plus the net credits outside the shares',
    columns: CLASSIFIABLE_COLUMNS,
    rows: coverage.map((year) => [
      year.fy.label,
      describePeriod(year),
      pounds(year.total),
      pounds(year.redacted),
      pounds(year.classifiable),
      pounds(year.measured),
      pounds(year.netCredits),
      year.netCreditSuppliers,
    ]),
  });
  const bases = basisRows(coverage);
  appendTable(sheet, {
    heading: 'Spend decided by each kind of evidence',
    columns: BASIS_COLUMNS,
    rows: bases.length > 0 ? bases : [[null, null, 'None: no spend was decided.']],
  });
  return sheet;
}
