import { describe, expect, it } from 'vitest';
import { isRedactedPayee, splitCompanyNumber } from '../../../shared/ledger/index.ts';

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
