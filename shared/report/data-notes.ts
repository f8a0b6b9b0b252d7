import { describeMonth, financialYearOfMonth, monthsOfFinancialYear } from '../periods/financial-year.ts';
import type { FinancialYearFigures } from './aggregate-spend.ts';
import type { Report } from './build-report.ts';

/** The report's own financial year (the one its report month is in), or undefined when it has no figures for it. */
export function findReportYear(report: Report): FinancialYearFigures | undefined {
  const label = financialYearOfMonth(report.reportMonth).label;
  return report.financialYears.find((candidate) => candidate.fy.label === label);
}

/**
 * What a reader should know about the data behind a year's figures, in sentences: the months of the
 * year with no lines, the files rejected, and the files whose counted lines have dates a spreadsheet
 * may have swapped. Empty when there is nothing to say. The board email and
 * the workbook's Summary sheet both say these (`in`: where, so the workbook says "this workbook's sheets").
 *
 * @example describeDataNotes(report, findReportYear(report), 'email') // ['No spend is recorded for November 2024. …']
 */
export function describeDataNotes(
  report: Report,
  year: FinancialYearFigures,
  where: 'email' | 'workbook',
): string[] {
  const notes: string[] = [];
  const months = new Set(monthsOfFinancialYear(year.fy, year.months));
  const empty = report.monthly
    .filter((month) => months.has(month.month) && month.figures.lines === 0)
    .map((month) => describeMonth(month.month));
  if (empty.length > 0) {
    notes.push(
      `No spend is recorded for ${joinWords(empty)}. If a ledger extract for ${empty.length === 1 ? 'that month' : 'those months'} is still to come, these figures are understated.`,
    );
  }
  const rejected = report.files.filter((account) => account.file.status === 'rejected');
  if (rejected.length > 0) {
    const names = rejected.map((account) => account.file.name);
    notes.push(
      `${rejected.length === 1 ? 'One file was' : `${rejected.length} files were`} rejected and ${rejected.length === 1 ? 'is' : 'are'} not in these figures: ` +
        `${joinWords(names)}. ${where === 'email' ? "The workbook's" : "This workbook's"} Files and Data quality sheets say why.`,
    );
  }
  // Dates a spreadsheet may have swapped: notes on the date column of a file whose lines still count
  // (a postcode left out is a note too, but it moves no payment).
  const swapped = report.files.flatMap((account) => {
    const { file } = account;
    if (file.status !== 'accepted' || file.columns.date === undefined) return [];
    const period = account.period.months;
    if (period.length > 0 && period.every((month) => account.replaced.some((r) => r.month === month)))
      return [];
    const dates = (file.notes ?? []).filter(
      (note) => note.column === file.columns.date && note.line > 0,
    ).length;
    return dates > 0 ? [`${plural(dates, 'date')} in ${file.name}`] : [];
  });
  if (swapped.length > 0) {
    notes.push(
      `Some dates may be wrong: ${joinWords(swapped)} may have been stored by a spreadsheet with the day and month swapped, which would put those payments in the wrong month. ` +
        `${where === 'email' ? "The workbook's" : "This workbook's"} Data quality sheet lists them.`,
    );
  }
  return notes;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
