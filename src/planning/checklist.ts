// The migration checklist as data: which items a plan's checklist has, and how ticks change it. Pure: no I/O.
import { TOPOLOGIES } from './topologies';
import type { NsgRuleSpec, RequiredRules, TopologyId } from './types';

export type ChecklistItemKind = 'step' | 'requirement' | 'rule';

export interface ChecklistItem {
  /** Stable within a plan: 'step-dms-subnet', 'req-vnet-peering', 'rule-outbound-management'. */
  id: string;
  kind: ChecklistItemKind;
  text: string;
  detail?: string;
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
}

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
  /** Members of the conversation to keep in sync through the card's refresh (at most MAX_REFRESH_USERS). */
  audience: string[];
  createdBy: ChecklistUser;
  createdAt: string;
  updatedAt: string;
}

/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;
/** Teams user ids are well under this; a longer one cannot be a user's and would only swell the card. */
const MAX_USER_ID_CHARS = 200;

const SUBNET_PLACES: Record<TopologyId, string> = {
  hybrid: "in SQL Managed Instance's virtual network, separate from MI's own subnet",
  'mi-isolated': 'in a virtual network connected to the on-premises network',
  'cloud-shared-vnet':
    "in the virtual network shared by the source VM and SQL Managed Instance, separate from MI's subnet",
  'cloud-isolated-vnet':
    "where it can reach the source VM (the source VM's virtual network or one peered with it), in a virtual network " +
    "peered with SQL Managed Instance's",
};

/** What gives the DMS subnet a route to an on-premises source (Azure docs: virtual network traffic routing). */
const GATEWAY_ROUTE =
  "The DMS subnet needs a route to the source through the gateway: a peered hub's gateway counts only with gateway " +
  "transit (allowGatewayTransit on the hub, useRemoteGateways on DMS's VNet); point-to-site clients and an " +
  'ExpressRoute gateway without a connection are no route; a route table with gateway route propagation off, or a ' +
  'route to None, takes the route away.';

const PEERING_ROUTE =
  "Peering is not transitive: two VNets peered with the same hub do not reach each other, so peer DMS's VNet " +
  'directly with each VNet it must reach (VNets whose address spaces overlap cannot be peered).';

const PEERING_STEP: ChecklistItem = {
  id: 'step-peering',
  kind: 'step',
  text: "Peer DMS's and MI's virtual networks (both directions)",
  detail: PEERING_ROUTE,
};

const CONNECTIVITY_STEPS: Record<TopologyId, ChecklistItem[]> = {
  hybrid: [
    {
      id: 'step-gateway',
      kind: 'step',
      text: "Connect MI's virtual network to on-premises (ExpressRoute or a site-to-site VPN gateway)",
      detail: GATEWAY_ROUTE,
    },
  ],
  'mi-isolated': [
    {
      id: 'step-gateway',
      kind: 'step',
      text: "Connect DMS's virtual network to on-premises (ExpressRoute or a site-to-site VPN gateway)",
      detail: GATEWAY_ROUTE,
    },
    PEERING_STEP,
  ],
  'cloud-shared-vnet': [],
  'cloud-isolated-vnet': [PEERING_STEP],
};

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function portsText(rule: NsgRuleSpec): string {
  const protocol = rule.protocol === '*' ? 'any protocol' : rule.protocol.toUpperCase();
  const ports = rule.ports.includes('*') ? 'all ports' : `port ${rule.ports.join(', ')}`;
  return `${protocol}, ${ports}`;
}

function ruleItem(rule: NsgRuleSpec): ChecklistItem {
  const direction = rule.direction.toLowerCase();
  const address = (value: string) => (value === '*' ? 'Any' : value);
  const peer = rule.direction === 'Inbound' ? `from ${address(rule.source)}` : `to ${address(rule.destination)}`;
  return {
    id: `rule-${direction}-${slug(rule.name)}`,
    kind: 'rule',
    text: `NSG ${direction} rule ${rule.name}: allow ${portsText(rule)} ${peer}`,
    detail: `Priority ${rule.priority}. ${rule.reason}`,
  };
}

/**
 * The items of a plan's checklist in working order: create the DMS subnet, confirm each requirement, set up the
 * gateway or peering, create the NSG and one item per rule (with its ports), then verify.
 */
export function checklistItems(topology: TopologyId, rules: RequiredRules, dmsSubnet?: string): ChecklistItem[] {
  const subnet = dmsSubnet ? ` (${dmsSubnet})` : '';
  const requirementItems: ChecklistItem[] = TOPOLOGIES[topology].requirements.map((r) => ({
    id: `req-${r.id}`,
    kind: 'requirement',
    text: r.text,
  }));
  return [
    {
      id: 'step-dms-subnet',
      kind: 'step',
      text: `Create the DMS subnet${subnet} ${SUBNET_PLACES[topology]}`,
    },
    ...requirementItems,
    ...CONNECTIVITY_STEPS[topology],
    { id: 'step-nsg', kind: 'step', text: 'Create an NSG with the rules below and associate it with the DMS subnet' },
    ...[...rules.inbound, ...rules.outbound].map(ruleItem),
    {
      id: 'step-verify',
      kind: 'step',
      text: 'Run verify with the subscription id(s) of MI and DMS, and fix every failing check',
      detail:
        'The bot reads the real network and says, check by check, what would block the migration: for each required ' +
        'flow, a route from the DMS subnet to the source (and to MI) as well as the NSG rules.',
    },
  ];
}

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
  audience: string[];
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
    items: input.items.map((item) => ({ ...item, ticks: [] })),
    audience: uniqueCapped([input.createdBy.id, ...input.audience]),
    createdBy: input.createdBy,
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/**
 * The same checklist for a changed plan: items keep their ticks where the item stays; the version grows only when
 * the items changed, so cards of the old item list are recognised as stale.
 */
export function replaceItems(current: Checklist, next: NewChecklist): Checklist {
  // A tick keeps the content it was made on (ticks from before hashes were recorded: the content stored until now).
  const ticksById = new Map(
    current.items.map((item) => [
      item.id,
      item.ticks.map((t) => ({ ...t, itemHash: t.itemHash ?? itemContentHash(item) })),
    ]),
  );
  const items = next.items.map((item) => ({ ...item, ticks: ticksById.get(item.id) ?? [] }));
  const sameItems =
    current.topology === next.topology &&
    JSON.stringify(current.items.map(({ ticks: _t, ...item }) => item)) === JSON.stringify(next.items);
  return {
    ...current,
    topology: next.topology,
    title: TOPOLOGIES[next.topology].title,
    items,
    version: sameItems ? current.version : current.version + 1,
    audience: uniqueCapped([...current.audience, next.createdBy.id, ...next.audience]),
    updatedAt: next.at,
  };
}

export type TickRefusal =
  { reason: 'stale-version'; cardVersion: number; currentVersion: number } | { reason: 'unknown-item'; itemId: string };

/** Thrown out of a storage update to abort it: nothing is written. */
export class TickRefused extends Error {
  override readonly name = 'TickRefused';
  constructor(readonly refusal: TickRefusal) {
    super(refusal.reason === 'stale-version' ? 'the card is from an older version' : `no item ${refusal.itemId}`);
  }
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
 * one made before the item changed) is set on the item as it is now. Throws TickRefused for a stale card or an item
 * not on the checklist.
 */
export function toggleTick(checklist: Checklist, request: TickRequest): TickOutcome {
  if (request.version !== checklist.version) {
    throw new TickRefused({
      reason: 'stale-version',
      cardVersion: request.version,
      currentVersion: checklist.version,
    });
  }
  const index = checklist.items.findIndex((item) => item.id === request.itemId);
  if (index < 0) throw new TickRefused({ reason: 'unknown-item', itemId: request.itemId });
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
  done: number;
  total: number;
}

/** An item is done once anyone ticked it as it is now (a tick of an item that changed since does not count). */
export function progress(checklist: Checklist): ChecklistProgress {
  const done = checklist.items.filter((item) => item.ticks.some((t) => isCurrentTick(t, item))).length;
  return { done, total: checklist.items.length };
}

/** The users whose cards refresh automatically: those who ticked first, then the conversation's members; at most 60. */
export function refreshUserIds(checklist: Checklist): string[] {
  const tickers = checklist.items.flatMap((item) => item.ticks.map((t) => t.userId));
  return uniqueCapped([...tickers, ...checklist.audience]);
}

function uniqueCapped(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => id !== '' && id.length <= MAX_USER_ID_CHARS))].slice(0, MAX_REFRESH_USERS);
}
