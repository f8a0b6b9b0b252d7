import { classifySpend } from '../classify/index.ts';
import {
  type FinancialYear,
  monthOfDate,
  monthsOfFinancialYear,
  PeriodError,
} from '../periods/financial-year.ts';
import type {
  ClassificationConfig,
  LedgerFile,
  LineIssue,
  Pence,
  SupplierReference,
  YearMonth,
} from '../types.ts';
import { type Aggregation, aggregateSpend } from './aggregate-spend.ts';
import { type Definitions, describeDefinitions } from './definitions.ts';
import type { FilePeriod } from './file-period.ts';
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

export interface Report extends Aggregation {
  reportMonth: YearMonth;
  firstYear: FinancialYear;
  definitions: Definitions;
  files: FileAccount[];
  reference?: { name: string; sha256: string; records: number; issues: LineIssue[] };
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

  return {
    ...aggregation,
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
