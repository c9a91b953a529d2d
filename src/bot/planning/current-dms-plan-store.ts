// The plan for the current DMS of one conversation: the options chosen on the current DMS plan card (backups, source version,
// ...), kept beside the classic plan so `verify` checks the migration the team planned. A separate item: choosing them
// does not touch the classic plan's version, so its cards stay current.
import { validateCurrentDmsPlanOptions, type CurrentDmsPlanOptions } from '../../planning';
import type { ConditionalStorage } from '../../storage';
import { assertSameTenant, type ConversationScope } from '../conversation-scope';
import { planKey } from './plan-store';

export function currentDmsPlanKey(conversationId: string): string {
  return `${planKey(conversationId)}/current-dms`;
}

/** Written with the scope's tenant; a stored plan of another tenant is never replaced (ForeignConversationError). */
export async function saveCurrentDmsPlan(
  storage: ConditionalStorage,
  scope: ConversationScope,
  options: CurrentDmsPlanOptions,
): Promise<void> {
  const key = currentDmsPlanKey(scope.conversationId);
  assertSameTenant((await storage.read([key]))[key] as { tenantId?: string } | undefined, scope);
  await storage.write({ [key]: { ...options, tenantId: scope.tenantId, eTag: '*' } });
}

/**
 * The stored options, or undefined when there are none (or they no longer validate); ForeignConversationError when
 * the stored ones name another tenant.
 */
export async function loadCurrentDmsPlan(
  storage: ConditionalStorage,
  scope: ConversationScope,
): Promise<CurrentDmsPlanOptions | undefined> {
  const key = currentDmsPlanKey(scope.conversationId);
  const item = (await storage.read([key]))[key] as (Record<string, unknown> & { tenantId?: string }) | undefined;
  if (!item) return undefined;
  assertSameTenant(item, scope);
  const parsed = validateCurrentDmsPlanOptions({
    backups: typeof item.backups === 'string' ? item.backups : undefined,
    storagePrivateEndpoint: typeof item.storagePrivateEndpoint === 'boolean' ? item.storagePrivateEndpoint : undefined,
    runtimeHost: typeof item.runtimeHost === 'string' ? item.runtimeHost : undefined,
    storageAuth: typeof item.storageAuth === 'string' ? item.storageAuth : undefined,
    sourceVersion: typeof item.sourceVersion === 'string' ? item.sourceVersion : undefined,
  });
  return parsed.ok ? parsed.options : undefined;
}
