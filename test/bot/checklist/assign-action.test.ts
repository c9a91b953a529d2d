import type { Activity } from 'botbuilder';
import { checklistKeyFor, loadChecklist } from '../../../src/bot/checklist/checklist-store';
import type { ConversationScope } from '../../../src/bot/conversation-scope';
import { InMemoryStorage } from '../../../src/storage';
import { ALICE, BOB, firstCard } from '../../support/bot-harness';
import { cardActions, cardText } from '../../support/card-walker';
import { HYBRID_PLAN, startChecklistConversation, storedJson } from './checklist-harness';

type Json = Record<string, unknown>;
const CONV_1: ConversationScope = { tenantId: '', conversationId: 'conv-1' };
const CAROL = { id: 'user-carol', name: 'Carol <b>Ops</b>' };

async function postedChecklist(members = [ALICE, BOB, CAROL]) {
  const storage = new InMemoryStorage();
  const conversation = startChecklistConversation({ storage });
  conversation.teams.members = members;
  await conversation.send(HYBRID_PLAN);
  const replies = await conversation.send('checklist');
  const card = firstCard(replies);
  const messageId = replies.find((r) => r.attachments?.length)?.id as string;
  const updates: Json[] = [];
  jest.spyOn(conversation.adapter, 'updateActivity').mockImplementation(async (_context, activity) => {
    updates.push(JSON.parse(JSON.stringify(activity)) as Json);
  });
  return { storage, conversation, card, messageId, updates, key: checklistKeyFor('conv-1') };
}

/** The Assign button's data with the two choices filled in, as Teams sends it. */
function assignData(card: Json, itemId: string, ownerId: string): Json {
  const assign = cardActions(card).find((a) => a.type === 'Action.Execute' && a.verb === 'checklist.assign');
  if (!assign) throw new Error('no Assign action on the card');
  return { ...(assign.data as Json), itemId, ownerId };
}

/** Sends an invoke and returns every activity the bot sent: the invoke response and any message. */
async function assign(
  conversation: ReturnType<typeof startChecklistConversation>,
  data: Json,
  from = ALICE,
  replyToId?: string,
): Promise<{ card: Json; messages: Partial<Activity>[] }> {
  const replies = await conversation.process({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from,
    replyToId,
    value: { action: { type: 'Action.Execute', verb: 'checklist.assign', data } },
  });
  const response = replies.find((r) => r.type === 'invokeResponse')!;
  return {
    card: (response.value as { body: { value: Json } }).body.value,
    messages: replies.filter((r) => r.type === 'message'),
  };
}

describe('assigning an owner to an item', () => {
  it('offers the members Teams lists, in a form under the checklist', async () => {
    const { card } = await postedChecklist();
    const text = JSON.stringify(card);
    expect(cardText(card)).toContain('Assign an owner');
    for (const member of [ALICE, BOB, CAROL]) expect(text).toContain(`"value":"${member.id}"`);
    expect(text).toContain('"title":"No owner"');
  });

  it('shows the owner on the item, updates the posted card, and names the owner in one message with an @mention', async () => {
    const { conversation, card, messageId, updates, storage } = await postedChecklist();
    const { card: after, messages } = await assign(
      conversation,
      assignData(card, 'step-gateway', BOB.id),
      ALICE,
      messageId,
    );
    expect(cardText(after)).toMatch(/Owner: Bob \(assigned by Alice, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(cardText((updates.at(-1)?.attachments as { content: Json }[])[0].content)).toContain('Owner: Bob');
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toMatch(/^<at>Bob<\/at> owns "Connect MI's virtual network to on-premises/);
    expect(messages[0].entities).toEqual([
      { type: 'mention', text: '<at>Bob</at>', mentioned: { id: BOB.id, name: 'Bob' } },
    ]);
    const stored = await loadChecklist(storage, CONV_1);
    expect(stored?.items.find((i) => i.id === 'step-gateway')?.owner).toMatchObject({
      userId: BOB.id,
      name: 'Bob',
      assignedBy: ALICE,
    });
  });

  it('a name with markup is mentioned as text, never as markup', async () => {
    const { conversation, card } = await postedChecklist();
    const { messages } = await assign(conversation, assignData(card, 'step-nsg', CAROL.id));
    expect(messages[0].text).toContain('<at>Carol &lt;b&gt;Ops&lt;/b&gt;</at>');
  });

  it('choosing the same owner again changes nothing and says so; No owner removes the owner, without a message', async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    await assign(conversation, assignData(card, 'step-nsg', BOB.id));
    const before = await storedJson(storage, key);
    const again = await assign(conversation, assignData(card, 'step-nsg', BOB.id));
    expect(cardText(again.card)).toContain('Bob already owns that item; nothing was changed.');
    expect(again.messages).toEqual([]);
    expect(await storedJson(storage, key)).toBe(before);
    const none = await assign(conversation, assignData(card, 'step-nsg', 'none'));
    expect(cardText(none.card)).not.toContain('Owner:');
    expect(none.messages).toEqual([]);
  });
});

describe('assigning through the Action.Submit fallback, and when Teams cannot list the members', () => {
  it('older clients: the card is sent anew with the owner, then the message naming them', async () => {
    const { conversation, card, storage } = await postedChecklist();
    const replies = await conversation.submit(assignData(card, 'step-verify', BOB.id), ALICE);
    expect(cardText(firstCard(replies))).toContain('Owner: Bob');
    expect(replies.at(-1)?.text).toMatch(/^<at>Bob<\/at> owns "Run verify/);
    expect((await loadChecklist(storage, CONV_1))?.items.find((i) => i.id === 'step-verify')?.owner?.userId).toBe(
      BOB.id,
    );
  });

  it('the members Teams listed when the checklist was posted stand in, and only they', async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    conversation.teams.members = [];
    const { card: answer } = await assign(conversation, assignData(card, 'step-nsg', BOB.id));
    expect(cardText(answer)).toContain('Owner: Bob');
    const before = await storedJson(storage, key);
    const refused = await assign(conversation, assignData(card, 'step-gateway', 'user-mallory'));
    expect(cardText(refused.card)).toContain('is not a member of this conversation');
    expect(await storedJson(storage, key)).toBe(before);
  });
});

describe('an owner the conversation does not have changes nothing', () => {
  it.each<[string, (card: Json) => Json, RegExp]>([
    [
      'an owner id that is not a member (a tampered card)',
      (card) => assignData(card, 'step-nsg', 'user-mallory'),
      /\("user-mallory"\) is not a member of this conversation, so nothing was changed/,
    ],
    [
      'an item not on the checklist',
      (card) => assignData(card, 'req-vnet-peering', BOB.id),
      /is not on this checklist/,
    ],
    [
      'a card of an older version',
      (card) => ({ ...assignData(card, 'step-nsg', BOB.id), version: 7 }),
      /from an older version of this checklist \(version 7, now 1\)/,
    ],
    [
      'no owner chosen',
      (card) => ({ ...assignData(card, 'step-nsg', BOB.id), ownerId: undefined }),
      /no owner was chosen/,
    ],
    [
      "another conversation's card",
      (card) => ({ ...assignData(card, 'step-nsg', BOB.id), checklistId: 'QW5vdGhlckNoZWNrbGlzdA' }),
      /another conversation/,
    ],
  ])('%s', async (_, data, notice) => {
    const { conversation, card, storage, key, updates } = await postedChecklist();
    const before = await storedJson(storage, key);
    const { card: answer, messages } = await assign(conversation, data(card));
    expect(cardText(answer)).toMatch(notice);
    expect(messages).toEqual([]);
    expect(updates).toEqual([]);
    expect(await storedJson(storage, key)).toBe(before);
  });

  it('a member who has left since the card was posted is refused, though the card still lists them', async () => {
    const { conversation, card, storage, key } = await postedChecklist();
    conversation.teams.members = [ALICE, CAROL];
    const before = await storedJson(storage, key);
    const { card: answer } = await assign(conversation, assignData(card, 'step-nsg', BOB.id));
    expect(cardText(answer)).toContain('is not a member of this conversation');
    expect(await storedJson(storage, key)).toBe(before);
  });
});
