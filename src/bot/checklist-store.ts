import { createHash } from 'node:crypto';
import { toggleTick, type Checklist, type TickOutcome, type TickRequest } from '../planning/checklist';
import { updateItem, type ConditionalStorage } from '../storage';

/** One checklist per conversation (chat or channel thread): its id is derived from the conversation id. */
export function checklistIdFor(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 20);
}

export function checklistKey(checklistId: string): string {
  return `checklist/${checklistId}`;
}

export async function loadChecklist(storage: ConditionalStorage, checklistId: string): Promise<Checklist | undefined> {
  const key = checklistKey(checklistId);
  const item = (await storage.read([key]))[key] as (Checklist & { eTag?: string }) | undefined;
  if (!item) return undefined;
  const { eTag: _eTag, ...checklist } = item;
  return checklist;
}

/** Creates or replaces the checklist with optimistic concurrency; `change` gets the current one (or undefined). */
export async function saveChecklist(
  storage: ConditionalStorage,
  checklistId: string,
  change: (current: Checklist | undefined) => Checklist,
): Promise<Checklist> {
  return (await updateItem<Checklist>(storage, checklistKey(checklistId), change)) as Checklist;
}

/**
 * Toggles one user's tick with a read-modify-write on the eTag: concurrent ticks, from any bot instance, all land.
 * Returns undefined when the checklist does not exist (nothing is written). A refused tick throws TickRefused,
 * and nothing is written either.
 */
export async function tickChecklist(
  storage: ConditionalStorage,
  checklistId: string,
  request: TickRequest,
): Promise<TickOutcome | undefined> {
  let outcome: TickOutcome | undefined;
  await updateItem<Checklist>(storage, checklistKey(checklistId), (current) => {
    if (!current) {
      outcome = undefined;
      return undefined;
    }
    outcome = toggleTick(current, request);
    return outcome.checklist;
  });
  return outcome;
}
