import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { armRequestCount, resourceGroupSizesOf } from '../../src/azure/arm-request-count';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { runCliChild } from '../support/arm-cli-child';
import { startArmServer, type ArmFault, type ArmServer } from '../support/arm-server';

// --resource-group end to end: the CLI in a child process, the real credential and ARM SDK clients, against the
// local ARM server refusing (403) every subscription-wide list, as ARM does for Reader on some resource groups only.

jest.setTimeout(120_000);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const HYBRID = path.join(FIXTURES, 'hybrid');
const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const GROUPS = ['rg-migration', 'rg-connectivity'];
const groupArgs = (groups: string[]) => groups.flatMap((g) => ['--resource-group', `${SUB}/${g}`]);

/** Reader on resource groups only: every list at subscription scope (typed or generic) answers 403. */
const SUBSCRIPTION_LISTS_REFUSED: ArmFault = {
  pathMatches: /^\/subscriptions\/[^/]+\/(providers\/|resources$)/,
  status: 403,
  action: 'Microsoft.Network/virtualNetworks/read',
};

function expectOneCleanLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/local-arm-token|Bearer/i);
}

describe('verify and snapshot --resource-group with Reader on resource groups only', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startArmServer({ snapshotDirs: [HYBRID], pageSize: 1, faults: [SUBSCRIPTION_LISTS_REFUSED] });
  });
  afterAll(() => server.close());

  it('--subscription is refused (exit 3), and the message points to --resource-group', async () => {
    const r = await runCliChild(['verify', '--subscription', SUB], server.childEnv());
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Reader on subscription ${SUB} is needed`);
    expect(r.stderr).toContain(`--resource-group ${SUB}/<resource group>`);
    expectOneCleanLine(r.stderr);
  });

  it('gives the same result as verify --snapshot, through group-scoped lists only, paged as predicted', async () => {
    server.requests.length = 0;
    const live = await runCliChild(['verify', ...groupArgs(GROUPS), '--json'], server.childEnv());
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const offline = await runCliChild(['verify', '--snapshot', HYBRID, '--json'], {});
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(offline.stdout));

    const arm = server.armRequests();
    expect(arm.every((q) => q.status === 200)).toBe(true);
    expect(arm.every((q) => /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\//i.test(q.path))).toBe(true);
    // paging: the NSG list of rg-migration (2 items, 1 per page) was followed through its nextLink
    const nsgPages = arm.filter((q) =>
      /rg-migration\/providers\/Microsoft\.Network\/networkSecurityGroups$/i.test(q.path),
    );
    expect(nsgPages.map((q) => q.query.get('$skiptoken'))).toEqual([null, '1']);
    // the generic lists are the group's, filtered by type
    const generic = arm.filter((q) => /\/resources$/i.test(q.path));
    expect(generic.map((q) => q.query.get('$filter')).sort()).toEqual(
      [
        ...GROUPS.map(() => "resourceType eq 'Microsoft.DataMigration/services'"),
        ...GROUPS.map(() => "resourceType eq 'Microsoft.DataMigration/sqlMigrationServices'"),
      ].sort(),
    );
    const inventory = await readSnapshot(HYBRID);
    const sizes = resourceGroupSizesOf(
      inventory,
      GROUPS.map((resourceGroup) => ({ subscriptionId: SUB, resourceGroup })),
    );
    expect(arm).toHaveLength(armRequestCount([], 1, sizes));
  });

  it('a 403 on one resource group names that group scope and the role assignment that fixes it', async () => {
    const denied = await startArmServer({
      snapshotDirs: [HYBRID],
      faults: [
        SUBSCRIPTION_LISTS_REFUSED,
        {
          pathMatches: /\/resourcegroups\/rg-connectivity\/providers\/microsoft\.network\/virtualnetworkgateways$/,
          status: 403,
          action: 'Microsoft.Network/virtualNetworkGateways/read',
        },
      ],
    });
    try {
      const r = await runCliChild(['verify', ...groupArgs(GROUPS)], denied.childEnv());
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `Reader on resource group rg-connectivity in subscription ${SUB} is needed to list virtual network gateways (Microsoft.Network/virtualNetworkGateways/read)`,
      );
      expect(r.stderr).toContain(
        `az role assignment create --assignee <the identity's object id> --role Reader --scope /subscriptions/${SUB}/resourceGroups/rg-connectivity`,
      );
      expect(r.stderr).not.toContain('<resource group> (repeatable)'); // the subscription hint is for subscription scope
      expectOneCleanLine(r.stderr);
    } finally {
      await denied.close();
    }
  });

  it('a resource group that does not exist exits 3 naming it', async () => {
    const r = await runCliChild(['verify', ...groupArgs(['rg-migration', 'rg-typo'])], server.childEnv());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(`Resource group rg-typo in subscription ${SUB} was not found \\(ResourceGroupNotFound\\)`),
    );
    expectOneCleanLine(r.stderr);
  });

  it('snapshot --resource-group writes the files, and verify of that directory agrees', async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'snapshot-rg-')), 'snap');
    const written = await runCliChild(['snapshot', ...groupArgs(GROUPS), '--out', out], server.childEnv());
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(
      /Wrote .*: 1 in vnets\.json, 2 in nsgs\.json, 1 in managed-instances\.json, 1 in dms\.json, 1 in vnet-gateways\.json, 1 in connections\.json, 1 in local-gateways\.json, 1 in route-tables\.json/,
    );
    expect(await readSnapshot(out)).toEqual(await readSnapshot(HYBRID));
    const fromSnapshot = await runCliChild(['verify', '--snapshot', out, '--json'], {});
    const live = await runCliChild(['verify', ...groupArgs(GROUPS), '--json'], server.childEnv());
    expect(JSON.parse(fromSnapshot.stdout)).toEqual(JSON.parse(live.stdout));
  });

  it('--subscription and --resource-group combine; a subscription given both ways is read whole', async () => {
    const open = await startArmServer({ snapshotDirs: [HYBRID] });
    try {
      const r = await runCliChild(
        ['verify', '--subscription', SUB, ...groupArgs(['rg-migration']), '--json'],
        open.childEnv(),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const arm = open.armRequests();
      expect(
        arm.some((q) => /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks$/i.test(q.path)),
      ).toBe(true);
      expect(arm.some((q) => /rg-migration\/providers\/Microsoft\.Network\/virtualNetworks$/i.test(q.path))).toBe(
        false,
      );
    } finally {
      await open.close();
    }
  });
});

describe('--resource-group values', () => {
  it.each([
    [
      ['verify', '--resource-group', 'rg-migration'],
      /^error: --resource-group: 'rg-migration' has no slash: expected <subscription-id>\/<resource group>/,
    ],
    [
      ['verify', '--resource-group', 'abc/rg-migration'],
      /^error: --resource-group: 'abc\/rg-migration': 'abc' is not a subscription id/,
    ],
    [
      ['verify', '--resource-group', `${SUB}/rg migration`],
      /^error: --resource-group: .*may only hold letters, digits, underscores, parentheses, hyphens and periods/,
    ],
    [['verify', '--resource-group', `${SUB}/rg-migration.`], /^error: --resource-group: .*must not end with a period/],
    [
      ['verify', '--resource-group', `${SUB}/${'r'.repeat(91)}`],
      /^error: --resource-group: .*91 characters long; Azure allows at most 90/,
    ],
    [
      ['snapshot', '--resource-group', `${SUB}/`, '--out', os.tmpdir()],
      /^error: --resource-group: .*name after the slash is empty/,
    ],
  ])('%j exits 2 with one line naming the flag', async (args, message) => {
    // no ARM endpoint: the value is refused before anything is read
    const r = await runCliChild(args, { ARM_ENDPOINT: 'https://127.0.0.1:9' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expectOneCleanLine(r.stderr);
  });
});

describe('a referenced NSG in a resource group not listed', () => {
  let dir: string;
  let server: ArmServer;
  beforeAll(async () => {
    // the hybrid fixture with the DMS subnet's NSG moved to rg-network
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hybrid-split-'));
    const moved = (text: string) =>
      text
        .split('/resourceGroups/rg-migration/providers/Microsoft.Network/networkSecurityGroups/nsg-dms')
        .join('/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-dms');
    for (const file of await fs.readdir(HYBRID)) {
      await fs.writeFile(path.join(dir, file), moved(await fs.readFile(path.join(HYBRID, file), 'utf8')));
    }
    server = await startArmServer({ snapshotDirs: [dir], faults: [SUBSCRIPTION_LISTS_REFUSED] });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('gives unknown with evidence naming it, and the text hints at the --resource-group to add', async () => {
    const nsgId = `/subscriptions/${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-dms`;
    const json = await runCliChild(['verify', ...groupArgs(GROUPS), '--json'], server.childEnv());
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const checks = JSON.parse(json.stdout).checks as { id: string; status: string; evidence: string[] }[];
    const management = checks.find((c) => c.id === 'nsg-management-443');
    expect(management?.status).toBe('unknown');
    expect(management?.evidence.join('\n')).toContain(`NSG ${nsgId} is attached but not in the inventory`);

    const text = await runCliChild(['verify', ...groupArgs(GROUPS)], server.childEnv());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^UNKNOWN nsg-management-443: /m);
    expect(text.stdout).toContain(
      `Hint: resource group rg-network of subscription ${SUB} was not read but holds nsg-dms: add --resource-group ${SUB}/rg-network`,
    );
    expect(text.stdout.match(/^Hint: /gm)).toHaveLength(1);

    // adding the group the hint names gives the result of the whole fixture
    const all = await runCliChild(['verify', ...groupArgs([...GROUPS, 'rg-network']), '--json'], server.childEnv());
    const offline = await runCliChild(['verify', '--snapshot', dir, '--json'], {});
    expect(all.stderr).toBe('');
    expect(JSON.parse(all.stdout)).toEqual(JSON.parse(offline.stdout));
    const withAll = await runCliChild(['verify', ...groupArgs([...GROUPS, 'rg-network'])], server.childEnv());
    expect(withAll.stdout).not.toMatch(/^Hint: /m);
  });
});

describe('the current DMS at resource group scope', () => {
  it('finds storage accounts and DNS links in the group, agrees with verify --snapshot, counts as predicted', async () => {
    const shirSub = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
    const shir = path.join(FIXTURES, 'shir-ok');
    const server = await startArmServer({ snapshotDirs: [shir], pageSize: 1, faults: [SUBSCRIPTION_LISTS_REFUSED] });
    try {
      const live = await runCliChild(['verify', '--resource-group', `${shirSub}/rg-shir`, '--json'], server.childEnv());
      expect(live.stderr).toBe('');
      expect(live.code).toBe(0);
      const offline = await runCliChild(['verify', '--snapshot', shir, '--json'], {});
      expect(JSON.parse(live.stdout)).toEqual(JSON.parse(offline.stdout));
      expect(JSON.parse(live.stdout).topology).toBe('shir');
      const fixture = await readSnapshot(shir);
      const sizes = resourceGroupSizesOf(fixture, [{ subscriptionId: shirSub, resourceGroup: 'rg-shir' }]);
      expect(sizes[0]).toMatchObject({ currentDmsServices: 1, storageAccounts: 3, privateDnsZoneLinks: 1 });
      expect(server.armRequests()).toHaveLength(armRequestCount([], 1, sizes));
    } finally {
      await server.close();
    }
  });
});
