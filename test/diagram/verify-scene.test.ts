import { join } from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { renderSvg } from '../../src/diagram/scene';
import { verifyScene } from '../../src/diagram/verify-scene';
import { verify } from '../../src/network/verifier';
import { requiredRules } from '../../src/planning';

const options = { sqlPort: 1433, namedInstance: false, smb: false, ruleset: '2020' as const };

async function sceneOf(fixture: string, sourceRanges: string[] = []) {
  const inventory = await readSnapshot(join(__dirname, '..', 'fixtures', 'snapshots', fixture));
  const result = verify(inventory, { ...options, sourceRanges: sourceRanges.length ? sourceRanges : undefined });
  return { result, scene: verifyScene(result, requiredRules({ ...options, sourceRanges }), sourceRanges) };
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

  it('draws a path without a route on its link, not only a denied port', async () => {
    const { scene } = await sceneOf('hub-spoke-not-transitive', ['10.100.0.4/32']);
    expect(scene.links.find((l) => l.from === 'dms' && l.to === 'source')).toMatchObject({
      status: 'fail',
      label: 'no route ✗',
    });
    // The NSG allows the flow: its box and its SQL rule are not marked, the missing route is.
    expect(scene.boxes.find((b) => b.id === 'nsg')?.status).toBe('ok');
    expect(scene.boxes.find((b) => b.id === 'nsg')?.lines.filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(scene.boxes.find((b) => b.id === 'notes')?.lines).toEqual([
      expect.stringMatching(/^✗ nsg-sql-source: .*no route/),
    ]);
    expect(renderSvg(scene)).toContain('no route ✗');
  });

  it('draws a flow through an appliance (NVA) on its link', async () => {
    const { scene } = await sceneOf('udr-virtualnetwork', ['10.200.1.0/24']);
    expect(scene.links.find((l) => l.from === 'gateway' && l.to === 'dms')).toMatchObject({
      status: 'warn',
      label: 'via NVA',
    });
  });

  it('draws a passing hybrid network without findings', async () => {
    const { scene } = await sceneOf('hybrid');
    expect(scene.boxes.find((b) => b.id === 'notes')).toBeUndefined();
    expect(scene.links.filter((l) => l.status === 'fail')).toEqual([]);
  });
});
