// The classic rule set against the later revision of the article (docs/contracts.md, "Rule sets"):
// it replaces 443/9354 and 12000 to Any by TCP 443 to the ServiceBus, Storage and AzureMonitor service tags. Where
// 9354 or 12000 is denied but those three flows are allowed, the network meets that revision: a warning, not a failure.
// The checks keep their ids, rule and fix (opening the port is still what the article's table asks).
import { requiredRules } from '../planning/rules';
import { flowCheck, flowsOfSpec } from './checks-flows';
import { cidrSet, ipv4Prefixes } from './cidr';
import type { FlowEndpoint } from './nsg-evaluator';
import type { VerifyContext } from './verify-context';
import type { Check, CheckId } from './verify-types';

const REPLACED_BY_LATER_REVISION: readonly CheckId[] = ['nsg-management-9354', 'nsg-diagnostics-12000'];

const REVISION =
  "the later revision of Microsoft's network topologies article replaces 443/9354 and 12000 to Any by TCP 443 to the " +
  'ServiceBus, Storage and AzureMonitor service tags';

/** TCP 443 from the DMS subnet to ServiceBus, Storage and AzureMonitor, judged as the flow checks judge theirs. */
function laterRevisionCheck(ctx: VerifyContext): Check {
  const dmsCidrs = ipv4Prefixes(ctx.placement.dmsSubnet.subnet.addressPrefixes);
  const dmsSubnet: FlowEndpoint = { kind: 'ranges', ranges: cidrSet(dmsCidrs), label: 'DMS subnet' };
  const rules = requiredRules({
    ...ctx.options,
    dmsSubnet: dmsCidrs.join(','),
    sourceRanges: [],
    ruleset: 'service-tags',
  });
  const specs = rules.outbound.filter((s) => s.id === 'management' || s.id === 'diagnostics');
  const flows = specs.flatMap((spec) => flowsOfSpec(ctx, spec, dmsSubnet).map((f) => f.flow));
  // judged only: its fixes are not proposed, so it plans into a copy
  const judging = { ...ctx, allowPlanner: ctx.allowPlanner.fork() };
  return flowCheck(
    judging,
    'nsg-management-443',
    'DMS outbound TCP 443 to ServiceBus, Storage and AzureMonitor',
    flows,
  );
}

/** The flow checks, with a denied 9354 or 12000 turned into a warning when the later revision's flows are allowed. */
export function withLaterRevision(ctx: VerifyContext, checks: Check[]): Check[] {
  const failing = (c: Check) => REPLACED_BY_LATER_REVISION.includes(c.id) && c.status === 'fail';
  if (ctx.options.ruleset !== '2020' || !checks.some(failing)) return checks;
  const revision = laterRevisionCheck(ctx);
  const met = revision.status === 'pass';
  return checks.map((c) => {
    if (!failing(c)) return c;
    const evidence = [
      ...c.evidence,
      `${REVISION}; ${met ? 'those flows are allowed' : 'they are not all allowed either'}`,
      ...revision.evidence,
    ];
    if (!met) return { ...c, evidence };
    return {
      ...c,
      status: 'warn',
      summary:
        `${c.summary}, but TCP 443 to ServiceBus, Storage and AzureMonitor is allowed, which the later revision of ` +
        'the article asks instead: a warning, not a failure',
      evidence,
    };
  });
}
