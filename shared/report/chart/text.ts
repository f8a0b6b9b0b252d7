import type { Font, PathCommand } from 'opentype.js';
import * as opentype from 'opentype.js';
import { ROBOTO_BOLD_WOFF, ROBOTO_REGULAR_WOFF } from './embedded-fonts.ts';
import type { Contour, Point } from './raster.ts';

export type FontWeight = 'regular' | 'bold';

type ParseFont = (buffer: ArrayBuffer) => Font;
/** Bundled (ESM build) `parse` is a named export; under Node (UMD build) it is on the default export. */
const library: { parse?: ParseFont; default?: { parse?: ParseFont } } = { ...opentype };
const parseFont: ParseFont = (() => {
  const parse = library.parse ?? library.default?.parse;
  if (parse === undefined) throw new Error('opentype.js has no parse function: check the installed version');
  return parse;
})();

const fonts = new Map<FontWeight, Font>();

/** The embedded Roboto in the weight asked for, parsed once. */
function fontOf(weight: FontWeight): Font {
  let font = fonts.get(weight);
  if (font === undefined) {
    const bytes = Buffer.from(weight === 'bold' ? ROBOTO_BOLD_WOFF : ROBOTO_REGULAR_WOFF, 'base64');
    font = parseFont(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
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
  let previous: ReturnType<Font['charToGlyph']> | undefined;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous !== undefined) width += font.getKerningValue(previous, glyph) * scale;
    width += glyph.advanceWidth * scale;
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
  const contours: Contour[] = [];
  let previous: ReturnType<Font['charToGlyph']> | undefined;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous !== undefined) pen += font.getKerningValue(previous, glyph) * scale;
    contours.push(...flatten(glyph.getPath(pen, y, style.size).commands));
    pen += glyph.advanceWidth * scale;
    previous = glyph;
  }
  return contours;
}

function flatten(commands: readonly PathCommand[]): Contour[] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let at: Point = { x: 0, y: 0 };
  const close = () => {
    if (current.length > 2) contours.push(current);
    current = [];
  };
  for (const command of commands) {
    switch (command.type) {
      case 'M':
        close();
        at = { x: command.x, y: command.y };
        current.push(at);
        break;
      case 'L':
        at = { x: command.x, y: command.y };
        current.push(at);
        break;
      case 'Q': {
        const from = at;
        for (let step = 1; step <= QUADRATIC_STEPS; step++) {
          const t = step / QUADRATIC_STEPS;
          const u = 1 - t;
          current.push({
            x: u * u * from.x + 2 * u * t * command.x1 + t * t * command.x,
            y: u * u * from.y + 2 * u * t * command.y1 + t * t * command.y,
          });
        }
        at = { x: command.x, y: command.y };
        break;
      }
      case 'C': {
        const from = at;
        for (let step = 1; step <= CUBIC_STEPS; step++) {
          const t = step / CUBIC_STEPS;
          const u = 1 - t;
          current.push({
            x:
              u * u * u * from.x +
              3 * u * u * t * command.x1 +
              3 * u * t * t * command.x2 +
              t * t * t * command.x,
            y:
              u * u * u * from.y +
              3 * u * u * t * command.y1 +
              3 * u * t * t * command.y2 +
              t * t * t * command.y,
          });
        }
        at = { x: command.x, y: command.y };
        break;
      }
      case 'Z':
        close();
        break;
    }
  }
  close();
  return contours;
}
