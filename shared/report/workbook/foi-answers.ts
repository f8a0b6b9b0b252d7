import { formatPounds } from '../../money/format-pence.ts';
import { formatShare, whyNoShares } from '../../money/format-share.ts';
import { describeMonthSpan, monthsOfFinancialYear } from '../../periods/financial-year.ts';
import type { Pence } from '../../types.ts';
import type { FinancialYearFigures } from '../aggregate-spend.ts';
import type { Report } from '../build-report.ts';

export interface FoiAnswer {
  question: string;
  /** The financial year the answer is about; empty for definitions. */
  year: string;
  answer: string;
}

/** `12.3% of its total spend of £1,000.00`; where the total has no shares, the total and why. */
function shareOfTotal(part: Pence, total: Pence): string {
  const share = formatShare(part, total);
  const of = `of its total spend of ${formatPounds(total)}`;
  return share === undefined ? `${of} (${whyNoShares(total)})` : `${share} ${of}`;
}

/** `£12.00 (1.2%) of its total spend of £1,000.00`; where the total has no shares, the total and why. */
function amountOfTotal(part: Pence, total: Pence): string {
  const share = formatShare(part, total);
  const of = `of its total spend of ${formatPounds(total)}`;
  return share === undefined
    ? `${formatPounds(part)} ${of} (${whyNoShares(total)})`
    : `${formatPounds(part)} (${share}) ${of}`;
}

function yearPhrase(year: FinancialYearFigures): string {
  if (!year.yearToDate) return `In ${year.fy.label}`;
  return `In ${year.fy.label} to date (${describeMonthSpan(monthsOfFinancialYear(year.fy, year.months))})`;
}

/**
 * Plain sentences an FOI officer can paste into a reply: the trust's definitions, then for each
 * financial year its total, SME, local and VCSE spend and the share whose size or location is unknown.
 *
 * @example describeFoiAnswers(report)[0] // → { question: 'How does the trust define an SME?', year: '', answer: 'Procurement Act 2023 …' }
 */
export function describeFoiAnswers(report: Report): FoiAnswer[] {
  const d = report.definitions;
  const locality = d.locality.name;
  const answers: FoiAnswer[] = [
    {
      question: 'How does the trust define an SME?',
      year: '',
      answer: `The trust counts a supplier as an SME under ${d.sme}`,
    },
    { question: 'How does the trust define a local supplier?', year: '', answer: d.local },
    { question: 'How does the trust define a VCSE organisation?', year: '', answer: d.vcse },
    { question: 'What period does each year cover?', year: '', answer: d.financialYear },
  ];
  for (const year of report.financialYears) {
    const f = year.figures;
    const when = yearPhrase(year);
    const label = year.fy.label;
    answers.push(
      {
        question: "What was the trust's total spend?",
        year: label,
        answer: `${when} the trust's total spend with suppliers was ${formatPounds(f.total)}.`,
      },
      {
        question: 'How much did the trust spend with SMEs?',
        year: label,
        answer: `${when} the trust spent ${formatPounds(f.sme)} with SMEs, ${shareOfTotal(f.sme, f.total)}.`,
      },
      {
        question: 'How much of the spend is with suppliers of unknown size?',
        year: label,
        answer: `${when}, ${amountOfTotal(f.smeUnknown, f.total)} was with suppliers whose size we could not determine.`,
      },
      {
        question: 'How much did the trust spend with local suppliers?',
        year: label,
        answer:
          `${when} the trust spent ${formatPounds(f.local)} with suppliers in ${locality}, ` +
          `${shareOfTotal(f.local, f.total)}.`,
      },
      {
        question: 'How much of the spend is with suppliers of unknown location?',
        year: label,
        answer: `${when}, ${amountOfTotal(f.localUnknown, f.total)} was with suppliers whose location we could not determine.`,
      },
      {
        question: 'How much did the trust spend with VCSE organisations?',
        year: label,
        answer:
          `${when} the trust spent ${formatPounds(f.vcse)} with voluntary, community and social enterprise ` +
          `(VCSE) organisations, ${shareOfTotal(f.vcse, f.total)}.`,
      },
    );
  }
  return answers;
}
