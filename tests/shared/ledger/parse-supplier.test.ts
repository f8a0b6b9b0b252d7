import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRedactedPayee, splitCompanyNumber, tidySupplierName } from '../../../shared/ledger/index.ts';

describe('splitCompanyNumber', () => {
  it.each([
    ['KINGS COLLEGE LONDON:03529700', 'KINGS COLLEGE LONDON', '03529700'],
    ['KINGS COLLEGE LONDON : 3529700', 'KINGS COLLEGE LONDON', '03529700'],
    ['ACME LTD:123456', 'ACME LTD', '00123456'],
    ['GLASGOW WIDGETS : SC123456', 'GLASGOW WIDGETS', 'SC123456'],
    ['belfast widgets:ni012345', 'belfast widgets', 'NI012345'],
    ['SOME LLP:OC301234', 'SOME LLP', 'OC301234'],
    ['A COOPERATIVE:RS007123', 'A COOPERATIVE', 'RS007123'],
    ['AN OVERSEAS FIRM UK BRANCH:BR012345', 'AN OVERSEAS FIRM UK BRANCH', 'BR012345'],
    ['  Spaced   Name  Ltd :01234567 ', 'Spaced Name Ltd', '01234567'],
  ])('splits %j into %j and company number %s', (text, name, companyNumber) => {
    expect(splitCompanyNumber(text)).toEqual({ name, companyNumber });
  });

  it.each(['ACME LTD', 'Ref: 2021', 'ACME:12345', ':03529700', 'ACME:123456789', 'ACME:XX123456'])(
    'leaves %j as a plain name',
    (text) => {
      expect(splitCompanyNumber(text).companyNumber).toBeUndefined();
    },
  );

  it('leaves what is not a company number, such as all zeros, in the name', () => {
    expect(splitCompanyNumber('ACME LTD:00000000')).toEqual({ name: 'ACME LTD:00000000' });
  });
});

describe('isRedactedPayee', () => {
  it.each([
    'REDACTED',
    'Redacted',
    'Redacted personal data',
    'Personal data redacted',
    'REDACTED - PERSONAL DATA',
    'Name withheld',
    'Withheld',
    'Personal Data',
    'Private Individual',
    '*****',
  ])('treats %j as a withheld payee', (name) => {
    expect(isRedactedPayee(name)).toBe(true);
  });

  it.each([
    'Redactive Media Ltd',
    'REDACTIVE PUBLISHING',
    'Total Gas & Power Ltd',
    'Withers LLP',
    'Personal Data Solutions Ltd',
  ])('treats %j as a named supplier', (name) => {
    expect(isRedactedPayee(name)).toBe(false);
  });
});

/** Names made of the pieces the shortcuts look at: withheld words, marks, spaces of every kind, colons. */
const nameish = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        ...[
          'REDACTED',
          'redact',
          'Withheld',
          'anonymised',
          'ANONYMIZED',
          'personal data',
          'Private',
          'individual',
        ],
        ...['x', 'X', '*', '#', '-', '.', '_', '–', ':', ' ', '  ', '\t', '\n', '\u00a0', '\u2007', '\u202f'],
        ...[
          'Acme',
          'Ltd',
          '01234567',
          'SC123456',
          'é',
          '£',
          '\u0130',
          '\u212a',
          '\u017f',
          '\u2028',
          '\u3000',
        ],
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('')),
  fc.string(),
  fc.string({ unit: 'binary' }),
);

describe('supplier names read by a shortcut', () => {
  it('tidies a name it returns as it is exactly as collapsing its spaces does (which a space around it forces)', () => {
    fc.assert(
      fc.property(nameish, (text) => {
        expect(tidySupplierName(text)).toBe(tidySupplierName(` ${text} `));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits off company numbers and finds withheld payees exactly as the rules written out in full do', () => {
    fc.assert(
      fc.property(nameish, (text) => {
        expect(isRedactedPayee(text)).toBe(isRedactedPayeeInFull(text));
        if (!text.includes(':')) expect(splitCompanyNumber(text)).toEqual({ name: tidySupplierName(text) });
      }),
      { numRuns: 5000 },
    );
  });
});

/** `isRedactedPayee` without its shortcuts: every test run on every name. */
function isRedactedPayeeInFull(name: string): boolean {
  const collapse = (text: string) => text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();
  const tidy = collapse(name)
    .toLowerCase()
    .replace(/^[*\-–_.]+|[*\-–_.]+$/g, '')
    .trim();
  if (/\b(redacted|redact|withheld|anonymised|anonymized)\b/i.test(tidy)) return true;
  const names = ['personal data', 'personal information', 'private individual', 'individual', 'private'];
  names.push('confidential', 'name not disclosed', 'not disclosed', 'data protection');
  if (names.includes(tidy)) return true;
  return /^(\*+|x{3,}|#+)$/i.test(collapse(name));
}
