import type { CardModels } from '../../../src/bot/card-models';
import { checklistCardJson, CHECKLIST_HINT } from '../../../src/bot/checklist/checklist-card';
import { requiredRules } from '../../../src/planning';
import { checklistItems, newChecklist, toggleTick } from '../../../src/planning/checklist';

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
  audience: Array.from({ length: 80 }, (_, i) => `29:user-${i}`),
  createdBy: { id: '29:user-0', name: 'Alice' },
  at: '2026-11-26T11:00:00.000Z',
});

/** Every item ticked by 60 people: the largest card the checklist can make. */
const busy = Array.from({ length: 60 }).reduce<typeof empty>(
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
      items: empty.items.map((i) => ({
        id: i.id,
        mark: '⬜',
        text: i.text,
        detail: i.detail ?? '',
        tickedBy: '',
        changedSince: '',
        actionTitle: 'Tick',
      })),
      userIds: ['29:user-0'],
      hint: CHECKLIST_HINT,
    },
    {
      checklistId: 'c1',
      version: 2,
      title: busy.title,
      summary: `${busy.items.length} of ${busy.items.length} done`,
      notice: 'Your card was from an older version of this checklist.',
      items: busy.items.map((i) => ({
        id: i.id,
        mark: '✅',
        text: i.text,
        detail: '',
        tickedBy: 'Ticked by Alice (2026-11-26 11:02 UTC) and 29 more',
        changedSince: 'Changed since ticked by Bob (2026-11-25 09:00 UTC) and 29 more: not done',
        actionTitle: 'Untick',
      })),
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
