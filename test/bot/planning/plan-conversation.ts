// Helpers for planning conversations: press a card's button as Teams would, and look at what is stored.
import type { Activity } from 'botbuilder';
import type { ConditionalStorage } from '../../../src/storage';
import { planKey } from '../../../src/bot/planning/plan-store';
import { ALICE, cardText, firstCard, type Conversation } from '../../support/bot-harness';

type Card = Record<string, unknown>;
export type User = { id: string; name: string };

/** Every Action.Submit of a card, ShowCard forms included, in document order. */
export function submitActions(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit') found.push({ title: String(n.title), data: n.data as Record<string, unknown> });
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export function actionData(card: unknown, title: string): Record<string, unknown> {
  const action = submitActions(card).find((a) => a.title === title);
  if (!action) {
    const titles = submitActions(card).map((a) => a.title);
    throw new Error(`no button "${title}" on the card; buttons: ${titles.join(', ')}`);
  }
  return action.data;
}

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

export function text(card: Card): string {
  return cardText(card);
}

export function repliesCard(replies: Partial<Activity>[]): Card {
  return firstCard(replies);
}
