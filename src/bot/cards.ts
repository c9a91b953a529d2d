import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
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

/** Binds a template from cards/ to its typed model and returns the card JSON. */
export function renderCardJson<K extends CardName>(name: K, data: CardModels[K]): AdaptiveCardJson {
  return template(name).expand({ $root: data }) as AdaptiveCardJson;
}

/** The same card as a Bot Framework attachment. */
export function renderCard<K extends CardName>(name: K, data: CardModels[K]): Attachment {
  return CardFactory.adaptiveCard(renderCardJson(name, data));
}
