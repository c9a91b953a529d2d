import * as path from 'node:path';
import { armRequestCount, subscriptionSizesOf } from '../../src/azure/arm-request-count';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import type { Inventory } from '../../src/network/model';
import { runTsChild } from '../support/arm-cli-child';
import { startArmServer } from '../support/arm-server';

// The live reader through the real credential and SDK clients, in a child process that trusts the local
// server's certificate: concurrency bound, time budget and transient-error retries.

jest.setTimeout(60_000);

const HYBRID = path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid');
const NIC_ASG = path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid-nic-asg');
const ROUTED = ['onprem-bgp', 'vwan-spoke', 'hub-transit-no-propagation'].map((f) =>
  path.join(__dirname, '..', 'fixtures', 'snapshots', f),
);
const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

async function readInChild(env: NodeJS.ProcessEnv, options: object) {
  const r = await runTsChild(
    'test/support/arm-read-child.ts',
    [JSON.stringify({ subscriptions: [SUB], ...options })],
    env,
  );
  if (r.code !== 0) throw new Error(`child failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as {
    counts?: Record<string, number>;
    inventory?: Inventory;
    error?: { kind: string; message: string };
  };
}

describe('readLiveInventory against the local ARM server', () => {
  it.each([1, 3])('keeps at most %i ARM requests in flight', async (concurrency) => {
    const server = await startArmServer({ snapshotDirs: [HYBRID], latencyMs: 150 });
    try {
      const result = await readInChild(server.childEnv(), { concurrency });
      expect(result.counts).toMatchObject({ virtualNetworks: 1, networkSecurityGroups: 2, dmsServices: 1 });
      expect(server.maxArmInFlight()).toBe(concurrency);
    } finally {
      await server.close();
    }
  });

  it('gives up at the time budget with a timeout error', async () => {
    const server = await startArmServer({ snapshotDirs: [HYBRID], latencyMs: 2000 });
    try {
      const started = Date.now();
      const result = await readInChild(server.childEnv(), { timeBudgetMs: 500 });
      expect(result.error).toEqual({ kind: 'timeout', message: expect.stringMatching(/time budget of 0.5 s/) });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await server.close();
    }
  });

  it('retries a transient 503 and succeeds', async () => {
    const server = await startArmServer({
      snapshotDirs: [HYBRID],
      faults: [{ pathMatches: /routetables$/, status: 503, times: 1 }],
    });
    try {
      const result = await readInChild(server.childEnv(), {});
      expect(result.counts?.routeTables).toBe(1);
      const attempts = server.armRequests().filter((q) => /routeTables$/i.test(q.path));
      expect(attempts.map((a) => a.status)).toEqual([503, 200]);
    } finally {
      await server.close();
    }
  });

  it('keeps a classic DMS deleted between the list and its GET (404), without a subnet', async () => {
    const server = await startArmServer({
      snapshotDirs: [HYBRID],
      faults: [{ pathMatches: /microsoft\.datamigration\/services\/dms-hybrid$/, status: 404 }],
    });
    try {
      const result = await readInChild(server.childEnv(), {});
      expect(result.error).toBeUndefined();
      expect(result.counts?.dmsServices).toBe(1);
      const gets = server.armRequests().filter((q) => /dms-hybrid$/i.test(q.path));
      expect(gets.map((q) => q.status)).toEqual([404]);
    } finally {
      await server.close();
    }
  });

  it('reads network interfaces and application security groups through every page, as the snapshot reader does', async () => {
    const server = await startArmServer({ snapshotDirs: [NIC_ASG], pageSize: 1 });
    try {
      const result = await readInChild(server.childEnv(), { withInventory: true });
      expect(result.error).toBeUndefined();
      expect(result.counts).toMatchObject({ networkInterfaces: 2, applicationSecurityGroups: 2 });
      const fixture = await readSnapshot(NIC_ASG);
      expect(result.inventory?.dmsServices[0].networkInterfaceNsgId).toMatch(/networkSecurityGroups\/nsg-dms-nic$/);
      expect(result.inventory?.applicationSecurityGroups).toEqual(fixture.applicationSecurityGroups);
      expect(result.inventory).toEqual(JSON.parse(JSON.stringify(fixture)));

      for (const list of [/\/networkInterfaces$/i, /\/applicationSecurityGroups$/i]) {
        const pages = server.armRequests().filter((q) => list.test(q.path));
        expect(pages.map((q) => [q.query.get('$skiptoken'), q.query.get('api-version'), q.status])).toEqual([
          [null, '2026-01-01', 200],
          ['1', '2026-01-01', 200],
        ]);
      }
      // one item per page: the request count is the one armRequestCount predicts for the fixture
      const SUB_ID = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
      expect(server.armRequests()).toHaveLength(armRequestCount(subscriptionSizesOf(fixture, [SUB_ID]), 1));
    } finally {
      await server.close();
    }
  });

  it('403 on the network interface list names the role, the action and the subscription scope', async () => {
    const server = await startArmServer({
      snapshotDirs: [NIC_ASG],
      faults: [
        {
          pathMatches: /networkinterfaces$/,
          queryMatches: /skiptoken=1/, // the second page
          status: 403,
          action: 'Microsoft.Network/networkInterfaces/read',
        },
      ],
    });
    try {
      const result = await readInChild(server.childEnv(), {});
      expect(result.error?.kind).toBe('forbidden');
      expect(result.error?.message).toContain(
        `Reader on subscription ${SUB} is needed to list network interfaces (Microsoft.Network/networkInterfaces/read)`,
      );
    } finally {
      await server.close();
    }
  });

  it('429 with Retry-After on the application security group list is retried and the read succeeds', async () => {
    const server = await startArmServer({
      snapshotDirs: [NIC_ASG],
      faults: [{ pathMatches: /applicationsecuritygroups$/, status: 429, times: 1 }],
    });
    try {
      const result = await readInChild(server.childEnv(), {});
      expect(result.error).toBeUndefined();
      expect(result.counts?.applicationSecurityGroups).toBe(2);
      const attempts = server.armRequests().filter((q) => /applicationSecurityGroups$/i.test(q.path));
      expect(attempts.map((a) => a.status)).toEqual([429, 200, 200]);
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900);
    } finally {
      await server.close();
    }
  });

  it('reads what routes need (BGP, local gateway peer, Virtual WAN hub peering, route propagation) as the snapshot reader does', async () => {
    const server = await startArmServer({ snapshotDirs: ROUTED });
    try {
      const result = await readInChild(server.childEnv(), { withInventory: true });
      expect(result.error).toBeUndefined();
      const live = result.inventory!;
      const kinds = [
        'virtualNetworks',
        'virtualNetworkGateways',
        'connections',
        'localNetworkGateways',
        'routeTables',
      ] as const;
      const byName = (list: unknown[]) =>
        [...(list as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));
      const snapshots = await Promise.all(ROUTED.map(readSnapshot));
      for (const kind of kinds) {
        const expected = byName(snapshots.flatMap((s) => s[kind] as unknown[]));
        expect(byName(live[kind])).toEqual(JSON.parse(JSON.stringify(expected)));
      }
      expect(live.connections.find((c) => c.name === 'cn-datacenter' && c.enableBgp)).toBeDefined();
      expect(live.localNetworkGateways.find((l) => l.bgpPeeringAddress === '10.200.255.254')).toBeDefined();
      expect(live.virtualNetworks.flatMap((v) => v.peerings).filter((p) => p.remoteIsVirtualWanHub)).toHaveLength(1);
      expect(live.routeTables.map((t) => t.disableBgpRoutePropagation)).toEqual([true]);
    } finally {
      await server.close();
    }
  });
});
