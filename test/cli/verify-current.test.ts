import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './run.fixture';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const OK = path.join(FIXTURES, 'shir-ok');
const BLOCKED = path.join(FIXTURES, 'shir-blocked');

describe('verify the current DMS from a snapshot', () => {
  it.each([
    [OK, [], 0],
    [OK, ['--dms-kind', 'current'], 0],
    [OK, ['--dms', 'dms-shir', '--mi', 'sqlmi-shir'], 0],
    [BLOCKED, [], 1],
    [BLOCKED, ['--storage', 'stlogs'], 1], // the runtime still needs registration
  ])('%s %j exits %i', async (dir, args, code) => {
    const r = await run('verify', '--snapshot', dir, ...args);
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
    expect(r.out).toMatch(/^Topology: shir - /);
    expect(r.out).toMatch(/integration-runtime-state/);
  });

  it('--json has the classic result shape with topology shir and a DMS without subnet', async () => {
    const r = await run('verify', '--snapshot', BLOCKED, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).sort()).toEqual(
      [
        'afterFixes',
        'checks',
        'dms',
        'managedInstance',
        'migration',
        'plannedTopology',
        'storageAccounts',
        'topology',
        'topologyMatchesPlan',
        'topologyReason',
      ].sort(),
    );
    expect(json.topology).toBe('shir');
    expect(json.dms).toEqual(
      expect.objectContaining({ name: 'dms-shir', subnetId: null, integrationRuntimeState: 'NeedRegistration' }),
    );
    expect(json.migration).toEqual({ backups: 'smb', sourceVersion: null, storageAuth: 'sas', runtimeHost: 'onprem' });
    const perAccount = (network: string, key: string, upload: string) => [
      `storage-network-access:${network}`,
      `storage-key-access:${key}`,
      'same-region:pass',
      `shir-upload-path:${upload}`,
    ];
    expect(json.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      'integration-runtime-state:fail',
      ...perAccount('fail', 'fail', 'unknown'),
      ...perAccount('fail', 'pass', 'warn'),
      ...perAccount('fail', 'pass', 'unknown'),
      'mi-subnet:pass',
    ]);
    for (const c of json.checks.filter((k: { status: string }) => k.status !== 'pass')) expect(c.fix).toMatch(/^az /);
  });

  it('--storage picks accounts by name; the human output names how each was chosen', async () => {
    const r = await run('verify', '--snapshot', OK, '--storage', 'stlogs', '--storage', 'stbackupsfw');
    expect(r.code).toBe(0);
    expect(r.out).toContain('storage: stlogs (--storage), stbackupsfw (--storage)');
  });

  it('--json keeps its contract: named accounts are selectedBy "--storage", tagged ones "tag"', async () => {
    const named = JSON.parse((await run('verify', '--snapshot', OK, '--storage', 'stlogs', '--json')).out);
    expect(named.storageAccounts.map((a: { selectedBy: string }) => a.selectedBy)).toEqual(['--storage']);
    const tagged = JSON.parse((await run('verify', '--snapshot', OK, '--json')).out);
    expect(new Set(tagged.storageAccounts.map((a: { selectedBy: string }) => a.selectedBy))).toEqual(new Set(['tag']));
  });

  it.each([
    [
      [OK, '--storage', 'nope'],
      /--storage: no storage account named "nope" in the inventory \(candidates: stbackupsfw, stbackupspe, stlogs\)/,
    ],
    [
      [OK, '--dms', 'other'],
      /--dms: no Database Migration Service \(sqlMigrationServices\) named "other" in the inventory \(candidates: dms-shir\)/,
    ],
    [[OK, '--topology', 'hybrid'], /--topology hybrid is a classic DMS topology/],
    [[OK, '--dms-kind', 'current', '--dms-kind', 'sometimes'], /--dms-kind.*sometimes/],
    [
      [path.join(FIXTURES, 'hybrid'), '--dms-kind', 'current'],
      /No Database Migration Service \(sqlMigrationServices\) found/,
    ],
    [
      [path.join(FIXTURES, 'hybrid'), '--storage', 'stbackups'],
      /--storage applies to the current DMS: add --dms-kind current/,
    ],
    [
      [path.join(FIXTURES, 'hybrid'), '--backups', 'blob'],
      /--backups applies to the current DMS: add --dms-kind current/,
    ],
    [
      [OK, '--source-version', '2014', '--backups', 'smb'],
      /^error: --source-version 2014 needs --backups blob, not --backups smb: /,
    ],
    [[OK, '--runtime-ip', '203.0.113.999'], /--runtime-ip: '203\.0\.113\.999' is not an IPv4 address or CIDR/],
    [
      [OK, '--runtime-host', 'azure-vm', '--runtime-ip', '203.0.113.7'],
      /--runtime-ip is the public IP of an on-premises runtime/,
    ],
    [
      [OK, '--runtime-subnet', 'vnet-sqlmi/nope'],
      /--runtime-subnet: "vnet-sqlmi\/nope" is not a subnet of the inventory/,
    ],
    [[OK, '--storage-auth', 'key'], /'--storage-auth <how>'/],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await run('verify', '--snapshot', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--backups blob: no runtime needed, said in one line; no upload path check', async () => {
    const r = await run('verify', '--snapshot', BLOCKED, '--backups', 'blob', '--json');
    const json = JSON.parse(r.out) as { checks: { id: string; status: string; summary: string }[] };
    expect(json.checks[0]).toMatchObject({ id: 'integration-runtime-state', status: 'pass' });
    expect(json.checks[0].summary).toMatch(
      /already in Blob Storage: DMS dms-shir needs no self-hosted integration runtime/,
    );
    expect(json.checks.map((c) => c.id)).not.toContain('shir-upload-path');
    const human = await run('verify', '--snapshot', BLOCKED, '--source-version', '2014');
    expect(human.out).toContain('Backups: blob (SQL Server 2014); runtime host: onprem; storage auth: sas');
  });

  it('--runtime-ip and --storage-auth managed-identity turn the fixture all pass where the inventory proves it', async () => {
    const r = await run(
      'verify',
      '--snapshot',
      OK,
      '--storage',
      'stbackupsfw',
      '--runtime-ip',
      '203.0.113.7',
      '--storage-auth',
      'managed-identity',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { checks: { id: string; status: string }[] };
    expect(json.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'integration-runtime-state:pass',
      'storage-network-access:pass',
      'storage-key-access:pass',
      'same-region:pass',
      'storage-identity:pass',
      'shir-upload-path:pass',
      'mi-subnet:pass',
    ]);
  });

  it('--runtime-subnet VNET/SUBNET checks the VM subnet against the account (azure-vm implied)', async () => {
    const r = await run(
      'verify',
      '--snapshot',
      OK,
      '--storage',
      'stbackupsfw',
      '--runtime-subnet',
      'vnet-sqlmi/snet-pe',
      '--json',
    );
    const json = JSON.parse(r.out) as {
      migration: { runtimeHost: string };
      checks: { id: string; status: string; summary: string }[];
    };
    expect(json.migration.runtimeHost).toBe('azure-vm');
    const upload = json.checks.find((c) => c.id === 'shir-upload-path')!;
    expect(upload.status).toBe('fail');
    expect(upload.summary).toMatch(/no virtual network rule for its subnet snet-pe \(IP rules do not apply/);
  });

  it('a classic and a current DMS side by side: classic by default, current when --dms names it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'both-dms-'));
    for (const f of await fs.readdir(path.join(FIXTURES, 'hybrid'))) {
      await fs.copyFile(path.join(FIXTURES, 'hybrid', f), path.join(dir, f));
    }
    await fs.copyFile(path.join(OK, 'migration-services.json'), path.join(dir, 'migration-services.json'));
    const classic = await run('verify', '--snapshot', dir, '--json');
    expect(classic.code).toBe(0);
    expect(JSON.parse(classic.out).topology).toBe('hybrid');
    const current = await run('verify', '--snapshot', dir, '--dms', 'dms-shir', '--json');
    expect(JSON.parse(current.out).topology).toBe('shir');
    expect(JSON.parse((await run('verify', '--snapshot', dir, '--dms-kind', 'current', '--json')).out).dms.name).toBe(
      'dms-shir',
    );
  });
});
