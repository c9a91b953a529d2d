import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  requiredRules,
  toAzureCli,
  TOPOLOGY_IDS,
  TOPOLOGIES,
  type RuleParameters,
  type TopologyId,
} from '../../src/planning';
import {
  ACTION_ITEMS_SHAPE,
  checklistItems,
  itemContentHash,
  MAX_REFRESH_USERS,
  newChecklist,
  progress,
  REQUIREMENT_ACTIONS,
  refreshUserIds,
  replaceItems,
  ChecklistChangeRefused,
  ticksOf,
  toggleTick,
  withActionItems,
  type Checklist,
  type ChecklistItem,
} from '../../src/planning/checklist';

const FULL: RuleParameters = {
  sourceRanges: ['192.168.0.0/16'],
  sqlPort: 1433,
  namedInstance: true,
  smb: true,
  ruleset: '2020',
};
const ALICE = { id: 'u-alice', name: 'Alice' };
const BOB = { id: 'u-bob', name: 'Bob' };
const AT = '2026-11-26T11:02:00.000Z';

function checklistFor(topology: TopologyId, params: RuleParameters = FULL): Checklist {
  return newChecklist({
    id: 'c1',
    conversationId: 'conv',
    tenantId: 'tenant-1',
    topology,
    items: checklistItems(topology, requiredRules(params), '10.0.1.0/24'),
    members: [],
    createdBy: ALICE,
    at: AT,
  });
}

describe('checklist items', () => {
  it.each(TOPOLOGY_IDS)(
    '%s: one action per item in working order: subnet, connectivity, the NSG and one item per rule, verify last',
    (topology) => {
      const rules = requiredRules(FULL);
      const items = checklistItems(topology, rules, '10.0.1.0/24');
      const ids = items.map((i) => i.id);
      expect(ids[0]).toBe('step-dms-subnet');
      expect(items[0].text).toContain('10.0.1.0/24');
      expect(ids.at(-1)).toBe('step-verify');
      expect(items.filter((i) => i.kind === 'requirement')).toEqual([]);
      expect(items.filter((i) => i.kind === 'rule')).toHaveLength(rules.inbound.length + rules.outbound.length);
      const connectivity = ids.filter((id) => /^step-(gateway|peering)$/.test(id)).map((id) => ids.indexOf(id));
      for (const at of connectivity) {
        expect(at).toBeGreaterThan(0);
        expect(at).toBeLessThan(ids.indexOf('step-nsg'));
      }
      expect(ids.indexOf('step-nsg')).toBeLessThan(ids.findIndex((id) => id.startsWith('rule-')));
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it.each(TOPOLOGY_IDS)(
    '%s: each requirement is the why of exactly the action that meets it, and of no other',
    (topology) => {
      const items = checklistItems(topology, requiredRules(FULL));
      for (const requirement of TOPOLOGIES[topology].requirements) {
        const under = items.filter((i) => i.why?.includes(requirement.text)).map((i) => i.id);
        expect(under).toEqual([REQUIREMENT_ACTIONS[requirement.id]]);
      }
      const whys = items.flatMap((i) => i.why ?? []);
      expect(whys).toHaveLength(TOPOLOGIES[topology].requirements.length);
    },
  );

  it.each<[TopologyId, Record<string, string[]>]>([
    ['hybrid', { 'step-dms-subnet': ['same-vnet-separate-subnets'], 'step-gateway': ['onprem-connectivity'] }],
    ['mi-isolated', { 'step-gateway': ['onprem-connectivity'], 'step-peering': ['vnet-peering'] }],
    ['cloud-isolated-vnet', { 'step-peering': ['vnet-peering'] }],
    ['cloud-shared-vnet', {}],
  ])('%s: the requirements under their actions', (topology, expected) => {
    const text = (id: string) => TOPOLOGIES[topology].requirements.find((r) => r.id === id)!.text;
    const whys = Object.fromEntries(
      checklistItems(topology, requiredRules(FULL))
        .filter((i) => i.why)
        .map((i) => [i.id, i.why]),
    );
    expect(whys).toEqual(Object.fromEntries(Object.entries(expected).map(([id, reqs]) => [id, reqs.map(text)])));
  });

  it('each NSG rule item carries its own az command, with the plan parameters, as the azcli export has it', () => {
    const rules = requiredRules({ ...FULL, sqlPort: 14330, dmsSubnet: '10.0.1.0/24' });
    const items = checklistItems('hybrid', rules, '10.0.1.0/24').filter((i) => i.kind === 'rule');
    const exported = toAzureCli(rules)
      .split('\n')
      .filter((line) => line.startsWith('az '));
    expect(items.map((i) => i.command)).toEqual(exported);
    const sql = items.find((i) => i.id === 'rule-outbound-sql-source-server')!;
    expect(sql.command).toContain('--destination-port-ranges 14330');
    expect(sql.command).toContain('--destination-address-prefixes 192.168.0.0/16');
    const inbound = items.find((i) => i.id === 'rule-inbound-dms-subnet')!;
    expect(inbound.command).toContain('--source-address-prefixes 10.0.1.0/24');
    const steps = checklistItems('hybrid', rules).filter((i) => i.kind === 'step');
    expect(steps.every((i) => i.command === undefined)).toBe(true);
  });

  it('has the gateway or peering steps the topology needs, and none for the shared network', () => {
    const steps = (t: TopologyId) =>
      checklistItems(t, requiredRules(FULL))
        .map((i) => i.id)
        .filter((id) => /^step-(gateway|peering)$/.test(id));
    expect(steps('hybrid')).toEqual(['step-gateway']);
    expect(steps('mi-isolated')).toEqual(['step-gateway', 'step-peering']);
    expect(steps('cloud-isolated-vnet')).toEqual(['step-peering']);
    expect(steps('cloud-shared-vnet')).toEqual([]);
  });

  it.each(TOPOLOGY_IDS.map((t) => [t]))(
    '%s: the steps say a route from the DMS subnet to the source is needed, not only NSG rules',
    (t) => {
      const items = checklistItems(t, requiredRules(FULL));
      const detail = (id: string) => items.find((i) => i.id === id)?.detail ?? '';
      expect(detail('step-verify')).toContain(
        'a route from the DMS subnet to the source (and to MI) as well as the NSG rules',
      );
      if (t === 'hybrid' || t === 'mi-isolated') {
        expect(detail('step-gateway')).toContain('The DMS subnet needs a route to the source through the gateway');
        expect(detail('step-gateway')).toContain(
          'point-to-site clients and an ExpressRoute gateway without a connection are no route',
        );
      }
      if (t === 'mi-isolated' || t === 'cloud-isolated-vnet')
        expect(detail('step-peering')).toContain('Peering is not transitive');
    },
  );

  it('names each rule with its protocol and ports', () => {
    const texts = checklistItems('hybrid', requiredRules(FULL))
      .filter((i) => i.kind === 'rule')
      .map((i) => i.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/management: allow TCP, port 443, 9354 to Any/),
        expect.stringMatching(/Diagnostics: allow TCP, port 12000/),
        expect.stringMatching(/SQL Source server: allow TCP, port 1433 to 192\.168\.0\.0\/16/),
        expect.stringMatching(/named instance: allow UDP, port 1434/),
        expect.stringMatching(/SMB share: allow TCP, port 445/),
        expect.stringMatching(/inbound rule DMS_subnet: allow any protocol, all ports from DMS subnet/),
      ]),
    );
  });

  it('keeps ids unique in the service-tags rule set, where one rule id appears per service tag', () => {
    const ids = checklistItems('mi-isolated', requiredRules({ ...FULL, ruleset: 'service-tags' })).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['rule-outbound-management-servicebus', 'rule-outbound-management-storage']),
    );
  });
});

describe('ticking', () => {
  it("adds the user's tick with name and time, and ticking again removes it", () => {
    const start = checklistFor('hybrid');
    const once = toggleTick(start, { itemId: 'step-nsg', version: 1, user: ALICE, at: AT });
    expect(once.ticked).toBe(true);
    const nsgItem = start.items.find((i) => i.id === 'step-nsg')!;
    expect(once.checklist.items.find((i) => i.id === 'step-nsg')?.ticks).toEqual([
      { userId: ALICE.id, name: 'Alice', at: AT, itemHash: itemContentHash(nsgItem) },
    ]);
    expect(once.checklist.revision).toBe(1);
    expect(progress(once.checklist)).toEqual({ done: 1, total: start.items.length, confirmed: 0 });

    const twice = toggleTick(once.checklist, { itemId: 'step-nsg', version: 1, user: ALICE, at: AT });
    expect(twice.ticked).toBe(false);
    expect(progress(twice.checklist).done).toBe(0);
    expect(twice.checklist.revision).toBe(2);
    expect(start.items.every((i) => i.ticks.length === 0)).toBe(true); // the input is not changed
  });

  it("never removes someone else's tick", () => {
    const a = toggleTick(checklistFor('hybrid'), { itemId: 'step-nsg', version: 1, user: ALICE, at: AT }).checklist;
    const b = toggleTick(a, { itemId: 'step-nsg', version: 1, user: BOB, at: AT }).checklist;
    const ticks = b.items.find((i) => i.id === 'step-nsg')?.ticks.map((t) => t.name);
    expect(ticks).toEqual(['Alice', 'Bob']);
  });

  it('refuses an item that is not on the checklist and a card from an older version', () => {
    const checklist = checklistFor('hybrid');
    expect(() => toggleTick(checklist, { itemId: 'step-nope', version: 1, user: ALICE, at: AT })).toThrow(
      expect.objectContaining({ refusal: { reason: 'unknown-item', itemId: 'step-nope' } }),
    );
    const newer = { ...checklist, version: 3 };
    let refused: unknown;
    try {
      toggleTick(newer, { itemId: 'step-nsg', version: 2, user: ALICE, at: AT });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(ChecklistChangeRefused);
    expect((refused as ChecklistChangeRefused).refusal).toEqual({
      reason: 'stale-version',
      cardVersion: 2,
      currentVersion: 3,
    });
  });
});

describe('a changed plan', () => {
  it('keeps the ticks of items that stay and grows the version only when the items changed', () => {
    const ticked = toggleTick(checklistFor('hybrid'), {
      itemId: 'step-dms-subnet',
      version: 1,
      user: ALICE,
      at: AT,
    }).checklist;
    const input = (topology: TopologyId, params: RuleParameters) => ({
      id: 'c1',
      conversationId: 'conv',
      tenantId: 'tenant-1',
      topology,
      items: checklistItems(topology, requiredRules(params), '10.0.1.0/24'),
      members: [],
      createdBy: BOB,
      at: AT,
    });
    const same = replaceItems(ticked, input('hybrid', FULL));
    expect(same.version).toBe(1);
    const changed = replaceItems(ticked, input('mi-isolated', { ...FULL, smb: false }));
    expect(changed.version).toBe(2);
    expect(changed.title).toBe(TOPOLOGIES['mi-isolated'].title);
    expect(changed.items.find((i) => i.id === 'step-dms-subnet')?.ticks).toHaveLength(1);
    expect(changed.items.map((i) => i.id)).not.toContain('rule-outbound-smb-share');
  });
});

describe('a tick records what it ticked', () => {
  const withParams = (params: RuleParameters, subnet: string) => ({
    id: 'c1',
    conversationId: 'conv',
    tenantId: 'tenant-1',
    topology: 'hybrid' as const,
    items: checklistItems('hybrid', requiredRules(params), subnet),
    members: [],
    createdBy: BOB,
    at: AT,
  });
  const tick = (c: Checklist, itemId: string, user = ALICE) =>
    toggleTick(c, { itemId, version: c.version, user, at: AT }).checklist;
  const item = (c: Checklist, id: string) => c.items.find((i) => i.id === id)!;
  const sqlRule = (c: Checklist) => c.items.find((i) => i.kind === 'rule' && /port 1433|port 14330/.test(i.text))!;

  it.each<[string, Partial<ChecklistItem>]>([
    ['the text', { text: 'Create the DMS subnet (10.9.9.0/27)' }],
    ['the detail', { detail: 'Priority 110. Another reason.' }],
    ['the kind', { kind: 'requirement' }],
  ])('hashes the content: a change of %s changes it, the id and the ticks do not', (_what, change) => {
    const base: ChecklistItem = { id: 'step-x', kind: 'step', text: 'Create the DMS subnet (10.0.1.0/24)' };
    expect(itemContentHash({ ...base, ...change })).not.toBe(itemContentHash(base));
    expect(itemContentHash({ ...base, id: 'step-y' })).toBe(itemContentHash(base));
    // The why and the az command explain and help with the action; they are not what a tick says was done.
    expect(itemContentHash({ ...base, why: ['a requirement'], command: 'az network nsg rule create' })).toBe(
      itemContentHash(base),
    );
    expect(itemContentHash({ ...base, ticks: [{ userId: 'u', name: 'n', at: AT }] } as ChecklistItem)).toBe(
      itemContentHash(base),
    );
    expect(itemContentHash(base)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a new DMS subnet: the subnet tick shows as changed since, is not done; other ticks stay done', () => {
    const before = tick(tick(checklistFor('hybrid'), 'step-dms-subnet'), 'step-nsg', BOB);
    expect(progress(before).done).toBe(2);
    const after = replaceItems(before, withParams(FULL, '10.9.9.0/27'));
    expect(after.version).toBe(2);
    expect(ticksOf(item(after, 'step-dms-subnet'))).toEqual({
      current: [],
      changedSince: [expect.objectContaining({ name: 'Alice' })],
    });
    expect(ticksOf(item(after, 'step-nsg')).current).toHaveLength(1);
    expect(progress(after).done).toBe(1);
  });

  it('a new SQL port: the SQL rule tick no longer counts', () => {
    const before = tick(checklistFor('hybrid'), sqlRule(checklistFor('hybrid')).id);
    const after = replaceItems(before, withParams({ ...FULL, sqlPort: 14330 }, '10.0.1.0/24'));
    const rule = sqlRule(after);
    expect(rule.text).toContain('14330');
    expect(ticksOf(rule).changedSince).toHaveLength(1);
    expect(progress(after).done).toBe(0);
  });

  it('ticking a changed item ticks it as it is now (for the one who ticks; others stay "changed since")', () => {
    const changed = replaceItems(
      tick(tick(checklistFor('hybrid'), 'step-dms-subnet'), 'step-dms-subnet', BOB),
      withParams(FULL, '10.9.9.0/27'),
    );
    const retick = toggleTick(changed, { itemId: 'step-dms-subnet', version: 2, user: ALICE, at: AT });
    expect(retick.ticked).toBe(true);
    const { current, changedSince } = ticksOf(item(retick.checklist, 'step-dms-subnet'));
    expect(current.map((t) => t.name)).toEqual(['Alice']);
    expect(changedSince.map((t) => t.name)).toEqual(['Bob']);
    expect(progress(retick.checklist).done).toBe(1);
  });

  it('a tick stored without a hash counts, and is pinned to the content stored when the items are replaced', () => {
    const ticked = tick(checklistFor('hybrid'), 'step-dms-subnet');
    const legacy: Checklist = {
      ...ticked,
      items: ticked.items.map((i) => ({ ...i, ticks: i.ticks.map(({ itemHash: _h, ...t }) => t) })),
    };
    expect(progress(legacy).done).toBe(1);
    expect(progress(replaceItems(legacy, withParams(FULL, '10.0.1.0/24'))).done).toBe(1);
    expect(progress(replaceItems(legacy, withParams(FULL, '10.9.9.0/27'))).done).toBe(0);
  });

  it('an item changed back to what was ticked counts as done again', () => {
    const ticked = tick(checklistFor('hybrid'), 'step-dms-subnet');
    const away = replaceItems(ticked, withParams(FULL, '10.9.9.0/27'));
    const back = replaceItems(away, withParams(FULL, '10.0.1.0/24'));
    expect(progress(away).done).toBe(0);
    expect(progress(back).done).toBe(1);
  });
});

describe('refresh user ids', () => {
  it('lists those who ticked first, then the audience, each once, at most 60', () => {
    const audience = Array.from({ length: 100 }, (_, i) => `m-${i}`);
    let checklist = { ...checklistFor('hybrid'), audience: ['m-0', ...audience] };
    checklist = toggleTick(checklist, {
      itemId: 'step-nsg',
      version: 1,
      user: { id: 'ticker', name: 'T' },
      at: AT,
    }).checklist;
    const ids = refreshUserIds(checklist);
    expect(ids).toHaveLength(MAX_REFRESH_USERS);
    expect(ids[0]).toBe('ticker');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('where the DMS subnet goes', () => {
  it('cloud-isolated: where DMS can reach the source VM (its VNet or one peered with it), peered with MI', () => {
    const first = checklistItems('cloud-isolated-vnet', requiredRules(FULL))[0];
    expect(first.text).toMatch(
      /where it can reach the source VM \(the source VM's virtual network or one peered with it\)/,
    );
    expect(first.text).toMatch(/peered with SQL Managed Instance's/);
  });
});

describe('a checklist stored before each item was one action (test/fixtures/checklists)', () => {
  const stored = JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'checklists', 'mi-isolated-before-runbook.json'), 'utf8'),
  ) as Checklist;
  const migrated = withActionItems(stored);
  const item = (id: string) => migrated.items.find((i) => i.id === id)!;
  const tickers = (id: string) => ticksOf(item(id));

  it('has its requirements as the why of their actions, never as items of their own, and a new version', () => {
    expect(stored.items).toHaveLength(12);
    expect(migrated.items.map((i) => i.id)).toEqual(
      stored.items.filter((i) => i.kind !== 'requirement').map((i) => i.id),
    );
    expect(item('step-gateway').why).toEqual([stored.items.find((i) => i.id === 'req-onprem-connectivity')!.text]);
    expect(item('step-peering').why).toEqual([stored.items.find((i) => i.id === 'req-vnet-peering')!.text]);
    expect(migrated.shape).toBe(ACTION_ITEMS_SHAPE);
    expect(migrated.version).toBe(stored.version + 1);
    expect(withActionItems(migrated)).toBe(migrated);
  });

  it('every action that stays keeps its ticks; a tick of a requirement alone shows as "changed since", not done', () => {
    for (const action of stored.items.filter((i) => i.kind !== 'requirement')) {
      expect(tickers(action.id).current.map((t) => t.name)).toEqual(action.ticks.map((t) => t.name));
    }
    // Alice ticked the on-premises requirement, Bob the gateway: Bob's tick counts, Alice's is kept, not done.
    expect(tickers('step-gateway').changedSince.map((t) => t.name)).toEqual(['Alice']);
    // Carol ticked both the peering requirement and the peering: one tick, hers, that counts.
    expect(item('step-peering').ticks.map((t) => t.name)).toEqual(['Carol']);
    expect(progress(migrated)).toEqual({ done: 5, total: 10, confirmed: 0 });
  });

  it('the stored ticks of the actions match the content of the actions made now', () => {
    const params: RuleParameters = {
      sourceRanges: ['192.168.10.0/24'],
      sqlPort: 1433,
      namedInstance: false,
      smb: false,
      ruleset: '2020',
      dmsSubnet: '10.20.30.0/27',
    };
    const now = checklistItems('mi-isolated', requiredRules(params), '10.20.30.0/27');
    const replaced = replaceItems(stored, {
      id: stored.id,
      conversationId: stored.conversationId,
      tenantId: 'tenant-1',
      topology: 'mi-isolated',
      items: now,
      members: [],
      at: AT,
      createdBy: ALICE,
    });
    const counted = replaced.items.filter((i) => ticksOf(i).current.length > 0).map((i) => i.id);
    // The subnet step no longer says what the gateway step does; Alice's tick of its former wording still counts.
    const subnet = replaced.items.find((i) => i.id === 'step-dms-subnet')!;
    expect(subnet.text).not.toContain('connected to the on-premises network');
    expect(subnet.text).toContain("not SQL Managed Instance's");
    expect(ticksOf(subnet).current.map((t) => t.name)).toEqual(['Alice']);
    expect(counted).toEqual([
      'step-dms-subnet',
      'step-gateway',
      'step-peering',
      'step-nsg',
      'rule-outbound-sql-source-server',
    ]);
  });
});
