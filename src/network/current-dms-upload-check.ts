// shir-upload-path: how the self-hosted integration runtime reaches the storage account it uploads SMB backups to,
// by where it runs. On-premises: an IP rule for its public egress IP, or a private endpoint over VPN/ExpressRoute.
// On an Azure VM: a virtual network rule for the VM's subnet with the service endpoint (IP rules do not apply to
// requests from the same region), or a private endpoint.
import { BLOB_PRIVATE_DNS_ZONE, type RuntimeHost } from '../planning/current-dms';
import { placeholder, quoteArg as q, resourceGroupOf, shellComment } from './az-fixes';
import { changeLine } from './changes';
import { withFix } from './fix-lines';
import { cidrSet, isCidrOrIp } from './cidr';
import { storageEndpointReach, storageRuleFixes, vnetRuleFor } from './current-dms-checks';
import type { CurrentDmsCheck } from './current-dms-types';
import { VerifyInputError } from './errors';
import type { InventoryIndex, SubnetEntry } from './inventory-index';
import { contains } from './intervals';
import type { StorageAccount } from './model';

const id = 'shir-upload-path';
const rg = (resourceId: string) => q(resourceGroupOf(resourceId) ?? '<resource group>');

export interface UploadPathInput {
  account: StorageAccount;
  runtimeHost: RuntimeHost;
  /** On-premises: the runtime's public egress IPs (or CIDRs). */
  runtimeIps: string[];
  /** Azure VM: the VM's subnet. */
  runtimeSubnet?: SubnetEntry;
}

/** The runtime VM's subnet: a subnet id, or "vnet/subnet" by name (case-insensitive). Throws VerifyInputError. */
export function findRuntimeSubnet(index: InventoryIndex, text: string): SubnetEntry {
  const byId = index.subnet(text);
  if (byId) return byId;
  const [vnetName, subnetName] = text.split('/');
  const matches = index.inventory.virtualNetworks.flatMap((vnet) =>
    vnet.name.toLowerCase() === vnetName?.toLowerCase()
      ? vnet.subnets
          .filter((s) => s.name.toLowerCase() === subnetName?.toLowerCase())
          .map((subnet) => ({ subnet, vnet }))
      : [],
  );
  if (matches.length === 1 && text.split('/').length === 2) return matches[0];
  const what = 'subnet';
  const candidates = matches.map((m) => m.subnet.id);
  throw new VerifyInputError(
    matches.length > 1
      ? { kind: 'ambiguous-name', field: 'runtimeSubnet', what, name: text, candidates }
      : { kind: 'not-found', field: 'runtimeSubnet', what, name: text, candidates: [] },
  );
}

function approvedEndpoints(account: StorageAccount): string[] {
  return account.privateEndpointConnections
    .filter((c) => (c.status ?? '').toLowerCase() === 'approved')
    .map((c) => (c.privateEndpointId ?? c.id).split('/').pop() ?? c.id);
}

function privateEndpointWarn(account: StorageAccount, header: string[], where: string): CurrentDmsCheck | undefined {
  const endpoints = approvedEndpoints(account);
  if (endpoints.length === 0) return undefined;
  return {
    id,
    status: 'warn',
    summary:
      `the runtime can upload to storage account ${account.name} only through its private endpoint ` +
      `${endpoints.join(', ')}: ${where}`,
    evidence: [...header, `approved private endpoint(s): ${endpoints.join(', ')}`],
    fix:
      `az storage account show -g ${rg(account.id)} -n ${q(account.name)} --query privateEndpointConnections` +
      shellComment(
        `then, on the runtime machine, nslookup ${account.name}.blob.core.windows.net must answer a private address`,
      ),
  };
}

function onPremises(input: UploadPathInput, header: string[]): CurrentDmsCheck {
  const { account, runtimeIps } = input;
  const ipRules = account.networkRuleSet.ipRules.filter(isCidrOrIp);
  const evidence = [...header, `IP rules: ${account.networkRuleSet.ipRules.join(', ') || 'none'}`];
  const viaEndpoint = () =>
    privateEndpointWarn(
      account,
      evidence,
      `the on-premises runtime needs VPN or ExpressRoute private peering to its VNet and on-premises DNS forwarding ${BLOB_PRIVATE_DNS_ZONE} to Azure (ARM cannot show either)`,
    );
  /** An IP rule for the runtime's public IP (or a placeholder for it). */
  const addIp = (ipAddress: string) =>
    changeLine({ kind: 'storage-network-rule-add', storageAccountId: account.id, ipAddress });
  if (runtimeIps.length > 0) {
    const allowed = cidrSet(ipRules);
    const missing = runtimeIps.filter((ip) => !contains(allowed, cidrSet([ip])));
    if (missing.length === 0) {
      return {
        id,
        status: 'pass',
        summary: `storage account ${account.name} lets the on-premises runtime in: an IP rule holds ${runtimeIps.join(', ')}`,
        evidence,
      };
    }
    return (
      viaEndpoint() ??
      withFix(
        {
          id,
          status: 'fail',
          summary:
            `the on-premises runtime cannot upload to storage account ${account.name}: no IP rule holds its public IP ` +
            `${missing.join(', ')} and the account has no private endpoint`,
          evidence,
        },
        missing.map(addIp),
      )
    );
  }
  if (ipRules.length > 0) {
    return (
      viaEndpoint() ?? {
        id,
        status: 'unknown',
        summary:
          `storage account ${account.name} has IP rules (${ipRules.join(', ')}): whether they hold the public IP the ` +
          'on-premises runtime leaves from is not known',
        evidence,
        input: 'runtimeIps',
        fix:
          `az storage account network-rule list -g ${rg(account.id)} --account-name ${q(account.name)} --query ipRules` +
          shellComment('compare with the public IP the runtime machine leaves from'),
      }
    );
  }
  return (
    viaEndpoint() ??
    withFix(
      {
        id,
        status: 'fail',
        summary:
          `the on-premises runtime cannot upload to storage account ${account.name}: its firewall denies by default ` +
          'with no IP rule and no private endpoint',
        evidence,
      },
      [addIp('<public IP the runtime machine leaves from>')],
    )
  );
}

function onAzureVm(input: UploadPathInput, header: string[]): CurrentDmsCheck {
  const { account, runtimeSubnet } = input;
  const where = 'the VM must reach it (its VNet or one peered with it) and resolve its name through private DNS';
  if (!runtimeSubnet) {
    return (
      privateEndpointWarn(account, header, where) ?? {
        id,
        status: 'unknown',
        summary:
          `which subnet the runtime's Azure VM is in is not known, so whether storage account ${account.name} lets it ` +
          'in is not known',
        evidence: [...header, 'IP rules do not apply to requests from the same Azure region as the account'],
        input: 'runtimeSubnet',
        fix:
          `az vm show -g ${placeholder('resource group')} -n ${placeholder('runtime VM')} ` +
          '--query "networkProfile.networkInterfaces[].id"',
      }
    );
  }
  const { subnet, vnet } = runtimeSubnet;
  const { rule, active } = vnetRuleFor(account, subnet.id);
  const reach = storageEndpointReach(subnet.serviceEndpoints, vnet.location, account.location);
  const evidence = [
    ...header,
    rule
      ? `virtual network rule for runtime subnet ${vnet.name}/${subnet.name}${rule.state ? ` (${rule.state})` : ''}`
      : `no virtual network rule for runtime subnet ${vnet.name}/${subnet.name}`,
    `runtime subnet ${subnet.name} service endpoints: ${subnet.serviceEndpoints.join(', ') || 'none'}`,
  ];
  if (account.networkRuleSet.ipRules.length > 0) {
    evidence.push('IP rules do not apply to requests from the same Azure region as the account');
  }
  if (active && reach === 'yes') {
    return {
      id,
      status: 'pass',
      summary: `storage account ${account.name} lets the runtime's subnet ${subnet.name} in (virtual network rule and service endpoint)`,
      evidence,
    };
  }
  const fixes = storageRuleFixes(account, subnet, reach, active);
  if (active && reach === 'paired-only') {
    return withFix(
      {
        id,
        status: 'warn',
        summary:
          `runtime subnet ${subnet.name} has Microsoft.Storage, which reaches storage account ${account.name} in ` +
          `${account.location} only if that is the paired region of ${vnet.location}: use Microsoft.Storage.Global`,
        evidence,
      },
      fixes,
    );
  }
  return (
    privateEndpointWarn(account, evidence, where) ??
    withFix(
      {
        id,
        status: 'fail',
        summary:
          `the runtime on an Azure VM cannot upload to storage account ${account.name}: ` +
          (rule
            ? `its subnet ${subnet.name} lacks the Microsoft.Storage service endpoint`
            : `no virtual network rule for its subnet ${subnet.name}`) +
          ' (IP rules do not apply to requests from the same region)',
        evidence,
      },
      fixes,
    )
  );
}

/** The runtime's way into one storage account (SMB backups only). */
export function uploadPathCheck(input: UploadPathInput): CurrentDmsCheck {
  const { account } = input;
  const publicOff = (account.publicNetworkAccess ?? 'Enabled').toLowerCase() === 'disabled';
  const header = [
    `storage account ${account.name}: public network access ${publicOff ? 'disabled' : 'enabled'}, default action ` +
      `${account.networkRuleSet.defaultAction}; runtime host ${input.runtimeHost}`,
  ];
  if (!publicOff && account.networkRuleSet.defaultAction === 'Allow') {
    return {
      id,
      status: 'pass',
      summary: `storage account ${account.name} accepts uploads from all networks`,
      evidence: header,
    };
  }
  if (publicOff) {
    return (
      privateEndpointWarn(account, header, 'public network access is disabled, so nothing else works') ??
      withFix(
        {
          id,
          status: 'fail',
          summary: `the runtime cannot upload to storage account ${account.name}: public network access is disabled and it has no approved private endpoint`,
          evidence: header,
        },
        [
          changeLine(
            {
              kind: 'storage-account-update',
              storageAccountId: account.id,
              publicNetworkAccess: 'Enabled',
              defaultAction: 'Deny',
            },
            "then add the runtime's rule",
          ),
        ],
      )
    );
  }
  return input.runtimeHost === 'azure-vm' ? onAzureVm(input, header) : onPremises(input, header);
}
