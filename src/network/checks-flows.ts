// One check per required flow of the DMS subnet (derived from planning's requiredRules, so plan and
// verify never disagree), and the MI subnet's inbound from DMS.
import { requiredRules } from '../planning/rules';
import type { NsgRuleSpec } from '../planning/types';
import { quoteArg as q, rgOf, ruleName, shellComment } from './az-fixes';
import { FixLine, commandLine, commentLine } from './changes';
import { cidrSet, ipv4Prefixes } from './cidr';
import { FlowRoute, checkRouteOf, routeFixes } from './flow-routes';
import { withFix } from './fix-lines';
import { flowBox } from './flow-space';
import { CheckedFlow, JudgedFlow, judgeFlow, summaryOf } from './flow-verdict';
import { IntervalSet, isEmpty } from './intervals';
import { listRulesCommand } from './nsg-allow-planner';
import { parseServiceTag } from './service-tags';
import { FlowEndpoint, NsgLayer, describeRule, evaluateFlow, parsePorts } from './nsg-evaluator';
import { RuleDirection } from './model';
import { VerifyContext, subnetLayers } from './verify-context';
import { Check, CheckId, CheckStatus, worstStatus } from './verify-types';

/** Seed destinations 'Any' of the management and diagnostics rules are in fact these Azure services. */
const SERVICES_BEHIND_ANY: Record<string, string[]> = {
  '443': ['ServiceBus', 'Storage'],
  '9354': ['ServiceBus'],
  '12000': ['AzureMonitor'],
};

function checkIdOf(spec: NsgRuleSpec, port: string): CheckId {
  switch (spec.id) {
    case 'dms-subnet-inbound':
      return 'nsg-dms-subnet-inbound';
    case 'management':
      return port === '9354' ? 'nsg-management-9354' : 'nsg-management-443';
    case 'diagnostics':
      return 'nsg-diagnostics-12000';
    case 'sql-source':
      return 'nsg-sql-source';
    case 'sql-named-instance':
      return 'nsg-sql-named-instance';
    case 'smb-share':
      return 'nsg-smb-share';
    case 'dms-subnet-outbound':
      return 'nsg-dms-subnet-outbound';
  }
}

export function flowsOfSpec(
  ctx: VerifyContext,
  spec: NsgRuleSpec,
  dmsSubnet: FlowEndpoint,
): { id: CheckId; flow: CheckedFlow }[] {
  const direction: RuleDirection = spec.direction;
  const layers = subnetLayers(
    ctx.index,
    ctx.placement.dmsSubnet,
    ctx.dmsContext,
    direction,
    ctx.placement.dms.networkInterfaceNsgId,
  );
  const dmsCidrs = ipv4Prefixes(ctx.placement.dmsSubnet.subnet.addressPrefixes);
  const region = ctx.dmsVnet.location;
  const out: { id: CheckId; flow: CheckedFlow }[] = [];
  const make = (
    id: CheckId,
    port: string,
    destination: FlowEndpoint,
    destinations: string[],
    label: string,
    route: FlowRoute,
  ): void => {
    out.push({
      id,
      flow: {
        label,
        route,
        flow: {
          direction,
          protocol: spec.protocol,
          source: dmsSubnet,
          destination,
          destinationPorts: parsePorts([port]),
        },
        fix: {
          name: ruleName(`${spec.name}-${port === '*' ? 'any' : port}`),
          priority: spec.priority,
          protocol: spec.protocol,
          sources: direction === 'Inbound' ? dmsCidrs : ['*'],
          destinations,
          ports: [port],
        },
        layers,
      },
    });
  };
  for (const port of spec.ports) {
    const id = checkIdOf(spec, port);
    const proto = spec.protocol === '*' ? 'any protocol' : spec.protocol.toUpperCase();
    const portText = port === '*' ? 'any port' : `${proto} ${port}`;
    const toRanges = (ranges: IntervalSet, what: string): FlowRoute => ({
      routes: ctx.dmsRoutes,
      target: { kind: 'ranges', ranges, what },
    });
    if (spec.id === 'dms-subnet-inbound' || spec.id === 'dms-subnet-outbound') {
      const label = `${spec.direction.toLowerCase()} ${portText} DMS subnet → DMS subnet`;
      make(id, port, dmsSubnet, dmsCidrs, label, toRanges(cidrSet(dmsCidrs), 'the DMS subnet'));
    } else if (spec.id === 'sql-source' || spec.id === 'sql-named-instance' || spec.id === 'smb-share') {
      if (!ctx.sourceRanges) continue; // reported as unknown by the caller
      const dest: FlowEndpoint = { kind: 'ranges', ranges: ctx.sourceRanges.ranges };
      const label = `${portText} to the source ${ctx.sourceRanges.cidrs.join(', ')}`;
      make(id, port, dest, ctx.sourceRanges.cidrs, label, toRanges(ctx.sourceRanges.ranges, 'the source'));
    } else {
      const tag = parseServiceTag(spec.destination);
      const services = spec.destination === '*' ? (SERVICES_BEHIND_ANY[port] ?? ['AzureCloud']) : tag ? [tag.base] : [];
      for (const service of services) {
        make(
          id,
          port,
          { kind: 'service', tag: service, region },
          spec.destination === '*' ? ['*'] : [spec.destination],
          `${portText} to ${service}`,
          { routes: ctx.dmsRoutes, target: { kind: 'service', tag: service, region }, azure: true },
        );
      }
      if (!tag && spec.destination !== '*') {
        const cidrs = spec.destination.split(',').map((s) => s.trim());
        const ranges = cidrSet(cidrs);
        make(
          id,
          port,
          { kind: 'ranges', ranges },
          cidrs,
          `${portText} to ${spec.destination}`,
          toRanges(ranges, spec.destination),
        );
      }
    }
  }
  return out;
}

/** A flow check and its fix lines apart (the MI check adds the lines of its port range to its own). */
export function flowCheckWithLines(
  ctx: VerifyContext,
  id: CheckId,
  title: string,
  flows: CheckedFlow[],
): { check: Check; lines: FixLine[] } {
  const evidence: string[] = [];
  const statuses: CheckStatus[] = [];
  const lines: FixLine[] = [];
  const judged: JudgedFlow[] = [];
  const allowedBy: string[] = [];
  for (const f of flows) {
    for (const note of f.layers.notes) if (!evidence.includes(note)) evidence.push(note);
    if (f.layers.missing.length) {
      statuses.push('unknown');
      evidence.push(`${f.label}: NSG ${f.layers.missing.join(', ')} is attached but not in the inventory`);
      lines.push(commandLine(`az network nsg show --ids ${f.layers.missing.map(q).join(' ')} --query securityRules`));
      continue;
    }
    const j = judgeFlow(ctx, f, evidence);
    judged.push(j);
    statuses.push(j.status);
    for (const p of j.nsg.parts) {
      const by = p.outcome === 'allow' && p.rule ? describeRule(p.rule) : undefined;
      if (by && !allowedBy.includes(by)) allowedBy.push(by);
    }
    if (j.route && f.route && j.routeStatus !== 'pass') {
      const text = `${f.flow.protocol === '*' ? 'the traffic' : f.flow.protocol.toUpperCase()} ${f.fix.ports.join(',')}`;
      lines.push(...routeFixes(f.route, j.route, j.missing, text));
    }
    if (j.nsgStatus !== 'pass') lines.push(...allowLines(ctx, j, evidence));
  }
  const status = worstStatus(statuses);
  const worstBy = (key: 'nsgStatus' | 'routeStatus') =>
    judged.reduce<JudgedFlow | undefined>(
      (w, j) => (!w || worstStatus([w[key], j[key]]) !== w[key] ? j : w),
      undefined,
    );
  const worstNsg = worstBy('nsgStatus');
  const worstRoute = worstBy('routeStatus');
  const rule = worstNsg?.nsg.decidingRule;
  const routed = judged.filter((j) => j.route);
  const decidingRoute = worstRoute?.route ? worstRoute : routed[0];
  const check: Check = {
    id,
    status,
    summary: summaryOf(title, status, { rule, allowedBy, worstNsg, worstRoute }),
    evidence,
    ...(rule ? { rule: { nsg: rule.nsg, name: rule.name, priority: rule.priority } } : {}),
    ...(decidingRoute?.route ? { route: checkRouteOf(decidingRoute.route, decidingRoute.missing) } : {}),
    nsgStatus: worstStatus([
      ...judged.map((j) => j.nsgStatus),
      ...(judged.length < flows.length ? ['unknown' as const] : []),
    ]),
  };
  return { check, lines };
}

export function flowCheck(ctx: VerifyContext, id: CheckId, title: string, flows: CheckedFlow[]): Check {
  const { check, lines } = flowCheckWithLines(ctx, id, title, flows);
  return withFix(check, lines);
}

/**
 * An allow rule in each NSG that, on its own, does not allow the whole flow, placed before every rule of that NSG that
 * may deny it (NSG layers are judged one by one: a subnet NSG and a NIC NSG may both deny it).
 */
function allowLines(ctx: VerifyContext, j: JudgedFlow, evidence: string[]): FixLine[] {
  const f = j.flow;
  if (flowBox(f.flow).some(isEmpty)) return []; // no IPv4 address: nothing a rule could name
  const lines: FixLine[] = [];
  for (const layer of j.layers) {
    const nsg = layer.nsg;
    if (!nsg || evaluateFlow(f.flow, [layer]).verdict === 'allow') continue;
    const plan = ctx.allowPlanner.plan(
      layer as NsgLayer & { nsg: typeof nsg },
      f.flow,
      { ...f.fix, preferred: f.fix.priority },
      f.label,
    );
    if ('problem' in plan) {
      evidence.push(plan.problem);
      lines.push(commandLine(listRulesCommand(nsg)));
      continue;
    }
    lines.push(...plan.lines);
    evidence.push(...plan.evidence);
  }
  return lines;
}

const TITLES: Partial<Record<CheckId, string>> = {
  'nsg-dms-subnet-inbound': 'DMS subnet inbound from the DMS subnet (DMS_subnet)',
  'nsg-management-443': 'DMS outbound TCP 443 for management (management)',
  'nsg-management-9354': 'DMS outbound TCP 9354 for management (management)',
  'nsg-diagnostics-12000': 'DMS outbound for diagnostics (Diagnostics)',
  'nsg-sql-source': 'DMS outbound to the source SQL Server (SQL Source server)',
  'nsg-sql-named-instance': 'DMS outbound UDP 1434 to the SQL Browser (SQL Server named instance)',
  'nsg-smb-share': 'DMS outbound TCP 445 to the SMB backup share (SMB share)',
  'nsg-dms-subnet-outbound': 'DMS subnet outbound to the DMS subnet (DMS_subnet)',
};

/** The checks of the chosen rule set, in the order of the rule tables. */
export function dmsFlowChecks(ctx: VerifyContext): Check[] {
  const o = ctx.options;
  const dmsCidrs = ipv4Prefixes(ctx.placement.dmsSubnet.subnet.addressPrefixes);
  const rules = requiredRules({
    dmsSubnet: dmsCidrs.join(','),
    sourceRanges: ctx.sourceRanges?.cidrs ?? [],
    sqlPort: o.sqlPort,
    namedInstance: o.namedInstance,
    smb: o.smb,
    ruleset: o.ruleset,
  });
  const dmsSubnet: FlowEndpoint = { kind: 'ranges', ranges: cidrSet(dmsCidrs), label: 'DMS subnet' };
  // One check per id, in the order of the rule tables; source flows without a source range still get theirs.
  const groups = new Map<CheckId, CheckedFlow[]>();
  for (const spec of [...rules.inbound, ...rules.outbound]) {
    for (const port of spec.ports) {
      const id = checkIdOf(spec, port);
      if (!groups.has(id)) groups.set(id, []);
    }
    for (const { id, flow } of flowsOfSpec(ctx, spec, dmsSubnet)) groups.get(id)?.push(flow);
  }
  return [...groups].map(([id, flows]) => {
    const title = TITLES[id] ?? id;
    return flows.length ? flowCheck(ctx, id, title, flows) : noSourceRangeCheck(ctx, id, title);
  });
}

function noSourceRangeCheck(ctx: VerifyContext, id: CheckId, title: string): Check {
  const cloudSource = ctx.target === 'cloud-shared-vnet' || ctx.target === 'cloud-isolated-vnet';
  return {
    id,
    status: 'unknown',
    summary: `${title}: no source address to check: the source SQL Server's address or subnet is not given`,
    evidence: [
      `no source range was given and VNet ${ctx.dmsVnet.name} reaches no local network gateway with address prefixes`,
    ],
    input: 'sourceRanges',
    // Where to find the source's address: the source VM in a cloud topology, else the on-premises prefixes.
    fix: cloudSource
      ? `az vm list-ip-addresses -o table${shellComment("the source SQL Server VM's private IP is the source range")}`
      : `az network local-gateway list -g ${q(rgOf(ctx.dmsVnet))} --query "[].{name:name, prefixes:localNetworkAddressSpace.addressPrefixes}" -o table`,
  };
}

/**
 * The MI must accept the DMS subnet on 1433; DMS must be let out to it. With Redirect, instances with the October 2025
 * change need only 1433 across the MI subnet, older ones 11000-11999 too: that range is checked apart and, when
 * blocked, only warns, and the fix does not open it by default.
 */
export function miInboundFromDmsCheck(ctx: VerifyContext): Check {
  const { placement, index } = ctx;
  const dmsCidrs = ipv4Prefixes(placement.dmsSubnet.subnet.addressPrefixes);
  const miCidrs = ipv4Prefixes(placement.miSubnet.subnet.addressPrefixes);
  const redirect = (placement.mi.proxyOverride ?? '').toLowerCase() === 'redirect';
  const flowsFor = (ports: string[]): CheckedFlow[] => {
    const base = {
      protocol: 'Tcp' as const,
      source: { kind: 'ranges' as const, ranges: cidrSet(dmsCidrs) },
      destination: { kind: 'ranges' as const, ranges: cidrSet(miCidrs) },
      destinationPorts: parsePorts(ports),
    };
    const fix = { name: 'allow-dms-to-mi', protocol: 'Tcp', sources: dmsCidrs, destinations: miCidrs, ports };
    const portText = `TCP ${ports.join(', ')}`;
    return [
      {
        label: `inbound ${portText} at MI subnet ${placement.miSubnet.subnet.name} from the DMS subnet`,
        flow: { ...base, direction: 'Inbound' },
        fix: { ...fix, priority: undefined },
        layers: subnetLayers(index, placement.miSubnet, ctx.miContext, 'Inbound'),
        // The MI's answers go back by the MI subnet's routes.
        route: {
          routes: ctx.miRoutes,
          target: { kind: 'ranges', ranges: cidrSet(dmsCidrs), what: 'the DMS subnet (the MI answering DMS)' },
        },
      },
      {
        label: `outbound ${portText} from DMS subnet ${placement.dmsSubnet.subnet.name} to the MI subnet`,
        flow: { ...base, direction: 'Outbound' },
        fix: { ...fix, name: 'allow-dms-out-to-mi', sources: ['*'] },
        layers: subnetLayers(
          index,
          placement.dmsSubnet,
          ctx.dmsContext,
          'Outbound',
          placement.dms.networkInterfaceNsgId,
        ),
        route: { routes: ctx.dmsRoutes, target: { kind: 'ranges', ranges: cidrSet(miCidrs), what: 'the MI subnet' } },
      },
    ];
  };
  const { check, lines } = flowCheckWithLines(
    ctx,
    'nsg-mi-inbound-from-dms',
    `MI ${placement.mi.name} reachable from DMS on TCP 1433`,
    flowsFor(['1433']),
  );
  check.evidence.push(
    `MI connection type (proxyOverride): ${placement.mi.proxyOverride ?? 'not reported'}; the flow is checked to the ` +
      'whole MI subnet, as redirect needs',
  );
  if (!redirect) return withFix(check, lines);
  // The range takes the route 1433 takes, judged (and fixed) by the check above: what the NSGs do with it decides here.
  // Its rules are planned apart and kept only when its fix is used.
  const planner = ctx.allowPlanner.fork();
  const range = flowCheckWithLines(
    { ...ctx, allowPlanner: planner },
    'nsg-mi-inbound-from-dms',
    'TCP 11000-11999',
    flowsFor(['11000-11999']),
  );
  const rangeNsg = range.check.nsgStatus ?? range.check.status;
  const why =
    'redirect on instances with the October 2025 change needs only 1433 across the MI subnet; instances without it ' +
    'still need 11000-11999';
  if (rangeNsg === 'pass') {
    check.evidence.push(`TCP 11000-11999 is allowed too (${why})`);
    return withFix(check, lines);
  }
  check.evidence.push(
    ...range.check.evidence,
    `TCP 11000-11999: ${range.check.summary.replace(/^TCP 11000-11999: /, '')} (${why})`,
  );
  const onlyIfOlder = 'only for an instance without the October 2025 redirect change; 1433 is enough with it';
  if (rangeNsg !== 'unknown' && (check.nsgStatus ?? check.status) === 'pass') {
    // The NSGs let 1433 through: the range is their only gap, a warning; a route that fails or cannot be decided
    // for both port sets keeps its status (as a flow's route and NSG verdicts combine).
    if (check.status === 'pass') check.status = 'warn';
    check.nsgStatus = 'warn';
    check.summary +=
      '; TCP 11000-11999 is not allowed: fine on instances with the October 2025 redirect change, needed on older ones';
    if (range.check.rule) check.rule = range.check.rule;
    // the range's NSG changes, marked as needed on older instances only, after the route's fixes if any
    ctx.allowPlanner.adopt(planner);
    const rangeRules = range.lines
      .filter((l) => l.kind === 'change' && l.change.kind.startsWith('nsg-rule-'))
      .map((l) => (l.kind === 'change' && l.change.kind === 'nsg-rule-create' ? { ...l, note: onlyIfOlder } : l));
    return withFix(check, [...lines, ...rangeRules]);
  }
  // 1433 itself is denied (or unknown): its fix stays 1433 only, with a word about the range
  return withFix(check, lines.length ? [...lines, commentLine(`11000-11999 too, ${onlyIfOlder}`)] : lines);
}
