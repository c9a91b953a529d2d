import { ActivityTypes } from 'botbuilder';
import { checklistKeyFor, loadChecklist } from '../../../src/bot/checklist/checklist-store';
import type { ConversationScope } from '../../../src/bot/conversation-scope';
import { STORAGE_DOWN_MESSAGE } from '../../../src/bot/checklist/routes';
import { TOPOLOGIES } from '../../../src/planning';
import { InMemoryStorage } from '../../../src/storage';
import { ALICE, BOB, firstCard } from '../../support/bot-harness';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../../support/card-lint';
import { BUSIEST_CHECKLIST_CARD } from './checklist-card-samples';
import { FlakyStorage, HYBRID_PLAN, startChecklistConversation, storedJson } from './checklist-harness';
import { cardActions, cardText } from '../../support/card-walker';

type Json = Record<string, unknown>;

function tickDataFor(card: Json, itemId: string): Json {
  const action = cardActions(card).find(
    (a) => a.type === 'Action.Execute' && a.verb === 'checklist.tick' && (a.data as Json).itemId === itemId,
  );
  if (!action) throw new Error(`no tick action for ${itemId}`);
  return action.data as Json;
}

/** The conversation of the harness: no tenant, as the TestAdapter sends none. */
const CONV_1: ConversationScope = { tenantId: '', conversationId: 'conv-1' };

/** The checklist id a card's buttons carry. */
const idOf = (card: Json) => tickDataFor(card, 'step-nsg').checklistId as string;

async function postedChecklist() {
  const storage = new InMemoryStorage();
  const conversation = startChecklistConversation({ storage });
  await conversation.send(HYBRID_PLAN);
  const replies = await conversation.send('checklist');
  const card = firstCard(replies);
  const messageId = replies.find((r) => r.attachments?.length)?.id as string;
  return { storage, conversation, card, messageId, key: checklistKeyFor('conv-1') };
}

describe('checklist command', () => {
  it('asks for a plan first when the conversation has no complete plan', async () => {
    const conversation = startChecklistConversation();
    expect(cardText(firstCard(await conversation.send('checklist')))).toContain('Run plan first');
    await conversation.send('plan source=onprem');
    expect(cardText(firstCard(await conversation.send('checklist')))).toContain('Run plan first');
  });

  it('posts the plan checklist headed by the topology title, with Execute ticks, Submit fallbacks and a refresh', async () => {
    const { card } = await postedChecklist();
    const text = cardText(card);
    expect(card.version).toBe('1.5');
    expect(text).toContain(TOPOLOGIES.hybrid.title);
    expect(text).toMatch(/0 of \d+ done/);
    expect(text).toContain('Create the DMS subnet');
    expect(text).toContain('port 443, 9354');
    expect(text).toContain('Run verify');
    const refresh = card.refresh as { action: Json; userIds: string[] };
    expect(refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'checklist.refresh' });
    expect(refresh.userIds).toEqual([ALICE.id]);
    const ticks = cardActions(card).filter((a) => a.verb === 'checklist.tick');
    expect(ticks.length).toBeGreaterThan(8);
    for (const tick of ticks) {
      expect(tick.fallback).toMatchObject({ type: 'Action.Submit', data: tick.data });
    }
  });
});

describe('ticking through Action.Execute', () => {
  it('answers with the updated card showing who ticked and when, updates the posted message, and stores the tick', async () => {
    const { conversation, card, messageId, storage } = await postedChecklist();
    const updates: Json[] = [];
    jest.spyOn(conversation.adapter, 'updateActivity').mockImplementation(async (_context, activity) => {
      updates.push(JSON.parse(JSON.stringify(activity)) as Json);
    });
    const after = await conversation.execute('checklist.tick', tickDataFor(card, 'step-nsg'), ALICE, messageId);
    const text = cardText(after);
    expect(text).toMatch(/1 of \d+ done/);
    expect(text).toMatch(/Ticked by Alice \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(cardActions(after).find((a) => (a.data as Json)?.itemId === 'step-nsg')?.title).toBe('Untick');
    expect(updates.at(-1)).toMatchObject({ id: messageId });
    const shared = (updates.at(-1)?.attachments as { content: Json }[])[0].content;
    expect(cardText(shared)).toMatch(/1 of \d+ done/);
    expect(updates).toHaveLength(1);
    // The message everyone sees cannot know whose tick a press removes.
    expect(cardActions(shared).find((a) => (a.data as Json)?.itemId === 'step-nsg')?.title).toBe('Tick / untick');
    const stored = await loadChecklist(storage, CONV_1);
    expect(stored?.items.find((i) => i.id === 'step-nsg')?.ticks.map((t) => t.name)).toEqual(['Alice']);
    expect((after.refresh as { userIds: string[] }).userIds).toContain(ALICE.id);
  });

  it('retries the message update when Teams throttles it, and keeps the tick when it never goes through', async () => {
    const { conversation, card, messageId, storage } = await postedChecklist();
    const throttled = Object.assign(new Error('Too Many Requests'), { statusCode: 429 });
    const update = jest
      .spyOn(conversation.adapter, 'updateActivity')
      .mockRejectedValueOnce(throttled)
      .mockResolvedValueOnce(undefined);
    const after = await conversation.execute('checklist.tick', tickDataFor(card, 'step-nsg'), ALICE, messageId);
    expect(cardText(after)).toContain('Ticked by Alice');
    expect(update).toHaveBeenCalledTimes(2);

    update.mockReset().mockRejectedValue(Object.assign(new Error('Forbidden'), { statusCode: 403 }));
    const second = await conversation.execute('checklist.tick', tickDataFor(card, 'step-dms-subnet'), BOB, messageId);
    expect(cardText(second)).toContain('Ticked by Bob');
    expect(update).toHaveBeenCalledTimes(1); // not retriable
    expect((await loadChecklist(storage, CONV_1))?.revision).toBe(2);
  });

  it('unticks on a second select by the same person, and keeps the ticks of others', async () => {
    const { conversation, card } = await postedChecklist();
    const data = tickDataFor(card, 'step-nsg');
    await conversation.execute('checklist.tick', data, ALICE);
    await conversation.execute('checklist.tick', data, BOB);
    const after = await conversation.execute('checklist.tick', data, ALICE);
    expect(cardText(after)).toContain('Ticked by Bob');
    expect(cardText(after)).not.toContain('Alice (');
    expect(cardText(after)).toContain('Ticking an item again removes your tick');
  });

  it('refreshes the card for a user with the current state', async () => {
    const { conversation, card } = await postedChecklist();
    await conversation.execute('checklist.tick', tickDataFor(card, 'step-dms-subnet'), BOB);
    const refreshed = await conversation.execute('checklist.refresh', { checklistId: idOf(card) }, ALICE);
    expect(cardText(refreshed)).toContain('Ticked by Bob');
  });

  it('ticks through the Action.Submit fallback too', async () => {
    const { conversation, card, storage } = await postedChecklist();
    const replies = await conversation.submit(tickDataFor(card, 'step-verify'), BOB);
    expect(cardText(firstCard(replies))).toContain('Ticked by Bob');
    const stored = await loadChecklist(storage, CONV_1);
    expect(stored?.revision).toBe(1);
  });
});

describe('bad ticks change nothing', () => {
  it('an item that is not on the checklist', async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    const before = await storedJson(storage, key);
    const after = await conversation.execute('checklist.tick', {
      ...tickDataFor(card, 'step-nsg'),
      itemId: 'step-nope',
    });
    expect(cardText(after)).toContain('is not on this checklist, so nothing was changed');
    expect(await storedJson(storage, key)).toBe(before);
  });

  it("a checklist deleted from storage (its card cannot be told from another conversation's)", async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    await storage.delete([key]);
    const after = await conversation.execute('checklist.tick', tickDataFor(card, 'step-nsg'));
    expect(cardText(after)).toContain('This checklist belongs to another conversation');
    expect(cardText(after)).toContain('or its checklist no longer exists');
    expect(await storedJson(storage, key)).toBeUndefined();
  });

  it('a card from an older version of the checklist (the plan changed since)', async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    await conversation.send('plan source=azure-vm cross-subscription=yes');
    const newer = firstCard(await conversation.send('checklist'));
    expect(cardText(newer)).toContain(TOPOLOGIES['cloud-isolated-vnet'].title);
    const before = await storedJson(storage, key);
    const after = await conversation.execute('checklist.tick', tickDataFor(card, 'step-dms-subnet'));
    expect(cardText(after)).toContain('older version of this checklist (version 1, now 2)');
    expect(cardText(after)).toContain(TOPOLOGIES['cloud-isolated-vnet'].title);
    expect(await storedJson(storage, key)).toBe(before);
  });

  it('a card whose data is incomplete', async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    const before = await storedJson(storage, key);
    const after = await conversation.execute('checklist.tick', { checklistId: idOf(card) });
    expect(cardText(after)).toContain('itemId is missing');
    expect(await storedJson(storage, key)).toBe(before);
  });
});

describe('an unexpected failure during a tick', () => {
  it('still answers the invoke, with a reference and no internals', async () => {
    const storage = new FlakyStorage();
    const conversation = startChecklistConversation({ storage });
    await conversation.send(HYBRID_PLAN);
    const card = firstCard(await conversation.send('checklist'));
    jest.spyOn(storage, 'write').mockRejectedValue(new TypeError('internal detail at storage.ts:42'));
    const after = await conversation.execute('checklist.tick', tickDataFor(card, 'step-nsg'));
    const text = cardText(after);
    expect(text).toMatch(/give this reference to your administrator: [0-9a-f-]{36}/);
    expect(text).not.toContain('internal detail');
  });
});

describe('storage unreachable', () => {
  it('tells the user to retry, writes nothing, and keeps serving other commands', async () => {
    const storage = new FlakyStorage();
    const conversation = startChecklistConversation({ storage });
    await conversation.send(HYBRID_PLAN);
    const card = firstCard(await conversation.send('checklist'));
    const key = checklistKeyFor('conv-1');
    const before = await storedJson(storage.inner, key);

    storage.failWrites = true;
    const failedTick = await conversation.execute('checklist.tick', tickDataFor(card, 'step-nsg'));
    expect(cardText(failedTick)).toContain(STORAGE_DOWN_MESSAGE);
    expect(cardActions(failedTick)[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'checklist.refresh',
      title: 'Retry',
    });
    expect(await storedJson(storage.inner, key)).toBe(before);

    expect(cardText(firstCard(await conversation.send('checklist')))).toContain(STORAGE_DOWN_MESSAGE);
    expect(cardText(firstCard(await conversation.send('help')))).toContain('Show this list.');
    expect(await storedJson(storage.inner, key)).toBe(before);

    storage.failReads = true;
    const failedRefresh = await conversation.execute('checklist.refresh', { checklistId: idOf(card) });
    expect(cardText(failedRefresh)).toContain(STORAGE_DOWN_MESSAGE);

    storage.failReads = false;
    storage.failWrites = false;
    const retried = await conversation.execute('checklist.tick', tickDataFor(card, 'step-nsg'));
    expect(cardText(retried)).toContain('Ticked by Alice');
  });
});

describe('team installations and posting from a personal chat', () => {
  const TEAM_ACTIVITY = {
    conversation: { id: 'team-id', isGroup: true, conversationType: 'channel', tenantId: 't1', name: '' },
    channelData: { team: { id: 'team-id', name: 'My Team' }, tenant: { id: 't1' } },
    recipient: { id: 'bot', name: 'Migration Network Advisor' },
    from: ALICE,
    serviceUrl: 'https://smba.example/',
  };

  async function installedInTeam() {
    const storage = new InMemoryStorage();
    const personal = startChecklistConversation({
      storage,
      conversation: { id: 'personal-1', conversationType: 'personal', tenantId: 't1' },
    });
    await personal.process({
      ...TEAM_ACTIVITY,
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [TEAM_ACTIVITY.recipient],
    });
    return { storage, personal };
  }

  it('offers the channels of the teams that have the bot and the user', async () => {
    const { personal } = await installedInTeam();
    await personal.send(HYBRID_PLAN);
    const offer = firstCard(await personal.submit({ verb: 'checklist.post', planVersion: 1 }));
    expect(cardText(offer)).toContain('My Team › General');
    expect(cardText(offer)).toContain('My Team › Announcements');

    personal.teams.teamMembers.clear();
    const none = firstCard(await personal.submit({ verb: 'checklist.post', planVersion: 1 }));
    expect(cardText(none)).toContain('not installed in any team you are a member of');
  });

  it('posts the checklist as a new thread in the chosen channel, with a copy of the plan there', async () => {
    const { storage, personal } = await installedInTeam();
    await personal.send(HYBRID_PLAN);
    const replies = await personal.submit({ verb: 'checklist.channel', channel: 'team-id|channel-announcements-id' });
    expect(personal.teams.threads).toHaveLength(1);
    const thread = personal.teams.threads[0];
    expect(thread.channelId).toBe('channel-announcements-id');
    expect(thread.root.text).toContain(TOPOLOGIES.hybrid.title);
    const cards = replies.flatMap((r) => r.attachments ?? []).map((a) => cardText(a.content));
    expect(cards.some((t) => t.includes('0 of'))).toBe(true);
    expect(cards.at(-1)).toContain('Posted the checklist to My Team › Announcements');
    const checklist = await loadChecklist(storage, { tenantId: 't1', conversationId: thread.conversationId });
    expect(checklist?.conversationId).toBe(thread.conversationId);
    expect(checklist?.createdBy.name).toBe('Alice');
  });

  it('takes ticks on the posted card from the channel thread, where its actions arrive, and not from the chat it was posted from', async () => {
    const { storage, personal } = await installedInTeam();
    await personal.send(HYBRID_PLAN);
    const replies = await personal.submit({ verb: 'checklist.channel', channel: 'team-id|channel-announcements-id' });
    const posted = replies
      .flatMap((r) => r.attachments ?? [])
      .map((a) => a.content as Json)
      .find((card) => cardText(card).includes('0 of')) as Json;
    const thread = startChecklistConversation({
      storage,
      conversation: {
        id: personal.teams.threads[0].conversationId,
        conversationType: 'channel',
        isGroup: true,
        tenantId: 't1',
      },
    });
    const key = checklistKeyFor(personal.teams.threads[0].conversationId);

    const fromChat = await personal.execute('checklist.tick', tickDataFor(posted, 'step-nsg'));
    expect(cardText(fromChat)).toContain('This checklist belongs to another conversation');
    const before = await storedJson(storage, key);
    const fromOtherTenant = startChecklistConversation({
      storage,
      conversation: { id: personal.teams.threads[0].conversationId, conversationType: 'channel', tenantId: 't2' },
    });
    expect(cardText(await fromOtherTenant.execute('checklist.tick', tickDataFor(posted, 'step-nsg')))).toContain(
      'This checklist belongs to another conversation',
    );
    expect(await storedJson(storage, key)).toBe(before);

    const inThread = await thread.execute('checklist.tick', tickDataFor(posted, 'step-nsg'), BOB);
    expect(cardText(inThread)).toContain('Ticked by Bob');
  });

  it('shows huge team and channel names literally, and the channel choice stays under 28 KB', async () => {
    const huge = `[team](https://evil.example) **x** ${'🙂'.repeat(2_500)}`;
    const storage = new InMemoryStorage();
    const personal = startChecklistConversation({
      storage,
      conversation: { id: 'personal-1', conversationType: 'personal', tenantId: 't1' },
    });
    await personal.process({
      ...TEAM_ACTIVITY,
      channelData: { team: { id: 'team-id', name: huge }, tenant: { id: 't1' } },
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [TEAM_ACTIVITY.recipient],
    });
    personal.teams.teamChannels = async () =>
      Array.from({ length: 60 }, (_, i) => ({ id: `channel-${i}`, name: `${huge} ${i}` }));
    await personal.send(HYBRID_PLAN);
    const offer = firstCard(await personal.submit({ verb: 'checklist.post', planVersion: 1 }));
    expect(cardBytes(offer)).toBeLessThan(MAX_CARD_BYTES);
    expect(cardProblems(offer)).toEqual([]);

    const replies = await personal.submit({ verb: 'checklist.channel', channel: 'team-id|channel-3' });
    expect(personal.teams.threads[0].root).toMatchObject({ textFormat: 'plain' });
    const notice = cardText(replies.at(-1)?.attachments?.[0].content);
    expect(notice).toContain('Posted the checklist to \\[team\\](https://evil.example) \\*\\*x\\*\\*');
    expect(cardBytes(replies.at(-1)?.attachments?.[0].content)).toBeLessThan(2_000);
  });

  it('says so, without details, when Teams refuses the new thread', async () => {
    const { personal } = await installedInTeam();
    await personal.send(HYBRID_PLAN);
    personal.teams.threadFailure = Object.assign(new Error('Forbidden: secret details'), { statusCode: 403 });
    const replies = await personal.submit({ verb: 'checklist.channel', channel: 'team-id|team-id' });
    const text = cardText(firstCard(replies));
    expect(text).toContain('Teams did not let me start a thread in My Team › General (HTTP 403)');
    expect(text).not.toContain('secret details');
  });

  it('forgets the team when the bot is uninstalled', async () => {
    const { personal } = await installedInTeam();
    await personal.process({ ...TEAM_ACTIVITY, type: ActivityTypes.InstallationUpdate, action: 'remove' });
    await personal.send(HYBRID_PLAN);
    const none = firstCard(await personal.submit({ verb: 'checklist.post', planVersion: 1 }));
    expect(cardText(none)).toContain('not installed in any team');
  });

  it('refuses Post checklist from a card of an older plan, posting nothing', async () => {
    const storage = new InMemoryStorage();
    const conversation = startChecklistConversation({ storage });
    await conversation.send('plan source=azure-vm cross-subscription=yes');
    await conversation.send(HYBRID_PLAN);
    const replies = await conversation.submit({ verb: 'checklist.post', planVersion: 1 });
    expect(cardText(firstCard(replies))).toContain('The plan changed since this card was sent (version 1, now 2)');
    expect(await storedJson(storage, checklistKeyFor('conv-1'))).toBeUndefined();
  });

  it('in a group chat or channel thread, Post checklist posts right there', async () => {
    const conversation = startChecklistConversation({
      conversation: { id: '19:c@thread.tacv2;messageid=5', conversationType: 'channel', isGroup: true },
    });
    await conversation.send(HYBRID_PLAN);
    const card = firstCard(await conversation.submit({ verb: 'checklist.post', planVersion: 1 }));
    expect(cardText(card)).toMatch(/0 of \d+ done/);
  });
});

describe('the busiest checklist card', () => {
  it('stays a clean Adaptive Card under 28 KB with 60 people, an owner and failing checks on every item', () => {
    expect(cardProblems(BUSIEST_CHECKLIST_CARD)).toEqual([]);
    expect(cardBytes(BUSIEST_CHECKLIST_CARD)).toBeLessThan(MAX_CARD_BYTES);
    const text = cardText(BUSIEST_CHECKLIST_CARD);
    expect(text).toContain('Ticked by 60 people, but verify found');
    expect(text).toContain('but verify found');
    expect(text).toContain('Owner: Person with a long display name');
  });
});
