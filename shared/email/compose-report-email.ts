import { formatWholePounds } from '../money/format-pence.ts';
import {
  formatShare,
  formatTenths,
  hasShares,
  pointChangeInTenths,
  whyNoShares,
} from '../money/format-share.ts';
import {
  describeMonth,
  describeMonthCount,
  describeMonthSpan,
  financialYearOfMonth,
  monthsOfFinancialYear,
} from '../periods/financial-year.ts';
import { describeDataNotes, findReportYear } from '../report/data-notes.ts';
import type { FinancialYearFigures, Report, SpendFigures } from '../report/index.ts';
import type { Pence } from '../types.ts';
import { type EmailBlock, type EmailContent, type Fact, renderEmail } from './render-email.ts';

export interface ReportEmailOptions {
  trustName: string;
  /** Where the workbook and summary are archived, e.g. "s3://trust-archive/reports/2026-10/2026-11-05T08-00-00Z/". */
  archiveLocation: string;
  /** File name of the attached workbook, or undefined when it was too large to attach. */
  attachmentName?: string | undefined;
  /** The share chart sent with the message: `src` is its `cid:` reference. */
  chart?: ChartImage;
  /** The trust's colour for the main heading, `#rrggbb`. */
  accent?: string;
}

/** An image of the shares by financial year, sent inline with the email. */
export interface ChartImage {
  src: string;
  alt: string;
  width: number;
  height: number;
}

type Category = 'local' | 'sme' | 'vcse';

function currentYear(report: Report): FinancialYearFigures {
  const year = findReportYear(report);
  if (year === undefined) {
    throw new Error(
      `the report has no figures for ${financialYearOfMonth(report.reportMonth).label}, its own financial year`,
    );
  }
  return year;
}

/** `£1,234 (5.6%)`, or just `£0` when there is no spend to take a share of. */
function amountAndShare(part: Pence, total: Pence): string {
  const share = formatShare(part, total);
  return share === undefined ? formatWholePounds(part) : `${formatWholePounds(part)} (${share})`;
}

/** `up 1.2 points on the same months of 2024/25 (8.8%)`. */
function describeChange(
  category: Category,
  now: SpendFigures,
  before: SpendFigures,
  comparedWith: string,
): string {
  const change = pointChangeInTenths(
    { part: now[category], total: now.total },
    { part: before[category], total: before.total },
  );
  const then = formatShare(before[category], before.total);
  // Called only for a share now: no change means no share before.
  if (change === undefined || then === undefined) return `${whyNoShares(before.total)} in ${comparedWith}`;
  if (change === 0) return `unchanged on ${comparedWith} (${then})`;
  const direction = change > 0 ? 'up' : 'down';
  return `${direction} ${formatTenths(Math.abs(change))} points on ${comparedWith} (${then})`;
}

function headlineFacts(
  report: Report,
  year: FinancialYearFigures,
  previous: FinancialYearFigures | undefined,
  comparedWith: string,
): Fact[] {
  const now = year.figures;
  const nowNote = hasShares(now.total) ? undefined : whyNoShares(now.total);
  const totalDetail =
    previous === undefined
      ? nowNote
      : `${nowNote === undefined ? '' : `${nowNote}; `}${formatWholePounds(previous.figures.total)} in ${comparedWith}`;
  const categories: [Category, string][] = [
    ['local', `Local (${report.definitions.locality.name})`],
    ['sme', 'SMEs'],
    ['vcse', 'VCSE organisations'],
  ];
  return [
    {
      label: 'Total spend',
      value: formatWholePounds(now.total),
      ...(totalDetail === undefined ? {} : { detail: totalDetail }),
    },
    ...categories.map(([category, label]): Fact => {
      const share = formatShare(now[category], now.total);
      const detail =
        share === undefined
          ? whyNoShares(now.total)
          : previous === undefined
            ? `${share} of spend`
            : `${share} of spend; ${describeChange(category, now, previous.figures, comparedWith)}`;
      return { label, value: formatWholePounds(now[category]), detail };
    }),
  ];
}

function unknownsText(figures: SpendFigures, localityName: string): string {
  const sentences = [
    `${amountAndShare(figures.smeUnknown, figures.total)} of spend is with suppliers whose size is unknown; it is counted neither as SME nor as not SME.`,
    `${amountAndShare(figures.localUnknown, figures.total)} is with suppliers whose location is unknown — the postcodes held cannot place them inside or outside ${localityName} — and is counted neither as local nor as not local.`,
  ];
  if (figures.smeUnknown !== 0 || figures.localUnknown !== 0) {
    sentences.push(
      "The suppliers behind these unknowns are listed, largest spend first, on the workbook's Data quality sheet: adding their size and postcode to the supplier reference raises coverage.",
    );
  }
  if (figures.redacted !== 0) {
    sentences.push(
      `${amountAndShare(figures.redacted, figures.total)} went to payees withheld for privacy, which count in total spend only.`,
    );
  }
  return sentences.join(' ');
}

function yearsTable(report: Report, year: FinancialYearFigures, chart: ChartImage | undefined): EmailBlock[] {
  const earlier = report.financialYears.filter((candidate) => candidate.fy.startYear < year.fy.startYear);
  const heading: EmailBlock = { kind: 'heading', level: 2, text: 'Share of spend by financial year' };
  const image: EmailBlock[] = chart === undefined ? [] : [{ kind: 'image', ...chart }];
  if (earlier.length === 0) return chart === undefined ? [] : [heading, ...image];
  const share = (part: Pence, total: Pence) => formatShare(part, total) ?? '–';
  const row = (label: string, figures: SpendFigures) => [
    label,
    formatWholePounds(figures.total),
    share(figures.local, figures.total),
    share(figures.sme, figures.total),
    share(figures.vcse, figures.total),
  ];
  return [
    heading,
    ...image,
    {
      kind: 'table',
      head: ['Financial year', 'Total spend', 'Local', 'SME', 'VCSE'],
      numeric: [false, true, true, true, true],
      rows: [
        ...earlier.map((candidate) =>
          row(
            candidate.yearToDate
              ? `${candidate.fy.label} (${describeMonthCount(candidate.months)})`
              : candidate.fy.label,
            candidate.figures,
          ),
        ),
        row(
          year.yearToDate ? `${year.fy.label} to date (${describeMonthCount(year.months)})` : year.fy.label,
          year.figures,
        ),
      ],
    },
  ];
}

function definitionFacts(report: Report): Fact[] {
  const d = report.definitions;
  return [
    { label: 'Financial year', value: d.financialYear },
    { label: 'Local', value: d.local },
    { label: 'Postcodes', value: d.postcodeLookup },
    { label: 'SME', value: d.sme },
    { label: 'VCSE', value: d.vcse },
    { label: 'Unknown', value: d.unknown },
    { label: 'Withheld payees', value: d.redacted },
  ];
}

/**
 * The monthly board email: spend with local suppliers, SMEs and VCSE organisations for the
 * financial year to date, against the same months of the year before, with earlier years'
 * shares, the unknowns, the definitions in force and where the workbook is archived.
 *
 * @example composeReportEmail(report, { trustName: 'Kent Valley NHS FT', archiveLocation: 's3://archive/reports/2025-10/', attachmentName: 'social-value-2025-10.xlsx' })
 */
export function composeReportEmail(report: Report, options: ReportEmailOptions): EmailContent {
  const year = currentYear(report);
  const previous = report.previousYearToDate;
  const months = monthsOfFinancialYear(year.fy, year.months);
  const period = year.yearToDate
    ? `${year.fy.label} to date (${describeMonthSpan(months)})`
    : `${year.fy.label} (${describeMonthSpan(months)})`;
  const comparedWith =
    previous === undefined
      ? ''
      : previous.months === 12
        ? previous.fy.label
        : `the same months of ${previous.fy.label}`;
  const subject = `Social value spend — ${describeMonth(report.reportMonth)} (FY ${year.fy.label}${year.yearToDate ? ' to date' : ', full year'})`;
  const attached = options.attachmentName;

  const blocks: EmailBlock[] = [
    { kind: 'heading', level: 1, text: `${options.trustName}: social value spend, ${period}` },
    {
      kind: 'paragraph',
      text:
        `How much the trust spent with local suppliers, SMEs and VCSE organisations in financial year ${period}` +
        `${previous === undefined ? '' : `, compared with ${comparedWith}`}.`,
    },
    ...(attached === undefined
      ? [
          {
            kind: 'paragraph',
            tone: 'notice',
            text: `The workbook was too large to attach to this email. It is archived at ${options.archiveLocation}`,
          } satisfies EmailBlock,
        ]
      : []),
    { kind: 'facts', variant: 'figures', rows: headlineFacts(report, year, previous, comparedWith) },
    {
      kind: 'paragraph',
      tone: 'small',
      text:
        'Money is rounded to the nearest pound; the workbook gives every figure to the penny. ' +
        'A supplier can be local, an SME and a VCSE at once, so the shares overlap.' +
        (previous === undefined
          ? ''
          : ' Changes are in percentage points, worked out from unrounded figures.'),
    },
    { kind: 'paragraph', text: unknownsText(year.figures, report.definitions.locality.name) },
    ...describeDataNotes(report, year, 'email').map((text): EmailBlock => ({ kind: 'paragraph', text })),
    ...yearsTable(report, year, options.chart),
    { kind: 'heading', level: 2, text: 'Definitions' },
    { kind: 'facts', variant: 'terms', rows: definitionFacts(report) },
    { kind: 'heading', level: 2, text: 'The workbook' },
    {
      kind: 'paragraph',
      text:
        attached === undefined
          ? 'The workbook was too large to attach to this email. Open it, and summary.json with the same figures, from the archive:'
          : `The workbook ${attached} is attached. It and summary.json, with the same figures, are archived at:`,
    },
    {
      kind: 'facts',
      variant: 'terms',
      rows: [{ label: 'Archive', value: options.archiveLocation, code: true }],
    },
    {
      kind: 'paragraph',
      tone: 'small',
      text:
        `Sent by socval for ${options.trustName}: figures to the end of ${describeMonth(report.reportMonth)}, ` +
        "from the trust's accounts-payable ledger extracts and supplier reference.",
    },
  ];
  return renderEmail(subject, blocks, options.accent === undefined ? {} : { accent: options.accent });
}
