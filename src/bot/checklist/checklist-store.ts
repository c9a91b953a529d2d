import { createHash, randomBytes } from 'node:crypto';
import { toggleTick, type Checklist, type TickOutcome, type TickRequest } from '../../planning/checklist';
import { updateItem, type ConditionalStorage } from '../../storage';
import { assertSameTenant, type ConversationScope } from '../conversation-scope';

/**
 * One checklist per conversation (chat or channel thread), stored under a key derived from the conversation the
 * action arrives in: card data never chooses which checklist is read or written.
 */
export function checklistKeyFor(conversationId: string): string {
  return `checklist/${legacyChecklistId(conversationId)}`;
}

/**
 * The id checklists carried on their cards before ids were random: sha256 of the conversation id, which anyone
 * who sees a channel link could compute. Still accepted from cards posted then, in their own conversation only.
 */
export function legacyChecklistId(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 20);
}

/** The id cards carry: random, so it says nothing about the conversation and cannot be made up from it. */
export function newChecklistId(): string {
  return randomBytes(16).toString('base64url');
}

/** Whether a card's checklist id names this checklist (its id, or the id its cards had before ids were random). */
export function isCardOf(checklist: Checklist, cardChecklistId: string): boolean {
  return (
    cardChecklistId === checklist.id || (checklist.legacyId !== undefined && cardChecklistId === checklist.legacyId)
  );
}

/**
 * A checklist stored before tenants and random ids: found by this conversation's key, so it is this conversation's.
 * It gets the conversation's tenant and a random id; its old id stays accepted for the cards already posted.
 */
function adopted(checklist: Checklist, scope: ConversationScope): Checklist {
  if (checklist.tenantId !== undefined) return checklist;
  return { ...checklist, tenantId: scope.tenantId, legacyId: checklist.id, id: newChecklistId() };
}

/**
 * This conversation's checklist, or undefined. A checklist stored before this version is adopted (one write, once);
 * one of another tenant throws ForeignConversationError.
 */
export async function loadChecklist(
  storage: ConditionalStorage,
  scope: ConversationScope,
): Promise<Checklist | undefined> {
  return updateItem<Checklist>(storage, checklistKeyFor(scope.conversationId), (current) => {
    if (!current) return undefined;
    assertSameTenant(current, scope);
    return current.tenantId === undefined ? adopted(current, scope) : undefined;
  });
}

/** Creates or replaces this conversation's checklist with optimistic concurrency; `change` gets the current one. */
export async function saveChecklist(
  storage: ConditionalStorage,
  scope: ConversationScope,
  change: (current: Checklist | undefined) => Checklist,
): Promise<Checklist> {
  return (await updateItem<Checklist>(storage, checklistKeyFor(scope.conversationId), (current) => {
    assertSameTenant(current, scope);
    return change(current && adopted(current, scope));
  })) as Checklist;
}

export type TickResult =
  | ({ kind: 'ticked' } & TickOutcome)
  /** No checklist in this conversation, and the card's was this conversation's (it was deleted). */
  | { kind: 'gone' }
  /** The card names a checklist that is not this conversation's. */
  | { kind: 'foreign' };

/**
 * Toggles one user's tick on this conversation's checklist, if the card is one of its cards, with a
 * read-modify-write on the eTag: concurrent ticks, from any bot instance, all land. Nothing is written unless
 * the result is `ticked`; a refused tick throws TickRefused, and nothing is written either.
 */
export async function tickChecklist(
  storage: ConditionalStorage,
  scope: ConversationScope,
  cardChecklistId: string,
  request: TickRequest,
): Promise<TickResult> {
  let result: TickResult = { kind: 'gone' };
  await updateItem<Checklist>(storage, checklistKeyFor(scope.conversationId), (current) => {
    if (!current) {
      result = { kind: cardChecklistId === legacyChecklistId(scope.conversationId) ? 'gone' : 'foreign' };
      return undefined;
    }
    assertSameTenant(current, scope);
    if (!isCardOf(current, cardChecklistId)) {
      result = { kind: 'foreign' };
      return undefined;
    }
    const outcome = toggleTick(adopted(current, scope), request);
    result = { kind: 'ticked', ...outcome };
    return outcome.checklist;
  });
  return result;
}
