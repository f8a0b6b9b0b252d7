import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font, PathCommand } from 'opentype.js';
import * as opentype from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { readGlyphTable } from '../../../../shared/report/chart/glyph-table.ts';
import { ROBOTO_BOLD, ROBOTO_REGULAR } from '../../../../shared/report/chart/glyphs.ts';
import type { Contour, Point } from '../../../../shared/report/chart/raster.ts';
import { type FontWeight, measureText, textContours } from '../../../../shared/report/chart/text.ts';

const require = createRequire(import.meta.url);

/**
 * The oracle: the chart's text as it was drawn at run time before the glyph tables, with opentype.js
 * parsing the Roboto WOFF files.
 */
type ParseFont = (buffer: ArrayBuffer) => Font;
const library: { parse?: ParseFont; default?: { parse?: ParseFont } } = { ...opentype };
const parseFont = library.parse ?? library.default?.parse;

function loadFont(weight: FontWeight): Font {
  if (parseFont === undefined) throw new Error('opentype.js has no parse function');
  const file = weight === 'bold' ? 'roboto-latin-700-normal.woff' : 'roboto-latin-400-normal.woff';
  const bytes = readFileSync(require.resolve(`@fontsource/roboto/files/${file}`));
  return parseFont(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const FONTS: Record<FontWeight, Font> = { regular: loadFont('regular'), bold: loadFont('bold') };

function measureWithOpentype(text: string, size: number, weight: FontWeight): number {
  const font = FONTS[weight];
  const scale = size / font.unitsPerEm;
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

function contoursWithOpentype(
  text: string,
  x: number,
  y: number,
  size: number,
  weight: FontWeight,
  align: 'left' | 'center' | 'right',
): Contour[] {
  const font = FONTS[weight];
  const scale = size / font.unitsPerEm;
  const width = align === 'left' ? 0 : measureWithOpentype(text, size, weight);
  let pen = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
  const contours: Contour[] = [];
  let previous: ReturnType<Font['charToGlyph']> | undefined;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous !== undefined) pen += font.getKerningValue(previous, glyph) * scale;
    contours.push(...flattenWithOpentype(glyph.getPath(pen, y, size).commands));
    pen += glyph.advanceWidth * scale;
    previous = glyph;
  }
  return contours;
}

function flattenWithOpentype(commands: readonly PathCommand[]): Contour[] {
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
        for (let step = 1; step <= 6; step++) {
          const t = step / 6;
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
        for (let step = 1; step <= 8; step++) {
          const t = step / 8;
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

/** Every character the font maps to a glyph. */
function charactersOf(font: Font): string[] {
  return Object.keys(font.tables.cmap.glyphIndexMap)
    .map((codePoint) => String.fromCodePoint(Number(codePoint)))
    .filter((char) => font.charToGlyph(char).index !== 0);
}

const WEIGHTS: FontWeight[] = ['regular', 'bold'];
/** Greek, CJK, an emoji outside the BMP, a lone surrogate, an unassigned code point. */
const MISSING = ['Ω', '中', '😀', '\uD800', '\u0378'];
/** Sizes and positions as the chart uses them, and awkward ones. */
const PLACES = [
  { size: 22, x: 40, y: 100 },
  { size: 13.5, x: 17.25, y: 40.125 },
  { size: 31.7, x: -3.3, y: 0 },
];

describe('the chart text, drawn from the glyph tables', () => {
  it.each(WEIGHTS)('maps in %s every character the font maps, and no others', (weight) => {
    const characters = charactersOf(FONTS[weight]);
    expect(characters.length).toBeGreaterThan(200);
    const glyphs = readGlyphTable(weight === 'bold' ? ROBOTO_BOLD : ROBOTO_REGULAR);
    for (const char of characters) expect(glyphs.glyphOf(char), char).not.toBe(0);
    for (const char of MISSING) {
      expect(FONTS[weight].charToGlyph(char).index, char).toBe(0);
      expect(glyphs.glyphOf(char), char).toBe(0);
    }
  });

  it.each(WEIGHTS)('gives each %s character the width and outline opentype.js gives it', (weight) => {
    for (const char of [...charactersOf(FONTS[weight]), ...MISSING]) {
      for (const { size, x, y } of PLACES) {
        const style = { size, weight };
        expect(measureText(char, style), char).toBe(measureWithOpentype(char, size, weight));
        expect(textContours(char, x, y, style), char).toEqual(
          contoursWithOpentype(char, x, y, size, weight, 'left'),
        );
      }
    }
  });

  it.each(WEIGHTS)('kerns every pair of %s characters as opentype.js does', (weight) => {
    const characters = [...charactersOf(FONTS[weight]), ...MISSING];
    let kerned = 0;
    for (const left of characters) {
      for (const right of characters) {
        const pair = left + right;
        const width = measureText(pair, { size: 22, weight });
        expect(width, pair).toBe(measureWithOpentype(pair, 22, weight));
        if (width !== measureText(left, { size: 22, weight }) + measureText(right, { size: 22, weight }))
          kerned++;
      }
    }
    expect(kerned).toBeGreaterThan(1000);
  });

  it.each(WEIGHTS)('sets whole %s labels, kerned and aligned, as opentype.js does', (weight) => {
    const characters = charactersOf(FONTS[weight]);
    const labels = [
      'Share of spend: local 41.3%, SME 27.9%, VCSE 4.2%',
      'AVATAR Wave To Yo Ty — “quoted” ½ £1,234,567 ÆŒ',
      'FY 2024/25 Ω 中 😀 missing',
      // Every character after each of a few that kern with many others.
      ...['A', 'T', 'V', 'Y', 'f', 'r', '“', 'L', 'P'].map((first) =>
        characters.map((char) => first + char).join(''),
      ),
    ];
    for (const label of labels) {
      for (const [i, align] of (['left', 'center', 'right'] as const).entries()) {
        const { size, x, y } = PLACES[i] ?? { size: 22, x: 0, y: 0 };
        expect(textContours(label, x, y, { size, weight }, align), label).toEqual(
          contoursWithOpentype(label, x, y, size, weight, align),
        );
      }
    }
  });
});
