import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the Teams app icons in code (no image tools needed) and writes appPackage/color.png (192×192, white
 * symbol on the accent colour) and appPackage/outline.png (32×32, white on transparent, as Teams requires).
 * The symbol: a database cylinder and an arrow towards the cloud. Run: npx ts-node --transpile-only scripts/make-icons.ts
 */

export const ACCENT = { r: 0x0f, g: 0x6c, b: 0xbd };

type Rgba = [number, number, number, number];

/** Coverage of the white symbol at a point of the unit square: 1 inside, 0 outside (carved details count as outside). */
function symbolAt(x: number, y: number): boolean {
  const inEllipse = (cx: number, cy: number, rx: number, ry: number) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
  const cylinder =
    (x >= 0.2 && x <= 0.58 && y >= 0.3 && y <= 0.72) ||
    inEllipse(0.39, 0.3, 0.19, 0.075) ||
    inEllipse(0.39, 0.72, 0.19, 0.075);
  // Two carved rims make the cylinder read as stacked disks.
  const rim = (cy: number) => {
    const d = ((x - 0.39) / 0.19) ** 2 + ((y - cy) / 0.075) ** 2;
    return y >= cy && d >= 0.55 && d <= 1.0 && x > 0.2 && x < 0.58;
  };
  const carved = rim(0.3) || rim(0.44) || rim(0.58);
  const shaft = x >= 0.6 && x <= 0.76 && y >= 0.47 && y <= 0.55;
  const head = x >= 0.74 && x <= 0.9 && Math.abs(y - 0.51) <= 0.13 * ((0.9 - x) / 0.16);
  return (cylinder && !carved) || shaft || head;
}

/** Fraction of a pixel covered by the symbol, 4×4 supersampled for smooth edges. */
function coverage(px: number, py: number, size: number): number {
  const n = 4;
  let hits = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (symbolAt((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hits++;
  return hits / (n * n);
}

export function drawColorIcon(size = 192): Rgba[] {
  const pixels: Rgba[] = [];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size);
      const mix = (bg: number) => Math.round(bg + (255 - bg) * c);
      pixels.push([mix(ACCENT.r), mix(ACCENT.g), mix(ACCENT.b), 255]);
    }
  return pixels;
}

export function drawOutlineIcon(size = 32): Rgba[] {
  const pixels: Rgba[] = [];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(255 * coverage(x, y, size));
      pixels.push(alpha === 0 ? [0, 0, 0, 0] : [255, 255, 255, alpha]);
    }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A minimal PNG encoder: 8-bit RGBA, no interlace, filter 0 on every scanline. */
export function encodePng(width: number, height: number, pixels: Rgba[]): Buffer {
  if (pixels.length !== width * height) throw new Error(`expected ${width * height} pixels, got ${pixels.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    raw[row] = 0;
    for (let x = 0; x < width; x++) raw.set(pixels[y * width + x], row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), encodePng(192, 192, drawColorIcon(192)));
  writeFileSync(join(dir, 'outline.png'), encodePng(32, 32, drawOutlineIcon(32)));
  process.stdout.write(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}\n`);
}
