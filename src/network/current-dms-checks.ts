// The checks only the current DMS has: the self-hosted integration runtime's state, and whether the managed instance can
// reach the storage account the backups are restored from (firewall rule + service endpoint, or private endpoint +
// private DNS zone linked to the MI's VNet).
import { BLOB_PRIVATE_DNS_ZONE, type BackupLocation } from '../planning/current-dms';
import { placeholder, quoteArg as q, resourceGroupOf, shellComment } from './az-fixes';
import { FixLine, changeLine, commandLine } from './changes';
import { withFix } from './fix-lines';
import type { SubnetEntry } from './inventory-index';
import { siblingId } from './missing-path';
import {
  sameId,
  vnetIdOfSubnet,
  type Subnet,
  type VirtualNetwork,
  type PrivateDnsZoneLink,
  type PrivateEndpoint,
  type SqlMigrationService,
  type StorageAccount,
} from './model';
import type { CurrentDmsCheck } from './current-dms-types';

const rg = (id: string) => q(resourceGroupOf(id) ?? '<resource group>');

/**
 * Online passes; NeedRegistration and Offline fail with the fix; Limited warns; no state is unknown. With the backups
 * already in Blob Storage no runtime is needed, so any state passes with that said.
 */
export function integrationRuntimeStateCheck(
  dms: SqlMigrationService,
  backups: BackupLocation = 'smb',
): CurrentDmsCheck {
  const id = 'integration-runtime-state';
  const state = dms.integrationRuntimeState;
  const show = `az datamigration sql-service show -g ${rg(dms.id)} -n ${q(dms.name)} --query integrationRuntimeState`;
  const evidence = [`DMS ${dms.name} (${dms.location}): integrationRuntimeState ${state ?? 'not in the inventory'}`];
  if (backups === 'blob' && (state ?? '').toLowerCase() !== 'online') {
    return {
      id,
      status: 'pass',
      summary:
        `the backups are already in Blob Storage: DMS ${dms.name} needs no self-hosted integration ` +
        `runtime, so its state (${state ?? 'unknown'}) does not block the migration`,
      evidence,
    };
  }
  if (state === undefined) {
    return {
      id,
      status: 'unknown',
      summary: `the integration runtime state of DMS ${dms.name} is not known`,
      evidence,
      fix: show,
    };
  }
  switch (state.toLowerCase()) {
    case 'online':
      return {
        id,
        status: 'pass',
        summary: `the self-hosted integration runtime of DMS ${dms.name} is online`,
        evidence,
      };
    case 'needregistration':
      return {
        id,
        status: 'fail',
        summary: `no self-hosted integration runtime is registered with DMS ${dms.name}: migrations cannot start`,
        evidence,
        fix:
          `az datamigration sql-service list-auth-key -g ${rg(dms.id)} -n ${q(dms.name)}\n` +
          `az datamigration register-integration-runtime --auth-key ${placeholder('authKey1')}` +
          shellComment('as administrator on the runtime machine'),
      };
    case 'offline':
      return {
        id,
        status: 'fail',
        summary:
          `the self-hosted integration runtime of DMS ${dms.name} is offline: start its service on the runtime ` +
          'machine and check outbound TCP 443 to the Data Factory endpoints',
        evidence,
        fix:
          `az datamigration sql-service list-integration-runtime-metric -g ${rg(dms.id)} -n ${q(dms.name)}` +
          shellComment('shows each node'),
      };
    case 'limited':
      return {
        id,
        status: 'warn',
        summary:
          `the self-hosted integration runtime of DMS ${dms.name} is limited: a node cannot reach Azure Relay ` +
          '(*.servicebus.windows.net, TCP 443), nodes cannot reach each other on TCP 8060, their credentials did not ' +
          'sync, or some nodes are offline',
        evidence,
        fix: `az datamigration sql-service list-integration-runtime-metric -g ${rg(dms.id)} -n ${q(dms.name)}`,
      };
    default:
      return {
        id,
        status: 'warn',
        summary: `the self-hosted integration runtime of DMS ${dms.name} is ${state}, not Online`,
        evidence,
        fix: show,
      };
  }
}

export interface StorageCheckInput {
  account: StorageAccount;
  miSubnet: SubnetEntry;
  /** undefined: the inventory has no private DNS zone links at all (unknown, not absent). */
  dnsLinks: PrivateDnsZoneLink[] | undefined;
  /** Private endpoints of the inventory; one an account names but this lacks is unknown. */
  privateEndpoints?: PrivateEndpoint[];
}

const sameRegion = (a: string, b: string) =>
  a === '' || b === '' || a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/**
 * Whether a subnet's service endpoints carry it to an account: Microsoft.Storage.Global to any region,
 * Microsoft.Storage to the subnet's own region (its paired region too, which the inventory cannot tell: `paired`).
 */
export function storageEndpointReach(
  serviceEndpoints: string[],
  subnetRegion: string,
  accountRegion: string,
): 'yes' | 'none' | 'paired-only' {
  const have = serviceEndpoints.map((e) => e.toLowerCase());
  if (have.includes('microsoft.storage.global')) return 'yes';
  if (!have.includes('microsoft.storage')) return 'none';
  return sameRegion(subnetRegion, accountRegion) ? 'yes' : 'paired-only';
}

/** An allowed, provisioned virtual network rule of the account for the subnet. */
export function vnetRuleFor(account: StorageAccount, subnetId: string) {
  const rule = account.networkRuleSet.virtualNetworkRules.find(
    (r) => sameId(r.subnetId, subnetId) && (r.action ?? 'Allow').toLowerCase() === 'allow',
  );
  const active = rule !== undefined && (rule.state === undefined || rule.state.toLowerCase() === 'succeeded');
  return { rule, active };
}

function firewallPath(input: StorageCheckInput): {
  ok: boolean;
  /** Only the region stands in the way: Microsoft.Storage across regions works for the paired region alone. */
  regionOnly: boolean;
  why: string;
  evidence: string[];
  fixes: FixLine[];
} {
  const { account, miSubnet } = input;
  const { subnet, vnet } = miSubnet;
  const { rule, active } = vnetRuleFor(account, subnet.id);
  const reach = storageEndpointReach(subnet.serviceEndpoints, vnet.location, account.location);
  const evidence = [
    rule
      ? `virtual network rule for MI subnet ${subnet.name}${rule.state ? ` (${rule.state})` : ''}`
      : `no virtual network rule for MI subnet ${subnet.name} (${account.networkRuleSet.virtualNetworkRules.length} rule(s))`,
    `MI subnet ${subnet.name} service endpoints: ${subnet.serviceEndpoints.join(', ') || 'none'}`,
  ];
  if (reach === 'paired-only') {
    evidence.push(
      `storage account ${account.name} is in ${account.location}, MI VNet ${vnet.name} in ${vnet.location}: ` +
        'Microsoft.Storage reaches only the same (or paired) region; Microsoft.Storage.Global reaches any region',
    );
  }
  if (account.networkRuleSet.ipRules.length > 0) {
    evidence.push(
      `IP rules (${account.networkRuleSet.ipRules.join(', ')}) do not apply to requests from the same Azure region`,
    );
  }
  const fixes = storageRuleFixes(account, subnet, reach, active);
  const why = !rule
    ? `its firewall has no virtual network rule for MI subnet ${subnet.name}`
    : reach === 'none'
      ? `its virtual network rule for MI subnet ${subnet.name} needs the Microsoft.Storage service endpoint on that subnet`
      : reach === 'paired-only'
        ? `MI subnet ${subnet.name} has Microsoft.Storage, which reaches another region (${account.location}) only if it is the paired region: use Microsoft.Storage.Global`
        : `its virtual network rule for MI subnet ${subnet.name} is ${rule.state}`;
  return { ok: active && reach === 'yes', regionOnly: active && reach === 'paired-only', why, evidence, fixes };
}

/**
 * The changes that let a subnet through the account's firewall: the storage service endpoint on the subnet (before
 * the rule, which needs it) and the virtual network rule.
 */
export function storageRuleFixes(
  account: StorageAccount,
  subnet: Subnet,
  reach: 'yes' | 'none' | 'paired-only',
  active: boolean,
): FixLine[] {
  const fixes: FixLine[] = [];
  if (reach !== 'yes') {
    const wanted = reach === 'paired-only' ? 'Microsoft.Storage.Global' : 'Microsoft.Storage';
    // Microsoft.Storage and Microsoft.Storage.Global cannot coexist on one subnet
    const kept = subnet.serviceEndpoints.filter((e) => !/^microsoft\.storage(\.global)?$/i.test(e));
    fixes.push(changeLine({ kind: 'subnet-update', subnetId: subnet.id, serviceEndpoints: [...kept, wanted] }));
  }
  if (!active) {
    fixes.push(changeLine({ kind: 'storage-network-rule-add', storageAccountId: account.id, subnetId: subnet.id }));
  }
  return fixes;
}

interface PathOutcome {
  status: 'pass' | 'fail' | 'unknown';
  why: string;
  evidence: string[];
  fixes: FixLine[];
}

const RESERVED_SUBNETS = [
  'gatewaysubnet',
  'azurefirewallsubnet',
  'azurefirewallmanagementsubnet',
  'azurebastionsubnet',
  'routeserversubnet',
];

/** A subnet of the VNet a private endpoint can go in (not the MI's, not delegated, not reserved), else a placeholder. */
function endpointSubnetId(vnet: VirtualNetwork, miSubnetId: string): string {
  const free = vnet.subnets.find(
    (s) => !sameId(s.id, miSubnetId) && s.delegations.length === 0 && !RESERVED_SUBNETS.includes(s.name.toLowerCase()),
  );
  return free?.id ?? `${vnet.id}/subnets/<subnet of ${vnet.name} for private endpoints>`;
}

const endpointName = (id: string) => id.split('/').pop() ?? id;

/**
 * The approved private endpoints of the account that sit in the MI's own VNet (DMS's tutorial: "Ensure the private
 * endpoint is hosted in the same VNet as the target"); one in another VNet fails naming both, one the inventory lacks
 * is unknown.
 */
function endpointsInMiVnet(input: StorageCheckInput, approvedIds: string[]): PathOutcome & { inVnet: string[] } {
  const { account, miSubnet, privateEndpoints } = input;
  const vnet = miSubnet.vnet;
  const found = approvedIds.map((id) => ({ id, endpoint: privateEndpoints?.find((e) => sameId(e.id, id)) }));
  const inVnet = found.filter((f) => f.endpoint && sameId(vnetIdOfSubnet(f.endpoint.subnetId), vnet.id));
  const elsewhere = found.filter((f) => f.endpoint && !sameId(vnetIdOfSubnet(f.endpoint.subnetId), vnet.id));
  const missing = found.filter((f) => !f.endpoint);
  const evidence = [
    ...inVnet.map((f) => `private endpoint ${f.endpoint!.name} sits in MI VNet ${vnet.name}`),
    ...elsewhere.map((f) => {
      const other = vnetIdOfSubnet(f.endpoint!.subnetId).split('/').pop();
      return `private endpoint ${f.endpoint!.name} sits in VNet ${other}, not in MI VNet ${vnet.name}`;
    }),
    ...missing.map((f) => `private endpoint ${endpointName(f.id)} is not in the inventory (private-endpoints.json)`),
  ];
  if (inVnet.length > 0) return { status: 'pass', why: '', evidence, fixes: [], inVnet: inVnet.map((f) => f.id) };
  if (missing.length > 0) {
    return {
      status: 'unknown',
      why: `the VNet of its private endpoint ${missing.map((f) => endpointName(f.id)).join(', ')} is not known`,
      evidence,
      fixes: missing.map((f) => commandLine(`az network private-endpoint show --ids ${q(f.id)} --query subnet.id`)),
      inVnet: [],
    };
  }
  const other = vnetIdOfSubnet(elsewhere[0].endpoint!.subnetId).split('/').pop();
  return {
    status: 'fail',
    why:
      `its private endpoint ${elsewhere[0].endpoint!.name} sits in VNet ${other}, not in MI VNet ${vnet.name} ` +
      '("Ensure the private endpoint is hosted in the same VNet as the target"): create another one there',
    evidence,
    fixes: [
      changeLine({
        kind: 'private-endpoint-create',
        privateEndpointId: siblingId(account.id, 'privateEndpoints', `pe-${account.name}-blob-${vnet.name}`),
        subnetId: endpointSubnetId(vnet, miSubnet.subnet.id),
        targetResourceId: account.id,
        groupId: 'blob',
        connectionName: `${account.name}-blob`,
      }),
    ],
    inVnet: [],
  };
}

/** The blob private DNS zone's id: as a link of the inventory names it, else with its resource group to fill in. */
function blobZoneId(links: PrivateDnsZoneLink[], vnet: VirtualNetwork): string {
  const known = links.find((l) => l.zoneName.toLowerCase() === BLOB_PRIVATE_DNS_ZONE);
  const at = known?.id.toLowerCase().indexOf('/virtualnetworklinks/') ?? -1;
  if (known && at > 0) return known.id.slice(0, at);
  return (
    `/subscriptions/${vnet.subscriptionId || (/\/subscriptions\/([^/]+)/i.exec(vnet.id)?.[1] ?? '<subscription>')}` +
    `/resourceGroups/<zone resource group>/providers/Microsoft.Network/privateDnsZones/${BLOB_PRIVATE_DNS_ZONE}`
  );
}

/** The link of the blob private DNS zone to the VNet, unless it exists or the links were not read. */
function dnsLinkFix(dnsLinks: PrivateDnsZoneLink[] | undefined, vnet: VirtualNetwork): FixLine[] {
  if (!dnsLinks) return [];
  const linked = dnsLinks.some(
    (l) => l.zoneName.toLowerCase() === BLOB_PRIVATE_DNS_ZONE && sameId(l.virtualNetworkId, vnet.id),
  );
  return linked
    ? []
    : [
        changeLine({
          kind: 'private-dns-link-create',
          linkId: `${blobZoneId(dnsLinks, vnet)}/virtualNetworkLinks/${vnet.name}-link`,
          virtualNetworkId: vnet.id,
          registrationEnabled: false,
        }),
      ];
}

function privateEndpointPath(input: StorageCheckInput): PathOutcome {
  const { account, miSubnet, dnsLinks } = input;
  const connections = account.privateEndpointConnections;
  const approved = connections.filter((c) => (c.status ?? '').toLowerCase() === 'approved');
  if (approved.length === 0) {
    const pending = connections.filter((c) => (c.status ?? '').toLowerCase() === 'pending');
    return {
      status: 'fail',
      why: connections.length === 0 ? 'it has no private endpoint' : 'its private endpoint is not approved',
      evidence: [
        connections.length === 0
          ? 'no private endpoint connection'
          : `private endpoint connection(s) not approved: ${connections.map((c) => `${c.id.split('/').pop()} ${c.status ?? 'no status'}`).join(', ')}`,
      ],
      fixes: pending.map((c) => changeLine({ kind: 'private-endpoint-connection-approve', connectionId: c.id })),
    };
  }
  const placement = endpointsInMiVnet(
    input,
    approved.map((c) => c.privateEndpointId ?? c.id),
  );
  const evidence = [
    ...approved.map((c) => `approved private endpoint ${c.privateEndpointId ?? c.id}`),
    ...placement.evidence,
  ];
  const vnet = miSubnet.vnet;
  // a private endpoint created in the MI's VNet needs the zone linked there too
  if (placement.status === 'fail')
    return { ...placement, evidence, fixes: [...placement.fixes, ...dnsLinkFix(dnsLinks, vnet)] };
  if (placement.status !== 'pass') return { ...placement, evidence };
  if (dnsLinks === undefined) {
    return {
      status: 'unknown',
      why: 'whether the private DNS zone is linked to the MI VNet is not known',
      evidence: [...evidence, 'the inventory has no private DNS zone links (private-dns-links.json)'],
      fixes: [
        commandLine(
          `az network private-dns link vnet list -g ${placeholder('zone resource group')} -z ${BLOB_PRIVATE_DNS_ZONE} -o json`,
        ),
      ],
    };
  }
  const link = dnsLinks.find(
    (l) => l.zoneName.toLowerCase() === BLOB_PRIVATE_DNS_ZONE && sameId(l.virtualNetworkId, vnet.id),
  );
  if (!link) {
    return {
      status: 'fail',
      why: `its private endpoint is approved, but ${BLOB_PRIVATE_DNS_ZONE} is not linked to MI VNet ${vnet.name}`,
      evidence: [...evidence, `private DNS zone ${BLOB_PRIVATE_DNS_ZONE} is not linked to MI VNet ${vnet.name}`],
      fixes: dnsLinkFix(dnsLinks, vnet),
    };
  }
  evidence.push(`private DNS zone ${BLOB_PRIVATE_DNS_ZONE} linked to MI VNet ${vnet.name} (${link.name})`);
  if (vnet.dnsServers.length > 0) {
    evidence.push(
      `VNet ${vnet.name} uses custom DNS (${vnet.dnsServers.join(', ')}): it must forward ${BLOB_PRIVATE_DNS_ZONE} to Azure DNS 168.63.129.16`,
    );
  }
  return { status: 'pass', why: '', evidence, fixes: [] };
}

/** Whether the managed instance can reach one storage account of the migration. */
export function storageNetworkAccessCheck(input: StorageCheckInput): CurrentDmsCheck {
  const id = 'storage-network-access';
  const { account } = input;
  const publicOff = (account.publicNetworkAccess ?? 'Enabled').toLowerCase() === 'disabled';
  const upload =
    account.networkRuleSet.defaultAction === 'Deny' || publicOff
      ? [
          `a self-hosted integration runtime uploading SMB backups here needs an IP rule for its public IP or a private path ` +
            `(${account.networkRuleSet.ipRules.length} IP rule(s); not checked)`,
        ]
      : [];
  const header = `storage account ${account.name}: public network access ${publicOff ? 'disabled' : (account.publicNetworkAccess ?? 'enabled').toLowerCase()}, default action ${account.networkRuleSet.defaultAction}`;
  if (!publicOff && account.networkRuleSet.defaultAction === 'Allow') {
    return {
      id,
      status: 'pass',
      summary: `storage account ${account.name} accepts traffic from all networks`,
      evidence: [header],
    };
  }
  const firewall = publicOff ? undefined : firewallPath(input);
  if (firewall?.ok) {
    return {
      id,
      status: 'pass',
      summary: `storage account ${account.name} allows the MI subnet through a virtual network rule and service endpoint`,
      evidence: [header, ...firewall.evidence, ...upload],
    };
  }
  const pe = privateEndpointPath(input);
  if (pe.status === 'pass') {
    return {
      id,
      status: 'pass',
      summary: `the MI reaches storage account ${account.name} through a private endpoint and private DNS`,
      evidence: [header, ...pe.evidence, ...upload],
    };
  }
  const evidence = [
    header,
    ...(firewall?.evidence ?? ['public network access is disabled: only a private endpoint works']),
    ...pe.evidence,
    ...upload,
  ];
  const fixes = [...(firewall?.fixes ?? []), ...pe.fixes];
  const firewallWhy = firewall ? firewall.why : 'public network access is disabled';
  if (firewall?.regionOnly) {
    return withFix(
      { id, status: 'warn', summary: `storage account ${account.name}: ${firewallWhy}`, evidence },
      firewall.fixes,
    );
  }
  if (pe.status === 'unknown') {
    return withFix(
      { id, status: 'unknown', summary: `storage account ${account.name}: ${firewallWhy}, and ${pe.why}`, evidence },
      fixes,
    );
  }
  return withFix(
    {
      id,
      status: 'fail',
      summary:
        `the MI cannot reach storage account ${account.name}: ${firewallWhy}, and ${pe.why}; restores fail until one ` +
        'path works ("Make sure the target SQL VNet is allowed under the Azure Storage firewall rules")',
      evidence,
    },
    fixes.length
      ? fixes
      : [commandLine(`az storage account show -g ${rg(account.id)} -n ${q(account.name)} --query networkRuleSet`)],
  );
}
