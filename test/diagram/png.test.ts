import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { svgToPng } from '../../src/diagram/png';
import { renderSvg } from '../../src/diagram/scene';
import { topologyScene } from '../../src/diagram/topology-scene';
import { TOPOLOGY_IDS } from '../../src/planning';
import { planInput } from './diagram-fixtures';

const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'diagrams', 'golden');
const OUT_DIR = join(__dirname, '..', '..', 'test-results', 'diagrams');

/** Share of pixels whose colour differs by more than `threshold` in any channel. */
function differingShare(a: PNG, b: PNG, threshold = 48): number {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(
      Math.abs(a.data[i] - b.data[i]),
      Math.abs(a.data[i + 1] - b.data[i + 1]),
      Math.abs(a.data[i + 2] - b.data[i + 2]),
    );
    if (d > threshold) differing++;
  }
  return differing / (a.width * a.height);
}

describe('diagram PNGs', () => {
  it.each(TOPOLOGY_IDS)('%s decodes with the scene size and matches its golden image', (topology) => {
    const scene = topologyScene(planInput(topology));
    const png = svgToPng(renderSvg(scene));
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([scene.width, scene.height]);
    expect(png.length).toBeLessThan(1024 * 1024);

    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, `${topology}.png`), png);
    const goldenPath = join(GOLDEN_DIR, `${topology}.png`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) {
      if (process.env.CI)
        throw new Error(`golden image ${goldenPath} is missing: run UPDATE_GOLDEN=1 npx jest test/diagram`);
      writeFileSync(goldenPath, png);
    }
    const golden = PNG.sync.read(readFileSync(goldenPath));
    expect([golden.width, golden.height]).toEqual([decoded.width, decoded.height]);
    expect(differingShare(decoded, golden)).toBeLessThan(0.002);
  });

  it('notices a changed diagram (the comparison can fail)', () => {
    const a = PNG.sync.read(svgToPng(renderSvg(topologyScene(planInput('hybrid')))));
    const changed = {
      ...planInput('hybrid'),
      sourceRanges: ['10.99.0.0/16', '10.98.0.0/16', '10.97.0.0/16', '10.96.0.0/16'],
    };
    const b = PNG.sync.read(svgToPng(renderSvg(topologyScene(changed))));
    expect(differingShare(a, b)).toBeGreaterThan(0.002);
  });
});
