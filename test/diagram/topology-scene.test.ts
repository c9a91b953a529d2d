import { TOPOLOGY_IDS } from '../../src/planning';
import { escapeXml, renderSvg } from '../../src/diagram/scene';
import { topologyScene } from '../../src/diagram/topology-scene';
import { planInput } from './diagram-fixtures';

describe('topologyScene', () => {
  const expected = {
    hybrid: { gateway: true, peering: false, vnets: ['vnet'] },
    'mi-isolated': { gateway: true, peering: true, vnets: ['dms-vnet', 'mi-vnet'] },
    'cloud-shared-vnet': { gateway: false, peering: false, vnets: ['vnet'] },
    'cloud-isolated-vnet': { gateway: false, peering: true, vnets: ['dms-vnet', 'mi-vnet'] },
  } as const;

  it.each(TOPOLOGY_IDS)('%s draws its own elements with the team parameters', (topology) => {
    const scene = topologyScene(planInput(topology));
    const ids = scene.boxes.map((b) => b.id);
    expect(ids.includes('gateway')).toBe(expected[topology].gateway);
    expect(scene.links.some((l) => l.label === 'peering')).toBe(expected[topology].peering);
    expect(ids.filter((id) => id.endsWith('vnet'))).toEqual(expected[topology].vnets);
    expect(scene.boxes.find((b) => b.id === 'dms')?.lines).toEqual(['10.0.1.0/24']);
    const nsg = scene.boxes.find((b) => b.id === 'nsg')!;
    const input = planInput(topology);
    expect(nsg.lines).toHaveLength(input.rules.inbound.length + input.rules.outbound.length);
    expect(nsg.lines.join('\n')).toContain('Out 120 SQL Source server: 1433/TCP to');
    // Every box fits the canvas (Teams shows images up to 1024×1024).
    for (const box of scene.boxes) {
      expect(box.x + box.w).toBeLessThanOrEqual(scene.width);
      expect(box.y + box.h).toBeLessThanOrEqual(scene.height);
    }
    expect(scene.width).toBeLessThanOrEqual(1024);
    expect(scene.height).toBeLessThanOrEqual(1024);
  });

  it('marks failing rules and links and lists the findings', () => {
    const scene = topologyScene(planInput('mi-isolated'), {
      links: { peering: 'fail', onprem: 'ok' },
      nsg: 'fail',
      failedRules: new Set(['management']),
      notes: ['✗ vnet-peering: only one direction is connected'],
    });
    expect(scene.links.find((l) => l.from === 'dms-vnet')).toMatchObject({ status: 'fail', label: 'peering ✗' });
    expect(scene.boxes.find((b) => b.id === 'nsg')?.lines.filter((l) => l.startsWith('✗'))).toEqual([
      '✗ Out 100 management: 443,9354/TCP to *',
    ]);
    expect(scene.boxes.find((b) => b.id === 'notes')?.lines).toEqual([
      '✗ vnet-peering: only one direction is connected',
    ]);
    expect(renderSvg(scene)).toContain('stroke="#d13438"');
  });

  it('escapes text so user input cannot break the SVG', () => {
    expect(escapeXml(`<a & "b">'`)).toBe('&lt;a &amp; &quot;b&quot;&gt;&apos;');
    const input = { ...planInput('hybrid'), title: '<script>x</script>' };
    expect(renderSvg(topologyScene(input))).not.toContain('<script>');
  });

  it('refuses a link to a box that is not drawn', () => {
    expect(() =>
      renderSvg({
        width: 10,
        height: 10,
        title: 't',
        boxes: [],
        links: [{ from: 'a', to: 'b', label: '', status: 'ok' }],
      }),
    ).toThrow('names a box that is not in the scene');
  });
});
