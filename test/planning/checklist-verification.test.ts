import { CHECK_IDS, type CheckStatus } from '../../src/network/verify-types';
import { requiredRules, type RuleParameters } from '../../src/planning';
import {
  checklistItems,
  findingOf,
  newChecklist,
  progress,
  toggleTick,
  type Checklist,
} from '../../src/planning/checklist';
import {
  recordVerification,
  verificationOf,
  type PlannedChecklist,
  type VerifiedNetwork,
} from '../../src/planning/checklist-verification';

const PARAMS: RuleParameters = {
  sourceRanges: ['192.168.0.0/16'],
  sqlPort: 1433,
  namedInstance: false,
  smb: false,
  ruleset: '2020',
  dmsSubnet: '10.0.1.0/24',
};
const ALICE = { id: 'u-alice', name: 'Alice' };
const AT = '2026-11-30T10:00:00.000Z';
const READ_AT = '2026-11-30T12:00:00.000Z';

const items = checklistItems('hybrid', requiredRules(PARAMS), '10.0.1.0/24');
const PLANNED: PlannedChecklist = { topology: 'hybrid', items, dmsSubnet: '10.0.1.0/24' };
const checklist: Checklist = newChecklist({
  id: 'c1',
  conversationId: 'conv',
  tenantId: 't',
  topology: 'hybrid',
  items,
  members: [],
  createdBy: ALICE,
  at: AT,
});

/** Every classic check passing, but those given. */
function verified(statuses: Partial<Record<string, CheckStatus>> = {}, extra: Partial<VerifiedNetwork> = {}) {
  return {
    at: READ_AT,
    dms: 'classic' as const,
    checks: CHECK_IDS.map((id) => ({ id, status: statuses[id] ?? ('pass' as const), summary: `${id} summary` })),
    dmsSubnetPrefixes: ['10.0.1.0/24'],
    ...extra,
  };
}

const statusOf = (v: ReturnType<typeof verificationOf>, id: string) => v.findings[id]?.status;

describe('what a verification says about each item', () => {
  it('every check passing confirms every item a check covers; the NSG step, which no check proves, has no finding', () => {
    const v = verificationOf(checklist, verified(), PLANNED);
    expect(Object.keys(v.findings).sort()).toEqual(
      items
        .map((i) => i.id)
        .filter((id) => id !== 'step-nsg')
        .sort(),
    );
    expect(Object.values(v.findings).every((f) => f.status === 'pass' && f.found.length === 0)).toBe(true);
    expect(v.outdatedItems).toBe(0);
  });

  it.each<[string, Partial<Record<string, CheckStatus>>, Record<string, CheckStatus | undefined>]>([
    [
      'a denied 9354 fails the management rule (one of its two checks) and verify, nothing else',
      { 'nsg-management-9354': 'fail' },
      { 'rule-outbound-management': 'fail', 'step-verify': 'fail', 'rule-outbound-diagnostics': 'pass' },
    ],
    [
      'MI and DMS in different VNets: the subnet step and the gateway of MI’s VNet fail',
      { 'same-vnet-separate-subnets': 'fail' },
      { 'step-dms-subnet': 'fail', 'step-gateway': 'fail', 'rule-outbound-sql-source-server': 'pass' },
    ],
    [
      'a route verify cannot see (BGP) leaves the SQL rule unconfirmed, never confirmed',
      { 'nsg-sql-source': 'unknown' },
      { 'rule-outbound-sql-source-server': 'unknown', 'step-verify': 'unknown' },
    ],
    [
      'a warning on a check outside every item but verify warns on verify only',
      { 'route-forced-tunneling': 'warn' },
      { 'step-verify': 'warn', 'step-gateway': 'pass' },
    ],
  ])('%s', (_, statuses, expected) => {
    const v = verificationOf(checklist, verified(statuses), PLANNED);
    for (const [id, status] of Object.entries(expected)) expect([id, statusOf(v, id)]).toEqual([id, status]);
  });

  it('a finding names what verify found, at most three checks and how many more', () => {
    const failing = Object.fromEntries(CHECK_IDS.map((id) => [id, 'fail' as const]));
    const v = verificationOf(checklist, verified(failing), PLANNED);
    expect(v.findings['rule-outbound-management'].found).toEqual([
      'nsg-management-443 summary',
      'nsg-management-9354 summary',
    ]);
    expect(v.findings['step-verify'].found).toHaveLength(4);
    expect(v.findings['step-verify'].found[3]).toBe(`and ${CHECK_IDS.length - 3} more`);
  });

  it('a check that did not run confirms nothing: the item is unknown and says which check is missing', () => {
    const v = verificationOf(
      checklist,
      { ...verified(), checks: verified().checks.filter((c) => c.id !== 'nsg-diagnostics-12000') },
      PLANNED,
    );
    expect(v.findings['rule-outbound-diagnostics']).toMatchObject({
      status: 'unknown',
      found: ['verify ran no nsg-diagnostics-12000 check'],
    });
  });

  it('the DMS in another subnet than planned: the subnet step fails, the rules naming the subnet are unconfirmed', () => {
    const v = verificationOf(checklist, verified({}, { dmsSubnetPrefixes: ['10.9.9.0/24'] }), PLANNED);
    expect(v.findings['step-dms-subnet']).toMatchObject({ status: 'fail' });
    expect(v.findings['step-dms-subnet'].found).toEqual([
      'the DMS is in subnet 10.9.9.0/24, not the planned 10.0.1.0/24',
    ]);
    expect(statusOf(v, 'rule-inbound-dms-subnet')).toBe('unknown');
    expect(statusOf(v, 'rule-outbound-dms-subnet')).toBe('unknown');
    expect(statusOf(v, 'rule-outbound-diagnostics')).toBe('pass');
  });

  it('a verification of the current DMS judges none of the classic checklist', () => {
    const v = verificationOf(checklist, { ...verified(), dms: 'current' }, PLANNED);
    expect(v.findings).toEqual({});
  });

  it('items of a plan that changed since the checklist was posted get no finding and are counted', () => {
    const other = checklistItems('hybrid', requiredRules({ ...PARAMS, sqlPort: 14330 }), '10.0.1.0/24');
    const v = verificationOf(checklist, verified(), { ...PLANNED, items: other });
    expect(v.findings['rule-outbound-sql-source-server']).toBeUndefined();
    expect(v.outdatedItems).toBe(1);
    expect(verificationOf(checklist, verified(), undefined).outdatedItems).toBe(items.length);
    expect(verificationOf(checklist, verified(), { ...PLANNED, topology: 'mi-isolated' }).findings).toEqual({});
  });
});

describe('recording a verification on the checklist', () => {
  it('a ticked item verify found failing is not done, a passing one is confirmed; a later verify that passes lifts it', () => {
    const ticked = toggleTick(checklist, { itemId: 'rule-outbound-management', version: 1, user: ALICE, at: AT });
    const failed = recordVerification(ticked.checklist, verified({ 'nsg-management-443': 'fail' }), PLANNED, READ_AT)!;
    const management = failed.items.find((i) => i.id === 'rule-outbound-management')!;
    expect(findingOf(failed, management)).toMatchObject({ status: 'fail', found: ['nsg-management-443 summary'] });
    expect(progress(failed)).toMatchObject({ done: 0, confirmed: items.length - 3 });
    expect(failed.revision).toBe(ticked.checklist.revision + 1);

    const later = { ...verified(), at: '2026-11-30T13:00:00.000Z' };
    const passed = recordVerification(failed, later, PLANNED, later.at)!;
    expect(progress(passed)).toMatchObject({ done: 1, confirmed: items.length - 1 });
  });

  it('a verification read before the one recorded never replaces it (reads finishing out of order)', () => {
    const recorded = recordVerification(checklist, verified(), PLANNED, READ_AT)!;
    expect(recordVerification(recorded, { ...verified(), at: '2026-11-30T11:00:00.000Z' }, PLANNED, READ_AT)).toBe(
      undefined,
    );
  });

  it('a finding stands only for the item as judged: an item changed since shows none', () => {
    const recorded = recordVerification(checklist, verified(), PLANNED, READ_AT)!;
    const changed = { ...recorded.items[0], text: `${recorded.items[0].text} (changed)` };
    expect(findingOf(recorded, recorded.items[0])?.status).toBe('pass');
    expect(findingOf(recorded, changed)).toBeUndefined();
  });
});

describe("mi-isolated's DMS subnet step, which no check covers", () => {
  const isolated = checklistItems('mi-isolated', requiredRules(PARAMS), '10.0.1.0/24');
  const planned: PlannedChecklist = { topology: 'mi-isolated', items: isolated, dmsSubnet: '10.0.1.0/24' };
  const list = { topology: 'mi-isolated' as const, items: isolated.map((i) => ({ ...i, ticks: [] })) };

  it.each<[string, Partial<VerifiedNetwork>, PlannedChecklist, CheckStatus | undefined]>([
    ['the DMS in the planned subnet confirms it', {}, planned, 'pass'],
    ['the DMS in another subnet fails it', { dmsSubnetPrefixes: ['10.9.9.0/24'] }, planned, 'fail'],
    ['without a planned subnet: no finding', {}, { ...planned, dmsSubnet: undefined }, undefined],
    ['the subnet not read: no finding', { dmsSubnetPrefixes: [] }, planned, undefined],
  ])('%s', (_, extra, plan, expected) => {
    const failing = verified({ 'onprem-connectivity': 'fail' }, extra);
    expect(verificationOf(list, failing, plan).findings['step-dms-subnet']?.status).toBe(expected);
  });
});
