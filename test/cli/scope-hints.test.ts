import { missingResourceHint, missingResourceHints } from '../../src/cli/scope-hints';
import { emptyInventory, type Inventory, type NetworkSecurityGroup } from '../../src/network/model';

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const id = (rg: string, type: string, name: string) =>
  `/subscriptions/${SUB}/resourceGroups/${rg}/providers/${type}/${name}`;
const NSG_READ = id('rg-app', 'Microsoft.Network/networkSecurityGroups', 'nsg-app');
const NSG_MISSING = id('rg-network', 'Microsoft.Network/networkSecurityGroups', 'nsg-dms');
const RT_MISSING = id('rg-network', 'Microsoft.Network/routeTables', 'rt-dms');
const HUB_MISSING = id('rg-hub', 'Microsoft.Network/virtualNetworks', 'vnet-hub');

function inventory(): Inventory {
  const nsg: NetworkSecurityGroup = {
    id: NSG_READ,
    name: 'nsg-app',
    resourceGroup: 'rg-app',
    location: 'westeurope',
    securityRules: [],
  };
  return { ...emptyInventory(), networkSecurityGroups: [nsg] };
}

describe('missingResourceHints', () => {
  it('names each resource group holding resources the non-pass checks name but the inventory lacks', () => {
    const hints = missingResourceHints(inventory(), [
      {
        status: 'unknown',
        summary: 'cannot be decided from the inventory',
        evidence: [
          `NSG ${NSG_MISSING} is attached but not in the inventory`,
          `NSG ${NSG_READ.toUpperCase()} allows it`,
        ],
        fix: `az network nsg show --ids '${NSG_MISSING}' --query securityRules`,
      },
      { status: 'unknown', summary: 'route table is not in the inventory', evidence: [`route table ${RT_MISSING}`] },
      {
        status: 'warn',
        summary: 'partly allowed',
        evidence: [`the address space of peered VNet ${HUB_MISSING} is not in the inventory`],
      },
      // a passing check's evidence is not a reason to read more
      {
        status: 'pass',
        summary: 'ok',
        evidence: [`subnet ${id('rg-other', 'Microsoft.Network/virtualNetworks', 'v')}/subnets/s`],
      },
    ]);
    expect(hints).toEqual([
      `resource group rg-network of subscription ${SUB} was not read but holds nsg-dms, rt-dms: add --resource-group ${SUB}/rg-network to the read (Reader on it is enough)`,
      `resource group rg-hub of subscription ${SUB} was not read but holds vnet-hub: add --resource-group ${SUB}/rg-hub to the read (Reader on it is enough)`,
    ]);
  });

  it('nothing missing: no hint', () => {
    expect(
      missingResourceHints(inventory(), [{ status: 'unknown', summary: 'x', evidence: [`NSG ${NSG_READ}`] }]),
    ).toEqual([]);
  });

  it('a subnet of a VNet not read (the verifier refuses to go on) gets the hint for the VNet', () => {
    const subnet = `${id('rg-sql', 'Microsoft.Network/virtualNetworks', 'vnet-sql')}/subnets/snet-mi`;
    expect(missingResourceHint(inventory(), [subnet])).toBe(
      `resource group rg-sql of subscription ${SUB} was not read but holds vnet-sql: add --resource-group ${SUB}/rg-sql to the read (Reader on it is enough)`,
    );
    expect(missingResourceHint(inventory(), [])).toBeUndefined();
  });
});
