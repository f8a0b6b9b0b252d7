import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeVlq, encodeVlq } from '../../../../shared/report/chart/glyph-table.ts';

const LARGEST = 2 ** 30 - 1;

describe('the Base64 VLQs of the glyph tables', () => {
  it('read back every integer they can hold', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -LARGEST, max: LARGEST })), (values) => {
        expect(decodeVlq(encodeVlq(values))).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });

  it('write small numbers in one character, as source maps do', () => {
    expect(encodeVlq([0, 1, -1, 15, -15, 16])).toBe('ACDefgB');
  });

  it('refuse a fraction or a number too large, and text that is not a VLQ', () => {
    expect(() => encodeVlq([0.5])).toThrow(RangeError);
    expect(() => encodeVlq([LARGEST + 1])).toThrow(RangeError);
    expect(() => decodeVlq('A,')).toThrow('"," at 1 is not a Base64 VLQ digit');
    expect(() => decodeVlq('g')).toThrow('ends inside a number');
  });
});
