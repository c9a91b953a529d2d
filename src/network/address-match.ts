// Which addresses of a flow endpoint a rule's prefixes, service tags and ASGs cover: surely, or maybe
// (when a tag or ASG cannot be resolved from the inventory).
import { ALL_IPV4, cidrSet, NON_PUBLIC_IPV4, PRIVATE_IPV4, PUBLIC_IPV4 } from './cidr';
import { SERVICE_ATOM } from './flow-space';
import { EvaluationContext, FlowEndpoint } from './flow-types';
import { EMPTY, IntervalSet, contains, equals, isEmpty, subtract, union } from './intervals';
import { AZURE_LOAD_BALANCER_IP, normalizeRegion, parseServiceTag } from './service-tags';

const AZURE_LB = cidrSet([AZURE_LOAD_BALANCER_IP]);

export interface DimMatch {
  sure: IntervalSet;
  maybe: IntervalSet;
  why?: string;
}

const none = (): DimMatch => ({ sure: EMPTY, maybe: EMPTY });

export function addressMatch(
  prefixes: readonly string[],
  asgs: readonly string[],
  endpoint: FlowEndpoint,
  ctx: EvaluationContext,
): DimMatch {
  let sure: IntervalSet = EMPTY;
  let maybe: IntervalSet = EMPTY;
  const whys: string[] = [];
  const add = (m: DimMatch): void => {
    sure = union(sure, m.sure);
    maybe = union(maybe, m.maybe);
    if (m.why && !isEmpty(m.maybe)) whys.push(m.why);
  };
  for (const p of prefixes) add(endpoint.kind === 'service' ? prefixForService(p, endpoint) : prefixForRanges(p, ctx));
  for (const id of asgs) {
    if (endpoint.kind === 'service') continue; // ASG members are NICs in a VNet, never a public service
    const members = ctx.applicationSecurityGroups?.get(id.toLowerCase());
    if (members) add({ sure: members, maybe: EMPTY });
    else
      add({
        sure: EMPTY,
        maybe: ctx.localVnet,
        why: `application security group ${lastSegment(id)} has no known members`,
      });
  }
  return { sure, maybe: subtract(maybe, sure), why: whys.join('; ') || undefined };
}

function prefixForRanges(prefix: string, ctx: EvaluationContext): DimMatch {
  const p = prefix.trim();
  if (p === '*') return { sure: ALL_IPV4, maybe: EMPTY };
  const tag = parseServiceTag(p);
  if (!tag) return { sure: cidrSet([p]), maybe: EMPTY };
  const onPremises = ctx.onPremises ?? EMPTY;
  if (!tag.known) {
    // Only VirtualNetwork (and the fixed AzureLoadBalancer address) can hold private or on-premises addresses; any
    // other tag, known or not, holds Azure public ranges (Azure docs: virtual network service tags).
    return {
      sure: EMPTY,
      maybe: subtract(ALL_IPV4, union(PRIVATE_IPV4, onPremises)),
      why: `service tag ${p} is not known to the evaluator (it holds Azure public ranges only)`,
    };
  }
  const vn = ctx.virtualNetwork;
  switch (tag.base) {
    case 'VirtualNetwork': {
      const routes = ctx.virtualNetworkRoutes ?? EMPTY;
      return { sure: union(vn.known, routes), maybe: subtract(vn.uncertain, routes), why: vn.uncertainWhy };
    }
    case 'Internet':
      return {
        sure: subtract(PUBLIC_IPV4, union(vn.known, vn.uncertain)),
        maybe: subtract(vn.uncertain, NON_PUBLIC_IPV4),
        why: vn.uncertainWhy,
      };
    case 'AzureLoadBalancer':
      return { sure: AZURE_LB, maybe: EMPTY };
    default:
      return {
        sure: EMPTY,
        maybe: subtract(PUBLIC_IPV4, onPremises),
        why: `the addresses of service tag ${p} are not in the inventory`,
      };
  }
}

function prefixForService(prefix: string, target: { tag: string; region?: string }): DimMatch {
  const p = prefix.trim();
  const yes: DimMatch = { sure: SERVICE_ATOM, maybe: EMPTY };
  if (p === '*') return yes;
  const tag = parseServiceTag(p);
  if (!tag) {
    const range = cidrSet([p]);
    if (isEmpty(range)) return none(); // an IPv6 prefix: no IPv4 service address
    if (equals(range, ALL_IPV4)) return yes;
    if (contains(NON_PUBLIC_IPV4, range)) return none();
    return {
      sure: EMPTY,
      maybe: SERVICE_ATOM,
      why: `public prefix ${p} may or may not hold ${target.tag}'s addresses`,
    };
  }
  if (!tag.known) return { sure: EMPTY, maybe: SERVICE_ATOM, why: `service tag ${p} is not known to the evaluator` };
  if (tag.base === 'Internet') return yes;
  if (tag.base !== 'AzureCloud' && tag.base.toLowerCase() !== target.tag.toLowerCase()) return none();
  if (tag.region === undefined) return yes;
  if (target.region === undefined) {
    return { sure: EMPTY, maybe: SERVICE_ATOM, why: `regional tag ${p} and the service's region is not known` };
  }
  return tag.region === normalizeRegion(target.region) ? yes : none();
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}
