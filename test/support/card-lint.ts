// The adaptivecards renderer's own parser, loaded from its UMD bundle (the lib/ entry needs a DOM).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export const MAX_CARD_BYTES = 28 * 1024;

interface ParseEvent {
  message: string;
}

/** Every parse warning and validation event the renderer reports for a card, as messages. Empty means clean. */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push((context.getEventAt(i) as ParseEvent).message);
  const validation = card.validateProperties() as { validationEvents: ParseEvent[] };
  for (const event of validation.validationEvents) problems.push(event.message);
  return problems;
}

export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}
