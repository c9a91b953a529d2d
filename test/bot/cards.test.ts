import { readdirSync } from 'node:fs';
import { renderCardJson, type CardName } from '../../src/bot/cards';
import { CARDS_DIR } from '../../src/paths';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../support/card-lint';
import { CARD_SAMPLES } from './card-samples';

const templateNames = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('card templates', () => {
  it('has representative samples for every template in cards/', () => {
    const missing = templateNames.filter((name) => !(CARD_SAMPLES as Record<string, unknown[]>)[name]?.length);
    expect(missing).toEqual([]);
  });

  const cases = templateNames.flatMap((name) =>
    ((CARD_SAMPLES as Record<string, unknown[]>)[name] ?? []).map((data, i) => [name, i, data] as const),
  );

  it.each(cases)('%s sample %i renders as a clean Adaptive Card 1.5 under 28 KB', (name, _i, data) => {
    const card = renderCardJson(name as CardName, data as never);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    // An unbound ${...} left in the output means the model and the template disagree.
    expect(JSON.stringify(card)).not.toMatch(/\$\{/);
  });

  it('reports a parse warning for an element the renderer does not know (the check can fail)', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope' }] })).not.toEqual([]);
  });
});
