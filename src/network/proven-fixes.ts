// Fixes that are proven: the changes every check that does not pass proposes, merged and put in the order they must
// run, are applied to a copy of the inventory and the network is verified again. The outcome says, for the whole set,
// "after these N commands every check passes", or which checks still do not pass and why: a value only the user has
// (a placeholder, a shared key), a value Azure creates when the command runs, something beyond Azure Resource Manager
// (an appliance, on-premises), something the inventory cannot show, an input verify was not given, or no command at
// all. What stands in the way is structured (`reason`, `input`, `storageAccount`) for each surface to word.
import { applyChanges } from './apply-changes';
import { commandOf } from './change-commands';
import {
  type FixChange,
  type InventoryChange,
  changeKey,
  effectKnownAfterwards,
  runOrder,
  valuesNeeded,
} from './changes';
import { VerifyInputError, type VerifyInputField } from './errors';
import type { Inventory } from './model';
import type { CheckRoute, CheckStatus } from './verify-types';

/** What proving needs of a check (classic and today's DMS alike). */
export interface ProvableCheck {
  id: string;
  status: CheckStatus;
  summary: string;
  fix?: string;
  changes?: FixChange[];
  route?: CheckRoute;
  /** The input that would decide it, when it was not given (`Check.input`). */
  input?: VerifyInputField;
  /** The storage account it is about, for the checks run once per account (the current DMS). */
  storageAccount?: string;
}

export const REMAINING_REASONS = [
  'needs-values',
  'after-it-runs',
  'outside-azure',
  'not-in-inventory',
  'needs-input',
  'no-command',
  'further-changes',
  'not-fixed',
] as const;
export type RemainingReason = (typeof REMAINING_REASONS)[number];

export interface RemainingCheck {
  id: string;
  /** Its status once the commands have run. */
  status: CheckStatus;
  summary: string;
  reason: RemainingReason;
  /** In words: what stands in the way, and what to do. */
  why: string;
  /** Its changes that need values only the user has: the command, with those values as placeholders. */
  needs?: { command: string; values: string[] }[];
  /** With reason `needs-input`: the input that was not given and decides it (each surface says how to give it). */
  input?: VerifyInputField;
  /** The storage account it is about, for the checks run once per account. */
  storageAccount?: string;
}

/** Its id, with the storage account for a check run once per account: `shir-upload-path (storage account st1)`. */
export function remainingName(r: Pick<RemainingCheck, 'id' | 'storageAccount'>): string {
  return r.storageAccount === undefined ? r.id : `${r.id} (storage account ${r.storageAccount})`;
}

export interface ProvenChange extends FixChange {
  /** The checks that propose it. */
  checks: string[];
  /** Why what it does is known only once it has run (it is not applied in memory). */
  knownAfterwards?: string;
}

export interface FixesOutcome {
  /** `all-pass`: every check passes after the commands; `warnings`: none fails, some warn or are unknown. */
  result: 'all-pass' | 'warnings' | 'failures';
  summary: string;
  /** The commands, each change once, in the order they must run. */
  changes: ProvenChange[];
  /** Checks that do not pass once the commands have run, each with why. */
  remaining: RemainingCheck[];
  /** Checks that passed before the commands and do not after (none should fail: that would be a bug of a fix). */
  worse: { id: string; before: CheckStatus; after: CheckStatus; summary: string }[];
  /** Changes Azure would refuse (a bug of a fix): the command, the field at fault and why. */
  refused?: { command: string; field: string; message: string }[];
}

const SEVERITY: Record<CheckStatus, number> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

const MERGED_LISTS: Partial<Record<InventoryChange['kind'], string[]>> = {
  'subnet-update': ['serviceEndpoints', 'delegations'],
  'local-gateway-update': ['addressPrefixes'],
};

/** Changes to one target that must become one command, or the later would undo the earlier (lists az replaces). */
function targetKey(c: InventoryChange): string | undefined {
  switch (c.kind) {
    case 'subnet-update':
      return `${c.kind}|${c.subnetId.toLowerCase()}`;
    case 'local-gateway-update':
      return `${c.kind}|${c.localNetworkGatewayId.toLowerCase()}`;
    case 'storage-account-update':
      return `${c.kind}|${c.storageAccountId.toLowerCase()}`;
    case 'nsg-rule-update':
      return `${c.kind}|${c.nsgId.toLowerCase()}|${c.ruleName.toLowerCase()}`;
    case 'peering-update':
      return `${c.kind}|${c.vnetId.toLowerCase()}|${c.name.toLowerCase()}`;
    default:
      return undefined;
  }
}

/** Microsoft.Storage.Global covers Microsoft.Storage, and a subnet cannot have both. */
function endpointsUnion(a: string[], b: string[]): string[] {
  const all = [...new Set([...a, ...b])];
  return all.some((e) => e.toLowerCase() === 'microsoft.storage.global')
    ? all.filter((e) => e.toLowerCase() !== 'microsoft.storage')
    : all;
}

function merge(a: InventoryChange, b: InventoryChange): InventoryChange {
  const merged = { ...a, ...b } as Record<string, unknown>;
  for (const key of MERGED_LISTS[a.kind] ?? []) {
    const x = (a as unknown as Record<string, string[] | undefined>)[key];
    const y = (b as unknown as Record<string, string[] | undefined>)[key];
    if (x && y) merged[key] = key === 'serviceEndpoints' ? endpointsUnion(x, y) : [...new Set([...x, ...y])];
  }
  if (a.kind === 'storage-account-update' && b.kind === 'storage-account-update' && a.tags && b.tags) {
    merged.tags = { ...a.tags, ...b.tags };
  }
  return merged as unknown as InventoryChange;
}

/** The changes of the checks that do not pass: each once, one command per target, in the order they must run. */
export function proposedChanges(checks: readonly ProvableCheck[]): ProvenChange[] {
  const byKey = new Map<string, ProvenChange>();
  for (const check of checks) {
    if (check.status === 'pass') continue;
    for (const fc of check.changes ?? []) {
      const key = targetKey(fc.change) ?? changeKey(fc.change);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { ...fc, checks: [check.id] });
        continue;
      }
      if (!seen.checks.includes(check.id)) seen.checks.push(check.id);
      if (changeKey(seen.change) === changeKey(fc.change)) continue;
      const change = merge(seen.change, fc.change);
      const needs = valuesNeeded(change);
      byKey.set(key, { change, command: commandOf(change), ...(needs.length ? { needs } : {}), checks: seen.checks });
    }
  }
  return [...byKey.values()]
    .map((c) => {
      const later = effectKnownAfterwards(c.change);
      return later ? { ...c, knownAfterwards: later } : c;
    })
    .sort((a, b) => runOrder(a.change.kind) - runOrder(b.change.kind));
}

function keyed<C extends ProvableCheck>(checks: readonly C[]): Map<string, C> {
  const count = new Map<string, number>();
  return new Map(
    checks.map((c) => {
      const n = (count.get(c.id) ?? 0) + 1;
      count.set(c.id, n);
      return [`${c.id}#${n}`, c];
    }),
  );
}

/** The command's name, up to its first option: 'az network vpn-connection create'. */
function head(command: string): string {
  const words = command.split(' ');
  const first = words.findIndex((w) => w.startsWith('-'));
  return words.slice(0, first < 0 ? words.length : first).join(' ');
}

function remainingOf(
  before: ProvableCheck | undefined,
  after: ProvableCheck,
  made: ReadonlySet<string>,
): RemainingCheck {
  const base = {
    id: after.id,
    status: after.status,
    summary: after.summary,
    ...(after.storageAccount !== undefined ? { storageAccount: after.storageAccount } : {}),
  };
  const changes = before?.changes ?? [];
  const needing = [...changes, ...(after.changes ?? [])].filter(
    (c, i, all) => c.needs?.length && all.findIndex((x) => x.command === c.command) === i,
  );
  const needs = needing.map((c) => ({ command: c.command, values: c.needs! }));
  if (after.status === 'unknown' && after.input) {
    return {
      ...base,
      reason: 'needs-input',
      input: after.input,
      why: `an input that was not given decides it (${after.input}): give it, then verify again`,
      ...(needs.length ? { needs } : {}),
    };
  }
  if (needing.length) {
    const values = [...new Set(needing.flatMap((c) => c.needs!))];
    return {
      ...base,
      reason: 'needs-values',
      why:
        `needs values only you have (${values.join(', ')}): fill them in, run ` +
        `${needing.map((c) => head(c.command)).join('; ')}, then verify again`,
      needs,
    };
  }
  const later = changes.map((c) => effectKnownAfterwards(c.change)).find(Boolean);
  if (later) return { ...base, reason: 'after-it-runs', why: later };
  const route = after.route;
  if (route && route.status !== 'pass' && ['appliance', 'gateway', 'internet'].includes(route.outcome)) {
    const hop = route.nextHopIpAddress ? ` at ${route.nextHopIpAddress}` : '';
    return {
      ...base,
      reason: 'outside-azure',
      why:
        `beyond Azure Resource Manager: the ${route.outcome === 'internet' ? 'Internet path' : `${route.outcome}${hop}`} ` +
        'decides the rest (its routes and rules, or an on-premises firewall): no az command here can change it',
    };
  }
  if (after.status === 'unknown') {
    const find = after.fix ? `; find out with: ${after.fix.split('\n')[0]}` : '';
    return { ...base, reason: 'not-in-inventory', why: `the inventory cannot show what decides it${find}` };
  }
  const further = (after.changes ?? []).filter((c) => !c.needs?.length && !made.has(changeKey(c.change)));
  if (further.length) {
    return {
      ...base,
      reason: 'further-changes',
      why: `once these commands have run it proposes more: ${further.map((c) => head(c.command)).join('; ')} (verify again then)`,
    };
  }
  if (changes.length === 0) {
    return {
      ...base,
      reason: 'no-command',
      why: after.fix
        ? `no change to the network makes it pass; see its fix: ${after.fix.split('\n')[0]}`
        : 'no change to the network makes it pass: see the summary',
    };
  }
  return {
    ...base,
    reason: 'not-fixed',
    why: 'the proposed changes do not make it pass (a bug of verify: please report it with the snapshot)',
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryOf(result: FixesOutcome['result'], commands: number, remaining: RemainingCheck[]): string {
  const ids = (list: RemainingCheck[]) => [...new Set(list.map((r) => r.id))].join(', ');
  const failing = remaining.filter((r) => r.status === 'fail');
  const after = `after ${commands === 1 ? 'this command' : `these ${commands} commands`}`;
  if (result === 'all-pass') return commands === 0 ? 'every check passes' : `${after} every check passes`;
  if (result === 'failures') {
    const count = `${plural(failing.length, 'check')} ${failing.length === 1 ? 'fails' : 'fail'}`;
    return commands === 0
      ? `${count}; no command here can fix ${failing.length === 1 ? 'it' : 'them'} alone (see why): ${ids(failing)}`
      : `${after} ${plural(failing.length, 'check')} still ${failing.length === 1 ? 'fails' : 'fail'}: ${ids(failing)}`;
  }
  const warns = `${plural(remaining.length, 'check')} ${remaining.length === 1 ? 'warns or cannot be decided' : 'warn or cannot be decided'}`;
  return commands === 0
    ? `no check fails; ${warns} and no command here changes that: ${ids(remaining)}`
    : `${after} no check fails; ${plural(remaining.length, 'check')} still ${remaining.length === 1 ? 'warns or cannot be decided' : 'warn or cannot be decided'}: ${ids(remaining)}`;
}

/**
 * Rounds of changes at most: a change can let another check see what it could not before (storage opened to the
 * public network by one check, reached through its firewall by another): the checks that still fail after a round
 * propose the next, so the script holds them too, in the order they must run.
 */
const MAX_ROUNDS = 3;

/**
 * Applies the proposed changes to a copy of the inventory and verifies again with `verifyAgain`, which must verify
 * the same migration (same options) as the verification that gave `checks`.
 */
export function proveFixes<C extends ProvableCheck>(
  inventory: Inventory,
  checks: readonly C[],
  verifyAgain: (inventory: Inventory) => readonly C[],
): FixesOutcome {
  const inScript: ProvenChange[] = [];
  const seen = new Set<string>();
  let refused: FixesOutcome['refused'];
  let after: readonly C[] = checks;
  let changed = inventory;
  let proposals = proposedChanges(checks);
  for (let round = 1; ; round++) {
    const next = proposals.filter((c) => !c.needs?.length && !seen.has(changeKey(c.change)));
    if (next.length === 0) break;
    for (const c of next) seen.add(changeKey(c.change));
    inScript.push(...next);
    const applicable = next.filter((c) => !c.knownAfterwards);
    if (applicable.length === 0) break;
    const applied = applyChanges(
      changed,
      applicable.map((c) => c.change),
    );
    if (applied.problems.length) {
      refused = [
        ...(refused ?? []),
        ...applied.problems.map((p) => ({ command: applicable[p.index].command, field: p.field, message: p.message })),
      ];
    }
    changed = applied.inventory;
    try {
      after = verifyAgain(changed);
    } catch (e) {
      if (!(e instanceof VerifyInputError)) throw e;
      return {
        result: 'failures',
        summary: `after these changes the network could not be verified again: ${e.message}`,
        changes: inScript,
        remaining: [],
        worse: [],
        refused: [...(refused ?? []), { command: '', field: '', message: e.message }],
      };
    }
    if (round === MAX_ROUNDS) break;
    proposals = proposedChanges(after.filter((c) => c.status === 'fail'));
  }
  const before = keyed(checks);
  const remaining: RemainingCheck[] = [];
  const worse: FixesOutcome['worse'] = [];
  for (const [key, a] of keyed(after)) {
    const b = before.get(key);
    if (a.status !== 'pass') remaining.push(remainingOf(b, a, seen));
    if (b && SEVERITY[a.status] > SEVERITY[b.status] && b.status === 'pass') {
      worse.push({ id: a.id, before: b.status, after: a.status, summary: a.summary });
    }
  }
  const result: FixesOutcome['result'] = remaining.some((r) => r.status === 'fail')
    ? 'failures'
    : remaining.length
      ? 'warnings'
      : 'all-pass';
  return {
    result,
    summary: summaryOf(result, inScript.length, remaining),
    changes: inScript,
    remaining,
    worse,
    ...(refused ? { refused } : {}),
  };
}
