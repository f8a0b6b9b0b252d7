import * as z from 'zod';
import { formatPence } from '../money/format-pence.ts';
import { REGISTER_KINDS, type RegisterKind } from '../registers/detect-register.ts';
import { RegisterSourceSchema } from '../registers/extract.ts';
import type { FinancialYearFigures, SpendFigures } from './aggregate-spend.ts';
import { describeOutdatedRegister, type FileAccount, type Report } from './build-report.ts';
import type { CategoryCoverage, CoverageFigures } from './coverage.ts';
import { cutReviewList, MAX_REVIEW_ENTRIES, type ReviewEntry } from './review-list.ts';
import { describeSeriesOverlap } from './select-current-lines.ts';

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
  /** Which extract it is a version of: only a later file of the same series replaces its months. */
  series: z.string().optional(),
  replacedMonths: z.array(z.object({ month: Month, by: z.string(), rows: z.number().int(), total: Money })),
});

const OverlapSchema = z.object({
  month: Month,
  files: z.tuple([z.string(), z.string()]),
  series: z.tuple([z.string(), z.string()]),
  rows: z.number().int(),
  total: Money,
  warning: z.string(),
});

const OutdatedRegisterSchema = z.object({
  file: z.string(),
  register: z.enum(REGISTER_KINDS as [RegisterKind, ...RegisterKind[]]),
  /** The edition's date: the register's own, else the file's; absent when unknown. */
  dated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  datedFrom: z.enum(['file-name', 'date_of_extract', 'modified']).optional(),
  /** Whole months from the edition's month to the report month; absent when the edition is unknown. */
  monthsOld: z.number().int().optional(),
  warning: z.string(),
});

/** A part of measured spend, 0–1 to four places; `null` when there is no measured spend. */
const Share = z.number().min(0).max(1).nullable();

const BasisSpendSchema = z.object({
  basis: z.string(),
  proxy: z.boolean(),
  method: z.enum(['ons-lookup', 'postcode-district']).optional(),
  yes: Money,
  no: Money,
  share: Share,
});

const CategoryCoverageSchema = z.object({
  decided: Money,
  decidedShare: Share,
  byData: Money,
  byDataShare: Share,
  byProxy: Money,
  byProxyShare: Share,
  undecided: Money,
  byBasis: z.array(BasisSpendSchema),
});

const CoverageSchema = z.object({
  fy: z.string().regex(/^\d{4}\/\d{2}$/),
  months: z.number().int().min(1).max(12),
  yearToDate: z.boolean(),
  total: Money,
  redacted: Money,
  classifiable: Money,
  /** The shares' base: the net spend of each supplier netting above zero in the year (redacted payees apart). */
  measured: Money,
  /** The net (zero or below) of the suppliers whose credits match or exceed their payments in the year: outside the shares; `measured` + `netCredits` = `classifiable`. */
  netCredits: Money,
  /** How many suppliers net below zero in the year. */
  netCreditSuppliers: z.number().int().min(0),
  local: CategoryCoverageSchema,
  sme: CategoryCoverageSchema,
  vcse: CategoryCoverageSchema,
});

const CandidateSchema = z.object({
  register: z.enum(REGISTER_KINDS as [RegisterKind, ...RegisterKind[]]),
  file: z.string(),
  line: z.number().int(),
  number: z.string(),
  name: z.string(),
  postcode: z.string().optional(),
  status: z.string(),
  similarity: z.number().optional(),
  why: z.string(),
});

const ReviewEntrySchema = z.object({
  name: z.string(),
  key: z.string(),
  spend: Money,
  byYear: z.record(z.string(), Money),
  undecided: z.array(z.enum(['local', 'sme', 'vcse'])),
  registerMatch: z.enum(['matched', 'ambiguous', 'uncertain', 'not-found']).optional(),
  reasons: z.array(
    z.object({
      category: z.enum(['local', 'sme', 'vcse', 'registers']),
      rule: z.string(),
      detail: z.string(),
    }),
  ),
  candidates: z.array(CandidateSchema),
});

export { MAX_REVIEW_ENTRIES };

/**
 * The `summary.json` contract (schemaVersion 2) that other tools read. Within a version, changes are
 * additive only; a field whose meaning changes takes a new version (README § summary.json says what
 * each version changed).
 */
export const SummarySchema = z.object({
  schemaVersion: z.literal(2),
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
  /**
   * Files of different series that both count for a month and carry many identical lines (date, supplier,
   * amount, transaction): perhaps one corrects the other under a name that does not say so.
   */
  overlaps: z.array(OverlapSchema).optional(),
  supplierReference: z
    .object({
      name: z.string(),
      sha256: z.string(),
      records: z.number().int(),
      errors: z.array(ProblemSchema),
    })
    .optional(),
  /** Per financial year, the share of measured spend (suppliers netting above zero) decided for each category, by kind of evidence. */
  coverage: z.array(CoverageSchema).optional(),
  /** Suppliers with a category undecided, largest spend first, with why and the register entries they might be. */
  review: z
    .object({ suppliers: z.array(ReviewEntrySchema), more: z.number().int(), moreSpend: Money })
    .optional(),
  /**
   * The open registers used: each file read (with its date and SHA-256), how the suppliers matched, and the
   * files whose edition is too old for the report month or of no known date.
   */
  registers: z
    .object({
      sources: z.array(RegisterSourceSchema),
      matches: z.record(z.string(), z.number().int()),
      outdated: z.array(OutdatedRegisterSchema).optional(),
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
    rows: account.lines,
    total: formatPence(account.total),
    months: account.months,
    errors: problems.map(({ line, column, value, reason }) => ({ line, column, value, reason })),
    skipped: file.skipped.filter((s) => s.reason !== 'blank').length,
    period: account.period,
    series: account.series,
    replacedMonths: account.replaced.map((r) => ({
      month: r.month,
      by: r.by,
      rows: r.lines,
      total: formatPence(r.total),
    })),
  };
}

const shareOf = (part: number, whole: number): number | null =>
  whole <= 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function categoryCoverageEntry(coverage: CategoryCoverage, measured: number) {
  return {
    decided: formatPence(coverage.decided),
    decidedShare: shareOf(coverage.decided, measured),
    byData: formatPence(coverage.byData),
    byDataShare: shareOf(coverage.byData, measured),
    byProxy: formatPence(coverage.byProxy),
    byProxyShare: shareOf(coverage.byProxy, measured),
    undecided: formatPence(coverage.undecided),
    byBasis: coverage.byBasis.map((entry) => ({
      basis: entry.basis,
      proxy: entry.proxy,
      ...(entry.method === undefined ? {} : { method: entry.method }),
      yes: formatPence(entry.yes),
      no: formatPence(entry.no),
      share: shareOf(entry.yes + entry.no, measured),
    })),
  };
}

function coverageEntry(figures: CoverageFigures) {
  return {
    fy: figures.fy.label,
    months: figures.months,
    yearToDate: figures.yearToDate,
    total: formatPence(figures.total),
    redacted: formatPence(figures.redacted),
    classifiable: formatPence(figures.classifiable),
    measured: formatPence(figures.measured),
    netCredits: formatPence(figures.netCredits),
    netCreditSuppliers: figures.netCreditSuppliers,
    local: categoryCoverageEntry(figures.local, figures.measured),
    sme: categoryCoverageEntry(figures.sme, figures.measured),
    vcse: categoryCoverageEntry(figures.vcse, figures.measured),
  };
}

function reviewEntry(entry: ReviewEntry) {
  return {
    name: entry.name,
    key: entry.key,
    spend: formatPence(entry.spend),
    byYear: Object.fromEntries(Object.entries(entry.byYear).map(([fy, pence]) => [fy, formatPence(pence)])),
    undecided: entry.undecided,
    ...(entry.registerMatch === undefined ? {} : { registerMatch: entry.registerMatch }),
    reasons: entry.reasons,
    candidates: entry.candidates,
  };
}

/** The review list cut at {@link MAX_REVIEW_ENTRIES}, with how many suppliers and how much spend were left off. */
function reviewSection(review: readonly ReviewEntry[]) {
  const { shown, more, moreSpend } = cutReviewList(review);
  return { suppliers: shown.map(reviewEntry), more, moreSpend: formatPence(moreSpend) };
}

/** The report as the `summary.json` contract: money as GBP strings with two decimals. */
export function toSummaryJson(report: Report): Summary {
  return {
    schemaVersion: 2,
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
    ...(report.overlaps === undefined
      ? {}
      : {
          overlaps: report.overlaps.map((overlap) => ({
            month: overlap.month,
            files: overlap.files,
            series: overlap.series,
            rows: overlap.lines,
            total: formatPence(overlap.total),
            warning: describeSeriesOverlap(overlap),
          })),
        }),
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
    ...(report.coverage === undefined ? {} : { coverage: report.coverage.map(coverageEntry) }),
    ...(report.review === undefined ? {} : { review: reviewSection(report.review) }),
    ...(report.registers === undefined
      ? {}
      : {
          registers: {
            sources: report.registers.sources,
            matches: report.registers.matches,
            ...(report.registers.outdated === undefined
              ? {}
              : {
                  outdated: report.registers.outdated.map((outdated) => ({
                    ...outdated,
                    warning: describeOutdatedRegister(outdated, report.reportMonth),
                  })),
                }),
          },
        }),
  };
}
