// NSG allow rules proposed by one verification, planned together: each gets a priority no rule of its NSG and
// direction holds (existing or proposed: Azure refuses two rules with one priority and direction) and a name no rule of
// the NSG has (a create with an existing name would replace the customer's rule), placed before every rule that may
// deny its flow. Where no priority is free before that rule, the rule is moved to a later priority instead of being
// deleted, and the evidence says what it still denies and what the move lets through. Proposed rules only allow, and
// a moved rule only moves later: nothing the migration needs is shadowed.
import { quoteArg as q, rgOf, ruleName } from './az-fixes';
import { FixLine, NsgRuleFields, changeLine } from './changes';
import { Flow, NsgLayer, firstRuleThatMayBlock, rulesInOrder } from './nsg-evaluator';
import { NetworkSecurityGroup, RuleDirection, RuleProtocol, SecurityRule } from './model';

export const MIN_PRIORITY = 100;
export const MAX_PRIORITY = 4096;

/** What the allow rule must name; its priority and final name are chosen by the planner. */
export interface WantedAllow {
  name: string;
  /** The priority the rule tables give it, taken when free and early enough. */
  preferred?: number;
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[];
}

export type AllowPlan = { lines: FixLine[]; evidence: string[] } | { problem: string };

/** The NSG as it will be once the rules planned so far exist. */
interface NsgView {
  nsg: NetworkSecurityGroup;
  names: Set<string>;
  /** Names of the rules planned here (not the customer's). */
  ours: Set<string>;
  plans: Map<string, { lines: FixLine[]; evidence: string[] }>;
}

function scope(rule: SecurityRule): string {
  const list = (v: string[]) => (v.length ? v.join(', ') : 'none');
  const protocol = rule.protocol === '*' ? 'any protocol' : rule.protocol.toUpperCase();
  const ports = rule.destinationPortRanges.join(', ');
  return (
    `${protocol} from ${list([...rule.sourceAddressPrefixes, ...rule.sourceApplicationSecurityGroups])} ` +
    `to ${list([...rule.destinationAddressPrefixes, ...rule.destinationApplicationSecurityGroups])} ` +
    `${ports === '*' ? 'on any port' : `on port(s) ${ports}`}`
  );
}

export class NsgAllowPlanner {
  private readonly views = new Map<string, NsgView>();

  /** A copy to plan into; `adopt` keeps what it planned (for fixes that may be dropped). */
  fork(): NsgAllowPlanner {
    const copy = new NsgAllowPlanner();
    for (const [id, v] of this.views) {
      copy.views.set(id, {
        nsg: { ...v.nsg, securityRules: [...v.nsg.securityRules] },
        names: new Set(v.names),
        ours: new Set(v.ours),
        plans: new Map(v.plans),
      });
    }
    return copy;
  }

  adopt(fork: NsgAllowPlanner): void {
    this.views.clear();
    for (const [id, v] of fork.views) this.views.set(id, v);
  }

  private viewOf(nsg: NetworkSecurityGroup): NsgView {
    const key = nsg.id.toLowerCase();
    let view = this.views.get(key);
    if (!view) {
      view = {
        nsg: { ...nsg, securityRules: [...nsg.securityRules] },
        names: new Set(nsg.securityRules.map((r) => r.name.toLowerCase())),
        ours: new Set(),
        plans: new Map(),
      };
      this.views.set(key, view);
    }
    return view;
  }

  /**
   * Plans an allow rule for the whole flow in the layer's NSG. `label` names the flow for evidence. The same rule asked
   * twice (two checks needing one flow) is planned once and returned with the same lines.
   */
  plan(layer: NsgLayer & { nsg: NetworkSecurityGroup }, flow: Flow, wanted: WantedAllow, label: string): AllowPlan {
    const view = this.viewOf(layer.nsg);
    const direction = flow.direction;
    const key = JSON.stringify([direction, wanted.protocol, wanted.sources, wanted.destinations, wanted.ports]);
    const done = view.plans.get(key);
    if (done) return done;
    const lines: FixLine[] = [];
    const evidence: string[] = [];
    const moves = new Map<string, { from: number; line: number; evidence: number }>();
    for (;;) {
      const blocking = firstRuleThatMayBlock(view.nsg, flow, layer.context);
      const bound = blocking?.priority ?? MAX_PRIORITY + 1;
      const slot = this.freeSlot(view, direction, bound, wanted.preferred);
      if (slot !== undefined) {
        const rule: NsgRuleFields = {
          name: this.uniqueName(view, wanted),
          priority: slot,
          direction,
          access: 'Allow',
          protocol: wanted.protocol as RuleProtocol,
          sourceAddressPrefixes: wanted.sources,
          sourcePortRanges: ['*'],
          destinationAddressPrefixes: wanted.destinations,
          destinationPortRanges: wanted.ports,
        };
        view.nsg.securityRules.push({
          ...rule,
          sourceApplicationSecurityGroups: [],
          destinationApplicationSecurityGroups: [],
        });
        view.names.add(rule.name.toLowerCase());
        view.ours.add(rule.name.toLowerCase());
        lines.push(changeLine({ kind: 'nsg-rule-create', nsgId: layer.nsg.id, rule }));
        const plan = { lines, evidence };
        view.plans.set(key, plan);
        return plan;
      }
      if (!blocking)
        return { problem: `no priority is free in NSG ${layer.nsg.name} (${direction}) for a rule allowing ${label}` };
      // The rule that blocks moves to the first free priority after the one the new rule will take (its own, or the
      // first free one when it sits below the lowest priority a rule may have).
      const taken = this.usedPriorities(view, direction);
      let freed = blocking.priority;
      while (freed < MIN_PRIORITY || (freed !== blocking.priority && taken.has(freed))) freed++;
      const to = this.nextFree(view, direction, freed);
      if (to === undefined) {
        return {
          problem:
            `no priority is free in NSG ${layer.nsg.name} (${direction}) for a rule allowing ${label} before ` +
            `${blocking.name} (${blocking.priority}), nor after it to move it to`,
        };
      }
      const earlier = moves.get(blocking.name.toLowerCase());
      const moved = this.move(view, blocking, to, label, earlier?.from ?? blocking.priority);
      if (earlier) {
        // one command per rule moved, from the priority it had to the last one
        lines[earlier.line] = changeLine(moved.change, moved.note);
        evidence[earlier.evidence] = moved.evidence;
      } else {
        moves.set(blocking.name.toLowerCase(), {
          from: blocking.priority,
          line: lines.length,
          evidence: evidence.length,
        });
        lines.push(changeLine(moved.change, moved.note));
        evidence.push(moved.evidence);
      }
    }
  }

  /** The preferred priority when free and before the bound, else the latest free one before it (after the rules the
   * customer put first, so their precedence stays); undefined when none is free. */
  private freeSlot(view: NsgView, direction: RuleDirection, bound: number, preferred?: number): number | undefined {
    const used = this.usedPriorities(view, direction);
    if (preferred !== undefined && preferred >= MIN_PRIORITY && preferred < bound && !used.has(preferred)) {
      return preferred;
    }
    for (let p = Math.min(bound - 1, MAX_PRIORITY); p >= MIN_PRIORITY; p--) if (!used.has(p)) return p;
    return undefined;
  }

  private usedPriorities(view: NsgView, direction: RuleDirection): Set<number> {
    return new Set(view.nsg.securityRules.filter((r) => r.direction === direction).map((r) => r.priority));
  }

  private nextFree(view: NsgView, direction: RuleDirection, after: number): number | undefined {
    const used = this.usedPriorities(view, direction);
    for (let p = Math.max(after + 1, MIN_PRIORITY); p <= MAX_PRIORITY; p++) if (!used.has(p)) return p;
    return undefined;
  }

  private uniqueName(view: NsgView, wanted: WantedAllow): string {
    const free = (name: string) => !view.names.has(name.toLowerCase());
    if (free(wanted.name)) return wanted.name;
    const ports = ruleName(wanted.ports.join('-'));
    const withPorts = `${wanted.name}-${ports}`;
    if (!wanted.name.endsWith(ports) && free(withPorts)) return withPorts;
    for (let n = 2; ; n++) if (free(`${wanted.name}-${n}`)) return `${wanted.name}-${n}`;
  }

  /**
   * Moves the rule that blocks to a later free priority, keeping what it denies, and says what that changes: the
   * customer's rules it now comes after (`from` is the priority it has in the inventory).
   */
  private move(view: NsgView, rule: SecurityRule, to: number, label: string, from: number) {
    const jumped = rulesInOrder(view.nsg, rule.direction).filter(
      (r) =>
        r.priority > from &&
        r.priority < to &&
        r !== rule &&
        view.nsg.securityRules.includes(r) &&
        !view.ours.has(r.name.toLowerCase()),
    );
    const index = view.nsg.securityRules.indexOf(rule);
    view.nsg.securityRules[index] = { ...rule, priority: to };
    const opened = jumped.filter((r) => r.access === 'Allow');
    const what = `${rule.name} (${rule.access}, ${scope(rule)})`;
    const evidence =
      `NSG ${view.nsg.name}: no priority is free before ${rule.name} (${from}) for a rule allowing ${label}, so ` +
      `${rule.name} moves from ${from} to ${to} rather than being deleted; it still ${rule.access === 'Deny' ? 'denies' : 'decides'} ` +
      `${scope(rule)}, except what the rules now before it allow` +
      (opened.length
        ? `: moving it after ${opened.map((r) => `${r.name} (${r.priority}, ${scope(r)})`).join('; ')} lets through ` +
          `what ${opened.length === 1 ? 'that rule allows' : 'those rules allow'} and it denied`
        : ' (no rule of the customer lies between)');
    return {
      change: { kind: 'nsg-rule-update' as const, nsgId: view.nsg.id, ruleName: rule.name, priority: to },
      note:
        `moves ${what} from ${from} to ${to} so that the allow rule for ${label} comes before it; it keeps deciding the rest` +
        (opened.length ? `, after ${opened.map((r) => r.name).join(', ')}` : ''),
      evidence,
    };
  }
}

/** Words for a planner problem's command: the NSG's rules, to free a priority by hand. */
export function listRulesCommand(nsg: NetworkSecurityGroup): string {
  return `az network nsg rule list -g ${q(rgOf(nsg))} --nsg-name ${q(nsg.name)} -o table`;
}
