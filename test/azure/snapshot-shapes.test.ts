import * as path from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';

// The dual-stack and later-revision fixtures exist in ARM REST shape and in the Azure CLI shape (-cli): both must map
// to the same inventory, IPv6 prefixes kept as Azure lists them (the network core leaves them out of IPv4 flows).
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const read = (name: string) => readSnapshot(path.join(FIXTURES, name));

describe('snapshot reader: real dual-stack shapes', () => {
  it.each(['dual-stack', 'later-revision'])(
    '%s: the ARM REST and the Azure CLI shape map to one inventory',
    async (name) => {
      expect(await read(`${name}-cli`)).toEqual(await read(name));
    },
  );

  it.each(['dual-stack', 'dual-stack-cli'])(
    '%s: IPv6 prefixes are read in VNets, subnets, rules and local gateways',
    async (name) => {
      const inv = await read(name);
      const vnet = inv.virtualNetworks[0];
      expect(vnet.addressPrefixes).toEqual(['10.50.0.0/16', 'ace:cab:deca::/48']);
      const byName = Object.fromEntries(vnet.subnets.map((s) => [s.name, s.addressPrefixes]));
      // plural addressPrefixes only (MI and DMS subnets), singular addressPrefix (GatewaySubnet)
      expect(byName).toEqual({
        'snet-sqlmi': ['10.50.1.0/24'],
        'snet-dms': ['10.50.2.0/24', 'ace:cab:deca:deed::/64'],
        GatewaySubnet: ['10.50.255.0/27'],
      });
      expect(inv.localNetworkGateways[0].addressPrefixes).toEqual(['192.168.10.0/24', 'fd00:db8:10::/48']);
      const rules = Object.fromEntries(inv.networkSecurityGroups[0].securityRules.map((r) => [r.name, r]));
      expect(rules.deny_v6_onprem_smb.destinationAddressPrefixes).toEqual(['fd00:db8:10::/48', 'fd00:db8:20::/48']);
      expect(rules.DMS_subnet_in_v6.sourceAddressPrefixes).toEqual(['ace:cab:deca:deed::/64']);
      expect(rules.Management_endpoint_for_Azure_portal_and_Powershell.sourceAddressPrefixes).toEqual([
        'ApiManagement',
      ]);
      // the Azure CLI writes "destinationAddressPrefix": "" next to an ASG; neither shape gives a prefix
      expect(rules.allow_sql_to_app_servers).toMatchObject({
        destinationAddressPrefixes: [],
        destinationApplicationSecurityGroups: [expect.stringMatching(/applicationSecurityGroups\/asg-sql-apps$/)],
      });
      // the default rules the Azure CLI and ARM list are not custom rules
      expect(Object.keys(rules)).not.toContain('DenyAllOutBound');
    },
  );
});
