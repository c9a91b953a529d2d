import { startConversation, firstCard, type Conversation } from '../../support/bot-harness';
import { actionData, cardText } from '../../support/card-walker';
import { clickThrough, say, storedPlan } from './plan-conversation';

/** A conversation with a plan at the second question, and the card that asks it. */
async function midPlan(): Promise<{ conversation: Conversation; card: Record<string, unknown> }> {
  const conversation = startConversation();
  const card = await clickThrough(conversation, ['On-premises']);
  return { conversation, card };
}

async function submitUnchanged(conversation: Conversation, value: Record<string, unknown>): Promise<string> {
  const before = await storedPlan(conversation.deps.storage);
  const shown = cardText(firstCard(await conversation.submit(value)));
  expect(await storedPlan(conversation.deps.storage)).toBe(before);
  return shown;
}

describe('plan: tampered or stale card submits change nothing', () => {
  it('says so for an unknown verb', async () => {
    const { conversation } = await midPlan();
    expect(await submitUnchanged(conversation, { verb: 'plan.frobnicate', planVersion: 2 })).toContain(
      'Nothing was changed',
    );
  });

  it('refuses a value outside the choices, naming the choices', async () => {
    const { conversation, card } = await midPlan();
    const shown = await submitUnchanged(conversation, { ...actionData(card, 'Yes'), value: 'maybe' });
    expect(shown).toContain('That answer is not one of the choices');
    expect(shown).toContain("'maybe' is not a choice");
    expect(shown).toContain('Yes, No');
  });

  it('refuses a key outside the questions', async () => {
    const { conversation, card } = await midPlan();
    const shown = await submitUnchanged(conversation, { ...actionData(card, 'Yes'), question: 'budget' });
    expect(shown).toContain('This card could not be read');
    expect(shown).toContain('question:');
  });

  it('names the missing fields', async () => {
    const { conversation } = await midPlan();
    const shown = await submitUnchanged(conversation, { verb: 'plan.answer' });
    for (const field of ['planVersion is missing', 'question is missing', 'value is missing'])
      expect(shown).toContain(field);
  });

  it('refuses a plan version that is not a number', async () => {
    const { conversation, card } = await midPlan();
    const shown = await submitUnchanged(conversation, { ...actionData(card, 'No'), planVersion: 'latest' });
    expect(shown).toContain('planVersion:');
  });

  it('refuses a card from an older version of the plan', async () => {
    const conversation = startConversation();
    const first = firstCard(await conversation.send('plan'));
    await conversation.submit(actionData(first, 'On-premises'));
    const shown = await submitUnchanged(conversation, actionData(first, 'Azure VM'));
    expect(shown).toContain('This card is out of date');
    expect(actionData(firstCard(await conversation.submit({ verb: 'plan.show' })), 'Yes')).toMatchObject({
      question: 'cross-subscription',
    });
  });

  it('refuses an answer to a question that is not the pending one, even with the current version', async () => {
    const { conversation, card } = await midPlan();
    const shown = await submitUnchanged(conversation, { ...actionData(card, 'Yes'), question: 'mi-onprem' });
    expect(shown).toContain('This card is out of date');
  });

  it.each([
    ['plan.answer', { question: 'source', value: 'onprem' }],
    ['plan.back', {}],
    ['plan.restart', {}],
    ['rules.update', { dmsSubnet: '10.0.1.0/24' }],
    ['rules.export', { format: 'azcli' }],
  ])('%s for a plan that no longer exists says so and creates nothing', async (verb, fields) => {
    const conversation = startConversation();
    const shown = await submitUnchanged(conversation, { verb, planVersion: 4, ...fields });
    expect(shown).toContain('This plan no longer exists');
    expect(await storedPlan(conversation.deps.storage)).toBe('null');
  });

  it('refuses Back when nothing is answered', async () => {
    const conversation = startConversation();
    const first = firstCard(await conversation.send('plan'));
    const version = actionData(first, 'Start over').planVersion;
    const shown = await submitUnchanged(conversation, { verb: 'plan.back', planVersion: version });
    expect(shown).toContain('Nothing to go back to');
  });

  it('refuses rules buttons while no topology is decided', async () => {
    const { conversation, card } = await midPlan();
    const version = actionData(card, 'Back').planVersion;
    expect(
      await submitUnchanged(conversation, { verb: 'rules.export', format: 'bicep', planVersion: version }),
    ).toContain('No topology yet');
  });

  it('refuses an export format it does not have, naming the field', async () => {
    const conversation = startConversation();
    const card = await say(conversation, 'plan source=onprem cross-subscription=yes');
    const shown = await submitUnchanged(conversation, { ...actionData(card, 'Azure CLI'), format: 'pdf' });
    expect(shown).toContain('format:');
  });
});
