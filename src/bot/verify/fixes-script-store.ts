// The fixes script of a conversation's last verification, kept so that the result card's "Get the fixes script"
// can send it. The button carries only a random id: the script is found from the conversation the press arrives in,
// and is sent only when that conversation's last verification is the card's.
import { randomBytes } from 'node:crypto';
import { errorFields } from '../../logger';
import { fixesScript } from '../../network/fixes-script';
import type { ConversationScope } from '../conversation-scope';
import { remainingWhy, type AnyVerifyResult } from './verify-cards';
import type { VerifyTurnDependencies } from './verify-dependencies';

const FIXES_SCRIPT_KEY = (conversationId: string) => `verify-fixes-script/${conversationId}`;

export interface StoredFixesScript {
  /** Random (16 bytes, base64url): the id the result card's button carries. */
  verification: string;
  tenantId: string;
  managedInstance: string;
  dms: string;
  /** afterFixes.summary */
  summary: string;
  script: string;
  storedAt: number;
}

/** Whether the result has a script worth sending: a command to run, or one that needs the user's values. */
export function hasFixesScript(result: AnyVerifyResult): boolean {
  const outcome = result.afterFixes;
  return !!outcome && (outcome.changes.length > 0 || outcome.remaining.some((r) => r.needs?.length));
}

/**
 * Keeps the result's script as this conversation's last one; its id for the card's button, or undefined when there
 * is no script or it could not be stored (the card then has no button: the verification itself goes on).
 */
export async function keepFixesScript(
  deps: VerifyTurnDependencies,
  scope: ConversationScope,
  result: AnyVerifyResult,
): Promise<string | undefined> {
  if (!hasFixesScript(result)) return undefined;
  const record: StoredFixesScript = {
    verification: randomBytes(16).toString('base64url'),
    tenantId: scope.tenantId,
    managedInstance: result.managedInstance.name,
    dms: result.dms.name,
    summary: result.afterFixes!.summary,
    script: fixesScript(result, remainingWhy),
    storedAt: deps.verify.now(),
  };
  try {
    await deps.storage.write({ [FIXES_SCRIPT_KEY(scope.conversationId)]: { ...record, eTag: '*' } });
    return record.verification;
  } catch (e) {
    deps.logger.warn({ event: 'verify-script-not-kept', err: errorFields(e) }, 'could not store the fixes script');
    return undefined;
  }
}

/**
 * The script of `verification` when it is this conversation's last (same tenant): `replaced` when the conversation
 * has another (a later verification, or the id is not this conversation's), `unreadable` when storage failed.
 */
export async function recallFixesScript(
  deps: VerifyTurnDependencies,
  scope: ConversationScope,
  verification: string,
): Promise<StoredFixesScript | 'replaced' | 'unreadable'> {
  const key = FIXES_SCRIPT_KEY(scope.conversationId);
  let item: Partial<StoredFixesScript> | undefined;
  try {
    item = (await deps.storage.read([key]))[key] as typeof item;
  } catch (e) {
    deps.logger.warn({ event: 'verify-script-unreadable', err: errorFields(e) }, 'could not read the fixes script');
    return 'unreadable';
  }
  if (
    !item ||
    item.tenantId !== scope.tenantId ||
    item.verification !== verification ||
    typeof item.script !== 'string'
  ) {
    return 'replaced';
  }
  return item as StoredFixesScript;
}
