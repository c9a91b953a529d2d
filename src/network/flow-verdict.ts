// A required flow judged by its route and the NSGs together: one status, the deciding route next to the deciding
// rule, and words for the check's summary.
import { formatAddresses } from './cidr';
import { describeRoute } from './effective-routes';
import { FlowRoute, judgeRoute, missingPathOf, routeEvidence, routeStatusForCheck } from './flow-routes';
import { IntervalSet, isEmpty, subtract, union } from './intervals';
import { MissingPath } from './missing-path';
import { Flow, FlowVerdict, NsgLayer, describeRule, evaluateFlow } from './nsg-evaluator';
import { RouteVerdict, combinePartStatuses } from './reachability';
import { Layers, VerifyContext } from './verify-context';
import { CheckStatus, MissingPathKind } from './verify-types';

export interface CheckedFlow {
  label: string;
  flow: Flow;
  /** For the fix: what an allow rule must name. */
  fix: {
    name: string;
    priority?: number;
    protocol: string;
    sources: string[];
    destinations: string[];
    ports: string[];
  };
  layers: Layers;
  /** The route the flow takes; undefined for a flow whose path another flow of the check already judges. */
  route?: FlowRoute;
}

const STATUS: Record<FlowVerdict['verdict'], CheckStatus> = {
  allow: 'pass',
  deny: 'fail',
  warn: 'warn',
  unknown: 'unknown',
};

/** A flow's route and NSG verdicts as one status: no path or a deny fails; an unknown either way stays unknown. */
export function combineRouteAndNsg(route: CheckStatus, nsg: CheckStatus): CheckStatus {
  if (route === 'fail' || nsg === 'fail') return 'fail';
  if (route === 'pass') return nsg;
  if (route === 'unknown' || nsg === 'unknown') return 'unknown';
  return 'warn';
}

/** The NSG layers with these addresses in VirtualNetwork. */
function assumingInVirtualNetwork(layers: readonly NsgLayer[], learned: IntervalSet): NsgLayer[] {
  return layers.map((l) => {
    const vn = l.context.virtualNetwork;
    return {
      ...l,
      context: {
        ...l.context,
        virtualNetwork: { ...vn, known: union(vn.known, learned), uncertain: subtract(vn.uncertain, learned) },
      },
    };
  });
}

export interface JudgedFlow {
  flow: CheckedFlow;
  status: CheckStatus;
  nsg: FlowVerdict;
  nsgStatus: CheckStatus;
  /** The NSG layers as they judged the flow (with the addresses assumed in VirtualNetwork). */
  layers: NsgLayer[];
  route?: RouteVerdict;
  routeStatus: CheckStatus;
  missing?: MissingPath;
}

/** Missing paths whose fix (a peering, a gateway connection, a local gateway prefix) puts the addresses in VirtualNetwork. */
const PATHS_INTO_VIRTUAL_NETWORK: readonly MissingPathKind[] = [
  'not-peered',
  'peering-not-connected',
  'peering-not-transitive',
  'no-onprem-connection',
  'no-site-to-site-connection',
  'point-to-site-only',
  'expressroute-without-connection',
  'gateway-transit-off',
  'prefix-not-in-local-gateway',
];

/**
 * Addresses the NSGs are judged as holding in VirtualNetwork: those only BGP-learned routes may reach (if they do,
 * the tag holds them), and those a missing peering or gateway leaves out (once the fix adds it, the tag holds them),
 * so an NSG fix is proposed only when the NSGs would deny the flow even then.
 */
function assumedInVirtualNetwork(route: RouteVerdict | undefined, missing: MissingPath | undefined): IntervalSet {
  const pathAdded = !!missing && PATHS_INTO_VIRTUAL_NETWORK.includes(missing.kind);
  return (route?.parts ?? [])
    .filter(
      (p) =>
        p.addresses && (p.unlisted?.length || (pathAdded && (p.outcome === 'dropped' || p.outcome === 'internet'))),
    )
    .reduce<IntervalSet>((all, p) => union(all, p.addresses!), []);
}

export function judgeFlow(ctx: VerifyContext, f: CheckedFlow, evidence: string[]): JudgedFlow {
  const route = f.route ? judgeRoute(ctx.index, f.route) : undefined;
  const routeStatus = route && f.route ? routeStatusForCheck(f.route, route) : 'pass';
  const missing = route && f.route && routeStatus !== 'pass' ? missingPathOf(ctx.index, f.route, route) : undefined;
  const assumed = assumedInVirtualNetwork(route, missing);
  const layers = isEmpty(assumed) ? f.layers.layers : assumingInVirtualNetwork(f.layers.layers, assumed);
  const nsg = evaluateFlow(f.flow, layers);
  const nsgStatus = STATUS[nsg.verdict];
  evidence.push(`${f.label}: ${nsg.summary}`);
  if (!isEmpty(assumed)) {
    const when =
      missing && PATHS_INTO_VIRTUAL_NETWORK.includes(missing.kind)
        ? 'once the missing path exists'
        : 'if a learned route carries it';
    evidence.push(`${f.label}: NSGs judged with ${formatAddresses(assumed)} in VirtualNetwork, as it is ${when}`);
  }
  if (route && f.route) evidence.push(routeEvidence(f.label, route, f.route));
  // Parts of the destination the routes treat differently are judged apart, so a deny and a missing path that
  // fall on different parts make a partial result, and both on one part a failure.
  const groups = route && f.flow.destination.kind === 'ranges' ? statusGroups(route) : [];
  let status = combineRouteAndNsg(routeStatus, nsgStatus);
  if (groups.length > 1 && f.route && !f.route.azure) {
    const statuses = groups.map((g) => {
      const part = evaluateFlow({ ...f.flow, destination: { kind: 'ranges', ranges: g.addresses } }, layers);
      return combineRouteAndNsg(g.status, STATUS[part.verdict]);
    });
    status = combinePartStatuses(statuses);
  }
  return { flow: f, status, nsg, nsgStatus, layers, route, routeStatus, missing };
}

function statusGroups(route: RouteVerdict): { status: CheckStatus; addresses: IntervalSet }[] {
  const groups = new Map<CheckStatus, IntervalSet>();
  for (const p of route.parts) {
    if (p.addresses) groups.set(p.status, union(groups.get(p.status) ?? [], p.addresses));
  }
  return [...groups].map(([status, addresses]) => ({ status, addresses }));
}

export interface SummaryFacts {
  rule?: FlowVerdict['decidingRule'];
  allowedBy: string[];
  worstNsg?: JudgedFlow;
  worstRoute?: JudgedFlow;
}

export function summaryOf(title: string, status: CheckStatus, facts: SummaryFacts): string {
  const { rule, allowedBy, worstNsg, worstRoute } = facts;
  const nsgStatus = worstNsg?.nsgStatus ?? 'pass';
  const routeStatus = worstRoute?.routeStatus ?? 'pass';
  const deciding = worstRoute?.route?.deciding;
  const routeNote =
    worstRoute?.missing?.explanation ??
    (deciding?.route ? `route ${describeRoute(deciding.route)}: ${deciding.note}` : (deciding?.note ?? ''));
  const allowed = `allowed${allowedBy.length ? ` by ${allowedBy.join(', ')}` : ' (no NSG filters it)'}`;
  const denied = `denied${rule ? ` by ${describeRule(rule)}` : ''}`;
  switch (status) {
    case 'pass':
      return `${title}: ${allowed}`;
    case 'fail':
      if (routeStatus === 'fail') {
        return `${title}: no route: ${routeNote}${nsgStatus === 'fail' ? `; also ${denied}` : ''}`;
      }
      return `${title}: ${denied}`;
    case 'warn':
      if (routeStatus === 'warn' && worstRoute?.route?.parts.some((p) => p.outcome === 'dropped')) {
        return `${title}: only partly routed: ${routeNote}`;
      }
      if (routeStatus !== 'pass' && nsgStatus === 'pass') {
        const why = worstRoute?.missing ? ` (${worstRoute.missing.explanation})` : '';
        return `${title}: ${allowed}, but ${worstRoute?.route?.deciding.note ?? ''}${why}`;
      }
      if (routeStatus === 'warn' && nsgStatus === 'warn') {
        return `${title}: only partly allowed; the rest is ${denied}, and ${routeNote}`;
      }
      if (routeStatus === 'fail' || routeStatus === 'warn') return `${title}: only partly routed: ${routeNote}`;
      return `${title}: only partly allowed${rule ? `; the rest is denied by ${describeRule(rule)}` : ''}`;
    case 'unknown':
      if (routeStatus === 'unknown') return `${title}: cannot be decided from the inventory: ${routeNote}`;
      return `${title}: cannot be decided from the inventory`;
  }
}
