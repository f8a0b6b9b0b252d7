import { PNG } from 'pngjs';
import type { Raster } from './raster.ts';

/** The raster as PNG bytes (8-bit RGB). Deterministic: the same pixels give the same bytes. */
export function encodePng(raster: Raster): Uint8Array {
  const png = new PNG({
    width: raster.width,
    height: raster.height,
    colorType: 2,
    inputColorType: 2,
    inputHasAlpha: false,
  });
  png.data = Buffer.from(raster.pixels.buffer, raster.pixels.byteOffset, raster.pixels.byteLength);
  return new Uint8Array(
    PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 9 }),
  );
}
