import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHexColour, Raster } from '../../../../shared/report/chart/raster.ts';

/** Sum over all pixels of how far each moved from white to black: the painted area in pixels. */
function paintedArea(raster: Raster): number {
  let sum = 0;
  for (let i = 0; i < raster.pixels.length; i += 3) sum += (255 - (raster.pixels[i] ?? 255)) / 255;
  return sum;
}

const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;

describe('Raster', () => {
  it('covers each pixel by the share of its area inside the outline', () => {
    const raster = new Raster(4, 2, WHITE);
    raster.fillRect(0.5, 0, 2.25, 1, BLACK);
    const row = Array.from({ length: 4 }, (_, x) => raster.pixels[x * 3]);
    // Pixel 0 half covered, pixel 1 fully, pixel 2 a quarter, pixel 3 not; the second row untouched.
    expect(row).toEqual([128, 0, 191, 255]);
    expect(Array.from(raster.pixels.subarray(12))).toEqual(Array(12).fill(255));
  });

  it('paints the area of any triangle inside the image, to within rounding', () => {
    const coordinate = fc.double({ min: 0, max: 40, noNaN: true });
    const point = fc.record({ x: coordinate, y: coordinate });
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const raster = new Raster(40, 40, WHITE);
        raster.fill([[a, b, c]], BLACK);
        const area = Math.abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
        // Each pixel's channel is rounded to 1/255; at most ~2 px of edge pixels per unit of perimeter.
        expect(paintedArea(raster)).toBeCloseTo(area, 0);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves a hole where a contour winds the other way', () => {
    const raster = new Raster(10, 10, WHITE);
    const square = (x0: number, x1: number) => [
      { x: x0, y: x0 },
      { x: x1, y: x0 },
      { x: x1, y: x1 },
      { x: x0, y: x1 },
    ];
    raster.fill([square(0, 10), square(3, 7).reverse()], BLACK);
    expect(paintedArea(raster)).toBeCloseTo(100 - 16, 5);
    expect(raster.pixels[(5 * 10 + 5) * 3]).toBe(255);
  });

  it('clips what falls outside the image', () => {
    const raster = new Raster(5, 5, WHITE);
    raster.fillRect(-10, -10, 2, 20, BLACK);
    expect(paintedArea(raster)).toBeCloseTo(10, 5);
  });

  it('reads colours written as # and six hex digits, and refuses others', () => {
    expect(parseHexColour('#005EB8')).toEqual([0, 94, 184]);
    expect(() => parseHexColour('blue')).toThrow(/write it as # and six hex digits/);
  });
});
