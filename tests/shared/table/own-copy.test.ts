import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownCopy } from '../../../shared/table/own-copy.ts';

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

describe('ownCopy', () => {
  it('keeps every UTF-16 code unit of a piece of a longer string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 200 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % (text.length + 1);
        const piece = text.slice(start, start + (b % (text.length - start + 1)));
        const copy = ownCopy(piece);
        expect(copy).toBe(piece);
        expect(Array.from(copy, (_, i) => copy.charCodeAt(i))).toEqual(
          Array.from(piece, (_, i) => piece.charCodeAt(i)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps lone surrogates at either end and in the middle, short and long', () => {
    const parent = `${'x'.repeat(100)}\uD800a\uDFFFb\uDC00\uD83D${'y'.repeat(40)}\uDBFF${'z'.repeat(100)}`;
    for (const [start, end] of [
      [100, 105],
      [100, 148],
      [101, 147],
      [0, parent.length],
      [103, 150],
    ] as const) {
      const piece = parent.slice(start, end);
      expect(ownCopy(piece)).toBe(piece);
      expect(ownCopy(piece).length).toBe(end - start);
    }
  });
});
