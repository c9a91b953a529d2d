import type { TurnContext } from 'botbuilder';
import { renderCard } from '../cards';
import { literal, MAX_ECHO_CHARS } from '../literal-text';

/** Never silence: unknown text or an unknown card action gets a short hint. */
export async function sendHint(context: TurnContext): Promise<void> {
  const value = context.activity.value as { verb?: unknown } | undefined;
  const text =
    value && typeof value === 'object'
      ? 'That card action is not one I know (the card may be from an older version). Nothing was changed.'
      : `I did not understand "${literal(context.activity.text ?? '', MAX_ECHO_CHARS)}".`;
  await context.sendActivity({
    attachments: [
      renderCard('hint', { text, suggestion: 'Type help to see what I can do, or plan to start planning.' }),
    ],
  });
}
