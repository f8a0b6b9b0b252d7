import { classifySpend } from '../classify/index.ts';
import {
  type FinancialYear,
  monthOfDate,
  monthsOfFinancialYear,
  PeriodError,
} from '../periods/financial-year.ts';
import type { RegisterSource } from '../registers/extract.ts';
import type {
  ClassificationConfig,
  LedgerFile,
  LineIssue,
  Pence,
  SupplierReference,
  YearMonth,
} from '../types.ts';
import { type Aggregation, aggregateSpend } from './aggregate-spend.ts';
import { type CoverageFigures, measureCoverage } from './coverage.ts';
import { type Definitions, describeDefinitions } from './definitions.ts';
import type { FilePeriod } from './file-period.ts';
import { buildReviewList, type ReviewEntry } from './review-list.ts';
import { monthsCovered, type ReplacedMonth, selectCurrentLines } from './select-current-lines.ts';

export interface ReportConfig {
  firstYear: FinancialYear;
  /** The month to report on; default: the latest month with spend. */
  reportMonth?: YearMonth;
  classification: ClassificationConfig;
}

/** How one input file was accounted for. */
export interface FileAccount {
  file: LedgerFile;
  /** Sum of the file's accepted lines, before any replacement by a later file. */
  total: Pence;
  months: YearMonth[];
  /** The months the file is for, which decide replacement. */
  period: FilePeriod;
  replaced: ReplacedMonth[];
}

/** The open registers a report used: the files its extract was read from, and how the suppliers matched. */
export interface RegistersUsed {
  sources: RegisterSource[];
  /** Suppliers by how they were matched: `matched` by each way, then `ambiguous`, `uncertain`, `not-found`. */
  matches: Record<string, number>;
}

export interface Report extends Aggregation {
  reportMonth: YearMonth;
  firstYear: FinancialYear;
  definitions: Definitions;
  files: FileAccount[];
  reference?: { name: string; sha256: string; records: number; issues: LineIssue[] };
  /** Per financial year: the share of spend each category was decided for, by kind of evidence ({@link buildReport} always sets it). */
  coverage?: CoverageFigures[];
  /** Suppliers with a category undecided, largest spend first ({@link buildReport} always sets it). */
  review?: ReviewEntry[];
  registers?: RegistersUsed;
}

/**
 * The whole monthly report from files already read: chooses the current lines,
 * classifies every supplier, and adds up spend per financial year and month.
 *
 * @example buildReport(ledgers, reference, { firstYear: parseFinancialYear('2022/23'), classification })
 */
export function buildReport(
  ledgers: readonly LedgerFile[],
  reference: SupplierReference | undefined,
  config: ReportConfig,
): Report {
  const { lines, periods, replaced } = selectCurrentLines(ledgers);
  const reportMonth = config.reportMonth ?? latestMonth(lines.map((line) => monthOfDate(line.date)));
  const firstMonth = monthsOfFinancialYear(config.firstYear, 1)[0] ?? '';
  if (reportMonth < firstMonth) {
    throw new PeriodError(
      `the report month ${reportMonth} is before the first financial year ${config.firstYear.label}; ` +
        'choose a later month or an earlier first year (--from-fy)',
    );
  }
  const { suppliers, supplierKeys } = classifySpend(lines, reference?.records ?? [], config.classification);
  const aggregation = aggregateSpend(lines, supplierKeys, suppliers, {
    firstYear: config.firstYear,
    reportMonth,
  });

  const registers = config.classification.registers;
  return {
    ...aggregation,
    coverage: measureCoverage(aggregation.suppliers, aggregation.financialYears),
    review: buildReviewList(aggregation.suppliers),
    ...(registers === undefined
      ? {}
      : { registers: { sources: registers.sources, matches: countMatches(aggregation.suppliers) } }),
    reportMonth,
    firstYear: config.firstYear,
    definitions: describeDefinitions(config.classification, config.firstYear),
    files: ledgers.map((file, index) => ({
      file,
      total: file.lines.reduce((sum, line) => sum + line.amount, 0),
      months: monthsCovered(file),
      period: periods[index] ?? { months: [], from: 'line-dates', evidence: 'no lines' },
      replaced: replaced[index] ?? [],
    })),
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

function latestMonth(months: readonly YearMonth[]): YearMonth {
  let latest: YearMonth | undefined;
  for (const month of months) if (latest === undefined || month > latest) latest = month;
  if (latest === undefined) {
    throw new PeriodError(
      'no file was accepted, so there is no spend to report on; fix the rejected files and run again',
    );
  }
  return latest;
}
