import { formatPounds } from '../shared/money/format-pence.ts';
import { formatShare } from '../shared/money/format-share.ts';
import { describeMonth, describeMonthCount } from '../shared/periods/financial-year.ts';
import {
  type CategoryCoverage,
  describeOutdatedRegister,
  describeSeriesOverlap,
  labelOutdatedRegister,
  type Report,
  type SpendFigures,
} from '../shared/report/index.ts';
import { summariseReferenceIssues } from '../shared/suppliers/reference-notes.ts';
import type { LedgerFile } from '../shared/types.ts';

/** A share as the email and workbook round it, or '–' when the total has none. */
function percent(part: number, total: number): string {
  return formatShare(part, total) ?? '–';
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

const HEAD = ['Financial year', 'Total spend', 'Local', 'Loc. unknown', 'SME', 'SME unknown', 'VCSE'];
const WIDTHS = [22, 18, 24, 16, 24, 16, 24];

function figureRow(label: string, f: SpendFigures): string {
  const cells = [
    label,
    formatPounds(f.total),
    `${formatPounds(f.local)} ${percent(f.local, f.total)}`,
    formatPounds(f.localUnknown),
    `${formatPounds(f.sme)} ${percent(f.sme, f.total)}`,
    formatPounds(f.smeUnknown),
    `${formatPounds(f.vcse)} ${percent(f.vcse, f.total)}`,
  ];
  return cells.map((c, i) => pad(c, WIDTHS[i] ?? 12, i > 0)).join(' ');
}

/** `name (line 3, column "Amount"): reason` for a rejected file. */
export function describeRejection(file: Pick<LedgerFile, 'name' | 'rejection'>, fallback: string): string {
  const r = file.rejection;
  const where = r?.line ? ` (line ${r.line}${r.column ? `, column "${r.column}"` : ''})` : '';
  return `${file.name}${where}: ${r?.reason ?? fallback}`;
}

/** The report as a few lines of plain text for the terminal. */
export function formatTextSummary(report: Report, written: readonly string[]): string {
  const out: string[] = [];
  out.push(`Social value spend to ${describeMonth(report.reportMonth)}`);
  out.push('');
  out.push(HEAD.map((c, i) => pad(c, WIDTHS[i] ?? 12, i > 0)).join(' '));
  for (const year of report.financialYears) {
    out.push(
      figureRow(
        year.yearToDate ? `${year.fy.label} (${describeMonthCount(year.months)})` : year.fy.label,
        year.figures,
      ),
    );
  }
  // For a complete year the same months of the year before are that whole year, already printed above.
  const prior = report.previousYearToDate;
  if (prior?.yearToDate)
    out.push(figureRow(`${prior.fy.label} same ${describeMonthCount(prior.months)}`, prior.figures));
  const coverage = report.coverage?.at(-1);
  if (coverage !== undefined && (coverage.measured > 0 || coverage.netCredits < 0)) {
    const share = (part: number) => percent(part, coverage.measured);
    const category = (name: string, c: CategoryCoverage) =>
      `${name} ${share(c.decided)}${c.byProxy !== 0 ? ` (${share(c.byProxy)} by proxy)` : ''}`;
    const year = `${coverage.fy.label}${coverage.yearToDate ? ` (${describeMonthCount(coverage.months)})` : ''}`;
    const shares = [
      category('local', coverage.local),
      category('SME', coverage.sme),
      category('VCSE', coverage.vcse),
    ].join(', ');
    out.push('');
    if (coverage.netCredits === 0) {
      out.push(`Decided in ${year}, of ${formatPounds(coverage.measured)} classifiable spend: ${shares}`);
    } else {
      const credited = `${formatPounds(-coverage.netCredits)} of net credits from ${coverage.netCreditSuppliers} supplier(s)`;
      out.push(
        coverage.measured > 0
          ? `Decided in ${year}, of ${formatPounds(coverage.measured)} spend with suppliers netting above zero: ${shares}`
          : `Decided in ${year}: nothing to classify, every supplier's spend nets to zero or below`,
      );
      out.push(
        `  ${credited} are outside these shares (classifiable spend ${formatPounds(coverage.classifiable)} = ` +
          `${formatPounds(coverage.measured)} − ${formatPounds(-coverage.netCredits)})`,
      );
    }
    const review = report.review ?? [];
    if (review.length > 0) {
      const spend = review.reduce((sum, entry) => sum + entry.spend, 0);
      out.push(
        `To review: ${review.length} supplier(s) with something undecided, ${formatPounds(spend)} — listed with reasons${report.registers ? " and candidates on the workbook's To review sheet and" : ''} in summary.json ("review")`,
      );
    }
  }
  const accepted = report.files.filter((a) => a.file.status === 'accepted');
  const rejected = report.files.filter((a) => a.file.status === 'rejected');
  out.push('');
  out.push(`Files: ${accepted.length} accepted, ${rejected.length} rejected`);
  for (const account of report.files) {
    const { file } = account;
    if (file.status === 'rejected') {
      out.push(`  REJECTED ${describeRejection(file, 'unreadable')}`);
      continue;
    }
    const notes: string[] = [];
    if (file.issues.length > 0)
      notes.push(`${file.issues.length} bad line(s) left out — see the Data quality sheet`);
    const toCheck = (file.notes ?? []).length;
    if (toCheck > 0) notes.push(`${toCheck} cell(s) of counted lines to check — see the Data quality sheet`);
    for (const r of account.replaced) notes.push(`${r.month} replaced by ${r.by}`);
    out.push(
      `  ok       ${file.name}: ${account.lines} lines, ${formatPounds(account.total)}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    );
  }
  for (const overlap of report.overlaps ?? [])
    out.push(`Maybe counted twice: ${describeSeriesOverlap(overlap)}.`);
  for (const outdated of report.registers?.outdated ?? []) {
    const label = labelOutdatedRegister(outdated);
    const what = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
    out.push(`${what}: ${describeOutdatedRegister(outdated, report.reportMonth)}`);
  }
  const { before, after } = report.outsideWindow;
  if (before.lines > 0) {
    out.push(
      `Not in the report: ${before.lines} line(s), ${formatPounds(before.total)}, dated before ${report.firstYear.label}.`,
    );
  }
  if (after.lines > 0) {
    out.push(
      `Not in the report: ${after.lines} line(s), ${formatPounds(after.total)}, dated after ${report.reportMonth}.`,
    );
  }
  if (report.reference) out.push(...summariseReferenceIssues(report.reference.issues));
  out.push('');
  for (const path of written) out.push(`Wrote ${path}`);
  return out.join('\n');
}
