import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeVlq, encodeVlq, readGlyphTable } from '../../../../shared/report/chart/glyph-table.ts';
import { ROBOTO_REGULAR } from '../../../../shared/report/chart/glyphs.ts';

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

describe('a glyph table', () => {
  it('is refused when its code points, advance widths and outlines do not line up', () => {
    expect(() => readGlyphTable(ROBOTO_REGULAR)).not.toThrow();
    const oneOutlineShort = { ...ROBOTO_REGULAR, outlines: ROBOTO_REGULAR.outlines.replace(/,[^,]*$/, '') };
    expect(() => readGlyphTable(oneOutlineShort)).toThrow(
      /inconsistent: \d+ code points, \d+ advance widths and \d+ outlines/,
    );
    const oneWidthMore = { ...ROBOTO_REGULAR, advanceWidths: `${ROBOTO_REGULAR.advanceWidths}A` };
    expect(() => readGlyphTable(oneWidthMore)).toThrow('run scripts/embed-chart-fonts.ts again');
  });
});
