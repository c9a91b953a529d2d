import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

// The font ships with the package, so diagrams render the same everywhere (no system fonts).
const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(FONT_DIR, f));

/** Rasterises an SVG to PNG in-process: no browser, no network. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
