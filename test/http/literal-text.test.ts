import { checklistKeyFor } from '../../src/bot/checklist/checklist-store';
import { itemContentHash, type Checklist } from '../../src/planning/checklist';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../support/card-lint';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';
import { markdownTexts } from '../support/card-walker';

type Json = Record<string, unknown>;

/** Markdown that would be a live link, bold, italics, code, HTML and an entity if a card rendered it. */
const MARKDOWN = '[click me](https://evil.example/phish) **bold** _it_ `code` <b>x</b> &amp; # h';
const ESCAPED =
  '\\[click me\\](https://evil.example/phish) \\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\<b\\>x\\</b\\> \\&amp; \\# h';
/** The largest inputs: 10 KB of ASCII, and 10 KB of four-byte characters (JSON keeps them as UTF-8). */
const HUGE = [`${MARKDOWN} ${'W'.repeat(10_000)}`, `${MARKDOWN} ${'🙂'.repeat(2_500)}`];

/** Every card of a reply is clean, under 28 KB, and shows the Markdown it quotes as text. */
function expectSafeCards(cards: Json[]): void {
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(cardProblems(card)).toEqual([]);
    for (const text of markdownTexts(card)) {
      expect(text).not.toMatch(/(^|[^\\])\[click me(\\)?\]\(/);
      expect(text).not.toMatch(/(^|[^\\])\*\*bold/);
      if (text.includes('click me')) expect(text).toContain(ESCAPED.slice(0, 40));
    }
  }
}

describe('people-provided text is shown literally, and every card stays under 28 KB with the largest inputs', () => {
  let bot: InProcessBot;
  let n = 0;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(() => bot.close());

  /** Posts an activity in a fresh conversation (or `conversationId`) and returns the cards of every reply. */
  async function cardsFor(extra: Json, name = 'Alice', conversationId = `conv-literal-${n++}`): Promise<Json[]> {
    const sent = bot.connector.count();
    const res = await bot.post({
      type: 'message',
      id: `act-${n}`,
      channelId: 'msteams',
      serviceUrl: bot.connector.url,
      from: { id: '29:alice', name, aadObjectId: 'aad-alice' },
      recipient: { id: '28:bot', name: 'Migration Network Advisor' },
      conversation: { id: conversationId, tenantId: 'tenant-1', conversationType: 'groupChat' },
      ...extra,
    });
    expect(res.status).toBe(200);
    const replied = bot.connector.calls
      .slice(sent)
      .flatMap((c) => (c.activity.attachments as { content: Json }[]) ?? []);
    const invoked = res.body ? [(JSON.parse(res.body) as { value: Json }).value] : [];
    return [...replied.map((a) => a.content), ...invoked.filter((c) => c?.type === 'AdaptiveCard')];
  }

  it.each(HUGE.map((huge, i) => [i, huge]))('huge text %i typed after each command', async (_i, huge) => {
    const word = (huge as string).replace(/\s+/g, '_');
    for (const text of [
      huge as string,
      `plan source=${word}`,
      `plan ${Array.from({ length: 300 }, (_, i) => `bad${i}=${word.slice(0, 40)}`).join(' ')}`,
      `plan dms=current backups=${word}`,
      `verify ${word}`,
      `verify mi=${word}`,
      `verify ${word}=x`,
    ]) {
      expectSafeCards(await cardsFor({ text }));
    }
  });

  it.each(HUGE.map((huge, i) => [i, huge]))('huge rule parameters %i (echoed in the form)', async (_i, huge) => {
    const conversationId = `conv-rules-${n++}`;
    await cardsFor(
      { text: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no' },
      'A',
      conversationId,
    );
    const word = (huge as string).replace(/\s+/g, '_');
    expectSafeCards(await cardsFor({ text: `rules dms-subnet=${word} source-ranges=${word}` }, 'A', conversationId));
    expectSafeCards(
      await cardsFor(
        { value: { verb: 'rules.update', planVersion: 1, dmsSubnet: huge, sourceRanges: huge } },
        'A',
        conversationId,
      ),
    );
  });

  it.each(HUGE.map((huge, i) => [i, huge]))('a huge display name %i answering the plan', async (_i, huge) => {
    const conversationId = `conv-name-${n++}`;
    expectSafeCards(await cardsFor({ text: 'plan source=onprem' }, huge as string, conversationId));
    const cards = await cardsFor(
      { text: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no' },
      huge as string,
      conversationId,
    );
    expectSafeCards(cards);
    expect(JSON.stringify(cards)).toContain(JSON.stringify(ESCAPED).slice(1, 30));
  });

  it.each(HUGE.map((huge, i) => [i, huge]))('tampered card data %i echoed back', async (_i, huge) => {
    const conversationId = `conv-data-${n++}`;
    await cardsFor({ text: 'plan source=onprem' }, 'A', conversationId);
    expectSafeCards(
      await cardsFor(
        { value: { verb: 'plan.answer', planVersion: 1, question: 'mi-onprem', value: huge } },
        'A',
        conversationId,
      ),
    );
    expectSafeCards(
      await cardsFor({ value: { verb: 'plan.answer', planVersion: huge, question: huge } }, 'A', conversationId),
    );
    expectSafeCards(
      await cardsFor({ value: { verb: 'verify.plan', subscriptions: huge, mi: huge } }, 'A', conversationId),
    );
  });

  it('the busiest checklist: 60 people with the longest names on every item, half of them since changed', async () => {
    const conversationId = `conv-busy-${n++}`;
    await cardsFor(
      { text: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no' },
      'A',
      conversationId,
    );
    const [posted] = await cardsFor({ text: 'checklist' }, 'A', conversationId);
    const key = checklistKeyFor(conversationId);
    const stored = (await bot.storage.read([key]))[key] as unknown as Checklist & { eTag: string };
    const people = Array.from({ length: 60 }, (_, i) => ({ id: `29:${'u'.repeat(150)}-${i}`, name: HUGE[i % 2] }));
    const busy = {
      ...stored,
      items: stored.items.map((item) => ({
        ...item,
        ticks: people.map((p, i) => ({
          userId: p.id,
          name: p.name,
          at: '2026-11-30T10:00:00.000Z',
          itemHash: i % 2 === 0 ? itemContentHash(item) : 'changed-since',
        })),
      })),
    };
    await bot.storage.write({ [key]: busy });
    const checklistId = JSON.stringify(posted).match(/"checklistId":"([^"]+)"/)?.[1];
    const refreshed = await cardsFor(
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'checklist.refresh', data: { checklistId } } },
      },
      'A',
      conversationId,
    );
    expectSafeCards(refreshed);
    expect(JSON.stringify(refreshed)).toMatch(/Ticked by .*Changed since ticked by/);
    // Ticks with a huge item id are refused, quoting it within a length.
    const tick = await cardsFor(
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'checklist.tick',
            data: { checklistId, itemId: HUGE[0], version: 1 },
          },
        },
      },
      'A',
      conversationId,
    );
    expectSafeCards(tick);
    expect(JSON.stringify(tick)).toContain('is not on this checklist');
  });
});
