import { legacyChecklistId, checklistKeyFor } from '../../src/bot/checklist/checklist-store';
import { planKey } from '../../src/bot/planning/plan-store';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';
import { cardText, tickActions } from '../support/card-walker';

type Json = Record<string, unknown>;

const HYBRID_PLAN = 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no';
/** A channel thread of tenant A: its id is in every "Copy link" of its post, so anyone may know it. */
const TEAM_THREAD = { id: '19:team-a@thread.tacv2;messageid=1700000000001', tenantId: 'tenant-a', type: 'channel' };
const ATTACKER_CHAT = { id: 'a:attacker-personal-chat', tenantId: 'tenant-b', type: 'personal' };
const ALICE = { id: '29:alice', name: 'Alice Owner', aadObjectId: 'aad-alice' };
const MALLORY = { id: '29:mallory', name: 'Mallory', aadObjectId: 'aad-mallory' };

interface Where {
  id: string;
  tenantId: string;
  type: string;
}

function activity(bot: InProcessBot, where: Where, from: typeof ALICE, extra: Json): Json {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: bot.connector.url,
    from,
    recipient: { id: '28:bot', name: 'Migration Network Advisor' },
    conversation: { id: where.id, tenantId: where.tenantId, conversationType: where.type },
    channelData: { tenant: { id: where.tenantId } },
    ...extra,
  };
}

const say = (bot: InProcessBot, where: Where, text: string, from = ALICE) =>
  bot.post(activity(bot, where, from, { text }));

/** An Action.Execute from a card, as Teams posts it; the card of the invoke response comes back. */
async function execute(bot: InProcessBot, where: Where, verb: string, data: Json, from = ALICE): Promise<Json> {
  const res = await bot.post(
    activity(bot, where, from, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'posted-card',
      value: { action: { type: 'Action.Execute', verb, data } },
    }),
  );
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { value: Json }).value;
}

/** The last checklist card the bot posted to the connector in a conversation. */
function postedChecklist(bot: InProcessBot, conversationId: string): Json {
  const call = bot.connector.calls
    .filter((c) => c.conversationId === conversationId)
    .map((c) => (c.activity.attachments as { content: Json }[] | undefined)?.[0]?.content)
    .filter((card): card is Json => card !== undefined && tickActions(card).length > 0)
    .at(-1);
  if (!call) throw new Error('no checklist card was posted');
  return call;
}

describe('every card action is judged from the conversation and tenant it arrives in', () => {
  let bot: InProcessBot;
  let teamCard: Json;
  beforeAll(async () => {
    bot = await startInProcessBot();
    expect((await say(bot, TEAM_THREAD, `${HYBRID_PLAN}`)).status).toBe(200);
    expect((await say(bot, TEAM_THREAD, 'rules dms-subnet=10.20.30.0/27 source-ranges=192.168.10.0/24')).status).toBe(
      200,
    );
    expect((await say(bot, TEAM_THREAD, 'checklist')).status).toBe(200);
    teamCard = postedChecklist(bot, TEAM_THREAD.id);
    const ticked = await execute(bot, TEAM_THREAD, 'checklist.tick', tickActions(teamCard)[0]);
    expect(cardText(ticked)).toContain('Ticked by Alice Owner');
  });
  afterAll(() => bot.close());

  it('gives cards a random checklist id, not one derived from the (public) conversation id', () => {
    const id = tickActions(teamCard)[0].checklistId as string;
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(id).not.toBe(legacyChecklistId(TEAM_THREAD.id));
    expect(JSON.stringify(teamCard)).not.toContain(legacyChecklistId(TEAM_THREAD.id));
  });

  const foreignCases: [string, () => [Where, string, Json]][] = [
    ['a refresh from another tenant', () => [ATTACKER_CHAT, 'checklist.refresh', { checklistId: idOf(teamCard) }]],
    ['a tick from another tenant', () => [ATTACKER_CHAT, 'checklist.tick', tickActions(teamCard)[1]]],
    [
      'a refresh naming the team thread and its tenant in its data',
      () => [
        ATTACKER_CHAT,
        'checklist.refresh',
        { checklistId: idOf(teamCard), conversationId: TEAM_THREAD.id, tenantId: TEAM_THREAD.tenantId },
      ],
    ],
    [
      'a tick with the old, derivable id of the team thread',
      () => [
        ATTACKER_CHAT,
        'checklist.tick',
        { ...tickActions(teamCard)[1], checklistId: legacyChecklistId(TEAM_THREAD.id) },
      ],
    ],
    [
      'a tick in the same conversation id under another tenant',
      () => [{ ...TEAM_THREAD, tenantId: 'tenant-b' }, 'checklist.tick', tickActions(teamCard)[1]],
    ],
    [
      'a tick in the team thread whose data names another conversation',
      () => [TEAM_THREAD, 'checklist.tick', { ...tickActions(teamCard)[1], conversationId: ATTACKER_CHAT.id }],
    ],
  ];

  it.each(foreignCases)('%s reads and writes nothing of the checklist', async (_case, request) => {
    const [where, verb, data] = request();
    const before = await bot.storage.snapshot();
    const sent = bot.connector.count();
    const card = await execute(bot, where, verb, data, MALLORY);
    const text = cardText(card);
    expect(text).toContain('This checklist belongs to another conversation');
    expect(text).toContain('nothing was shown or changed');
    const shown = JSON.stringify(card);
    for (const secret of ['Alice', '10.20.30.0/27', '192.168.10.0/24', '29:alice', 'Create the DMS subnet'])
      expect(shown).not.toContain(secret);
    expect(await bot.storage.snapshot()).toEqual(before);
    expect(bot.connector.count()).toBe(sent);
  });

  it("keeps the attacker's own checklist apart: a tick with the team's card data changes neither", async () => {
    expect((await say(bot, ATTACKER_CHAT, HYBRID_PLAN, MALLORY)).status).toBe(200);
    expect((await say(bot, ATTACKER_CHAT, 'checklist', MALLORY)).status).toBe(200);
    const before = await bot.storage.snapshot();
    const card = await execute(bot, ATTACKER_CHAT, 'checklist.tick', tickActions(teamCard)[2], MALLORY);
    expect(cardText(card)).toContain('This checklist belongs to another conversation');
    expect(await bot.storage.snapshot()).toEqual(before);
    // Its own card works in its own conversation.
    const own = postedChecklist(bot, ATTACKER_CHAT.id);
    expect(cardText(await execute(bot, ATTACKER_CHAT, 'checklist.tick', tickActions(own)[0], MALLORY))).toContain(
      'Ticked by Mallory',
    );
  });

  it('refuses a plan stored under the same conversation id for another tenant, and changes nothing', async () => {
    const before = await bot.storage.snapshot();
    const res = await say(bot, { ...TEAM_THREAD, tenantId: 'tenant-b' }, 'plan source=azure-vm', MALLORY);
    expect(res.status).toBe(200);
    const reply = bot.connector.calls.at(-1)?.activity as Json;
    expect(cardText(reply.attachments)).toContain('This belongs to another conversation');
    expect(JSON.stringify(reply)).not.toContain('10.20.30.0/27');
    expect(await bot.storage.snapshot()).toEqual(before);
    expect((before[planKey(TEAM_THREAD.id)] as { tenantId?: string }).tenantId).toBe('tenant-a');
  });

  it('a plan button from another conversation acts on that conversation only (here: there is no plan)', async () => {
    const before = await bot.storage.snapshot();
    await bot.post(
      activity(bot, { id: 'a:someone-else', tenantId: 'tenant-a', type: 'personal' }, MALLORY, {
        value: { verb: 'plan.restart', planVersion: 3 },
      }),
    );
    expect(cardText((bot.connector.calls.at(-1)?.activity as Json).attachments)).toContain(
      'This plan no longer exists',
    );
    expect(await bot.storage.snapshot()).toEqual(before);
  });
});

describe('checklists stored before ids were random', () => {
  it('are found from their conversation, adopted on first use, and their old cards keep working there only', async () => {
    const bot = await startInProcessBot();
    try {
      const chat: Where = { id: '19:legacy-group@thread.v2', tenantId: 'tenant-a', type: 'groupChat' };
      await say(bot, chat, HYBRID_PLAN);
      await say(bot, chat, 'checklist');
      const card = postedChecklist(bot, chat.id);
      // Rewrite the stored checklist as an older version stored it: id derived from the conversation, no tenant.
      const key = checklistKeyFor(chat.id);
      const stored = (await bot.storage.read([key]))[key] as Json;
      const { tenantId: _tenant, legacyId: _legacy, ...old } = stored;
      const legacyId = legacyChecklistId(chat.id);
      await bot.storage.write({ [key]: { ...old, id: legacyId, eTag: '*' } });
      const oldTick = { ...tickActions(card)[0], checklistId: legacyId };

      const elsewhere = await execute(bot, ATTACKER_CHAT, 'checklist.tick', oldTick, MALLORY);
      expect(cardText(elsewhere)).toContain('This checklist belongs to another conversation');

      const ticked = await execute(bot, chat, 'checklist.tick', oldTick);
      expect(cardText(ticked)).toContain('Ticked by Alice Owner');
      const adopted = (await bot.storage.read([key]))[key] as Json;
      expect(adopted).toMatchObject({ tenantId: 'tenant-a', legacyId });
      expect(adopted.id).not.toBe(legacyId);
      expect(tickActions(ticked)[0].checklistId).toBe(adopted.id);
      // Old cards still refresh in their own conversation.
      expect(cardText(await execute(bot, chat, 'checklist.refresh', { checklistId: legacyId }))).toContain(
        'Alice Owner',
      );
    } finally {
      await bot.close();
    }
  });
});

function idOf(card: Json): string {
  return tickActions(card)[0].checklistId as string;
}
