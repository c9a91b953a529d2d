// The route of a required flow: judged from the sending subnet's effective routes, worded for evidence, turned
// into the structured `route` of a check and into fixes that add the missing path (never an NSG rule).
import { quoteArg as q, resourceGroupOf, shellComment } from './az-fixes';
import { FixLine, changeLine, commandLine } from './changes';
import { EffectiveRoutes } from './effective-routes';
import { IntervalSet } from './intervals';
import { InventoryIndex } from './inventory-index';
import { MissingPath, explainMissingPath } from './missing-path';
import { RouteVerdict, RoutedPart, describeRouteVerdict, routeToAddresses, routeToService } from './reachability';
import { CheckRoute } from './verify-types';

export type RouteTarget =
  { kind: 'ranges'; ranges: IntervalSet; what: string } | { kind: 'service'; tag: string; region?: string };

export interface FlowRoute {
  /** The effective routes of the subnet the flow leaves from. */
  routes: EffectiveRoutes;
  target: RouteTarget;
  /**
   * A flow to Azure's public services: only a drop fails its check; an appliance, a gateway or learned routes on the
   * way are route-forced-tunneling's to report.
   */
  azure?: boolean;
}

export function judgeRoute(index: InventoryIndex, r: FlowRoute): RouteVerdict {
  return r.target.kind === 'service'
    ? routeToService(r.routes, r.target.tag, r.target.region)
    : routeToAddresses(r.routes, index, r.target.ranges);
}

/** The route's status as it counts for the flow's check. */
export function routeStatusForCheck(r: FlowRoute, v: RouteVerdict): RouteVerdict['status'] {
  if (!r.azure) return v.status;
  return v.status === 'fail' ? 'fail' : 'pass';
}

export function routeEvidence(label: string, v: RouteVerdict, r: FlowRoute): string {
  const also = r.azure && v.status !== 'pass' && v.status !== 'fail' ? ' (see route-forced-tunneling)' : '';
  return `${label}: ${describeRouteVerdict(v)}${also}`;
}

/** A part that has no private path: dropped, or (to addresses) only over the Internet. */
function pathlessPart(v: RouteVerdict): RoutedPart | undefined {
  return v.parts.find((p) => p.addresses && (p.outcome === 'dropped' || p.outcome === 'internet'));
}

export function missingPathOf(index: InventoryIndex, r: FlowRoute, v: RouteVerdict): MissingPath | undefined {
  if (r.target.kind !== 'ranges') return undefined;
  const part = pathlessPart(v);
  return part ? explainMissingPath(index, r.routes, part, r.target.what) : undefined;
}

export function checkRouteOf(v: RouteVerdict, missing?: MissingPath): CheckRoute {
  const p = v.deciding;
  const route = p.route;
  const learned = v.parts.flatMap((x) => x.unlisted ?? []).map((u) => u.command);
  return {
    status: v.status,
    outcome: p.outcome,
    ...(route
      ? {
          addressPrefix: route.addressPrefix,
          nextHopType: route.nextHopType,
          ...(route.nextHopIpAddress ? { nextHopIpAddress: route.nextHopIpAddress } : {}),
          origin: route.origin,
          ...(route.routeTable ? { routeTable: route.routeTable } : {}),
          ...(route.routeName ? { routeName: route.routeName } : {}),
        }
      : {}),
    ...(missing ? { missingPath: { kind: missing.kind, explanation: missing.explanation } } : {}),
    ...(learned.length ? { learnedRoutesCommands: [...new Set(learned)] } : {}),
  };
}

/** Changes that add the missing path, and commands that show what decides beyond an appliance or unlisted routes. */
export function routeFixes(
  r: FlowRoute,
  v: RouteVerdict,
  missing: MissingPath | undefined,
  flowText: string,
): FixLine[] {
  const lines: FixLine[] = [];
  if (missing) lines.push(...missing.lines);
  for (const p of v.parts) {
    for (const u of p.unlisted ?? []) lines.push(commandLine(u.command));
    const route = p.route;
    if (
      !r.azure &&
      route?.origin === 'User' &&
      (p.outcome === 'appliance' || (p.outcome === 'gateway' && p.status === 'warn'))
    ) {
      const rt = route.routeTable;
      const beyond =
        p.outcome === 'appliance'
          ? `the appliance at ${route.nextHopIpAddress ?? '?'} must forward ${flowText}`
          : `on-premises must route ${flowText} on`;
      lines.push(
        commandLine(
          `az network route-table route show -g ${q(resourceGroupOf(rt?.id ?? '') ?? '<resource group>')} --route-table-name ${q(rt?.name ?? '')} -n ${q(route.routeName ?? '')}${shellComment(beyond)}`,
        ),
      );
    }
  }
  const dropping = v.deciding.route;
  if (r.azure && r.target.kind === 'service' && v.status === 'fail' && dropping?.routeTable) {
    // A route naming the service tag beats the broader route that drops the traffic.
    lines.push(serviceTagRoute(dropping.routeTable.id, r.target.tag));
  }
  if (r.routes.missingRouteTableId) {
    lines.push(commandLine(`az network route-table show --ids ${q(r.routes.missingRouteTableId)} --query routes`));
  }
  return lines;
}

/** A route sending an Azure service's tag to the Internet: it beats a broader route that drops it or tunnels it. */
export function serviceTagRoute(routeTableId: string, tag: string, note?: string): FixLine {
  return changeLine(
    {
      kind: 'route-create',
      routeTableId,
      name: `to-${tag.toLowerCase()}`,
      addressPrefix: tag,
      nextHopType: 'Internet',
    },
    note,
  );
}
