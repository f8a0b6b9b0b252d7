import { CHARITY_COMMISSION } from './charity-commission.ts';
import { COMPANIES_HOUSE } from './companies-house.ts';
import { FCA_MUTUALS } from './fca-mutuals.ts';
import { OSCR } from './oscr.ts';
import { normaliseHeader, type RegisterDescription } from './register-text.ts';

/** The open registers socval reads. */
export type RegisterKind = 'companies-house' | 'charity-commission' | 'oscr' | 'fca-mutuals';

export const REGISTER_KINDS: readonly RegisterKind[] = [
  'companies-house',
  'charity-commission',
  'oscr',
  'fca-mutuals',
];

export const REGISTER_DESCRIPTIONS: Readonly<Record<RegisterKind, RegisterDescription>> = {
  'companies-house': COMPANIES_HOUSE,
  'charity-commission': CHARITY_COMMISSION,
  oscr: OSCR,
  'fca-mutuals': FCA_MUTUALS,
};

/** Short register names for evidence: `Companies House`, `Charity Commission`, … */
export const REGISTER_NAMES: Readonly<Record<RegisterKind, string>> = {
  'companies-house': 'Companies House',
  'charity-commission': 'Charity Commission',
  oscr: 'Scottish Charity Register (OSCR)',
  'fca-mutuals': 'FCA mutuals register',
};

/** What a file in a registers folder is, from its first bytes. */
export type DetectedRegisterFile =
  | { kind: RegisterKind }
  | { kind: 'extract' }
  | { kind: 'compressed' }
  | { kind: 'unknown'; firstLine: string };

/** Header names that together say which register a file is (normalised as {@link normaliseHeader}). */
const SIGNATURES: readonly { kind: RegisterKind; separator: '\t' | ','; names: readonly string[] }[] = [
  { kind: 'companies-house', separator: ',', names: ['companyname', 'companynumber', 'companycategory'] },
  {
    kind: 'charity-commission',
    separator: '\t',
    names: ['registered_charity_number', 'linked_charity_number', 'charity_name'],
  },
  { kind: 'oscr', separator: ',', names: ['charity number', 'charity name', 'constitutional form'] },
  { kind: 'fca-mutuals', separator: ',', names: ['society name', 'registered as', 'society status'] },
];

/** How much of a file's start {@link detectRegisterFile} needs: enough for any register's header line. */
export const DETECT_BYTES = 64 * 1024;

/**
 * Which register a file is, from its header line (never from its name alone, which downloads and
 * renames change): the Companies House, Charity Commission, OSCR or FCA mutuals download by the
 * column names that only it has; a socval register extract (JSON); a ZIP or gzip archive; or
 * none of them, with its first line to show the user.
 *
 * @example
 * detectRegisterFile(firstBytesOf('SocietyList.csv')) // → { kind: 'fca-mutuals' }
 */
export function detectRegisterFile(head: Uint8Array): DetectedRegisterFile {
  if ((head[0] === 0x50 && head[1] === 0x4b) || (head[0] === 0x1f && head[1] === 0x8b)) {
    return { kind: 'compressed' };
  }
  const text = new TextDecoder('utf-8').decode(head).replace(/^\ufeff/, '');
  const start = text.trimStart();
  if (start.startsWith('{')) return { kind: 'extract' };
  const firstLine = start.split(/\r?\n|\r/, 1)[0] ?? '';
  for (const signature of SIGNATURES) {
    const names = new Set(firstLine.split(signature.separator).map((name) => normaliseHeader(unquote(name))));
    if (signature.names.every((name) => names.has(name))) return { kind: signature.kind };
  }
  return { kind: 'unknown', firstLine: firstLine.length > 200 ? `${firstLine.slice(0, 200)}…` : firstLine };
}

const unquote = (name: string): string => name.trim().replace(/^"(.*)"$/, '$1');

/**
 * The date a register download is of, from its published name: Companies House
 * `BasicCompanyData…-2025-07-01…` and OSCR `CharityExport-01-Jul-2025`. The Charity Commission's
 * date is in its rows (`date_of_extract`); the FCA's file has none.
 */
export function findRegisterDateInName(kind: RegisterKind, file: string): string | undefined {
  if (kind === 'companies-house') return /(\d{4}-\d{2}-\d{2})/.exec(file)?.[1];
  if (kind === 'oscr') {
    const match = /(\d{1,2})-([A-Za-z]{3})-(\d{4})/.exec(file);
    const month = match?.[2] === undefined ? -1 : MONTHS.indexOf(match[2].toLowerCase());
    if (match?.[1] === undefined || match[3] === undefined || month === -1) return undefined;
    return `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  }
  return undefined;
}

/**
 * The date a register download is of and where it was read: its name ({@link findRegisterDateInName}),
 * else the `date_of_extract` of its rows; nothing when neither gives one.
 *
 * @example
 * datingOf('charity-commission', 'publicextract.charity.txt', '2025-07-01')
 * // → { dated: '2025-07-01', datedFrom: 'date_of_extract' }
 */
export function datingOf(
  kind: RegisterKind,
  file: string,
  extractDate: string | undefined,
): { dated?: string; datedFrom?: 'file-name' | 'date_of_extract' } {
  const named = findRegisterDateInName(kind, file);
  const dated = named ?? extractDate;
  return dated === undefined
    ? {}
    : { dated, datedFrom: named === undefined ? ('date_of_extract' as const) : ('file-name' as const) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
