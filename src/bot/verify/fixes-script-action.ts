// "Get the fixes script" on a result card (verb verify.script): the script of this conversation's last verification,
// as one card or, when long, several in order. Judged from the conversation the press arrives in: the button's id
// only says which verification the card showed.
import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { cardBytes, renderCard, renderCardJson } from '../cards';
import { conversationScopeOf, dataNamesAnotherConversation } from '../conversation-scope';
import { correlationId } from '../turn-context-info';
import type { VerifyScriptCardModel } from './card-models';
import { recallFixesScript, type StoredFixesScript } from './fixes-script-store';
import { MAX_RESULT_CARD_BYTES } from './verify-cards';
import type { VerifyTurnDependencies } from './verify-dependencies';
import { sendCard } from './verify-delivery';

const scriptPayload = z.object({
  verification: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "the id of this conversation's verification"),
});

const HOW_TO =
  'Copy it into a file such as fixes.sh, read each command (they change your network), then run bash fixes.sh: ' +
  'it stops at the first command that fails. The CLI writes the same script: verify ... --fixes-script FILE.';

/** The script's cards: as many as its lines need to keep each under the Teams message size, in order. */
export function scriptCardModels(stored: StoredFixesScript): VerifyScriptCardModel[] {
  const title = `Fixes script for managed instance ${stored.managedInstance} and DMS ${stored.dms}`;
  const model = (lines: string[], part = ''): VerifyScriptCardModel => ({
    title: `${title}${part}`,
    about: stored.summary,
    howTo: part ? `${HOW_TO} It comes in several parts: join them in order.` : HOW_TO,
    lines,
  });
  const size = (lines: string[]) => cardBytes(renderCardJson('verify-script', model(lines, ' (part 99 of 99)')));
  const empty = size([]);
  const perLine = size(['x', 'x']) - size(['x']) - 1; // with the comma between items
  const parts: string[][] = [[]];
  let bytes = empty;
  for (const line of stored.script.replace(/\n$/, '').split('\n')) {
    const lineBytes = perLine + Buffer.byteLength(JSON.stringify(line)) - 2;
    if (bytes + lineBytes > MAX_RESULT_CARD_BYTES && parts[parts.length - 1].length > 0) {
      parts.push([]);
      bytes = empty;
    }
    parts[parts.length - 1].push(line);
    bytes += lineBytes;
  }
  return parts.length === 1
    ? [model(parts[0])]
    : parts.map((lines, i) => model(lines, ` (part ${i + 1} of ${parts.length})`));
}

function errorCard(context: TurnContext, title: string, message: string): Attachment {
  return renderCard('verify-error', {
    title,
    message,
    fix: 'verify <subscription-id> [mi=NAME] [dms=NAME]',
    candidates: [],
    correlationId: correlationId(context),
  });
}

export async function handleFixesScript(context: TurnContext, deps: VerifyTurnDependencies, data: unknown) {
  const scope = conversationScopeOf(context);
  const parsed = scriptPayload.safeParse(data);
  if (!parsed.success || dataNamesAnotherConversation(data, scope)) {
    await sendCard(
      context,
      errorCard(
        context,
        'Cannot send the fixes script',
        "The button did not come from a verification of this conversation. Verify here to get this conversation's script.",
      ),
    );
    return;
  }
  const stored = await recallFixesScript(deps, scope, parsed.data.verification);
  if (stored === 'unreadable') {
    await sendCard(
      context,
      errorCard(context, 'The fixes script cannot be read just now', 'Press the button again in a moment.'),
    );
    return;
  }
  if (stored === 'replaced') {
    await sendCard(
      context,
      errorCard(
        context,
        'This fixes script is not kept here',
        'This conversation keeps the script of its last verification only, and that card is not it (a later ' +
          'verification replaced it, or the card comes from another conversation). Use the button on the latest ' +
          'result here, or press Check again.',
      ),
    );
    return;
  }
  deps.logger.info({ event: 'verify-script-sent', correlationId: correlationId(context) }, 'fixes script sent');
  for (const model of scriptCardModels(stored)) await sendCard(context, renderCard('verify-script', model));
}
