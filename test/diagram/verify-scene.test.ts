import { join } from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { renderSvg } from '../../src/diagram/scene';
import { verifyScene } from '../../src/diagram/verify-scene';
import { verify } from '../../src/network/verifier';
import { requiredRules } from '../../src/planning';

const options = { sqlPort: 1433, namedInstance: false, smb: false, ruleset: 'seed' as const };

async function sceneOf(fixture: string) {
  const inventory = await readSnapshot(join(__dirname, '..', 'fixtures', 'snapshots', fixture));
  const result = verify(inventory, options);
  return { result, scene: verifyScene(result, requiredRules({ ...options, sourceRanges: [] }), []) };
}

describe('verifyScene', () => {
  it('draws a blocked hybrid network with each failing link and rule in red and labelled', async () => {
    const { result, scene } = await sceneOf('hybrid-blocked');
    const failing = result.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toEqual(expect.arrayContaining(['nsg-management-443', 'nsg-mi-inbound-from-dms']));
    expect(scene.title).toMatch(/^Detected: hybrid/);
    expect(scene.links.find((l) => l.to === 'mi')).toMatchObject({ status: 'fail', label: 'TDS 1433 ✗' });
    expect(scene.boxes.find((b) => b.id === 'nsg')).toMatchObject({ status: 'fail' });
    expect(scene.boxes.find((b) => b.id === 'nsg')?.lines.some((l) => l.startsWith('✗ Out 100 management'))).toBe(true);
    const notes = scene.boxes.find((b) => b.id === 'notes')?.lines ?? [];
    for (const id of failing) expect(notes.some((n) => n.startsWith(`✗ ${id}:`))).toBe(true);
    expect(renderSvg(scene)).toContain('#d13438');
  });

  it('draws a passing hybrid network without findings', async () => {
    const { scene } = await sceneOf('hybrid');
    expect(scene.boxes.find((b) => b.id === 'notes')).toBeUndefined();
    expect(scene.links.filter((l) => l.status === 'fail')).toEqual([]);
  });
});
