// Who owns each item of a checklist: one member of the conversation per item. Pure: no I/O.
import { ChecklistChangeRefused, itemIndexFor, type Checklist, type ChecklistUser } from './checklist';

export interface AssignRequest {
  itemId: string;
  /** The checklist version the card was rendered from. */
  version: number;
  /** The new owner, or null to leave the item without one. */
  owner: ChecklistUser | null;
  /** The conversation's members as the channel lists them now: the owner must be one of them. */
  members: readonly ChecklistUser[];
  by: ChecklistUser;
  at: string;
}

export interface AssignOutcome {
  checklist: Checklist;
  /** false when the item already had that owner (nothing to write, nobody to tell). */
  changed: boolean;
}

/**
 * Sets (or removes) the owner of an item. The owner's id must be one of `members` (never taken from a card alone),
 * and the name shown is the one the members list gives. Throws ChecklistChangeRefused for a stale card, an item not
 * on the checklist or someone who is not a member.
 */
export function assignOwner(checklist: Checklist, request: AssignRequest): AssignOutcome {
  const index = itemIndexFor(checklist, request);
  const member = request.owner && request.members.find((m) => m.id === request.owner!.id);
  if (request.owner && !member) throw new ChecklistChangeRefused({ reason: 'not-a-member', userId: request.owner.id });
  const item = checklist.items[index];
  if ((item.owner?.userId ?? null) === (member?.id ?? null)) return { checklist, changed: false };
  const { owner: _previous, ...rest } = item;
  const next = member
    ? { ...rest, owner: { userId: member.id, name: member.name, assignedBy: request.by, at: request.at } }
    : rest;
  return {
    changed: true,
    checklist: {
      ...checklist,
      items: checklist.items.map((it, i) => (i === index ? next : it)),
      revision: checklist.revision + 1,
      updatedAt: request.at,
    },
  };
}
