import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';
import { invokeActivity, messageActivity } from '../../bench/activities';
import { cardText, tickActions } from '../support/card-walker';

type Json = Record<string, unknown>;

const CONVERSATION = '19:ticked-content@thread.tacv2;messageid=1';

/** The Container of one item on a checklist card, as text. */
function itemText(card: Json, itemId: string): string {
  const containers = (card.body as Json[]).filter((e) => e.type === 'Container');
  const index = tickActions(card).findIndex((d) => d.itemId === itemId);
  return cardText(containers[index]);
}

describe('a tick stands for what was ticked: a changed item is shown "changed since ticked by" and not done', () => {
  let bot: InProcessBot;
  const say = (text: string) =>
    bot.post(messageActivity({ serviceUrl: bot.connector.url, conversationId: CONVERSATION, text }));
  const lastCard = () => (bot.connector.calls.at(-1)?.activity.attachments as { content: Json }[])[0].content;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(() => bot.close());

  it('through /api/messages: tick the subnet item, change the subnet, post the checklist again', async () => {
    await say('plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no');
    await say('rules dms-subnet=10.20.30.0/27 source-ranges=192.168.10.0/24');
    await say('checklist');
    const first = lastCard();
    const subnetTick = tickActions(first).find((d) => d.itemId === 'step-dms-subnet')!;
    const res = await bot.post(
      invokeActivity({
        serviceUrl: bot.connector.url,
        conversationId: CONVERSATION,
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'checklist.tick', data: subnetTick } },
      }),
    );
    const ticked = (JSON.parse(res.body) as { value: Json }).value;
    expect(itemText(ticked, 'step-dms-subnet')).toContain('✅');
    expect(cardText(ticked)).toMatch(/\b1 of \d+ done/);

    await say('rules dms-subnet=10.20.40.0/27 source-ranges=192.168.10.0/24');
    await say('checklist');
    const again = lastCard();
    const subnet = itemText(again, 'step-dms-subnet');
    expect(subnet).toContain('10.20.40.0/27');
    expect(subnet).toContain('⬜');
    expect(subnet).toMatch(/Changed since ticked by Bench User \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): not done/);
    expect(subnet).not.toContain('Ticked by');
    expect(cardText(again)).toMatch(/\b0 of \d+ done/);
  });
});
