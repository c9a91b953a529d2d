// The migration checklist as data: which items a plan's checklist has, and how ticks change it. Pure: no I/O.
import { TOPOLOGIES } from './topologies';
import { REQUIREMENT_ACTIONS, rewordedNow } from './checklist-items';
import type { RequirementId, TopologyId } from './types';

export { checklistItems, REQUIREMENT_ACTIONS } from './checklist-items';

/** 'requirement': only in checklists stored before each requirement became the why of its action (see withActionItems). */
export type ChecklistItemKind = 'step' | 'requirement' | 'rule';

/** One action of the team's runbook. */
export interface ChecklistItem {
  /** Stable within a plan: 'step-dms-subnet', 'step-peering', 'rule-outbound-management'. */
  id: string;
  kind: ChecklistItemKind;
  /** What to do. */
  text: string;
  detail?: string;
  /** The topology's requirements this action meets, in the article's words. Not part of what a tick records. */
  why?: string[];
  /** The Azure CLI command that does it, with the plan's parameters (NSG rules). Not part of what a tick records. */
  command?: string;
}

/** Who owns an item: one member of the conversation, chosen by another (or themselves). */
export interface ChecklistOwner {
  userId: string;
  name: string;
  assignedBy: ChecklistUser;
  at: string;
}

export interface ChecklistUser {
  id: string;
  name: string;
}

/** One person's tick on an item: each person ticks for themselves, so concurrent ticks never cancel each other. */
export interface ChecklistTick {
  userId: string;
  name: string;
  at: string; // ISO time
  /**
   * itemContentHash of the item as it was ticked: when the item changes (a new DMS subnet, another SQL port),
   * the tick no longer counts. Ticks stored before this was recorded get it when their items are next replaced.
   */
  itemHash?: string;
}

export interface ChecklistItemState extends ChecklistItem {
  ticks: ChecklistTick[];
  owner?: ChecklistOwner;
}

/** What the last verification found for one item (see checklist-verification.ts). */
export interface ItemFinding {
  /** itemContentHash of the item it judged: a finding stands only while the item is what was judged. */
  itemHash: string;
  /** The worst status of the checks that cover the item. */
  status: 'pass' | 'fail' | 'warn' | 'unknown';
  /** The summaries of the covering checks with that status; [] when every one passed. */
  found: string[];
}

/** The last verification run in the checklist's conversation, as it bears on the items. */
export interface ChecklistVerification {
  /** When Azure was read (ISO). */
  at: string;
  /** Which DMS was verified: a checklist is the classic DMS's, so a verification of the current one confirms nothing. */
  dms: 'classic' | 'current';
  /** Per item id; an item no check covers, or not as the plan verified it, has none. */
  findings: Record<string, ItemFinding>;
  /** Items left without a finding because the plan changed since the checklist was posted. */
  outdatedItems: number;
}

/** The shape of checklists made now: one action per item, requirements as their why. */
export const ACTION_ITEMS_SHAPE = 2;

export interface Checklist {
  /** The id its cards carry: random (checklists stored before that have none of their own until adopted). */
  id: string;
  /** The id cards carried before ids were random; accepted in this checklist's own conversation only. */
  legacyId?: string;
  /** The conversation (chat or channel thread) the checklist lives in. */
  conversationId: string;
  /** Its tenant; checklists stored before tenants were recorded have none until adopted. */
  tenantId?: string;
  topology: TopologyId;
  title: string;
  /** Changes only when the items change (the plan changed); cards carry it so a stale card is recognised. */
  version: number;
  /** Grows on every tick or untick. */
  revision: number;
  items: ChecklistItemState[];
  /** ACTION_ITEMS_SHAPE; absent in checklists stored before, whose requirements were items (withActionItems). */
  shape?: number;
  /** Members of the conversation to keep in sync through the card's refresh (at most MAX_REFRESH_USERS). */
  audience: string[];
  /** Members of the conversation as last read (at most MAX_REFRESH_USERS), offered as owners. */
  members?: ChecklistUser[];
  /** The message of the checklist's card last posted, which a verification updates. */
  messageId?: string;
  /** The last verification run in this conversation. */
  verification?: ChecklistVerification;
  createdBy: ChecklistUser;
  createdAt: string;
  updatedAt: string;
}

/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;
/** Teams user ids are well under this; a longer one cannot be a user's and would only swell the card. */
const MAX_USER_ID_CHARS = 200;

/**
 * A fingerprint of what an item asks for (its kind, text and detail; not its id): FNV-1a 64 over the UTF-8 JSON.
 * It tells a changed item from the one ticked; it is no secret and no defence against chosen collisions (items are
 * made by the bot from validated plan parameters).
 */
export function itemContentHash(item: ChecklistItem): string {
  const bytes = new TextEncoder().encode(JSON.stringify([item.kind, item.text, item.detail ?? '']));
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

/** A tick counts while the item is what was ticked; a tick without a recorded hash is taken as current. */
export function isCurrentTick(tick: ChecklistTick, item: ChecklistItem): boolean {
  return tick.itemHash === undefined || tick.itemHash === itemContentHash(item);
}

/** An item's ticks split into those that count and those made before the item changed. */
export function ticksOf(item: ChecklistItemState): { current: ChecklistTick[]; changedSince: ChecklistTick[] } {
  const current = item.ticks.filter((t) => isCurrentTick(t, item));
  return { current, changedSince: item.ticks.filter((t) => !isCurrentTick(t, item)) };
}

export interface NewChecklist {
  id: string;
  conversationId: string;
  tenantId: string;
  topology: TopologyId;
  items: ChecklistItem[];
  /** The conversation's members as read (ids and names), at most MAX_REFRESH_USERS. */
  members: ChecklistUser[];
  createdBy: ChecklistUser;
  at: string;
}

export function newChecklist(input: NewChecklist): Checklist {
  return {
    id: input.id,
    conversationId: input.conversationId,
    tenantId: input.tenantId,
    topology: input.topology,
    title: TOPOLOGIES[input.topology].title,
    version: 1,
    revision: 0,
    shape: ACTION_ITEMS_SHAPE,
    items: input.items.map((item) => ({ ...item, ticks: [] })),
    audience: uniqueCapped([input.createdBy.id, ...input.members.map((m) => m.id)]),
    members: membersOf(input.members),
    createdBy: input.createdBy,
    createdAt: input.at,
    updatedAt: input.at,
  };
}

function membersOf(members: ChecklistUser[]): ChecklistUser[] {
  const ids = new Set(uniqueCapped(members.map((m) => m.id)));
  return members.filter((m) => ids.delete(m.id));
}

/**
 * A checklist stored before ACTION_ITEMS_SHAPE listed each requirement ('req-<id>', kind 'requirement') beside the
 * step that meets it. Now the requirement is that step's why; the step keeps its ticks (its content, and so what
 * its ticks recorded, is unchanged). A tick of the requirement moves to the step as a tick of something else
 * ("changed since ticked", not done) unless its author ticked the step too, so no tick is lost and none claims a
 * step its author did not tick. A requirement without its step stays an item. The version grows when items merged,
 * so cards showing the requirements are recognised as stale.
 */
export function withActionItems(checklist: Checklist): Checklist {
  if (checklist.shape === ACTION_ITEMS_SHAPE) return checklist;
  const actionOf = (item: ChecklistItemState) =>
    item.kind === 'requirement' ? REQUIREMENT_ACTIONS[item.id.replace(/^req-/, '') as RequirementId] : undefined;
  const merged = checklist.items.filter((item) => {
    const action = actionOf(item);
    return action !== undefined && checklist.items.some((i) => i.id === action);
  });
  const items = checklist.items
    .filter((item) => !merged.includes(item))
    .map((action) => {
      const requirements = merged.filter((r) => actionOf(r) === action.id);
      if (requirements.length === 0) return action;
      const authors = new Set(action.ticks.map((t) => t.userId));
      const moved = requirements.flatMap((r) =>
        r.ticks
          .filter((t) => !authors.has(t.userId))
          .map((t) => ({ ...t, itemHash: t.itemHash ?? itemContentHash(r) })),
      );
      const why = [...(action.why ?? []), ...requirements.map((r) => r.text)];
      return { ...action, why, ticks: [...action.ticks, ...uniqueByUser(moved)] };
    });
  const version = merged.length > 0 ? checklist.version + 1 : checklist.version;
  return { ...checklist, shape: ACTION_ITEMS_SHAPE, items, version };
}

function uniqueByUser(ticks: ChecklistTick[]): ChecklistTick[] {
  return ticks.filter((t, i) => ticks.findIndex((o) => o.userId === t.userId) === i);
}

/**
 * The same checklist for a changed plan: items keep their ticks and owner where the item stays; the version grows
 * only when the items changed, so cards of the old item list are recognised as stale.
 */
export function replaceItems(stored: Checklist, next: NewChecklist): Checklist {
  const current = withActionItems(stored);
  const nextById = new Map(next.items.map((item) => [item.id, item]));
  // A tick keeps the content it was made on (ticks from before hashes were recorded: the content stored until now),
  // or, when the bot only reworded the same action, the content as worded now.
  const pinnedHash = (item: ChecklistItemState, tick: ChecklistTick): string => {
    const hash = tick.itemHash ?? itemContentHash(item);
    const reworded = rewordedNow(item);
    const nextItem = nextById.get(item.id);
    const sameAction =
      reworded && nextItem && hash === itemContentHash(item) && itemContentHash(reworded) === itemContentHash(nextItem);
    return sameAction ? itemContentHash(nextItem) : hash;
  };
  const kept = new Map(
    current.items.map((item) => [
      item.id,
      {
        ticks: item.ticks.map((t) => ({ ...t, itemHash: pinnedHash(item, t) })),
        ...(item.owner ? { owner: item.owner } : {}),
      },
    ]),
  );
  const items = next.items.map((item) => ({ ...item, ticks: [], ...kept.get(item.id) }));
  const sameItems =
    current.topology === next.topology &&
    JSON.stringify(current.items.map(({ ticks: _t, owner: _o, ...item }) => item)) === JSON.stringify(next.items);
  return {
    ...current,
    topology: next.topology,
    title: TOPOLOGIES[next.topology].title,
    items,
    version: sameItems ? current.version : current.version + 1,
    audience: uniqueCapped([...current.audience, next.createdBy.id, ...next.members.map((m) => m.id)]),
    members: next.members.length > 0 ? membersOf(next.members) : current.members,
    updatedAt: next.at,
  };
}

export type ChecklistChangeRefusal =
  | { reason: 'stale-version'; cardVersion: number; currentVersion: number }
  | { reason: 'unknown-item'; itemId: string }
  | { reason: 'not-a-member'; userId: string };

/** Thrown out of a storage update to abort it (a tick, an owner): nothing is written. */
export class ChecklistChangeRefused extends Error {
  override readonly name = 'ChecklistChangeRefused';
  constructor(readonly refusal: ChecklistChangeRefusal) {
    super(
      refusal.reason === 'stale-version'
        ? 'the card is from an older version'
        : refusal.reason === 'unknown-item'
          ? `no item ${refusal.itemId}`
          : 'not a member of the conversation',
    );
  }
}

/** The item a card action names, on the version the card shows; throws ChecklistChangeRefused otherwise. */
export function itemIndexFor(checklist: Checklist, request: { itemId: string; version: number }): number {
  if (request.version !== checklist.version) {
    throw new ChecklistChangeRefused({
      reason: 'stale-version',
      cardVersion: request.version,
      currentVersion: checklist.version,
    });
  }
  const index = checklist.items.findIndex((item) => item.id === request.itemId);
  if (index < 0) throw new ChecklistChangeRefused({ reason: 'unknown-item', itemId: request.itemId });
  return index;
}

export interface TickRequest {
  itemId: string;
  /** The checklist version the card was rendered from. */
  version: number;
  user: ChecklistUser;
  at: string;
}

export interface TickOutcome {
  checklist: Checklist;
  /** true: the user's tick was added; false: the user's earlier tick was removed. */
  ticked: boolean;
}

/**
 * Toggles the user's own tick on an item: a tick that counts is removed; otherwise the user's tick (a new one, or
 * one made before the item changed) is set on the item as it is now. Throws ChecklistChangeRefused for a stale card
 * or an item not on the checklist.
 */
export function toggleTick(checklist: Checklist, request: TickRequest): TickOutcome {
  const index = itemIndexFor(checklist, request);
  const item = checklist.items[index];
  const mine = item.ticks.find((t) => t.userId === request.user.id);
  const untick = mine !== undefined && isCurrentTick(mine, item);
  const others = item.ticks.filter((t) => t.userId !== request.user.id);
  const tick = { userId: request.user.id, name: request.user.name, at: request.at, itemHash: itemContentHash(item) };
  const ticks = untick ? others : [...others, tick];
  const items = checklist.items.map((it, i) => (i === index ? { ...it, ticks } : it));
  return {
    ticked: !untick,
    checklist: { ...checklist, items, revision: checklist.revision + 1, updatedAt: request.at },
  };
}

export interface ChecklistProgress {
  /** Items ticked as they are now, but for those the last verification found failing. */
  done: number;
  total: number;
  /** Items whose checks all passed in the last verification. */
  confirmed: number;
}

/** What the last verification found for the item as it is now; undefined when it judged none, or another content. */
export function findingOf(checklist: Checklist, item: ChecklistItem): ItemFinding | undefined {
  const finding = checklist.verification?.findings[item.id];
  return finding && finding.itemHash === itemContentHash(item) ? finding : undefined;
}

/**
 * An item is done once anyone ticked it as it is now (a tick of an item that changed since does not count), unless
 * the last verification found it failing: the checklist never claims more than that verification saw.
 */
export function progress(checklist: Checklist): ChecklistProgress {
  const status = (item: ChecklistItem) => findingOf(checklist, item)?.status;
  const done = checklist.items.filter(
    (item) => item.ticks.some((t) => isCurrentTick(t, item)) && status(item) !== 'fail',
  ).length;
  const confirmed = checklist.items.filter((item) => status(item) === 'pass').length;
  return { done, total: checklist.items.length, confirmed };
}

/** The users whose cards refresh automatically: those who ticked first, then the conversation's members; at most 60. */
export function refreshUserIds(checklist: Checklist): string[] {
  const tickers = checklist.items.flatMap((item) => item.ticks.map((t) => t.userId));
  return uniqueCapped([...tickers, ...checklist.audience]);
}

function uniqueCapped(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => id !== '' && id.length <= MAX_USER_ID_CHARS))].slice(0, MAX_REFRESH_USERS);
}
