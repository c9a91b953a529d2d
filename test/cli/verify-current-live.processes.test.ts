import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { armRequestCount, subscriptionSizesOf } from '../../src/azure/arm-request-count';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { verifyCurrentDms } from '../../src/network/current-dms-verify';
import { runCliChild } from '../support/arm-cli-child';
import { startArmServer, type ArmServer } from '../support/arm-server';

// The current DMS on the live path: the CLI in a child process, the real credential and ARM SDK clients, against the
// local HTTPS ARM server holding the shir fixtures (ARM REST shapes).

jest.setTimeout(120_000);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const SUB = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

describe('the current DMS against the local ARM server', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startArmServer({ snapshotDirs: [path.join(FIXTURES, 'shir-ok')], pageSize: 1 });
  });
  afterAll(() => server.close());

  it('snapshot reads the migration service, storage accounts and DNS links with current API versions', async () => {
    server.requests.length = 0;
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'shir-live-')), 'snap');
    const r = await runCliChild(['snapshot', '--subscription', SUB, '--out', out], server.childEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /1 in migration-services\.json, 3 in storage-accounts\.json, 1 in private-dns-links\.json/,
    );

    const gets = (type: RegExp) =>
      server.armRequests().filter((q) => type.test(q.path) && !/\/resources$/i.test(q.path));
    expect(gets(/sqlMigrationServices\//i).map((q) => q.query.get('api-version'))).toEqual(['2025-06-30']);
    expect(gets(/storageAccounts\//i).map((q) => q.query.get('api-version'))).toEqual(Array(3).fill('2025-01-01'));
    expect(gets(/virtualNetworkLinks\//i).map((q) => q.query.get('api-version'))).toEqual(['2024-06-01']);
    // private endpoints and role assignments: one paged list each (1 item per page here)
    expect(gets(/\/privateEndpoints$/i).map((q) => q.query.get('api-version'))).toEqual(Array(1).fill('2026-01-01'));
    expect(gets(/\/roleAssignments$/i).map((q) => q.query.get('api-version'))).toEqual(Array(3).fill('2022-04-01'));

    const fixture = await readSnapshot(path.join(FIXTURES, 'shir-ok'));
    const live = await readSnapshot(out);
    expect(live.sqlMigrationServices).toEqual(fixture.sqlMigrationServices);
    expect(live.storageAccounts).toEqual(fixture.storageAccounts);
    expect(live.privateDnsZoneLinks).toEqual(fixture.privateDnsZoneLinks);
    expect(live.privateEndpoints).toEqual(fixture.privateEndpoints);
    expect(live.roleAssignments).toEqual(fixture.roleAssignments);
    expect(live.managedInstances[0].identity).toEqual(fixture.managedInstances[0].identity);
    expect(verifyCurrentDms(live)).toEqual(verifyCurrentDms(fixture));
    const identity = { storageAuth: 'managed-identity' as const };
    expect(verifyCurrentDms(live, identity)).toEqual(verifyCurrentDms(fixture, identity));

    // paging was followed (1 item per page) and the request count is the one armRequestCount predicts
    expect(server.armRequests()).toHaveLength(armRequestCount(subscriptionSizesOf(fixture, [SUB]), 1));
  });

  it('verify --subscription takes the shir path on its own and agrees with verify --snapshot', async () => {
    const live = await runCliChild(['verify', '--subscription', SUB, '--json'], server.childEnv());
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const offline = await runCliChild(['verify', '--snapshot', path.join(FIXTURES, 'shir-ok'), '--json'], {});
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(offline.stdout));
    expect(JSON.parse(live.stdout).topology).toBe('shir');
    const withIdentity = await runCliChild(
      ['verify', '--subscription', SUB, '--storage-auth', 'managed-identity', '--runtime-ip', '203.0.113.7'],
      server.childEnv(),
    );
    expect(withIdentity.stdout).toMatch(
      /PASS +storage-identity: the system-assigned identity of managed instance sqlmi-shir .* can read the blobs of storage account stbackupsfw/,
    );
    const named = await runCliChild(
      ['verify', '--subscription', SUB, '--dms-kind', 'current', '--storage', 'stbackupspe'],
      server.childEnv(),
    );
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('storage: stbackupspe (--storage)');
  });

  it('a blocked migration exits 1 on the live path', async () => {
    const blocked = await startArmServer({ snapshotDirs: [path.join(FIXTURES, 'shir-blocked')] });
    try {
      const r = await runCliChild(['verify', '--subscription', SUB], blocked.childEnv());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/FAIL +integration-runtime-state: no self-hosted integration runtime is registered/);
      expect(r.stdout).toMatch(/Summary: 6 pass, 5 fail, 1 warn, 2 unknown/);
    } finally {
      await blocked.close();
    }
  });

  it('a 403 on the role assignments leaves them unread: storage-identity is unknown, nothing else changes', async () => {
    const denied = await startArmServer({
      snapshotDirs: [path.join(FIXTURES, 'shir-ok')],
      faults: [
        { pathMatches: /roleassignments$/, status: 403, action: 'Microsoft.Authorization/roleAssignments/read' },
      ],
    });
    try {
      const r = await runCliChild(
        ['verify', '--subscription', SUB, '--storage-auth', 'managed-identity'],
        denied.childEnv(),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/UNKNOWN storage-identity: whether the system-assigned identity .* is not known/);
      expect(r.stdout).toContain('the inventory has no role assignments (role-assignments.json)');
    } finally {
      await denied.close();
    }
  });

  it('a 403 on the storage account GET exits 3 naming the permission and scope', async () => {
    const denied = await startArmServer({
      snapshotDirs: [path.join(FIXTURES, 'shir-ok')],
      faults: [
        { pathMatches: /storageaccounts\/stbackupsfw$/, status: 403, action: 'Microsoft.Storage/storageAccounts/read' },
      ],
    });
    try {
      const r = await runCliChild(['snapshot', '--subscription', SUB, '--out', os.tmpdir()], denied.childEnv());
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `Reader on resource group rg-shir in subscription ${SUB} is needed to read storage account stbackupsfw (Microsoft.Storage/storageAccounts/read)`,
      );
    } finally {
      await denied.close();
    }
  });
});
