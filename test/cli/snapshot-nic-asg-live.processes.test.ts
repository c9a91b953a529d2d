import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { runCliChild } from '../support/arm-cli-child';
import { startArmServer, type ArmServer } from '../support/arm-server';

// The snapshot command writes network-interfaces.json and asgs.json from the live read, and verify reads them
// back with the same result as the live path (CLI in a child process against the local ARM server).

jest.setTimeout(90_000);

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid-nic-asg');
const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

describe('snapshot --subscription: network interfaces and application security groups', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startArmServer({ snapshotDirs: [FIXTURE], pageSize: 1 });
  });
  afterAll(() => server.close());

  it('writes both files; verify --snapshot of them agrees with verify --subscription', async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'snapshot-nic-asg-')), 'snap');
    const written = await runCliChild(['snapshot', '--subscription', SUB, '--out', out], server.childEnv());
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/, 2 in network-interfaces\.json, 2 in asgs\.json, /);
    const nics = JSON.parse(await fs.readFile(path.join(out, 'network-interfaces.json'), 'utf8')) as unknown[];
    expect(nics).toHaveLength(2);
    expect(await readSnapshot(out)).toEqual(await readSnapshot(FIXTURE));

    const live = await runCliChild(['verify', '--subscription', SUB, '--json'], server.childEnv());
    const offline = await runCliChild(['verify', '--snapshot', out, '--json'], {});
    expect(live.code).toBe(0); // 9354 is denied, but the article's later revision is met: a warning
    expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(live.stdout));
    const failing = (
      JSON.parse(live.stdout) as { checks: { id: string; status: string; rule?: { nsg: string } }[] }
    ).checks.filter((c) => c.status !== 'pass');
    expect(failing).toEqual([
      expect.objectContaining({ id: 'nsg-management-9354', rule: expect.objectContaining({ nsg: 'nsg-dms-nic' }) }),
    ]);
  });

  it('the help lists the two files', async () => {
    const help = await runCliChild(['snapshot', '--help'], {});
    expect(help.stdout).toMatch(/route-tables\.json, network-interfaces\.json, asgs\.json/);
  });
});
