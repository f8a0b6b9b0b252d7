import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  charityRegisterOf,
  companyNumberPrefix,
  describeCompanyNumber,
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normalisePostcode,
  outwardCode,
  postcodeKey,
} from '../../../shared/suppliers/index.ts';

describe('company numbers', () => {
  it.each([
    ['01234567', '01234567'],
    ['1234567', '01234567'],
    ['123456', '00123456'],
    ['86', '00000086'],
    [' 0123 4567 ', '01234567'],
    ['sc12345', 'SC012345'],
    ['SC 123456', 'SC123456'],
    ['ni012345', 'NI012345'],
    ['oc300001', 'OC300001'],
    ['ce001234', 'CE001234'],
    ['cs12', 'CS000012'],
    ['rs007682', 'RS007682'],
    ['ip28037r', 'IP28037R'],
    ['SP2207R', 'SP02207R'],
    ['R0000123', 'R0000123'],
    ['r0 1234', 'R0001234'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normaliseCompanyNumber(raw)).toBe(expected);
  });

  it.each(['', 'N/A', '123456789', 'SC1234567', '00000000', 'ABC12345', '12-345'])('rejects %j', (raw) => {
    expect(normaliseCompanyNumber(raw)).toBeUndefined();
  });

  it('gives the prefix and what it registers', () => {
    expect(companyNumberPrefix('01234567')).toBeUndefined();
    expect(companyNumberPrefix('CE001234')).toBe('CE');
    expect(describeCompanyNumber('CE001234')).toBe(
      'charitable incorporated organisation (England and Wales)',
    );
    expect(describeCompanyNumber('01234567')).toBe('company registered in England and Wales');
  });

  it('always gives 8 characters for any number it accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        const normal = normaliseCompanyNumber(String(n));
        expect(normal).toHaveLength(8);
        expect(normaliseCompanyNumber(normal ?? '')).toBe(normal);
      }),
    );
  });
});

describe('charity numbers', () => {
  it.each([
    ['1123456', '1123456', 'england-and-wales'],
    ['212345', '212345', 'england-and-wales'],
    ['1123456-1', '1123456-1', 'england-and-wales'],
    ['sc012345', 'SC012345', 'scotland'],
    ['SC 12345', 'SC012345', 'scotland'],
    ['NIC100001', 'NIC100001', 'northern-ireland'],
    ['nic 100001', 'NIC100001', 'northern-ireland'],
    ['NI100001', 'NIC100001', 'northern-ireland'],
  ])('reads %j as %s on the %s register', (raw, expected, register) => {
    const normal = normaliseCharityNumber(raw);
    expect(normal).toBe(expected);
    expect(charityRegisterOf(normal ?? '')).toBe(register);
  });

  it.each(['12345', '12345678', 'SC123456', 'NIC200001', 'CE001234', 'charity'])('rejects %j', (raw) => {
    expect(normaliseCharityNumber(raw)).toBeUndefined();
  });
});

describe('postcodes', () => {
  it.each([
    ['me141xx', 'ME14 1XX'],
    [' ME14  1XX ', 'ME14 1XX'],
    ['ct11aa', 'CT1 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['W1A 0AX', 'W1A 0AX'],
    ['tn8 5ab', 'TN8 5AB'],
    ['gir0aa', 'GIR 0AA'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalisePostcode(raw)).toBe(expected);
  });

  it.each(['', 'ME14', 'ME14 1XXX', '12345', 'ME14 1CX', 'QE1 1AA', 'ME14-1XX'])('rejects %j', (raw) => {
    expect(normalisePostcode(raw)).toBeUndefined();
  });

  it('gives the outward code and the lookup key', () => {
    expect(outwardCode('me141xx')).toBe('ME14');
    expect(outwardCode('SW1A 1AA')).toBe('SW1A');
    expect(postcodeKey('me14 1xx')).toBe('ME141XX');
  });
});

describe('postcodes as ledger extracts write them', () => {
  it.each([
    ['me141xx', 'ME14 1XX'],
    [' ME14 1XX ', 'ME14 1XX'],
    ['tn23 1aa', 'TN23 1AA'],
    ['EC1A1BB', 'EC1A 1BB'],
    ['w1a 0ax', 'W1A 0AX'],
    ['M1 1AE', 'M1 1AE'],
    ['gir 0aa', 'GIR 0AA'],
  ])('normalises %j to %j', (text, postcode) => {
    expect(normalisePostcode(text)).toBe(postcode);
  });

  it.each(['', 'N/A', 'ME14', '12345', 'ME14 1X', 'Kent'])('returns nothing for %j', (text) => {
    expect(normalisePostcode(text)).toBeUndefined();
  });
});
