import { z } from 'zod';
import { formatPence } from '../money/format-pence.ts';
import type { FinancialYearFigures, SpendFigures } from './aggregate-spend.ts';
import type { FileAccount, Report } from './build-report.ts';

const Money = z.string().regex(/^-?\d+\.\d{2}$/, 'GBP with two decimals');
const Month = z.string().regex(/^\d{4}-\d{2}$/);

const FiguresSchema = z.object({
  lines: z.number().int(),
  total: Money,
  local: Money,
  localUnknown: Money,
  sme: Money,
  smeUnknown: Money,
  vcse: Money,
  redacted: Money,
});

const FinancialYearSchema = FiguresSchema.extend({
  fy: z.string().regex(/^\d{4}\/\d{2}$/),
  months: z.number().int().min(1).max(12),
  yearToDate: z.boolean(),
});

const ProblemSchema = z.object({
  line: z.number().int().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  reason: z.string(),
});

const FileSchema = z.object({
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  status: z.enum(['accepted', 'rejected']),
  rows: z.number().int(),
  total: Money,
  months: z.array(Month),
  errors: z.array(ProblemSchema),
  skipped: z.number().int(),
  period: z.object({
    months: z.array(Month),
    from: z.enum(['file-name', 'line-dates']),
    evidence: z.string(),
  }),
  replacedMonths: z.array(z.object({ month: Month, by: z.string(), rows: z.number().int(), total: Money })),
});

/** The `summary.json` contract (schemaVersion 1) that other tools read. Additive changes only. */
export const SummarySchema = z.object({
  schemaVersion: z.literal(1),
  reportMonth: Month,
  definitions: z.record(z.string(), z.unknown()),
  financialYears: z.array(FinancialYearSchema),
  previousYearToDate: FinancialYearSchema.optional(),
  monthly: z.array(FiguresSchema.extend({ month: Month })),
  outsideReportWindow: z.object({
    before: z.object({ rows: z.number().int(), total: Money }),
    after: z.object({ rows: z.number().int(), total: Money }),
  }),
  files: z.array(FileSchema),
  supplierReference: z
    .object({
      name: z.string(),
      sha256: z.string(),
      records: z.number().int(),
      errors: z.array(ProblemSchema),
    })
    .optional(),
});
export type Summary = z.infer<typeof SummarySchema>;

function moneyFigures(figures: SpendFigures) {
  return {
    lines: figures.lines,
    total: formatPence(figures.total),
    local: formatPence(figures.local),
    localUnknown: formatPence(figures.localUnknown),
    sme: formatPence(figures.sme),
    smeUnknown: formatPence(figures.smeUnknown),
    vcse: formatPence(figures.vcse),
    redacted: formatPence(figures.redacted),
  };
}

function yearEntry(year: FinancialYearFigures) {
  return {
    fy: year.fy.label,
    months: year.months,
    yearToDate: year.yearToDate,
    ...moneyFigures(year.figures),
  };
}

function fileEntry(account: FileAccount) {
  const { file } = account;
  const problems = [...(file.rejection ? [file.rejection] : []), ...file.issues];
  return {
    name: file.name,
    sha256: file.sha256,
    status: file.status,
    rows: file.lines.length,
    total: formatPence(account.total),
    months: account.months,
    errors: problems.map(({ line, column, value, reason }) => ({ line, column, value, reason })),
    skipped: file.skipped.filter((s) => s.reason !== 'blank').length,
    period: account.period,
    replacedMonths: account.replaced.map((r) => ({
      month: r.month,
      by: r.by,
      rows: r.lines,
      total: formatPence(r.total),
    })),
  };
}

/** The report as the `summary.json` contract: money as GBP strings with two decimals. */
export function toSummaryJson(report: Report): Summary {
  return {
    schemaVersion: 1,
    reportMonth: report.reportMonth,
    definitions: { ...report.definitions },
    financialYears: report.financialYears.map(yearEntry),
    ...(report.previousYearToDate ? { previousYearToDate: yearEntry(report.previousYearToDate) } : {}),
    monthly: report.monthly.map((m) => ({ month: m.month, ...moneyFigures(m.figures) })),
    outsideReportWindow: {
      before: {
        rows: report.outsideWindow.before.lines,
        total: formatPence(report.outsideWindow.before.total),
      },
      after: { rows: report.outsideWindow.after.lines, total: formatPence(report.outsideWindow.after.total) },
    },
    files: report.files.map(fileEntry),
    ...(report.reference
      ? {
          supplierReference: {
            name: report.reference.name,
            sha256: report.reference.sha256,
            records: report.reference.records,
            errors: report.reference.issues.map(({ line, column, value, reason }) => ({
              line,
              column,
              value,
              reason,
            })),
          },
        }
      : {}),
  };
}
