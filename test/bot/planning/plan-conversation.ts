// Helpers for planning conversations: press a card's button as Teams would, and look at what is stored.
import type { ConditionalStorage } from '../../../src/storage';
import { planKey } from '../../../src/bot/planning/plan-store';
import { ALICE, firstCard, type Conversation } from '../../support/bot-harness';
import { actionData } from '../../support/card-walker';

type Card = Record<string, unknown>;
export type User = { id: string; name: string };

/** Presses a button of the card, with form inputs as Teams merges them into the data. */
export async function click(
  conversation: Conversation,
  card: Card,
  title: string,
  inputs: Record<string, unknown> = {},
  from: User = ALICE,
): Promise<Card> {
  return firstCard(await conversation.submit({ ...actionData(card, title), ...inputs }, from));
}

/** Presses the buttons in turn, each on the card the previous press returned. */
export async function clickThrough(conversation: Conversation, titles: string[], from: User = ALICE): Promise<Card> {
  let card = firstCard(await conversation.send('plan', from));
  for (const title of titles) card = await click(conversation, card, title, {}, from);
  return card;
}

export async function say(conversation: Conversation, text: string, from: User = ALICE): Promise<Card> {
  return firstCard(await conversation.send(text, from));
}

/** The stored item of a conversation's plan, eTag included: equal snapshots mean nothing was written. */
export async function storedPlan(storage: ConditionalStorage, conversationId = 'conv-1'): Promise<string> {
  const key = planKey(conversationId);
  return JSON.stringify((await storage.read([key]))[key] ?? null);
}
