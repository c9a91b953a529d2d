import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

const CORRELATION_KEY = Symbol('correlationId');

/** One correlation id per turn, shared by the turn's log lines and any error card. */
export function correlationId(context: TurnContext): string {
  let id = context.turnState.get(CORRELATION_KEY) as string | undefined;
  if (!id) {
    id = randomUUID();
    context.turnState.set(CORRELATION_KEY, id);
  }
  return id;
}
