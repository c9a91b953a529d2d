import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { armRequestCount, subscriptionSizesOf } from '../../src/azure/arm-request-count';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { runCliChild } from '../support/arm-cli-child';
import { startArmServer, TEST_CLIENT_SECRET, type ArmServer } from '../support/arm-server';

// The live path end to end: the CLI in a child process, the real DefaultAzureCredential and ARM SDK
// clients, against the local HTTPS server speaking the Entra ID and ARM protocols.

jest.setTimeout(90_000);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const SUB_A = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const SUB_B = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(TEST_CLIENT_SECRET);
  expect(text).not.toMatch(/local-arm-token/);
  expect(text).not.toMatch(/Bearer/i);
  expect(text).not.toMatch(/\n\s+at /); // no stack trace
}

describe('verify --subscription against the local ARM server', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startArmServer({ snapshotDirs: [path.join(FIXTURES, 'hybrid')], pageSize: 1 });
  });
  afterAll(() => server.close());

  it('reads every page, and gives the same result as verify --snapshot; snapshot then verify agrees too', async () => {
    const live = await runCliChild(['verify', '--subscription', SUB_A, '--json'], server.childEnv());
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const offline = await runCliChild(['verify', '--snapshot', path.join(FIXTURES, 'hybrid'), '--json'], {});
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(offline.stdout));

    // paging: the NSG list (2 items, 1 per page) was followed through its nextLink
    const nsgPages = server
      .armRequests()
      .filter((r) => /networkSecurityGroups$/i.test(r.path))
      .map((r) => r.query.get('$skiptoken'));
    expect(nsgPages).toEqual([null, '1']);
    expect(
      JSON.parse(live.stdout).checks.find((c: { id: string }) => c.id === 'nsg-mi-inbound-from-dms').summary,
    ).toMatch(/nsg-sqlmi/);

    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'snapshot-cli-')), 'snap');
    const written = await runCliChild(['snapshot', '--subscription', SUB_A, '--out', out], server.childEnv());
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/Wrote .*: 1 in vnets\.json, 2 in nsgs\.json/);
    const fromSnapshot = await runCliChild(['verify', '--snapshot', out, '--json'], {});
    expect(JSON.parse(fromSnapshot.stdout)).toEqual(JSON.parse(live.stdout));
    expect(await readSnapshot(out)).toEqual(await readSnapshot(path.join(FIXTURES, 'hybrid')));
  });

  it('makes the number of ARM requests armRequestCount predicts, and a GET only for the classic DMS', async () => {
    server.requests.length = 0;
    const r = await runCliChild(['verify', '--subscription', SUB_A], server.childEnv());
    expect(r.code).toBe(0);
    const inventory = await readSnapshot(path.join(FIXTURES, 'hybrid'));
    expect(server.armRequests()).toHaveLength(armRequestCount(subscriptionSizesOf(inventory, [SUB_A]), 1));
    const gets = server.armRequests().filter((q) => /\/providers\/Microsoft\.DataMigration\/services\//i.test(q.path));
    expect(gets).toHaveLength(1);
    expect(gets[0].query.get('api-version')).toBe('2025-06-30');
  });

  it('an unknown subscription exits 3 naming it', async () => {
    const unknown = '0badf00d-0000-4000-8000-000000000000';
    const r = await runCliChild(['verify', '--subscription', unknown], server.childEnv());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`Subscription ${unknown} was not found \\(SubscriptionNotFound\\)`));
    expectNoSecrets(r.stderr);
  });

  it('a refused client secret exits 3 without the secret', async () => {
    const r = await runCliChild(['verify', '--subscription', SUB_A], {
      ...server.childEnv(),
      AZURE_CLIENT_SECRET: 'wrong-secret-value',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/refused the credential/);
    expect(r.stderr).not.toContain('wrong-secret-value');
    expectNoSecrets(r.stderr);
  });
});

describe('ARM errors on the live path', () => {
  it('403 AuthorizationFailed while paging exits 3 saying which role is missing on which scope', async () => {
    const server = await startArmServer({
      snapshotDirs: [path.join(FIXTURES, 'hybrid')],
      faults: [
        {
          pathMatches: /networksecuritygroups$/,
          queryMatches: /skiptoken=1/, // the second page
          status: 403,
          action: 'Microsoft.Network/networkSecurityGroups/read',
        },
      ],
    });
    try {
      const r = await runCliChild(['verify', '--subscription', SUB_A], server.childEnv());
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `Reader on subscription ${SUB_A} is needed to list network security groups (Microsoft.Network/networkSecurityGroups/read)`,
      );
      expect(r.stderr).toContain(`--role Reader --scope /subscriptions/${SUB_A}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expectNoSecrets(r.stderr);
      expect(r.stdout).toBe('');
      const nsgPages = server.armRequests().filter((q) => /networkSecurityGroups$/i.test(q.path));
      expect(nsgPages.map((q) => q.status)).toEqual([200, 403]);
    } finally {
      await server.close();
    }
  });

  it('403 on a resource group list names the resource group scope', async () => {
    const server = await startArmServer({
      snapshotDirs: [path.join(FIXTURES, 'hybrid')],
      faults: [{ pathMatches: /\/connections$/, status: 403, action: 'Microsoft.Network/connections/read' }],
    });
    try {
      const r = await runCliChild(['snapshot', '--subscription', SUB_A, '--out', os.tmpdir()], server.childEnv());
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `Reader on resource group rg-connectivity in subscription ${SUB_A} is needed to list gateway connections (Microsoft.Network/connections/read)`,
      );
    } finally {
      await server.close();
    }
  });

  it('429 with Retry-After is retried after the delay and the read succeeds', async () => {
    const server = await startArmServer({
      snapshotDirs: [path.join(FIXTURES, 'hybrid')],
      faults: [{ pathMatches: /managedinstances$/, status: 429, times: 1 }],
    });
    try {
      const r = await runCliChild(['verify', '--subscription', SUB_A, '--json'], server.childEnv());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).managedInstance.name).toBe('sqlmi-hybrid');
      const attempts = server.armRequests().filter((q) => /managedInstances$/i.test(q.path));
      expect(attempts.map((a) => a.status)).toEqual([429, 200]);
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900); // Retry-After: 1 was honoured
    } finally {
      await server.close();
    }
  });

  it('reads two subscriptions for a cross-subscription topology', async () => {
    const server = await startArmServer({ snapshotDirs: [path.join(FIXTURES, 'cloud-isolated-vnet')] });
    try {
      const r = await runCliChild(
        ['verify', '--subscription', SUB_A, '--subscription', SUB_B, '--source-range', '10.60.3.0/24', '--json'],
        server.childEnv(),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).topology).toBe('cloud-isolated-vnet');
      const one = await runCliChild(['verify', '--subscription', SUB_A, '--json'], server.childEnv());
      expect(one.code).toBe(2); // the DMS lives in the other subscription
      expect(one.stderr).toMatch(/DMS|Database Migration/i);
    } finally {
      await server.close();
    }
  });
});
