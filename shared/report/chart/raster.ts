/** A point in pixels; y grows downwards. */
export interface Point {
  x: number;
  y: number;
}

/** A closed outline: the last point joins the first. */
export type Contour = readonly Point[];

/** `#rrggbb` as its three channels. */
export type Rgb = readonly [number, number, number];

/** A colour as settings take it: `#` and six hex digits, either case. */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** `#005EB8` → `[0, 94, 184]`. Throws on anything but six hex digits after `#`. */
export function parseHexColour(hex: string): Rgb {
  const colour = hex.trim();
  const match = HEX_COLOUR.test(colour) ? /^#(..)(..)(..)$/.exec(colour) : null;
  if (match === null)
    throw new Error(`"${hex}" is not a colour: write it as # and six hex digits, like #005EB8`);
  return [
    Number.parseInt(match[1] ?? '', 16),
    Number.parseInt(match[2] ?? '', 16),
    Number.parseInt(match[3] ?? '', 16),
  ];
}

/**
 * An RGB image that filled outlines are painted onto with exact-area anti-aliasing: each pixel
 * takes the share of its area the outline covers (the signed-area accumulation used by font
 * rasterisers), so text and bar edges are smooth at any position. Deterministic: the same calls
 * give the same bytes.
 */
export class Raster {
  /** Row-major RGB bytes, three per pixel. */
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;

  constructor(width: number, height: number, background: Rgb) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new RangeError(`a raster needs a positive whole width and height, not ${width}×${height}`);
    }
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height * 3);
    // The first pixel, then the painted part copied onto the rest, doubling each time.
    this.pixels.set(background, 0);
    for (let done = 3; done < this.pixels.length; done *= 2) this.pixels.copyWithin(done, 0, done);
  }

  /** Paints the axis-aligned rectangle from (x0, y0) to (x1, y1). */
  fillRect(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    this.fill(
      [
        [
          { x: x0, y: y0 },
          { x: x1, y: y0 },
          { x: x1, y: y1 },
          { x: x0, y: y1 },
        ],
      ],
      colour,
    );
  }

  /**
   * Paints the area inside the contours (non-zero winding for outlines that do not overlap
   * themselves, as glyphs and rectangles do; a hole is a contour wound the other way).
   */
  fill(contours: readonly Contour[], colour: Rgb): void {
    const box = this.bounds(contours);
    if (box === undefined) return;
    const stride = box.x1 - box.x0 + 2;
    const cover = new Float32Array(stride * (box.y1 - box.y0));
    for (const contour of contours) {
      for (let i = 0; i < contour.length; i++) {
        const from = contour[i];
        const to = contour[(i + 1) % contour.length];
        if (from === undefined || to === undefined) continue;
        this.accumulate(cover, stride, box, from, to);
      }
    }
    for (let y = box.y0; y < box.y1; y++) {
      let sum = 0;
      const row = (y - box.y0) * stride;
      for (let x = box.x0; x < box.x1; x++) {
        sum += cover[row + x - box.x0] ?? 0;
        const alpha = Math.min(1, Math.abs(sum));
        if (alpha < 1 / 512) continue;
        const at = (y * this.width + x) * 3;
        for (let c = 0; c < 3; c++) {
          const under = this.pixels[at + c] ?? 0;
          this.pixels[at + c] = Math.round(under + ((colour[c] ?? 0) - under) * alpha);
        }
      }
    }
  }

  /** The whole-pixel box the contours touch, clipped to the image; undefined when nothing shows. */
  private bounds(
    contours: readonly Contour[],
  ): { x0: number; y0: number; x1: number; y1: number } | undefined {
    let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -1, -1];
    for (const contour of contours) {
      for (const p of contour) {
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      }
    }
    const box = {
      x0: Math.max(0, Math.floor(x0)),
      y0: Math.max(0, Math.floor(y0)),
      x1: Math.min(this.width, Math.ceil(x1)),
      y1: Math.min(this.height, Math.ceil(y1)),
    };
    return box.x0 < box.x1 && box.y0 < box.y1 ? box : undefined;
  }

  /**
   * Adds one edge's signed area to the accumulation buffer: for every row it crosses, the
   * covered fraction of each pixel from the edge to the right, which a running sum along the
   * row turns into coverage.
   */
  private accumulate(
    cover: Float32Array,
    stride: number,
    box: { x0: number; y0: number; x1: number; y1: number },
    from: Point,
    to: Point,
  ): void {
    const clampX = (x: number) => Math.min(Math.max(x, box.x0), box.x1) - box.x0;
    const clampY = (y: number) => Math.min(Math.max(y, box.y0), box.y1) - box.y0;
    let a = { x: clampX(from.x), y: clampY(from.y) };
    let b = { x: clampX(to.x), y: clampY(to.y) };
    if (a.y === b.y) return;
    let direction = 1;
    if (a.y > b.y) {
      [a, b] = [b, a];
      direction = -1;
    }
    const dxdy = (b.x - a.x) / (b.y - a.y);
    let x = a.x;
    const rowEnd = Math.ceil(b.y);
    for (let y = Math.floor(a.y); y < rowEnd; y++) {
      const line = y * stride;
      const dy = Math.min(y + 1, b.y) - Math.max(y, a.y);
      // The last row ends exactly at the edge's end; between, stay on the edge even when a nearly
      // horizontal edge makes the slope overflow.
      const stepped = x + dxdy * dy;
      const xNext =
        y + 1 >= b.y || !Number.isFinite(stepped)
          ? b.x
          : Math.min(Math.max(stepped, Math.min(a.x, b.x)), Math.max(a.x, b.x));
      const d = dy * direction;
      const [left, right] = x < xNext ? [x, xNext] : [xNext, x];
      const leftFloor = Math.floor(left);
      const leftCell = leftFloor;
      const rightCell = Math.ceil(right);
      const add = (cell: number, amount: number) => {
        cover[line + cell] = (cover[line + cell] ?? 0) + amount;
      };
      if (rightCell <= leftCell + 1) {
        const middle = 0.5 * (x + xNext) - leftFloor;
        add(leftCell, d - d * middle);
        add(leftCell + 1, d * middle);
      } else {
        const inverse = 1 / (right - left);
        const leftFraction = left - leftFloor;
        const firstArea = 0.5 * inverse * (1 - leftFraction) ** 2;
        const rightFraction = right - rightCell + 1;
        const lastArea = 0.5 * inverse * rightFraction ** 2;
        add(leftCell, d * firstArea);
        if (rightCell === leftCell + 2) {
          add(leftCell + 1, d * (1 - firstArea - lastArea));
        } else {
          const secondArea = inverse * (1.5 - leftFraction);
          add(leftCell + 1, d * (secondArea - firstArea));
          for (let cell = leftCell + 2; cell < rightCell - 1; cell++) add(cell, d * inverse);
          const beforeLast = secondArea + (rightCell - leftCell - 3) * inverse;
          add(rightCell - 1, d * (1 - beforeLast - lastArea));
        }
        add(rightCell, d * lastArea);
      }
      x = xNext;
    }
  }
}
