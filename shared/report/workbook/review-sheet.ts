import type ExcelJS from 'exceljs';
import { formatPounds } from '../../money/format-pence.ts';
import { REGISTER_NAMES } from '../../registers/detect-register.ts';
import type { RegisterCandidate } from '../../registers/match-registers.ts';
import { cutReviewList, type ReviewEntry, type ReviewReason } from '../review-list.ts';
import { addTable, type Column, POUNDS, pounds, type Row } from './add-table.ts';
import type { DeferredRows } from './deferred-rows.ts';
import { CATEGORY_LABELS, MATCH_STATUS_LABELS } from './describe-basis.ts';

const REVIEW_COLUMNS: Column[] = [
  { header: 'Rank', width: 7, centre: true },
  { header: 'Supplier', width: 34, wrap: true },
  { header: 'Spend in the report years', width: 16, format: POUNDS },
  { header: 'Undecided', width: 12, wrap: true },
  { header: 'Register match', width: 12, wrap: true },
  { header: 'Why (one reason a line)', width: 70, wrap: true },
  { header: 'Register entries it might be', width: 70, wrap: true },
];

/** `SME: no accounts category …`, `Registers: …`. */
export function describeReason(reason: ReviewReason): string {
  const label = reason.category === 'registers' ? 'Registers' : CATEGORY_LABELS[reason.category];
  return `${label}: ${reason.detail}`;
}

/** `Companies House 01234567 KENTISH LTD, ME14 1XX, Active, similarity 0.82`. */
export function describeCandidate(candidate: RegisterCandidate): string {
  return [
    `${REGISTER_NAMES[candidate.register]} ${candidate.number} ${candidate.name}`,
    candidate.postcode ?? 'no postcode',
    candidate.status,
    ...(candidate.similarity === undefined ? [] : [`similarity ${candidate.similarity.toFixed(2)}`]),
  ].join(', ');
}

/** The review list as rows, largest spend first, cut where `summary.json` cuts it with a last row for the rest. */
export function reviewRows(review: readonly ReviewEntry[]): Row[] {
  const { shown, more, moreSpend } = cutReviewList(review);
  const rows: Row[] = shown.map((entry, index) => [
    index + 1,
    entry.name,
    pounds(entry.spend),
    entry.undecided.map((category) => CATEGORY_LABELS[category]).join(', '),
    entry.registerMatch === undefined ? '' : MATCH_STATUS_LABELS[entry.registerMatch],
    entry.reasons.map(describeReason).join('\n'),
    entry.candidates.map(describeCandidate).join('\n'),
  ]);
  if (more > 0) rows.push([null, `${more} more suppliers, ${formatPounds(moreSpend)}`, pounds(moreSpend)]);
  return rows;
}

/**
 * The To review sheet: the suppliers with local, SME or VCSE still undecided, largest spend first,
 * with why and the register entries each might be — the list to settle in the supplier reference.
 * Redacted payees are never on it.
 */
export function addReviewSheet(
  workbook: ExcelJS.Workbook,
  heading: string,
  review: readonly ReviewEntry[],
  deferred?: DeferredRows,
): ExcelJS.Worksheet {
  const rows = reviewRows(review);
  return addTable(
    workbook,
    'To review',
    [
      heading,
      'Suppliers with a category still undecided, largest spend first: look each up, then add its Y/N, figures or ' +
        'company or charity number to the supplier reference.',
    ],
    REVIEW_COLUMNS,
    rows.length > 0 ? rows : [[null, 'None: every supplier is decided.']],
    undefined,
    deferred,
  );
}
