import type { TurnContext } from 'botbuilder';
import { typedAnswerSelector } from '../../../src/bot/planning/plan-command';
import { FileStorage, InMemoryStorage } from '../../../src/storage';
import { QUESTIONS, TOPOLOGIES, type TopologyId } from '../../../src/planning';
import { ALICE, BOB, channelMention, firstCard, startConversation } from '../../support/bot-harness';
import { useTempDirs } from '../../storage/temp-dir';
import { actionData, cardText } from '../../support/card-walker';
import { click, clickThrough, say, storedPlan } from './plan-conversation';

const TITLE = (id: TopologyId) => TOPOLOGIES[id].title;

describe('plan: guided questions', () => {
  it.each([
    ['hybrid', ['On-premises', 'No', 'No', 'Yes']],
    ['mi-isolated', ['On-premises', 'Yes']],
    ['mi-isolated', ['Other cloud', 'No', 'No', 'No']],
    ['cloud-shared-vnet', ['Azure VM', 'No', 'No', 'Yes']],
    ['cloud-isolated-vnet', ['Azure VM', 'No', 'Yes']],
  ] as [TopologyId, string[]][])('buttons lead to %s (%j)', async (topology, buttons) => {
    const card = await clickThrough(startConversation(), buttons);
    const shown = cardText(card);
    expect(shown).toContain('Recommended network topology');
    expect(shown).toContain(TITLE(topology));
    for (const other of Object.keys(TOPOLOGIES).filter((t) => t !== topology) as TopologyId[]) {
      expect(shown).not.toContain(TITLE(other));
    }
  });

  it('asks the questions in order, each with why it matters, and only those that still matter', async () => {
    const conversation = startConversation();
    let card = await say(conversation, 'plan');
    expect(cardText(card)).toContain(QUESTIONS.source.prompt);
    expect(cardText(card)).toContain(QUESTIONS.source.why);
    expect(() => actionData(card, 'Back')).toThrow(/no button "Back"/);
    card = await click(conversation, card, 'Azure VM');
    expect(cardText(card)).toContain(QUESTIONS['cross-subscription'].prompt);
    expect(cardText(card)).toContain(QUESTIONS['cross-subscription'].why);
    card = await click(conversation, card, 'No');
    expect(cardText(card)).toContain(QUESTIONS['rbac-limits'].prompt);
    card = await click(conversation, card, 'No');
    expect(cardText(card)).toContain(QUESTIONS['same-vnet'].prompt);
    expect(cardText(card)).not.toContain(QUESTIONS['mi-onprem'].prompt);
  });

  it('shows the recommendation with reasons, linked requirements, rule tables with a Reason column and the notes', async () => {
    const card = await clickThrough(startConversation(), ['On-premises', 'Yes']);
    const shown = cardText(card);
    expect(shown).toContain("MI's and DMS's virtual networks are in different subscriptions, so they must be peered.");
    expect(shown).toContain('[VNet network peering](https://learn.microsoft.com/azure/virtual-network/');
    expect(shown).toContain('[ExpressRoute](https://learn.microsoft.com/azure/expressroute/');
    const tables = JSON.stringify(card).match(/"type":"Table"/g) ?? [];
    expect(tables).toHaveLength(2);
    expect(shown).toMatch(/Reason[\s\S]*management\npriority 100, Allow\n443, 9354\nTCP\nAny → Any\nManagement plane/);
    expect(shown).toContain('site-to-site');
    expect(shown).toContain('Microsoft peering');
    expect(shown).toContain('retired on 2026-03-15');
    expect(actionData(card, 'Post checklist')).toEqual({ verb: 'checklist.post', planVersion: expect.any(Number) });
    expect(actionData(card, 'Verify in Azure')).toEqual({ verb: 'verify.plan', planVersion: expect.any(Number) });
  });

  it('says "No additional requirements." for the shared virtual network', async () => {
    const card = await clickThrough(startConversation(), ['Azure VM', 'No', 'No', 'Yes']);
    expect(cardText(card)).toContain('No additional requirements.');
  });

  it('takes typed answers to the pending question', async () => {
    const conversation = startConversation();
    await say(conversation, 'plan');
    expect(cardText(await say(conversation, 'on prem'))).toContain(QUESTIONS['cross-subscription'].prompt);
    expect(cardText(await say(conversation, 'n'))).toContain(QUESTIONS['rbac-limits'].prompt);
    expect(cardText(await say(conversation, 'No'))).toContain(QUESTIONS['mi-onprem'].prompt);
    expect(cardText(await say(conversation, 'y'))).toContain(TITLE('hybrid'));
  });

  it('takes "azure vm" typed, and leaves text that answers nothing to the hint', async () => {
    const conversation = startConversation();
    await say(conversation, 'plan');
    expect(cardText(await say(conversation, 'maybe'))).toContain('I did not understand');
    expect(cardText(await say(conversation, 'azure vm'))).toContain(QUESTIONS['cross-subscription'].prompt);
  });

  it('does not take "yes" as an answer when no plan is waiting for one', async () => {
    const conversation = startConversation();
    expect(cardText(await say(conversation, 'yes'))).toContain('I did not understand');
    expect(await storedPlan(conversation.deps.storage)).toBe('null');
  });

  it('reads storage for answer-like words only, so other messages never wait on it (or fail when it is down)', async () => {
    const storage = new InMemoryStorage();
    const read = jest.spyOn(storage, 'read').mockRejectedValue(new Error('storage down'));
    const selector = typedAnswerSelector({ storage });
    const message = (text: string) =>
      ({ activity: { type: 'message', text, conversation: { id: 'conv-1' } } }) as unknown as TurnContext;
    for (const other of ['hello there', 'checklist', 'verify 00000000-0000-0000-0000-000000000000']) {
      await expect(selector(message(other))).resolves.toBe(false);
    }
    expect(read).not.toHaveBeenCalled();
    await expect(selector(message('y'))).rejects.toThrow('storage down');
  });

  it('resumes where the conversation is when plan is typed again', async () => {
    const conversation = startConversation();
    await clickThrough(conversation, ['On-premises', 'No']);
    const card = await say(conversation, 'plan');
    expect(cardText(card)).toContain(QUESTIONS['rbac-limits'].prompt);
    expect(cardText(card)).toContain('On-premises (Alice)');
  });

  it.each(['plan.show', 'plan.start'])(
    'starts from the help card button (verb %s; plan.start is its former name)',
    async (verb) => {
      const conversation = startConversation();
      const help = firstCard(await conversation.send('help'));
      expect(actionData(help, 'Plan a migration network')).toEqual({ verb: 'plan.show' });
      const card = firstCard(await conversation.submit({ verb }));
      expect(cardText(card)).toContain(QUESTIONS.source.prompt);
    },
  );
});

describe('plan: one line', () => {
  it('answers everything in one line with the CLI keys', async () => {
    const card = await say(
      startConversation(),
      'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no',
    );
    expect(cardText(card)).toContain(TITLE('hybrid'));
  });

  it('ignores answers that cannot matter', async () => {
    const card = await say(startConversation(), 'plan source=onprem cross-subscription=yes same-vnet=yes');
    expect(cardText(card)).toContain(TITLE('mi-isolated'));
    expect(cardText(card)).not.toContain('Source VM shares the VNet');
  });

  it('asks the next needed question when the line is incomplete', async () => {
    const conversation = startConversation();
    const card = await say(conversation, 'plan source=azure-vm rbac-limits=no');
    expect(cardText(card)).toContain(QUESTIONS['cross-subscription'].prompt);
    expect(cardText(card)).toContain('Azure VM (Alice)');
    expect(cardText(await click(conversation, card, 'No'))).toContain(QUESTIONS['same-vnet'].prompt);
  });

  it.each([
    [
      'plan source=onprem colour=blue',
      ["Unknown key 'colour'", 'source, cross-subscription, rbac-limits, mi-onprem, same-vnet'],
    ],
    ['plan source=mars', ['source=mars is not a choice: use onprem, azure-vm or other-cloud']],
    ['plan source=onprem mi-onprem=maybe', ['mi-onprem=maybe is not a choice: use yes or no']],
    ['plan source=onprem source=azure-vm', ['source is given twice']],
    ['plan source', ["'source' is not key=value"]],
    [
      'plan source=azure-vm same-vnet=yes cross-subscription=yes',
      ['same-vnet=yes contradicts cross-subscription=yes', 'one shared virtual network cannot hold MI and DMS'],
    ],
  ])('refuses %p naming the problem, and changes nothing', async (line, expected) => {
    const conversation = startConversation();
    await say(conversation, 'plan source=onprem cross-subscription=yes');
    const before = await storedPlan(conversation.deps.storage);
    const shown = cardText(await say(conversation, line));
    expect(shown).toContain('Nothing was changed');
    for (const part of expected) expect(shown).toContain(part);
    expect(await storedPlan(conversation.deps.storage)).toBe(before);
  });
});

describe('plan: Back and Start over', () => {
  it('Back takes back the last answer and asks that question again', async () => {
    const conversation = startConversation();
    const card = await clickThrough(conversation, ['On-premises', 'No']);
    const back = await click(conversation, card, 'Back');
    expect(cardText(back)).toContain(QUESTIONS['cross-subscription'].prompt);
    expect(cardText(back)).toContain('On-premises (Alice)');
    expect(cardText(back)).not.toContain('VNets in different subscriptions');
    expect(cardText(await click(conversation, back, 'Yes'))).toContain(TITLE('mi-isolated'));
  });

  it('Start over clears the answers, on a question card and on the recommendation', async () => {
    const conversation = startConversation();
    const recommendation = await clickThrough(conversation, ['Azure VM', 'Yes']);
    const first = await click(conversation, recommendation, 'Start over');
    expect(cardText(first)).toContain(QUESTIONS.source.prompt);
    expect(cardText(first)).not.toContain('Answered so far');
    const second = await click(conversation, first, 'On-premises');
    expect(cardText(await click(conversation, second, 'Start over'))).toContain(QUESTIONS.source.prompt);
  });
});

describe('plan: a channel thread plans together', () => {
  it('shows who answered what, and keeps each thread apart', async () => {
    const conversation = startConversation({}, '19:general@thread.tacv2;messageid=111');
    const other = startConversation({ storage: conversation.deps.storage }, '19:general@thread.tacv2;messageid=222');
    let card = await say(conversation, 'plan', ALICE);
    card = await click(conversation, card, 'On-premises', {}, ALICE);
    card = await click(conversation, card, 'No', {}, BOB);
    expect(cardText(card)).toContain('On-premises (Alice)');
    expect(cardText(card)).toContain('No (Bob)');
    expect(cardText(await say(other, 'plan', BOB))).toContain(QUESTIONS.source.prompt);
    card = await click(conversation, card, 'No', {}, ALICE);
    card = await click(conversation, card, 'Yes', {}, BOB);
    const shown = cardText(card);
    expect(shown).toContain(TITLE('hybrid'));
    expect(shown).toMatch(/VNets in different subscriptions\nNo \(Bob\)/);
    expect(shown).toMatch(/MI's VNet connected to on-premises\nYes \(Bob\)/);
  });

  it('takes one of two answers clicked at once on the same card, and tells the other it came too late', async () => {
    const threadId = '19:general@thread.tacv2;messageid=444';
    const alice = startConversation({}, threadId);
    const bob = startConversation({ storage: alice.deps.storage }, threadId);
    const card = await clickThrough(alice, ['On-premises']);
    const [fromAlice, fromBob] = await Promise.all([
      alice.submit(actionData(card, 'Yes'), ALICE),
      bob.submit(actionData(card, 'No'), BOB),
    ]);
    const shown = [cardText(firstCard(fromAlice)), cardText(firstCard(fromBob))];
    expect(shown.filter((t) => t.includes('This card is out of date'))).toHaveLength(1);
    const stored = JSON.parse(await storedPlan(alice.deps.storage, threadId));
    const winner = shown[0].includes('out of date') ? 'no' : 'yes';
    expect(stored.answers['cross-subscription']).toBe(winner);
    expect(stored.answeredBy['cross-subscription'].name).toBe(winner === 'yes' ? 'Alice' : 'Bob');
  });

  it('answers an @mention in a channel thread', async () => {
    const conversation = startConversation({}, '19:general@thread.tacv2;messageid=333');
    const replies = await conversation.process(
      channelMention('plan source=onprem cross-subscription=yes', '19:general@thread.tacv2;messageid=333', BOB),
    );
    expect(cardText(firstCard(replies))).toContain(TITLE('mi-isolated'));
  });
});

describe('plan: progress survives a restart with file storage', () => {
  const tempDir = useTempDirs('plan-restart-');

  it('continues the plan in a new bot on the same directory', async () => {
    const dir = tempDir();
    const before = startConversation({ storage: new FileStorage(dir) });
    await clickThrough(before, ['On-premises', 'No'], BOB);
    const after = startConversation({ storage: new FileStorage(dir) });
    const card = await say(after, 'plan');
    expect(cardText(card)).toContain(QUESTIONS['rbac-limits'].prompt);
    expect(cardText(card)).toContain('No (Bob)');
  });
});
