// The actions of a plan's checklist, in the order a team works. Pure: no I/O.
import type { ChecklistItem } from './checklist';
import { allRules } from './export-names';
import { azureCliRuleCommands } from './export-azcli';
import { TOPOLOGIES } from './topologies';
import type { NsgRuleSpec, RequiredRules, RequirementId, TopologyId } from './types';

const SUBNET_PLACES: Record<TopologyId, string> = {
  hybrid: "in SQL Managed Instance's virtual network, separate from MI's own subnet",
  // Not "in a virtual network connected to on-premises": connecting it is the gateway step's, not a twin of it.
  'mi-isolated':
    "in the virtual network DMS will use, not SQL Managed Instance's (the next steps connect it to on-premises and " +
    "peer it with MI's)",
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

/**
 * Wordings of an action the bot has changed without changing the action: a tick of the former wording is a tick of
 * the new one (see replaceItems). Keyed by item id: [former text fragment, the fragment now].
 */
const REWORDINGS: Record<string, [string, string][]> = {
  'step-dms-subnet': [['in a virtual network connected to the on-premises network', SUBNET_PLACES['mi-isolated']]],
};

/** The item as the bot words it now (the same action): undefined when it was never worded otherwise. */
export function rewordedNow(item: ChecklistItem): ChecklistItem | undefined {
  const rewording = (REWORDINGS[item.id] ?? []).find(([former]) => item.text.includes(former));
  return rewording ? { ...item, text: item.text.replace(rewording[0], rewording[1]) } : undefined;
}

/** The action that meets each requirement of the article: the requirement is shown as its why. */
export const REQUIREMENT_ACTIONS: Record<RequirementId, string> = {
  'same-vnet-separate-subnets': 'step-dms-subnet',
  'onprem-connectivity': 'step-gateway',
  'vnet-peering': 'step-peering',
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

function ruleItem(rule: NsgRuleSpec, command: string): ChecklistItem {
  const direction = rule.direction.toLowerCase();
  const address = (value: string) => (value === '*' ? 'Any' : value);
  const peer = rule.direction === 'Inbound' ? `from ${address(rule.source)}` : `to ${address(rule.destination)}`;
  return {
    id: `rule-${direction}-${slug(rule.name)}`,
    kind: 'rule',
    text: `NSG ${direction} rule ${rule.name}: allow ${portsText(rule)} ${peer}`,
    detail: `Priority ${rule.priority}. ${rule.reason}`,
    command,
  };
}

/**
 * The actions of a plan's checklist in the order a team works: the DMS subnet (network), the gateway and peering
 * (connectivity), the NSG and one item per rule with its az command, then verify. Each requirement of the topology
 * is the why of the action that meets it, never an item of its own.
 */
export function checklistItems(topology: TopologyId, rules: RequiredRules, dmsSubnet?: string): ChecklistItem[] {
  const subnet = dmsSubnet ? ` (${dmsSubnet})` : '';
  const commands = azureCliRuleCommands(rules);
  const actions: ChecklistItem[] = [
    {
      id: 'step-dms-subnet',
      kind: 'step',
      text: `Create the DMS subnet${subnet} ${SUBNET_PLACES[topology]}`,
    },
    ...CONNECTIVITY_STEPS[topology],
    { id: 'step-nsg', kind: 'step', text: 'Create an NSG with the rules below and associate it with the DMS subnet' },
    ...allRules(rules).map((rule, i) => ruleItem(rule, commands[i])),
    {
      id: 'step-verify',
      kind: 'step',
      text: 'Run verify with the subscription id(s) of MI and DMS, and fix every failing check',
      detail:
        'The bot reads the real network and says, check by check, what would block the migration: for each required ' +
        'flow, a route from the DMS subnet to the source (and to MI) as well as the NSG rules.',
    },
  ];
  const requirements = TOPOLOGIES[topology].requirements;
  return actions.map((action) => {
    const why = requirements.filter((r) => REQUIREMENT_ACTIONS[r.id] === action.id).map((r) => r.text);
    return why.length > 0 ? { ...action, why } : action;
  });
}
