import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { crc32, drawColorIcon, drawOutlineIcon, encodePng } from '../../scripts/make-icons';
import { decodePng } from './png-reader';

const APP_PACKAGE = join(__dirname, '..', '..', 'appPackage');
const icon = (name: string) => decodePng(readFileSync(join(APP_PACKAGE, name)));

function pixels(png: { rgba: Buffer }): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < png.rgba.length; i += 4)
    out.push([png.rgba[i], png.rgba[i + 1], png.rgba[i + 2], png.rgba[i + 3]]);
  return out;
}

describe('app icons', () => {
  it('color.png is 192×192 and opaque, with a white symbol on the accent colour', () => {
    const png = icon('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    const all = pixels(png);
    expect(all.every(([, , , a]) => a === 255)).toBe(true);
    expect(all.filter(([r, g, b]) => r === 255 && g === 255 && b === 255).length).toBeGreaterThan(192 * 192 * 0.1);
    expect(all[0]).toEqual([0x0f, 0x6c, 0xbd, 255]);
  });

  it('outline.png is 32×32, only white pixels on a transparent background', () => {
    const png = icon('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    const all = pixels(png);
    const notWhiteOrTransparent = all.filter(([r, g, b, a]) => a !== 0 && !(r === 255 && g === 255 && b === 255));
    expect(notWhiteOrTransparent).toEqual([]);
    const drawn = all.filter(([, , , a]) => a > 0).length;
    expect(drawn).toBeGreaterThan(32 * 32 * 0.1);
    expect(drawn).toBeLessThan(32 * 32 * 0.7);
  });

  it('the committed icons are what scripts/make-icons.ts draws (regenerate them after changing it)', () => {
    expect(readFileSync(join(APP_PACKAGE, 'color.png')).equals(encodePng(192, 192, drawColorIcon(192)))).toBe(true);
    expect(readFileSync(join(APP_PACKAGE, 'outline.png')).equals(encodePng(32, 32, drawOutlineIcon(32)))).toBe(true);
  });

  it('the reader undoes every PNG scanline filter (checked on a hand-filtered image)', () => {
    // 2×2 image, row 0 with filter 1 (Sub), row 1 with filter 4 (Paeth), compared with the unfiltered pixels.
    const plain = encodePng(2, 2, [
      [10, 20, 30, 255],
      [15, 25, 35, 255],
      [40, 50, 60, 255],
      [45, 55, 65, 255],
    ]);
    const row0 = [1, 10, 20, 30, 255, 5, 5, 5, 0];
    // Paeth for row 1: first pixel predicts from up (a=0,b=up,c=0 → b); second from left/up/upleft.
    const row1 = [4, 30, 30, 30, 0, 45 - 40, 55 - 50, 65 - 60, 0];
    const filtered = Buffer.from(plain);
    const idatStart = filtered.indexOf('IDAT') - 4;
    const oldLength = filtered.readUInt32BE(idatStart);
    const data = deflateSync(Buffer.from([...row0, ...row1]));
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    chunk.write('IDAT', 4, 'ascii');
    data.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
    const rebuilt = Buffer.concat([
      filtered.subarray(0, idatStart),
      chunk,
      filtered.subarray(idatStart + 12 + oldLength),
    ]);
    expect(decodePng(rebuilt).rgba.equals(decodePng(plain).rgba)).toBe(true);
  });
});
