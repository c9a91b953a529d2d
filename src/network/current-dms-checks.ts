// The checks only today's DMS has: the self-hosted integration runtime's state, and whether the managed instance can
// reach the storage account the backups are restored from (firewall rule + service endpoint, or private endpoint +
// private DNS zone linked to the MI's VNet).
import { BLOB_PRIVATE_DNS_ZONE } from '../planning/current-dms';
import { placeholder, quoteArg as q, resourceGroupOf, shellComment, subnetUpdate } from './az-fixes';
import type { SubnetEntry } from './inventory-index';
import { sameId, type PrivateDnsZoneLink, type SqlMigrationService, type StorageAccount } from './model';
import type { CurrentDmsCheck } from './current-dms-types';

const rg = (id: string) => q(resourceGroupOf(id) ?? '<resource group>');

/** Online passes; NeedRegistration and Offline fail with the fix; Limited warns; no state is unknown. */
export function integrationRuntimeStateCheck(dms: SqlMigrationService): CurrentDmsCheck {
  const id = 'integration-runtime-state';
  const state = dms.integrationRuntimeState;
  const show = `az datamigration sql-service show -g ${rg(dms.id)} -n ${q(dms.name)} --query integrationRuntimeState`;
  const evidence = [`DMS ${dms.name} (${dms.location}): integrationRuntimeState ${state ?? 'not in the inventory'}`];
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
        summary: `the self-hosted integration runtime of DMS ${dms.name} is limited: some nodes are offline or cannot reach each other`,
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
}

const ENDPOINT_SERVICES = ['microsoft.storage', 'microsoft.storage.global'];

function firewallPath(input: StorageCheckInput): { ok: boolean; why: string; evidence: string[]; fixes: string[] } {
  const { account, miSubnet } = input;
  const { subnet, vnet } = miSubnet;
  const rule = account.networkRuleSet.virtualNetworkRules.find(
    (r) => sameId(r.subnetId, subnet.id) && (r.action ?? 'Allow').toLowerCase() === 'allow',
  );
  const endpoint = subnet.serviceEndpoints.some((e) => ENDPOINT_SERVICES.includes(e.toLowerCase()));
  const evidence = [
    rule
      ? `virtual network rule for MI subnet ${subnet.name}${rule.state ? ` (${rule.state})` : ''}`
      : `no virtual network rule for MI subnet ${subnet.name} (${account.networkRuleSet.virtualNetworkRules.length} rule(s))`,
    `MI subnet ${subnet.name} service endpoints: ${subnet.serviceEndpoints.join(', ') || 'none'}`,
  ];
  if (account.networkRuleSet.ipRules.length > 0) {
    evidence.push(
      `IP rules (${account.networkRuleSet.ipRules.join(', ')}) do not apply to requests from the same Azure region`,
    );
  }
  const fixes: string[] = [];
  if (!endpoint) {
    const all = [...new Set([...subnet.serviceEndpoints, 'Microsoft.Storage'])];
    fixes.push(subnetUpdate(vnet, subnet.name, `--service-endpoints ${all.map(q).join(' ')}`));
  }
  const active = rule !== undefined && (rule.state === undefined || rule.state.toLowerCase() === 'succeeded');
  if (!active) {
    fixes.push(
      `az storage account network-rule add -g ${rg(account.id)} --account-name ${q(account.name)} --subnet ${q(subnet.id)}`,
    );
  }
  const why = !rule
    ? `its firewall has no virtual network rule for MI subnet ${subnet.name}`
    : !endpoint
      ? `its virtual network rule for MI subnet ${subnet.name} needs the Microsoft.Storage service endpoint on that subnet`
      : `its virtual network rule for MI subnet ${subnet.name} is ${rule.state}`;
  return { ok: active && endpoint, why, evidence, fixes };
}

function privateEndpointPath(input: StorageCheckInput): {
  status: 'pass' | 'fail' | 'unknown';
  why: string;
  evidence: string[];
  fixes: string[];
} {
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
      fixes: pending.map((c) => `az network private-endpoint-connection approve --id ${q(c.id)}`),
    };
  }
  const evidence = approved.map((c) => `approved private endpoint ${c.privateEndpointId ?? c.id}`);
  const vnet = miSubnet.vnet;
  if (dnsLinks === undefined) {
    return {
      status: 'unknown',
      why: 'whether the private DNS zone is linked to the MI VNet is not known',
      evidence: [...evidence, 'the inventory has no private DNS zone links (private-dns-links.json)'],
      fixes: [
        `az network private-dns link vnet list -g ${placeholder('zone resource group')} -z ${BLOB_PRIVATE_DNS_ZONE} -o json`,
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
      fixes: [
        `az network private-dns link vnet create -g ${placeholder('zone resource group')} -z ${BLOB_PRIVATE_DNS_ZONE} -n ${q(`${vnet.name}-link`)} -v ${q(vnet.id)} -e false`,
      ],
    };
  }
  evidence.push(`private DNS zone ${BLOB_PRIVATE_DNS_ZONE} linked to MI VNet ${vnet.name} (${link.name})`);
  if (vnet.dnsServers.length > 0) {
    evidence.push(
      `VNet ${vnet.name} uses custom DNS (${vnet.dnsServers.join(', ')}): it must forward ${BLOB_PRIVATE_DNS_ZONE} to Azure DNS 168.63.129.16`,
    );
  }
  evidence.push('the endpoint must sit in the MI VNet or a VNet peered with it (not checked)');
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
  if (pe.status === 'unknown') {
    return {
      id,
      status: 'unknown',
      summary: `storage account ${account.name}: ${firewallWhy}, and ${pe.why}`,
      evidence,
      fix: fixes.join('\n'),
    };
  }
  return {
    id,
    status: 'fail',
    summary:
      `the MI cannot reach storage account ${account.name}: ${firewallWhy}, and ${pe.why}; restores fail until one ` +
      'path works ("Make sure the target SQL VNet is allowed under the Azure Storage firewall rules")',
    evidence,
    fix:
      fixes.join('\n') || `az storage account show -g ${rg(account.id)} -n ${q(account.name)} --query networkRuleSet`,
  };
}
