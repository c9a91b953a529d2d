import { checklistKeyFor, loadChecklist } from '../../../src/bot/checklist/checklist-store';
import type { ConversationScope } from '../../../src/bot/conversation-scope';
import { InMemoryStorage } from '../../../src/storage';
import { ALICE, BOB, firstCard } from '../../support/bot-harness';
import { cardActions, cardText } from '../../support/card-walker';
import { recordingVerifyDependencies, snapshot, SUB } from '../verify/verify-fixtures';
import { HYBRID_PLAN, startChecklistConversation } from './checklist-harness';

type Json = Record<string, unknown>;
const CONV_1: ConversationScope = { tenantId: '', conversationId: 'conv-1' };
const NOON = Date.parse('2026-11-30T12:00:00.000Z');

function tickDataFor(card: Json, itemId: string): Json {
  const action = cardActions(card).find((a) => a.verb === 'checklist.tick' && (a.data as Json).itemId === itemId);
  if (!action) throw new Error(`no tick action for ${itemId}`);
  return action.data as Json;
}

/** A conversation whose verify reads the snapshot `network.name`, at the time `clock.now`. */
async function verifyingConversation(options: { checklist: boolean }) {
  const network = { name: 'hybrid-blocked' };
  const clock = { now: NOON };
  const recording = recordingVerifyDependencies(() => snapshot(network.name), { now: () => clock.now });
  const storage = new InMemoryStorage();
  const conversation = startChecklistConversation({ storage, verify: recording.verify });
  conversation.teams.members = [ALICE, BOB];
  await conversation.send(HYBRID_PLAN);
  let card: Json = {};
  let messageId = '';
  if (options.checklist) {
    const replies = await conversation.send('checklist');
    card = firstCard(replies);
    messageId = replies.find((r) => r.attachments?.length)?.id as string;
  }
  const verify = async () => {
    recording.updates.length = 0;
    await conversation.send(`verify ${SUB}`);
    await recording.settle();
    const update = recording.updates.find((u) => u.id === messageId);
    return update ? cardText((update.attachments as { content: Json }[])[0].content) : undefined;
  };
  return { conversation, storage, card, messageId, recording, network, clock, verify };
}

describe('verify in a conversation that has a checklist', () => {
  it('updates the posted checklist: confirmed items, and a tick verify contradicts until a later verify passes', async () => {
    const v = await verifyingConversation({ checklist: true });
    for (const item of ['rule-outbound-management', 'step-dms-subnet']) {
      await v.conversation.execute('checklist.tick', tickDataFor(v.card, item), ALICE, v.messageId);
    }
    const blocked = await v.verify();
    expect(blocked).toMatch(
      /Ticked by Alice \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\), but verify found \(2026-11-30 12:00 UTC\): .*443/,
    );
    expect(blocked).toContain('Confirmed in Azure at 2026-11-30 12:00 UTC');
    expect(blocked).toMatch(/1 of \d+ done, \d+ confirmed in Azure/);
    expect(blocked).toContain('Last verify: 2026-11-30 12:00 UTC.');

    v.network.name = 'hybrid';
    v.clock.now = NOON + 10 * 60_000;
    const fixed = await v.verify();
    expect(fixed).not.toContain('but verify found');
    expect(fixed).toMatch(/2 of \d+ done/);
    expect(fixed).toContain('Confirmed in Azure at 2026-11-30 12:10 UTC');
    const stored = await loadChecklist(v.storage, CONV_1);
    expect(stored?.verification?.at).toBe('2026-11-30T12:10:00.000Z');
    expect(stored?.items.find((i) => i.id === 'rule-outbound-management')?.ticks.map((t) => t.name)).toEqual(['Alice']);
  });

  it('a card answered to one user after the verify shows the same findings', async () => {
    const v = await verifyingConversation({ checklist: true });
    await v.verify();
    const refreshed = await v.conversation.execute(
      'checklist.refresh',
      { checklistId: tickDataFor(v.card, 'step-nsg').checklistId },
      BOB,
    );
    expect(cardText(refreshed)).toContain('Confirmed in Azure at 2026-11-30 12:00 UTC');
    expect(cardText(refreshed)).toMatch(/Verify found \(2026-11-30 12:00 UTC\): .*443/);
  });

  it('a verification of the current DMS confirms none of the classic checklist, and says so', async () => {
    const v = await verifyingConversation({ checklist: true });
    await v.verify();
    v.network.name = 'shir-ok';
    v.clock.now = NOON + 10 * 60_000;
    const current = await v.verify();
    expect(current).toContain('checked the current DMS, not the classic DMS of this checklist');
    expect(current).not.toContain('Confirmed in Azure at');
  });

  it('in a conversation without a checklist, verify stores none', async () => {
    const v = await verifyingConversation({ checklist: false });
    await v.verify();
    expect(v.recording.updates.length).toBeGreaterThan(0);
    expect((await v.storage.read([checklistKeyFor('conv-1')]))[checklistKeyFor('conv-1')]).toBeUndefined();
  });
});
