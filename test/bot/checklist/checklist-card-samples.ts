import type { CardModels } from '../../../src/bot/card-models';
import { checklistCardJson, CHECKLIST_HINT } from '../../../src/bot/checklist/checklist-card';
import { requiredRules } from '../../../src/planning';
import { checklistItems, newChecklist, toggleTick } from '../../../src/planning/checklist';
import { assignOwner } from '../../../src/planning/checklist-owners';
import { recordVerification } from '../../../src/planning/checklist-verification';
import { CHECK_IDS } from '../../../src/network/verify-types';

const empty = newChecklist({
  id: 'c1',
  conversationId: 'conv-1',
  tenantId: 'tenant-1',
  topology: 'hybrid',
  items: checklistItems(
    'hybrid',
    requiredRules({ sourceRanges: ['192.168.0.0/16'], sqlPort: 1433, namedInstance: true, smb: true, ruleset: '2020' }),
    '10.0.1.0/24',
  ),
  members: Array.from({ length: 80 }, (_, i) => ({ id: `29:user-${i}`, name: `Person with a long display name ${i}` })),
  createdBy: { id: '29:user-0', name: 'Alice' },
  at: '2026-11-26T11:00:00.000Z',
});

/** Every item ticked by 60 people: the largest card the checklist can make. */
const ticked = Array.from({ length: 60 }).reduce<typeof empty>(
  (checklist, _, i) =>
    checklist.items.reduce(
      (c, item) =>
        toggleTick(c, {
          itemId: item.id,
          version: 1,
          user: { id: `29:user-${i}`, name: `Person with a long display name ${i}` },
          at: '2026-11-26T11:02:00.000Z',
        }).checklist,
      checklist,
    ),
  empty,
);

const longName = (i: number) => `Person with a long display name ${i} `.repeat(3).trim();

/** ... with an owner on every item, and every check failing with a long summary in the last verification. */
const busy = recordVerification(
  ticked.items.reduce(
    (c, item, i) =>
      assignOwner(c, {
        itemId: item.id,
        version: 1,
        owner: { id: `29:user-${i}`, name: '' },
        members: [{ id: `29:user-${i}`, name: longName(i) }],
        by: { id: '29:user-0', name: longName(0) },
        at: '2026-11-26T11:05:00.000Z',
      }).checklist,
    ticked,
  ),
  {
    at: '2026-11-26T12:00:00.000Z',
    dms: 'classic',
    checks: CHECK_IDS.map((id) => ({ id, status: 'fail' as const, summary: `${id}: ${'a long finding '.repeat(20)}` })),
  },
  {
    topology: 'hybrid',
    items: ticked.items,
    dmsSubnet: '10.0.1.0/24',
  },
  '2026-11-26T12:00:01.000Z',
)!;

export const CHECKLIST_CARD_SAMPLES: Pick<
  { [K in keyof CardModels]: CardModels[K][] },
  'checklist' | 'checklist-notice' | 'checklist-channels'
> = {
  checklist: [
    {
      checklistId: 'c1',
      version: 1,
      title: empty.title,
      summary: '0 of 14 done',
      notice: '',
      verifyNote: '',
      items: empty.items.map((i) => ({
        id: i.id,
        mark: '⬜',
        text: i.text,
        why: i.why ? `Why: ${i.why.join(' ')}` : '',
        detail: i.detail ?? '',
        owner: '',
        tickedBy: '',
        changedSince: '',
        verified: '',
        verifiedColor: 'Default',
        command: i.command ?? '',
        choiceTitle: i.text.slice(0, 80),
        actionTitle: 'Tick',
      })),
      firstItemId: 'step-dms-subnet',
      members: [],
      userIds: ['29:user-0'],
      hint: CHECKLIST_HINT,
    },
    {
      checklistId: 'c1',
      version: 2,
      title: busy.title,
      summary: `${busy.items.length} of ${busy.items.length} done`,
      notice: 'Your card was from an older version of this checklist.',
      verifyNote: 'Last verify: 2026-11-26 12:00 UTC.',
      items: busy.items.map((i, n) => ({
        id: i.id,
        mark: n === 0 ? '⚠️' : '✅',
        text: i.text,
        why: 'Why: The virtual network that DMS uses must be connected to the on-premises network.',
        detail: '',
        owner: 'Owner: Bob (assigned by Alice, 2026-11-26 11:05 UTC)',
        tickedBy: n === 0 ? '' : 'Ticked by Alice (2026-11-26 11:02 UTC) and 29 more',
        changedSince: 'Changed since ticked by Bob (2026-11-25 09:00 UTC) and 29 more: not done',
        verified:
          n === 0
            ? 'Ticked by Alice (2026-11-26 11:02 UTC), but verify found (2026-11-26 12:00 UTC): no route to the source'
            : 'Confirmed in Azure at 2026-11-26 12:00 UTC',
        verifiedColor: n === 0 ? 'Attention' : 'Good',
        command: i.command ?? '',
        choiceTitle: i.text.slice(0, 80),
        actionTitle: 'Untick',
      })),
      firstItemId: busy.items[0].id,
      members: [
        { title: 'Alice', value: '29:user-0' },
        { title: 'No owner', value: 'none' },
      ],
      userIds: Array.from({ length: 60 }, (_, i) => `29:user-${i}`),
      hint: CHECKLIST_HINT,
    },
  ],
  'checklist-notice': [
    { title: 'Storage unreachable', message: 'Nothing was changed. Please try again.', retryChecklistId: 'c1' },
    { title: 'No plan yet', message: 'Run plan first.', retryChecklistId: '' },
  ],
  'checklist-channels': [
    {
      intro: 'Choose a channel.',
      channels: [
        { title: 'My Team › General', value: 'team-id|team-id' },
        { title: 'My Team › Announcements', value: 'team-id|channel-announcements-id' },
      ],
      firstChoice: 'team-id|team-id',
      planVersion: 3,
    },
  ],
};

/** The real rendering of the busiest checklist, for the size test. */
export const BUSIEST_CHECKLIST_CARD = checklistCardJson(busy, { viewerId: '29:user-1' });
