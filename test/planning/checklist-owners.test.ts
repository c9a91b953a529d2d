import { requiredRules } from '../../src/planning';
import { ChecklistChangeRefused, checklistItems, newChecklist } from '../../src/planning/checklist';
import { assignOwner, type AssignRequest } from '../../src/planning/checklist-owners';

const ALICE = { id: 'u-alice', name: 'Alice' };
const BOB = { id: 'u-bob', name: 'Bob Builder' };
const AT = '2026-11-30T10:00:00.000Z';
const checklist = newChecklist({
  id: 'c1',
  conversationId: 'conv',
  tenantId: 't',
  topology: 'mi-isolated',
  items: checklistItems(
    'mi-isolated',
    requiredRules({ sourceRanges: [], sqlPort: 1433, namedInstance: false, smb: false, ruleset: '2020' }),
  ),
  members: [ALICE, BOB],
  createdBy: ALICE,
  at: AT,
});
const request = (change: Partial<AssignRequest>): AssignRequest => ({
  itemId: 'step-peering',
  version: 1,
  owner: { id: BOB.id, name: '' },
  members: [ALICE, BOB],
  by: ALICE,
  at: AT,
  ...change,
});

function refusal(change: Partial<AssignRequest>) {
  try {
    assignOwner(checklist, request(change));
  } catch (e) {
    if (e instanceof ChecklistChangeRefused) return e.refusal;
    throw e;
  }
  return undefined;
}

describe('assigning an owner', () => {
  it('sets a member as owner, with the name the members list gives (not the one asked for)', () => {
    const { checklist: next, changed } = assignOwner(checklist, request({ owner: { id: BOB.id, name: 'Mallory' } }));
    expect(changed).toBe(true);
    expect(next.items.find((i) => i.id === 'step-peering')!.owner).toEqual({
      userId: BOB.id,
      name: 'Bob Builder',
      assignedBy: ALICE,
      at: AT,
    });
    expect(next.revision).toBe(checklist.revision + 1);
    expect(next.items.filter((i) => i.owner)).toHaveLength(1);
  });

  it('the same owner again changes nothing; none removes the owner', () => {
    const once = assignOwner(checklist, request({})).checklist;
    expect(assignOwner(once, request({}))).toEqual({ checklist: once, changed: false });
    const removed = assignOwner(once, request({ owner: null }));
    expect(removed.changed).toBe(true);
    expect(removed.checklist.items.find((i) => i.id === 'step-peering')!.owner).toBeUndefined();
  });

  it.each<[string, Partial<AssignRequest>, unknown]>([
    [
      'someone who is not a member',
      { owner: { id: 'u-mallory', name: 'Mallory' } },
      { reason: 'not-a-member', userId: 'u-mallory' },
    ],
    ['anyone, when no member is known', { members: [] }, { reason: 'not-a-member', userId: BOB.id }],
    [
      'an item not on the checklist',
      { itemId: 'req-vnet-peering' },
      { reason: 'unknown-item', itemId: 'req-vnet-peering' },
    ],
    ['a card of an older version', { version: 0 }, { reason: 'stale-version', cardVersion: 0, currentVersion: 1 }],
  ])('refuses %s', (_, change, expected) => {
    expect(refusal(change)).toEqual(expected);
  });
});
