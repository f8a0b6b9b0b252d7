import { classifySpend } from '../classify/index.ts';
import { forEachDateAndAmount, releaseBuffer, sumAmounts } from '../curated/line-table.ts';
import {
  type FinancialYear,
  monthOfDate,
  monthsOfFinancialYear,
  PeriodError,
} from '../periods/financial-year.ts';
import { REGISTER_NAMES } from '../registers/detect-register.ts';
import type { RegisterSource } from '../registers/extract.ts';
import type {
  ClassificationConfig,
  LedgerLines,
  LineIssue,
  Pence,
  ReportLedger,
  SupplierReference,
  YearMonth,
} from '../types.ts';
import { type Aggregation, aggregateSpend } from './aggregate-spend.ts';
import { type CoverageFigures, measureCoverage } from './coverage.ts';
import { type Definitions, describeDefinitions, REGISTER_MAX_AGE_MONTHS } from './definitions.ts';
import type { FilePeriod } from './file-period.ts';
import { buildReviewList, type ReviewEntry } from './review-list.ts';
import {
  chooseCurrentLines,
  eachCurrentLine,
  type ReplacedMonth,
  type SeriesOverlap,
} from './select-current-lines.ts';

export interface ReportConfig {
  firstYear: FinancialYear;
  /** The month to report on; default: the latest month with spend. */
  reportMonth?: YearMonth;
  classification: ClassificationConfig;
}

/** How one input file was accounted for. */
export interface FileAccount {
  /**
   * The file as given, without its lines: they are not needed once the report is built, and a report
   * holding none lets them be freed before it is rendered.
   */
  file: Omit<ReportLedger, 'lines'>;
  /** How many accepted lines the file has. */
  lines: number;
  /** Sum of the file's accepted lines, before any replacement by a later file. */
  total: Pence;
  months: YearMonth[];
  /** The months the file is for, which decide replacement. */
  period: FilePeriod;
  /** Which extract it is a version of: only a later file of the same series replaces it. */
  series: string;
  replaced: ReplacedMonth[];
}

/**
 * A register file older than {@link REGISTER_MAX_AGE_MONTHS} months before the report month, or of no known
 * date: bodies formed, dissolved or re-filed since it was published are not seen.
 */
export interface OutdatedRegister {
  file: string;
  register: RegisterSource['register'];
  /** The edition's date: the register's own (its name or `date_of_extract`), else the file's modification date; absent when unknown. */
  dated?: string;
  datedFrom?: 'file-name' | 'date_of_extract' | 'modified';
  /** Whole months from the edition's month to the report month; absent when the edition is unknown. */
  monthsOld?: number;
}

/** The open registers a report used: the files its extract was read from, and how the suppliers matched. */
export interface RegistersUsed {
  sources: RegisterSource[];
  /** Suppliers by how they were matched: `matched` by each way, then `ambiguous`, `uncertain`, `not-found`. */
  matches: Record<string, number>;
  /** The sources too old for the report month, or of unknown date ({@link buildReport} always sets it). */
  outdated?: OutdatedRegister[];
}

export interface Report extends Aggregation {
  reportMonth: YearMonth;
  firstYear: FinancialYear;
  definitions: Definitions;
  files: FileAccount[];
  /**
   * Files of different series that both count for a month with many identical lines: a possible double count
   * ({@link buildReport} always sets it).
   */
  overlaps?: SeriesOverlap[];
  reference?: { name: string; sha256: string; records: number; issues: LineIssue[] };
  /** Per financial year: the share of spend each category was decided for, by kind of evidence ({@link buildReport} always sets it). */
  coverage?: CoverageFigures[];
  /** Suppliers with a category undecided, largest spend first ({@link buildReport} always sets it). */
  review?: ReviewEntry[];
  registers?: RegistersUsed;
}

/**
 * The whole monthly report from files already read: chooses the current lines,
 * classifies every supplier, and adds up spend per financial year and month. Each file's lines may be an
 * array or a `LineTable` (shared/curated): the report is the same.
 *
 * @example buildReport(ledgers, reference, { firstYear: parseFinancialYear('2022/23'), classification })
 */
export function buildReport(
  ledgers: readonly ReportLedger[],
  reference: SupplierReference | undefined,
  config: ReportConfig,
): Report {
  const choice = chooseCurrentLines(ledgers);
  const { periods, series, replaced, overlaps, covered } = choice;
  const lines = eachCurrentLine(ledgers, choice);
  const reportMonth = config.reportMonth ?? defaultReportMonth(ledgers, periods, lines);
  const firstMonth = monthsOfFinancialYear(config.firstYear, 1)[0] ?? '';
  if (reportMonth < firstMonth) {
    throw new PeriodError(
      `the report month ${reportMonth} is before the first financial year ${config.firstYear.label}; ` +
        'choose a later month or an earlier first year (--from-fy)',
    );
  }
  const { suppliers, supplierIndexes } = classifySpend(
    lines,
    reference?.records ?? [],
    config.classification,
  );
  const aggregation = aggregateSpend(lines, supplierIndexes, suppliers, {
    firstYear: config.firstYear,
    reportMonth,
  });
  // 4 bytes a line, needed no more: freed now rather than at a major GC.
  releaseBuffer(supplierIndexes);

  const registers = config.classification.registers;
  return {
    ...aggregation,
    coverage: measureCoverage(aggregation.suppliers, aggregation.financialYears),
    review: buildReviewList(aggregation.suppliers),
    ...(registers === undefined
      ? {}
      : {
          registers: {
            sources: registers.sources,
            matches: countMatches(aggregation.suppliers),
            outdated: findOutdatedRegisters(registers.sources, reportMonth),
          },
        }),
    reportMonth,
    firstYear: config.firstYear,
    definitions: describeDefinitions(config.classification, config.firstYear),
    files: ledgers.map(({ lines, ...file }, index) => ({
      file,
      lines: lines.length,
      total: sumAmounts(lines),
      months: covered[index] ?? [],
      period: periods[index] ?? { months: [], from: 'line-dates', evidence: 'no lines' },
      series: series[index] ?? '',
      replaced: replaced[index] ?? [],
    })),
    overlaps,
    ...(reference
      ? {
          reference: {
            name: reference.name,
            sha256: reference.sha256,
            records: reference.records.length,
            issues: reference.issues,
          },
        }
      : {}),
  };
}

const monthIndex = (month: YearMonth): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));

/**
 * The register sources whose edition is more than {@link REGISTER_MAX_AGE_MONTHS} months before the report
 * month (months compared, days ignored), and those of no known date. A register newer than the report month is
 * not outdated.
 *
 * @example findOutdatedRegisters(extract.sources, '2026-10') // BasicCompanyData-2025-07-01.csv: monthsOld 15
 */
export function findOutdatedRegisters(
  sources: readonly RegisterSource[],
  reportMonth: YearMonth,
): OutdatedRegister[] {
  const outdated: OutdatedRegister[] = [];
  for (const source of sources) {
    const dated = source.dated ?? source.modified;
    if (dated === undefined) {
      outdated.push({ file: source.file, register: source.register });
      continue;
    }
    const monthsOld = monthIndex(reportMonth) - monthIndex(dated.slice(0, 7));
    if (monthsOld <= REGISTER_MAX_AGE_MONTHS) continue;
    const datedFrom = source.dated === undefined ? 'modified' : source.datedFrom;
    outdated.push({
      file: source.file,
      register: source.register,
      dated,
      ...(datedFrom === undefined ? {} : { datedFrom }),
      monthsOld,
    });
  }
  return outdated;
}

/** What is wrong with a register the report warns about, in lower case: too old, or of unknown date. */
export function labelOutdatedRegister(
  outdated: Pick<OutdatedRegister, 'dated'>,
): 'register of unknown date' | 'register out of date' {
  return outdated.dated === undefined ? 'register of unknown date' : 'register out of date';
}

/** The warning for a register too old for the report month, or of unknown date, saying what to do. */
export function describeOutdatedRegister(outdated: OutdatedRegister, reportMonth: YearMonth): string {
  const named = `The ${REGISTER_NAMES[outdated.register]} file ${outdated.file}`;
  if (outdated.dated === undefined || outdated.monthsOld === undefined) {
    return (
      `${named} carries no date of its own and no file date was given, so whether it is current for the report ` +
      `month ${reportMonth} is unknown: bodies formed, dissolved or re-filed since it was published are not seen. ` +
      'Make sure it is the current edition.'
    );
  }
  const months = `${outdated.monthsOld} month${outdated.monthsOld === 1 ? '' : 's'}`;
  const of =
    outdated.datedFrom === 'modified'
      ? `carries no date of its own; its file is dated ${outdated.dated}`
      : `is of ${outdated.dated}`;
  return (
    `${named} ${of}, ${months} before the report month ${reportMonth}: bodies formed, dissolved or re-filed ` +
    'since are not seen. Download the current edition and run again.'
  );
}

function countMatches(suppliers: Aggregation['suppliers']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { supplier } of suppliers) {
    const match = supplier.registers;
    if (match === undefined) continue;
    const key = match.status === 'matched' ? `matched-by-${match.matchedOn ?? 'name'}` : match.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * The month a report is for when none is given: the latest month a file with lines is for (its period:
 * the month its name names, else the months of its lines), so a March extract carrying a few payments
 * dated in April still makes a March report, those lines counted aside as after it
 * (`outsideReportWindow`); without periods, the month of the latest line.
 */
function defaultReportMonth(
  ledgers: readonly ReportLedger[],
  periods: readonly FilePeriod[],
  lines: LedgerLines,
): YearMonth {
  let latest: YearMonth | undefined;
  ledgers.forEach((ledger, index) => {
    if (ledger.lines.length === 0) return;
    for (const month of periods[index]?.months ?? []) {
      if (latest === undefined || month > latest) latest = month;
    }
  });
  return latest ?? latestMonth(lines);
}

/** The month of the latest line: ISO dates sort as their months do. */
function latestMonth(lines: LedgerLines): YearMonth {
  let latest: string | undefined;
  forEachDateAndAmount(lines, (date) => {
    if (latest === undefined || date > latest) latest = date;
  });
  if (latest === undefined) {
    throw new PeriodError(
      'no file was accepted, so there is no spend to report on; fix the rejected files and run again',
    );
  }
  return monthOfDate(latest);
}
