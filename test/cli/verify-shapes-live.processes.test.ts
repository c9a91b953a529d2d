import * as path from 'node:path';
import { runCliChild } from '../support/arm-cli-child';
import { startArmServer, type ArmServer } from '../support/arm-server';

// The live path on the dual-stack fixture: the real ARM SDK clients map IPv6 prefixes, plural addressPrefixes, IPv6-only
// NSG rules and an ASG rule like the snapshot reader does (test/cli/verify-shapes.test.ts).
jest.setTimeout(90_000);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

describe('verify --subscription on a dual-stack network', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startArmServer({ snapshotDirs: [path.join(FIXTURES, 'dual-stack')], pageSize: 2 });
  });
  afterAll(() => server.close());

  it('passes every check, as verify --snapshot does', async () => {
    const live = await runCliChild(['verify', '--subscription', SUB, '--json'], server.childEnv());
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const offline = await runCliChild(['verify', '--snapshot', path.join(FIXTURES, 'dual-stack'), '--json'], {});
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(offline.stdout));
    expect(JSON.parse(live.stdout).checks.every((c: { status: string }) => c.status === 'pass')).toBe(true);
  });
});
