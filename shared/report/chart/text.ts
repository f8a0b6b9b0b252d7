import { type Glyphs, type OutlineCommand, POINTS_OF_COMMAND, readGlyphTable } from './glyph-table.ts';
import { ROBOTO_BOLD, ROBOTO_REGULAR } from './glyphs.ts';
import type { Contour, Point } from './raster.ts';

export type FontWeight = 'regular' | 'bold';

const fonts = new Map<FontWeight, Glyphs>();

/** The embedded Roboto in the weight asked for, read once. */
function fontOf(weight: FontWeight): Glyphs {
  let font = fonts.get(weight);
  if (font === undefined) {
    font = readGlyphTable(weight === 'bold' ? ROBOTO_BOLD : ROBOTO_REGULAR);
    fonts.set(weight, font);
  }
  return font;
}

export interface TextStyle {
  /** Height of the em square in pixels. */
  size: number;
  weight?: FontWeight;
}

/** Segments per curve: enough for smooth glyphs at chart sizes. */
const QUADRATIC_STEPS = 6;
const CUBIC_STEPS = 8;

/** Width of `text` in pixels, with kerning. */
export function measureText(text: string, style: TextStyle): number {
  const font = fontOf(style.weight ?? 'regular');
  const scale = style.size / font.unitsPerEm;
  let width = 0;
  let previous: number | undefined;
  for (const char of text) {
    const glyph = font.glyphOf(char);
    if (previous !== undefined) width += font.kerning(previous, glyph) * scale;
    width += font.advanceWidth(glyph) * scale;
    previous = glyph;
  }
  return width;
}

/** Ascent of capitals and digits above the baseline, in pixels (for centring text on a point). */
export function capHeight(style: TextStyle): number {
  return style.size * 0.711;
}

/**
 * The outlines of `text` set on the baseline at `y`, starting at `x` (`align: 'left'`), centred
 * on it or ending at it, with kerning; curves flattened into short lines. A character the font
 * lacks is drawn as the font's missing-glyph box, never dropped silently.
 */
export function textContours(
  text: string,
  x: number,
  y: number,
  style: TextStyle,
  align: 'left' | 'center' | 'right' = 'left',
): Contour[] {
  const font = fontOf(style.weight ?? 'regular');
  const scale = style.size / font.unitsPerEm;
  const width = align === 'left' ? 0 : measureText(text, style);
  let pen = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
  // As opentype.js's Glyph.getPath scaled the outlines: not always the same number as `scale`.
  const outlineScale = (1 / font.unitsPerEm) * style.size;
  const contours: Contour[] = [];
  let previous: number | undefined;
  for (const char of text) {
    const glyph = font.glyphOf(char);
    if (previous !== undefined) pen += font.kerning(previous, glyph) * scale;
    contours.push(...flatten(font.outline(glyph), pen, y, outlineScale));
    pen += font.advanceWidth(glyph) * scale;
    previous = glyph;
  }
  return contours;
}

/**
 * The outline (see Glyphs.outline) placed as opentype.js's Glyph.getPath places it, origin at (`x`,
 * `y`), y down, then flattened: a contour ends at the next move.
 */
function flatten(outline: readonly number[], x: number, y: number, scale: number): Contour[] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let at: Point = { x: 0, y: 0 };
  const close = () => {
    if (current.length > 2) contours.push(current);
    current = [];
  };
  for (let i = 0; i < outline.length; ) {
    const type = outline[i++] as OutlineCommand;
    const points: Point[] = [];
    for (let point = 0; point < POINTS_OF_COMMAND[type]; point++, i += 2) {
      points.push({ x: x + (outline[i] as number) * scale, y: y + -(outline[i + 1] as number) * scale });
    }
    const [first, second, third] = points as [Point, Point, Point];
    switch (type) {
      case 0:
        close();
        at = first;
        current.push(at);
        break;
      case 1:
        at = first;
        current.push(at);
        break;
      case 2: {
        const from = at;
        for (let step = 1; step <= QUADRATIC_STEPS; step++) {
          const t = step / QUADRATIC_STEPS;
          const u = 1 - t;
          current.push({
            x: u * u * from.x + 2 * u * t * first.x + t * t * second.x,
            y: u * u * from.y + 2 * u * t * first.y + t * t * second.y,
          });
        }
        at = second;
        break;
      }
      case 3: {
        const from = at;
        for (let step = 1; step <= CUBIC_STEPS; step++) {
          const t = step / CUBIC_STEPS;
          const u = 1 - t;
          current.push({
            x: u * u * u * from.x + 3 * u * u * t * first.x + 3 * u * t * t * second.x + t * t * t * third.x,
            y: u * u * u * from.y + 3 * u * u * t * first.y + 3 * u * t * t * second.y + t * t * t * third.y,
          });
        }
        at = third;
        break;
      }
    }
  }
  close();
  return contours;
}
