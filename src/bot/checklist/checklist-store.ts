import { createHash, randomBytes } from 'node:crypto';
import {
  toggleTick,
  withActionItems,
  type Checklist,
  type TickOutcome,
  type TickRequest,
} from '../../planning/checklist';
import { assignOwner, type AssignOutcome, type AssignRequest } from '../../planning/checklist-owners';
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
 * One stored before each item was one action gets its requirements folded into their actions (withActionItems).
 */
function adopted(checklist: Checklist, scope: ConversationScope): Checklist {
  const current = withActionItems(checklist);
  if (current.tenantId !== undefined) return current;
  return { ...current, tenantId: scope.tenantId, legacyId: current.id, id: newChecklistId() };
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
    const upToDate = adopted(current, scope);
    return upToDate === current ? undefined : upToDate;
  });
}

/**
 * Changes this conversation's checklist when it exists (a verification, the posted message): `change` returns the
 * new checklist, or undefined to write nothing. Returns what was stored, or undefined when nothing was.
 */
export async function updateChecklist(
  storage: ConditionalStorage,
  scope: ConversationScope,
  change: (current: Checklist) => Checklist | undefined,
): Promise<Checklist | undefined> {
  let written: Checklist | undefined;
  await updateItem<Checklist>(storage, checklistKeyFor(scope.conversationId), (current) => {
    if (!current) return undefined;
    assertSameTenant(current, scope);
    written = change(adopted(current, scope));
    return written;
  });
  return written;
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

/** What a card action on the checklist came to. */
export type CardActionResult<T> =
  | ({ kind: 'changed' } & T)
  /** No checklist in this conversation, and the card's was this conversation's (it was deleted). */
  | { kind: 'gone' }
  /** The card names a checklist that is not this conversation's. */
  | { kind: 'foreign' };

/**
 * Applies a card's action to this conversation's checklist, if the card is one of its cards, with a
 * read-modify-write on the eTag: concurrent actions, from any bot instance, all land. `apply` throws
 * ChecklistChangeRefused to refuse; nothing is written then, nor when the result is not `changed` or `write` is false.
 */
async function applyCardAction<T extends { checklist: Checklist }>(
  storage: ConditionalStorage,
  scope: ConversationScope,
  cardChecklistId: string,
  apply: (current: Checklist) => T & { write: boolean },
): Promise<CardActionResult<T>> {
  let result: CardActionResult<T> = { kind: 'gone' };
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
    const { write, ...outcome } = apply(adopted(current, scope));
    result = { kind: 'changed', ...(outcome as unknown as T) };
    return write ? outcome.checklist : undefined;
  });
  return result;
}

export type TickResult = CardActionResult<TickOutcome>;

/** Toggles one user's tick on this conversation's checklist (applyCardAction). */
export function tickChecklist(
  storage: ConditionalStorage,
  scope: ConversationScope,
  cardChecklistId: string,
  request: TickRequest,
): Promise<TickResult> {
  return applyCardAction(storage, scope, cardChecklistId, (current) => ({
    ...toggleTick(current, request),
    write: true,
  }));
}

export type AssignResult = CardActionResult<AssignOutcome>;

/**
 * Sets or removes an item's owner on this conversation's checklist (applyCardAction); the same owner writes nothing.
 * When Teams could not list the members just now (`request.members` empty), the members this conversation's
 * checklist last read from Teams stand in.
 */
export function assignChecklistOwner(
  storage: ConditionalStorage,
  scope: ConversationScope,
  cardChecklistId: string,
  request: AssignRequest,
): Promise<AssignResult> {
  return applyCardAction(storage, scope, cardChecklistId, (current) => {
    const members = request.members.length > 0 ? request.members : (current.members ?? []);
    const outcome = assignOwner(current, { ...request, members });
    return { ...outcome, write: outcome.changed };
  });
}
