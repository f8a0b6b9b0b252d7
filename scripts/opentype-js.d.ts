/**
 * The part of opentype.js 2 that scripts/embed-chart-fonts.ts and the chart's tests use (the package
 * ships no types; @types/opentype.js describes 1.x). Glyph by glyph, so no text shaping runs: the
 * chart's text is Latin.
 */
declare module 'opentype.js' {
  export type PathCommand =
    | { type: 'M' | 'L'; x: number; y: number }
    | { type: 'Q'; x1: number; y1: number; x: number; y: number }
    | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
    | { type: 'Z' };

  export interface Path {
    commands: PathCommand[];
    /** Set on a glyph's own outline: what `getPath` scales it by. */
    unitsPerEm?: number;
    stroke: string | null;
  }

  export interface Glyph {
    index: number;
    advanceWidth: number;
    /** The outline in font units, y up. */
    path: Path;
    getPath(x: number, y: number, fontSize: number): Path;
  }

  export interface Font {
    unitsPerEm: number;
    ascender: number;
    descender: number;
    glyphs: { get(index: number): Glyph | undefined };
    tables: { cmap: { glyphIndexMap: Record<number, number> } };
    charToGlyph(char: string): Glyph;
    getKerningValue(left: Glyph, right: Glyph): number;
  }

  /**
   * The ES module build (what esbuild bundles, `module` first) exports `parse` by name; the UMD
   * build (what Node loads from `main`) only as a property of the default export.
   */
  export function parse(buffer: ArrayBuffer): Font;
}
