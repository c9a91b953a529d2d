import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { LruMap } from '../lru';
import { CARDS_DIR } from '../paths';
import type { CardModels } from './card-models';

export type CardName = keyof CardModels;
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let compiled = templates.get(name);
  if (!compiled) {
    const json = JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8'));
    compiled = new ACData.Template(json);
    templates.set(name, compiled);
  }
  return compiled;
}

// Expanding a template costs far more than serialising its model: the same model (a plan shown again, the same
// answers in many threads) is served from the last expansions. Cards are frozen, so sharing one is safe.
const rendered = new LruMap<string, AdaptiveCardJson>(200);

/** Freezes a value and everything in it (shared cached values cannot be changed by whoever uses them). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * What one card may weigh: Teams' documented message limits start at about 28 KB (Microsoft Teams docs: the limits of bot messages), and the
 * activity around the card takes some of it.
 */
export const CARD_BYTE_BUDGET = 27 * 1024;

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * The first of `renderings` (from the most detailed to the least) whose card fits CARD_BYTE_BUDGET; the last one
 * whatever its size. Each is rendered only when the ones before did not fit.
 */
export function firstThatFits(renderings: (() => AdaptiveCardJson)[]): AdaptiveCardJson {
  for (const render of renderings.slice(0, -1)) {
    const card = render();
    if (cardBytes(card) <= CARD_BYTE_BUDGET) return card;
  }
  return renderings[renderings.length - 1]();
}

/** Binds a template from cards/ to its typed model and returns the card JSON (frozen: copy it to change it). */
export function renderCardJson<K extends CardName>(name: K, data: CardModels[K]): AdaptiveCardJson {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  let card = rendered.get(key);
  if (card === undefined) {
    card = deepFreeze(template(name).expand({ $root: data }) as AdaptiveCardJson);
    rendered.set(key, card);
  }
  return card;
}

const keyed = new LruMap<string, AdaptiveCardJson>(200);

/**
 * For a card whose model follows entirely from a short key the caller builds (a test compares the two ways):
 * a repeat neither builds the model nor serialises it to look the card up.
 */
export function renderKeyedCard<K extends CardName>(name: K, key: string, model: () => CardModels[K]): Attachment {
  const fullKey = `${name}\u0000${key}`;
  let card = keyed.get(fullKey);
  if (card === undefined) {
    card = renderCardJson(name, model());
    keyed.set(fullKey, card);
  }
  return CardFactory.adaptiveCard(card);
}

/** The same card as a Bot Framework attachment. */
export function renderCard<K extends CardName>(name: K, data: CardModels[K]): Attachment {
  return CardFactory.adaptiveCard(renderCardJson(name, data));
}
