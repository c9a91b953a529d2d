import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './run.fixture';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const OK = path.join(FIXTURES, 'shir-ok');
const BLOCKED = path.join(FIXTURES, 'shir-blocked');

describe("verify today's DMS from a snapshot", () => {
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
        'checks',
        'dms',
        'managedInstance',
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
    expect(json.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      'integration-runtime-state:fail',
      'storage-network-access:fail',
      'storage-network-access:fail',
      'storage-network-access:fail',
      'mi-subnet:pass',
    ]);
    for (const c of json.checks.filter((k: { status: string }) => k.status !== 'pass')) expect(c.fix).toMatch(/^az /);
  });

  it('--storage picks accounts by name; the human output names how each was chosen', async () => {
    const r = await run('verify', '--snapshot', OK, '--storage', 'stlogs', '--storage', 'stbackupsfw');
    expect(r.code).toBe(0);
    expect(r.out).toContain('storage: stlogs (--storage), stbackupsfw (--storage)');
  });

  it.each([
    [
      [OK, '--storage', 'nope'],
      /--storage: no storage account named "nope" in the inventory \(candidates: stbackupsfw, stbackupspe, stlogs\)/,
    ],
    [
      [OK, '--dms', 'other'],
      /--dms: no Database Migration Service \(sqlMigrationServices\) named "other" \(candidates: dms-shir\)/,
    ],
    [[OK, '--topology', 'hybrid'], /--topology hybrid is a classic DMS topology/],
    [[OK, '--dms-kind', 'current', '--dms-kind', 'sometimes'], /--dms-kind.*sometimes/],
    [
      [path.join(FIXTURES, 'hybrid'), '--dms-kind', 'current'],
      /No Database Migration Service \(sqlMigrationServices\) found/,
    ],
    [
      [path.join(FIXTURES, 'hybrid'), '--storage', 'stbackups'],
      /--storage applies to today's DMS: add --dms-kind current/,
    ],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await run('verify', '--snapshot', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
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
