import type { LineIssue } from '../types.ts';
import { type EmailBlock, type EmailContent, renderEmail } from './render-email.ts';

export interface RejectedUpload {
  name: string;
  sha256: string;
  /** Why the whole file was rejected. */
  rejection: LineIssue;
  /** Problem lines, possibly only the first of them. */
  issues: readonly LineIssue[];
  /** How many problem lines there are in all. */
  issueCount: number;
  /**
   * What the rejection means and what to do, for an upload that is not a ledger extract (a register, a
   * supplier reference); a ledger extract's by default.
   */
  guidance?: RejectionGuidance;
}

export interface RejectionGuidance {
  /** One sentence after "The file … was rejected as a whole, so". */
  consequence: string;
  nextSteps: readonly string[];
}

const LEDGER_GUIDANCE: RejectionGuidance = {
  consequence: 'none of its lines are in the social value figures until a corrected file is accepted',
  nextSteps: [
    'Fix the problems above in the original file, or export it from the ledger again. The error report lists every problem with its line, column and value.',
    'Upload the corrected file to incoming/ in the landing bucket, as CSV or .xlsx. The same file name is fine: the new upload is read afresh.',
  ],
};

export interface RejectionEmailOptions {
  trustName: string;
  quarantineLocation: string;
  errorReportLocation: string;
  /** The trust's colour for the main heading, `#rrggbb`. */
  accent?: string;
}

/** How many problems the email lists; the error report has them all. */
export const LISTED_PROBLEMS = 20;
const SUBJECT_REASON_MAX = 90;
const VALUE_MAX = 120;

/**
 * The reason up to its first `:` or `;` outside quotes and brackets — the part that says what
 * is wrong, before the detail and what to do — shortened at a word boundary.
 */
export function summariseReason(reason: string): string {
  let depth = 0;
  let quoted = false;
  let end = reason.length;
  for (let i = 0; i < reason.length; i++) {
    const char = reason[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '(') depth += 1;
    else if (!quoted && char === ')') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && (char === ':' || char === ';')) {
      end = i;
      break;
    }
  }
  return shorten(reason.slice(0, end).trim().replace(/\.$/, ''), SUBJECT_REASON_MAX);
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** `line 14, column "Amount", value "12,34.5"`, or `the file as a whole`. */
function describePlace(issue: LineIssue): string {
  const parts = [
    ...(issue.line > 0 ? [`line ${issue.line}`] : []),
    ...(issue.column !== '' ? [`column "${issue.column}"`] : []),
    ...(issue.value !== '' ? [`value "${shorten(issue.value, VALUE_MAX)}"`] : []),
  ];
  return parts.length === 0 ? 'the file as a whole' : parts.join(', ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function asSentence(text: string): string {
  const trimmed = capitalise(text.trim());
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function problemBlocks(upload: RejectedUpload): EmailBlock[] {
  const total = Math.max(upload.issueCount, upload.issues.length);
  if (total === 0) {
    return [
      {
        kind: 'paragraph',
        text: 'No single line is at fault: the problem is with the file as a whole.',
      },
    ];
  }
  const listed = upload.issues.slice(0, LISTED_PROBLEMS);
  const heading =
    total === 1
      ? '1 problem was found:'
      : listed.length < total
        ? `${total} problems were found; ${listed.length === 1 ? 'the first is' : `the first ${listed.length} are`} below and the error report lists all ${total}.`
        : `${total} problems were found:`;
  const rows = listed.map((issue) => [
    issue.line > 0 ? String(issue.line) : '',
    issue.column,
    shorten(issue.value, VALUE_MAX),
    issue.reason,
  ]);
  return [
    { kind: 'heading', level: 2, text: 'Problems' },
    { kind: 'paragraph', text: heading },
    {
      kind: 'table',
      head: ['Line', 'Column', 'Value', 'What is wrong'],
      numeric: [true, false, false, false],
      rows,
      textLines: listed.map((issue) => `- ${capitalise(describePlace(issue))}: ${issue.reason}`),
    },
    ...(listed.length < total
      ? [
          {
            kind: 'paragraph',
            text: `…and ${total - listed.length} more in the error report.`,
          } satisfies EmailBlock,
        ]
      : []),
  ];
}

/**
 * Tells finance an upload was rejected: what was wrong, the first problems, what to do next, and
 * where the original and the full error report are.
 *
 * @example composeRejectionEmail({ name: 'AP payments 2024-05.csv', sha256, rejection, issues, issueCount: 57 }, { trustName, quarantineLocation, errorReportLocation })
 */
export function composeRejectionEmail(upload: RejectedUpload, options: RejectionEmailOptions): EmailContent {
  const { rejection } = upload;
  const guidance = upload.guidance ?? LEDGER_GUIDANCE;
  const subject = `Upload rejected: ${upload.name} — ${summariseReason(rejection.reason)}`;
  const blocks: EmailBlock[] = [
    { kind: 'heading', level: 1, text: `${options.trustName}: an upload was rejected` },
    {
      kind: 'paragraph',
      text: `The file ${upload.name} was rejected as a whole, so ${guidance.consequence}.`,
    },
    { kind: 'heading', level: 2, text: 'What was wrong' },
    { kind: 'paragraph', text: asSentence(rejection.reason) },
    { kind: 'facts', variant: 'terms', rows: [{ label: 'Where', value: describePlace(rejection) }] },
    ...problemBlocks(upload),
    { kind: 'heading', level: 2, text: 'What to do next' },
    {
      kind: 'list',
      ordered: true,
      items: [...guidance.nextSteps],
    },
    { kind: 'heading', level: 2, text: 'Where things are' },
    {
      kind: 'facts',
      variant: 'terms',
      rows: [
        { label: 'Original (quarantined, unchanged)', value: options.quarantineLocation, code: true },
        { label: 'Full error report (CSV)', value: options.errorReportLocation, code: true },
        { label: 'SHA-256 of the upload', value: upload.sha256, code: true },
      ],
    },
    {
      kind: 'paragraph',
      tone: 'small',
      text: `Sent by socval for ${options.trustName}.`,
    },
  ];
  return renderEmail(subject, blocks, options.accent === undefined ? {} : { accent: options.accent });
}
