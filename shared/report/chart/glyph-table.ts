/**
 * What the chart needs of a font, as scripts/embed-chart-fonts.ts extracts it into glyphs.ts with
 * opentype.js: no font parser runs at import or at render. Every number is an integer written as a
 * Base64 VLQ, as source maps write theirs, so a table is a few string literals, which cost next to
 * nothing to parse, and is read on first use.
 *
 * Glyph 0 is the font's missing-glyph box (.notdef); glyph i + 1 is the glyph of the i-th code point.
 */
export interface GlyphTable {
  unitsPerEm: number;
  /** The code points the font maps to a glyph, ascending, each as its difference from the one before. */
  codePoints: string;
  /** Each glyph's advance width in font units, glyph 0 first. */
  advanceWidths: string;
  /**
   * Each glyph's outline, glyph 0 first, separated by commas: each path command (0 move, 1 line,
   * 2 quadratic, 3 cubic curve) followed by its points, control points first, x then y, each as its
   * difference from the point before in half font units (TrueType's implied on-curve points fall on
   * halves).
   */
  outlines: string;
  /** The pairs with kerning: left glyph as its difference from the pair before's, right glyph, font units. */
  kerning: string;
}

export type OutlineCommand = 0 | 1 | 2 | 3;

/** Points each command carries: its control points, then where it ends. */
export const POINTS_OF_COMMAND: Readonly<Record<OutlineCommand, number>> = { 0: 1, 1: 1, 2: 2, 3: 3 };

/** A glyph table read: glyph numbers are as in {@link GlyphTable}. */
export interface Glyphs {
  unitsPerEm: number;
  /** The glyph drawn for `char` (one code point): 0, the missing-glyph box, when the font lacks it. */
  glyphOf(char: string): number;
  advanceWidth(glyph: number): number;
  kerning(left: number, right: number): number;
  /** Each command of the glyph's outline, then its points' x and y in font units (y up). */
  outline(glyph: number): readonly number[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT_OF = new Map([...BASE64].map((char, digit) => [char.charCodeAt(0), digit]));
const MAX_VLQ = 2 ** 30 - 1;

/** Integers as Base64 VLQs: five bits a character, least significant first, sign in the lowest bit. */
export function encodeVlq(values: readonly number[]): string {
  let text = '';
  for (const value of values) {
    if (!Number.isInteger(value) || Math.abs(value) > MAX_VLQ) {
      throw new RangeError(`${value} is not an integer of at most ${MAX_VLQ} either way`);
    }
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      const digit = rest & 31;
      rest >>>= 5;
      text += BASE64[rest > 0 ? digit | 32 : digit];
    } while (rest > 0);
  }
  return text;
}

export function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = DIGIT_OF.get(text.charCodeAt(i));
    if (digit === undefined) throw new RangeError(`"${text[i]}" at ${i} is not a Base64 VLQ digit`);
    value |= (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  if (shift !== 0) throw new RangeError('the Base64 VLQ text ends inside a number');
  return values;
}

export function readGlyphTable(table: GlyphTable): Glyphs {
  const glyphOfCodePoint = new Map<number, number>();
  let codePoint = 0;
  for (const [i, step] of decodeVlq(table.codePoints).entries()) {
    codePoint += step;
    glyphOfCodePoint.set(codePoint, i + 1);
  }
  const advanceWidths = decodeVlq(table.advanceWidths);
  const glyphCount = advanceWidths.length;
  const packedOutlines = table.outlines.split(',');
  // Glyph 0 is the missing-glyph box; glyph i + 1 is the i-th code point's.
  if (glyphCount !== glyphOfCodePoint.size + 1 || packedOutlines.length !== glyphCount) {
    throw new RangeError(
      `the glyph table is inconsistent: ${glyphOfCodePoint.size} code points, ${glyphCount} advance widths and ${packedOutlines.length} outlines (expected ${glyphOfCodePoint.size + 1} of each): run scripts/embed-chart-fonts.ts again`,
    );
  }
  const kerning = new Map<number, number>();
  const pairs = decodeVlq(table.kerning);
  for (let i = 0, left = 0; i + 2 < pairs.length; i += 3) {
    left += pairs[i] as number;
    kerning.set(left * glyphCount + (pairs[i + 1] as number), pairs[i + 2] as number);
  }
  const outlines: (readonly number[] | undefined)[] = [];
  return {
    unitsPerEm: table.unitsPerEm,
    glyphOf: (char) => glyphOfCodePoint.get(char.codePointAt(0) ?? -1) ?? 0,
    advanceWidth: (glyph) => advanceWidths[glyph] ?? 0,
    kerning: (left, right) => kerning.get(left * glyphCount + right) ?? 0,
    outline: (glyph) => {
      let outline = outlines[glyph];
      if (outline === undefined) {
        outline = unpackOutline(packedOutlines[glyph] ?? '');
        outlines[glyph] = outline;
      }
      return outline;
    },
  };
}

function unpackOutline(packed: string): number[] {
  const values = decodeVlq(packed);
  let x = 0;
  let y = 0;
  for (let i = 0; i < values.length; ) {
    const points = POINTS_OF_COMMAND[values[i] as OutlineCommand];
    i++;
    for (let point = 0; point < points; point++, i += 2) {
      x += values[i] as number;
      y += values[i + 1] as number;
      values[i] = x / 2;
      values[i + 1] = y / 2;
    }
  }
  return values;
}
