// The plan for today's DMS of one conversation: the options chosen on the shir plan card (backups, source version,
// ...), kept beside the classic plan so `verify` checks the migration the team planned. A separate item: choosing them
// does not touch the classic plan's version, so its cards stay current.
import { validateShirPlanOptions, type ShirPlanOptions } from '../planning';
import type { ConditionalStorage } from '../storage';
import { planKey } from './plan-store';

export function currentDmsPlanKey(conversationId: string): string {
  return `${planKey(conversationId)}/current-dms`;
}

export async function saveCurrentDmsPlan(
  storage: ConditionalStorage,
  conversationId: string,
  options: ShirPlanOptions,
): Promise<void> {
  await storage.write({ [currentDmsPlanKey(conversationId)]: { ...options, eTag: '*' } });
}

/** The stored options, or undefined when there are none (or they no longer validate). */
export async function loadCurrentDmsPlan(
  storage: ConditionalStorage,
  conversationId: string,
): Promise<ShirPlanOptions | undefined> {
  const key = currentDmsPlanKey(conversationId);
  const item = (await storage.read([key]))[key] as Record<string, unknown> | undefined;
  if (!item) return undefined;
  const parsed = validateShirPlanOptions({
    backups: typeof item.backups === 'string' ? item.backups : undefined,
    storagePrivateEndpoint: typeof item.storagePrivateEndpoint === 'boolean' ? item.storagePrivateEndpoint : undefined,
    runtimeHost: typeof item.runtimeHost === 'string' ? item.runtimeHost : undefined,
    storageAuth: typeof item.storageAuth === 'string' ? item.storageAuth : undefined,
    sourceVersion: typeof item.sourceVersion === 'string' ? item.sourceVersion : undefined,
  });
  return parsed.ok ? parsed.options : undefined;
}
