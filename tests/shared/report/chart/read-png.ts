import { inflateSync } from 'node:zlib';

/** A decoded 8-bit RGB or RGBA PNG: `pixel(x, y)` is `0xrrggbb`. */
export interface DecodedPng {
  width: number;
  height: number;
  pixel(x: number, y: number): number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Reads a PNG written by anything — a reader of the tests' own, independent of the library that
 * writes the chart: checks the signature and every chunk's CRC, inflates IDAT with node:zlib and
 * undoes the five scanline filters. Only 8-bit RGB/RGBA, not interlaced (what the chart writes).
 */
export function readPng(bytes: Uint8Array): DecodedPng {
  const data = Buffer.from(bytes);
  if (data.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG signature');
  let offset = 8;
  let header: { width: number; height: number; channels: number } | undefined;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString('latin1');
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (crc32(data.subarray(offset + 4, offset + 8 + length)) !== data.readUInt32BE(offset + 8 + length)) {
      throw new Error(`bad CRC in ${type}`);
    }
    if (type === 'IHDR') {
      const [depth, colourType, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
      }
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        channels: colourType === 2 ? 3 : 4,
      };
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (header === undefined) throw new Error('no IHDR');
  const { width, height, channels } = header;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= channels ? (pixels[y * stride + i - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= channels ? (pixels[(y - 1) * stride + i - channels] ?? 0) : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter ?? 0];
      if (predictor === undefined) throw new Error(`unknown filter ${filter} on row ${y}`);
      pixels[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      const at = y * stride + x * channels;
      return ((pixels[at] ?? 0) << 16) | ((pixels[at + 1] ?? 0) << 8) | (pixels[at + 2] ?? 0);
    },
  };
}

/** A solid bar: columns `x0..x1` where the colour runs down to `bottom` from `top`. */
export interface Bar {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/**
 * The solid vertical bars of exactly `colour` standing on the lowest baseline any of them reaches
 * (so a legend swatch in the same colour higher up is not counted), left to right.
 */
export function barsOfColour(png: DecodedPng, colour: string): Bar[] {
  const target = Number.parseInt(colour.replace('#', ''), 16);
  const columns: ({ top: number; bottom: number } | undefined)[] = [];
  for (let x = 0; x < png.width; x++) {
    let run: { top: number; bottom: number } | undefined;
    for (let y = 0; y < png.height; y++) {
      if (png.pixel(x, y) !== target) continue;
      if (run !== undefined && run.bottom === y - 1) run.bottom = y;
      else run = { top: y, bottom: y };
    }
    columns.push(run);
  }
  const baseline = Math.max(...columns.map((run) => run?.bottom ?? -1));
  const bars: Bar[] = [];
  columns.forEach((run, x) => {
    if (run === undefined || run.bottom < baseline - 1) return;
    const last = bars[bars.length - 1];
    if (last !== undefined && last.x1 === x - 1) {
      last.x1 = x;
      last.top = Math.min(last.top, run.top);
    } else {
      bars.push({ x0: x, x1: x, top: run.top, bottom: run.bottom });
    }
  });
  return bars;
}
