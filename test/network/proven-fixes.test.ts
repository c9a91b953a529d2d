import * as path from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { commandOf } from '../../src/network/change-commands';
import { changeLine, type InventoryChange } from '../../src/network/changes';
import { fixChanges } from '../../src/network/fix-lines';
import { VerifyInputError } from '../../src/network/errors';
import type { Inventory } from '../../src/network/model';
import { verifyCurrentDms, type CurrentDmsVerifyOptions } from '../../src/network/current-dms-verify';
import {
  type ProvableCheck,
  type RemainingCheck,
  proposedChanges,
  proveFixes,
  remainingName,
} from '../../src/network/proven-fixes';
import { verify } from '../../src/network/verifier';
import { onPremLink, rid } from '../fixtures/network/builders';
import { routeTable } from '../fixtures/network/routing';
import { scenario } from '../fixtures/network/scenarios';

const SUBNET = `${rid('rg-net', 'virtualNetworks', 'vnet-mi')}/subnets/mi-subnet`;
const ACCOUNT = rid('rg-shir', 'storageAccounts', 'stbackups', 'Microsoft.Storage');

function failing(id: string, ...changes: InventoryChange[]): ProvableCheck {
  return { id, status: 'fail', summary: id, changes: fixChanges(changes.map((c) => changeLine(c))) };
}

describe('the changes of a verification, as one list', () => {
  it('each change once, from the checks that do not pass, in the order they must run', () => {
    const peer: InventoryChange = {
      kind: 'peering-create',
      vnetId: rid('rg-net', 'virtualNetworks', 'a'),
      name: 'a-b',
      remoteVnetId: 'x',
    };
    const rule: InventoryChange = { kind: 'storage-network-rule-add', storageAccountId: ACCOUNT, subnetId: SUBNET };
    const endpoint: InventoryChange = {
      kind: 'subnet-update',
      subnetId: SUBNET,
      serviceEndpoints: ['Microsoft.Storage'],
    };
    const drop: InventoryChange = {
      kind: 'peering-delete',
      vnetId: rid('rg-net', 'virtualNetworks', 'a'),
      name: 'a-b',
    };
    const list = proposedChanges([
      failing('one', rule, endpoint, peer),
      failing('two', drop, peer),
      { ...failing('passes', { kind: 'route-delete', routeTableId: 'x', name: 'y' }), status: 'pass' },
    ]);
    expect(list.map((c) => [c.change.kind, c.checks])).toEqual([
      ['peering-delete', ['two']],
      ['peering-create', ['one', 'two']],
      ['subnet-update', ['one']],
      ['storage-network-rule-add', ['one']],
    ]);
  });

  it('lists az replaces become one command: service endpoints joined (Global covers Storage), local gateway prefixes joined', () => {
    const list = proposedChanges([
      failing('a', {
        kind: 'subnet-update',
        subnetId: SUBNET,
        serviceEndpoints: ['Microsoft.Sql', 'Microsoft.Storage'],
      }),
      failing('b', {
        kind: 'subnet-update',
        subnetId: SUBNET.toUpperCase(),
        serviceEndpoints: ['Microsoft.Storage.Global'],
      }),
      failing('c', {
        kind: 'local-gateway-update',
        localNetworkGatewayId: 'lng',
        addressPrefixes: ['192.168.0.0/16', '10.60.0.0/16'],
      }),
      failing('d', {
        kind: 'local-gateway-update',
        localNetworkGatewayId: 'lng',
        addressPrefixes: ['192.168.0.0/16', '172.20.0.0/16'],
      }),
    ]);
    expect(list.map((c) => c.change)).toEqual([
      {
        kind: 'local-gateway-update',
        localNetworkGatewayId: 'lng',
        addressPrefixes: ['192.168.0.0/16', '10.60.0.0/16', '172.20.0.0/16'],
      },
      expect.objectContaining({
        kind: 'subnet-update',
        serviceEndpoints: ['Microsoft.Sql', 'Microsoft.Storage.Global'],
      }),
    ]);
    expect(list[1].command).toBe(commandOf(list[1].change));
    expect(list[1].checks).toEqual(['a', 'b']);
  });
});

describe('afterFixes: the network verified again once the changes are made', () => {
  it.each<[string, (s: ReturnType<typeof scenario>) => void, string, Record<string, string>]>([
    [
      'a route that drops DMS to Azure: three routes, every check passes',
      (s) => routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'None' }]),
      'after these 3 commands every check passes',
      {},
    ],
    [
      'a site-to-site connection needs values only the user has',
      (s) => {
        s.inventory.connections = [];
        s.options = { ...s.options, sourceRanges: ['192.168.0.0/16'] };
      },
      '4 checks fail; no command here can fix them alone (see why): onprem-connectivity, nsg-sql-source, nsg-sql-named-instance, nsg-smb-share',
      { 'onprem-connectivity': 'needs-values', 'nsg-sql-source': 'needs-values' },
    ],
    [
      'an appliance on the way decides beyond Azure',
      (s) =>
        routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [
          { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.2.0.4' },
        ]),
      'no check fails; 3 checks warn or cannot be decided and no command here changes that: nsg-sql-source, nsg-sql-named-instance, nsg-smb-share',
      { 'nsg-sql-source': 'outside-azure' },
    ],
    [
      'routes learned over ExpressRoute cannot be seen',
      (s) => {
        s.inventory.connections = [];
        s.inventory.virtualNetworkGateways = [];
        onPremLink(s.inventory, s.dmsVnet, 'expressroute');
      },
      // the service endpoints are added: what Microsoft peering would need
      'after this command no check fails; 4 checks still warn or cannot be decided: nsg-sql-source, nsg-sql-named-instance, nsg-smb-share, route-forced-tunneling',
      // no local network gateway lists the source: only the source range a person gives decides the SQL checks
      { 'route-forced-tunneling': 'not-in-inventory', 'nsg-sql-source': 'needs-input' },
    ],
  ])('%s', (_name, change, summary, reasons) => {
    const s = scenario('hybrid');
    change(s);
    const outcome = verify(s.inventory, s.options).afterFixes!;
    expect(outcome.summary).toBe(summary);
    for (const [id, reason] of Object.entries(reasons)) {
      expect(outcome.remaining.find((r) => r.id === id)).toEqual(expect.objectContaining({ reason }));
    }
  });

  it('a network that passes needs no command', () => {
    const s = scenario('cloud-isolated-vnet');
    expect(verify(s.inventory, s.options).afterFixes).toEqual({
      result: 'all-pass',
      summary: 'every check passes',
      changes: [],
      remaining: [],
      worse: [],
    });
  });

  it('names the values a change needs and the command it goes into', () => {
    const s = scenario('hybrid');
    s.inventory.connections = [];
    s.options = { ...s.options, sourceRanges: ['192.168.0.0/16'] };
    const remaining = verify(s.inventory, s.options).afterFixes!.remaining.find((r) => r.id === 'onprem-connectivity')!;
    expect(remaining.why).toBe(
      'needs values only you have (local network gateway id, key): fill them in, run az network vpn-connection create, then verify again',
    );
    expect(remaining.needs).toEqual([
      {
        command: expect.stringMatching(
          /^az network vpn-connection create .*--local-gateway2 '<local network gateway id>' --shared-key '<key>' --subscription [0-9a-f-]+$/,
        ),
        values: ['local network gateway id', 'key'],
      },
    ]);
  });

  it('a check that proposes changes no verification shows as made is reported, not hidden (a bug of a fix)', () => {
    const inventory: Inventory = scenario('hybrid').inventory;
    const check = failing('onprem-connectivity', {
      kind: 'route-table-update',
      routeTableId: 'nowhere',
      disableBgpRoutePropagation: false,
    });
    const outcome = proveFixes(inventory, [check], () => [check]);
    expect(outcome.refused).toEqual([
      {
        command: "az network route-table update -g '<resource group>' -n nowhere --disable-bgp-route-propagation false",
        field: 'routeTableId',
        message: 'route table nowhere is not in the inventory',
      },
    ]);
    expect(outcome.remaining).toEqual([expect.objectContaining({ id: 'onprem-connectivity', reason: 'not-fixed' })]);
  });

  it('a network the changes make unverifiable says so', () => {
    const inventory = scenario('hybrid').inventory;
    const check = failing('mi-subnet', {
      kind: 'route-table-update',
      routeTableId: inventory.virtualNetworks[0].id,
      disableBgpRoutePropagation: false,
    });
    const outcome = proveFixes(inventory, [check], () => {
      throw new VerifyInputError({ kind: 'none', field: 'mi', what: 'SQL Managed Instance' });
    });
    expect(outcome).toEqual(
      expect.objectContaining({
        result: 'failures',
        summary:
          'after these changes the network could not be verified again: No SQL Managed Instance found in the inventory',
      }),
    );
  });
});

describe('what remains says what decides it: an input not given, the storage account', () => {
  const unknown = (extra: Partial<ProvableCheck>): ProvableCheck => ({
    id: 'c',
    status: 'unknown',
    summary: 'c',
    fix: 'az network vnet-gateway list-learned-routes',
    ...extra,
  });
  const only = (check: ProvableCheck) => proveFixes(scenario('hybrid').inventory, [check], () => [check]).remaining;

  it.each<[string, ProvableCheck, Partial<RemainingCheck>]>([
    [
      'unknown for want of an input: needs-input, naming it',
      unknown({ input: 'sourceRanges' }),
      { reason: 'needs-input', input: 'sourceRanges' },
    ],
    [
      'unknown, no input would decide it: not-in-inventory, no input',
      unknown({}),
      { reason: 'not-in-inventory', input: undefined },
    ],
    [
      'a warning with an input: the input does not decide it',
      { ...unknown({ input: 'storageAuth' }), status: 'warn' },
      { reason: 'no-command', input: undefined },
    ],
    [
      'a check run per storage account names it',
      unknown({ storageAccount: 'stbackups', input: 'runtimeIps' }),
      { reason: 'needs-input', input: 'runtimeIps', storageAccount: 'stbackups' },
    ],
    ['a check of the whole migration names none', unknown({}), { storageAccount: undefined }],
  ])('%s', (_name, check, expected) => {
    const [r] = only(check);
    for (const [key, value] of Object.entries(expected)) expect(r[key as keyof RemainingCheck]).toEqual(value);
  });

  it('remainingName: the id, and the storage account when there is one', () => {
    expect(remainingName({ id: 'mi-subnet' })).toBe('mi-subnet');
    expect(remainingName({ id: 'shir-upload-path', storageAccount: 'st1' })).toBe(
      'shir-upload-path (storage account st1)',
    );
  });

  const SHIR_BLOCKED = path.join(__dirname, '..', 'fixtures', 'snapshots', 'shir-blocked');
  const row = (r: RemainingCheck) => [r.id, r.storageAccount, r.status, r.reason, r.input];

  it.each<[string, CurrentDmsVerifyOptions, boolean, unknown[][]]>([
    [
      'on-premises runtime, no runtime IP: one line per account, the one with IP rules waiting for the runtime IP',
      {},
      true,
      [
        ['integration-runtime-state', undefined, 'fail', 'no-command', undefined],
        ['shir-upload-path', 'stbackupsfw', 'unknown', 'needs-input', 'runtimeIps'],
        ['shir-upload-path', 'stbackupspe', 'warn', 'no-command', undefined],
        ['shir-upload-path', 'stbackupspending', 'warn', 'no-command', undefined],
      ],
    ],
    [
      'runtime on an Azure VM, no subnet given: waiting for the runtime subnet',
      { runtimeHost: 'azure-vm' },
      true,
      [
        ['integration-runtime-state', undefined, 'fail', 'no-command', undefined],
        ['shir-upload-path', 'stbackupsfw', 'unknown', 'needs-input', 'runtimeSubnet'],
        ['shir-upload-path', 'stbackupspe', 'warn', 'no-command', undefined],
        ['shir-upload-path', 'stbackupspending', 'warn', 'no-command', undefined],
      ],
    ],
    [
      'no account named or tagged: waiting for the storage account (its tag command still listed)',
      {},
      false,
      [
        ['integration-runtime-state', undefined, 'fail', 'no-command', undefined],
        ['storage-network-access', undefined, 'unknown', 'needs-input', 'storage'],
      ],
    ],
  ])('the current DMS, %s', async (_name, options, tagged, rows) => {
    const inventory = await readSnapshot(SHIR_BLOCKED);
    if (!tagged) for (const account of inventory.storageAccounts ?? []) account.tags = {};
    const { checks, afterFixes } = verifyCurrentDms(inventory, options);
    expect(afterFixes!.remaining.map(row)).toEqual(rows);
    const storage = afterFixes!.remaining.find((r) => r.input === 'storage');
    if (storage) expect(storage.needs?.[0].command).toMatch(/--tags dms-backups=true --subscription '<subscription>'$/);
    // every check run per account names it, in the checks too; the checks of the whole migration name none
    const perAccount = checks.filter((c) => !['integration-runtime-state', 'mi-subnet'].includes(c.id));
    for (const c of perAccount) {
      if (tagged) expect(c.summary).toContain(c.storageAccount ?? '(none)');
      else expect(c.storageAccount).toBeUndefined();
    }
    for (const c of checks.filter((c) => !perAccount.includes(c))) expect(c.storageAccount).toBeUndefined();
  });
});
