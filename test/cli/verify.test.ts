import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli';
import { run } from './run.fixture';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const fixture = (name: string) => path.join(FIXTURES, name);

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function verifyJson(...args: string[]) {
  const r = await cli('verify', '--json', ...args);
  return { ...r, json: r.out ? JSON.parse(r.out) : undefined };
}

describe('a check that lacks an input', () => {
  it('says which flag gives it (text) and names the input (JSON)', async () => {
    const text = await cli('verify', '--snapshot', fixture('cloud-isolated-vnet'));
    expect(text.out).toMatch(
      /UNKNOWN nsg-sql-source: .*the source SQL Server's address or subnet is not given\n(.*\n)*? {8}give: --source-range CIDR/,
    );
    const { json } = await verifyJson('--snapshot', fixture('cloud-isolated-vnet'));
    const check = json.checks.find((c: { id: string }) => c.id === 'nsg-sql-source');
    expect(check).toMatchObject({ status: 'unknown', input: 'sourceRanges' });
  });
});

describe('verify --snapshot on the topology fixtures', () => {
  it.each([
    ['hybrid', []],
    ['mi-isolated', []],
    ['cloud-shared-vnet', ['--source-range', '10.40.3.0/24']],
    ['cloud-isolated-vnet', ['--source-range', '10.60.3.0/24']],
  ])('%s: detects the topology, every check passes, exit 0', async (topology, extra) => {
    const { code, json, err } = await verifyJson('--snapshot', fixture(topology), ...extra);
    expect(err).toBe('');
    expect(json.topology).toBe(topology);
    expect(json.checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
    expect(code).toBe(0);
  });

  it('hybrid-blocked: exit 1, the failing checks name the deciding rule and a fix', async () => {
    const { code, json } = await verifyJson('--snapshot', fixture('hybrid-blocked'));
    expect(code).toBe(1);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['topology', 'plannedTopology', 'managedInstance', 'dms', 'checks']),
    );
    expect(json.managedInstance).toEqual({
      id: expect.stringMatching(/managedInstances\/sqlmi-hybrid$/),
      name: 'sqlmi-hybrid',
      subnetId: expect.stringMatching(/subnets\/snet-sqlmi$/),
    });
    expect(json.dms).toMatchObject({ name: 'dms-hybrid', subnetId: expect.stringMatching(/subnets\/snet-dms$/) });
    const byId = Object.fromEntries(json.checks.map((c: { id: string }) => [c.id, c]));
    expect(byId['nsg-management-443']).toMatchObject({
      status: 'fail',
      rule: { nsg: 'nsg-dms', name: 'deny_internet_https', priority: 90 },
      fix: expect.stringContaining('az network nsg rule'),
    });
    expect(byId['nsg-mi-inbound-from-dms'].status).toBe('fail');
    expect(byId['route-forced-tunneling'].status).toBe('warn');
    for (const check of json.checks) {
      expect(check).toEqual(expect.objectContaining({ id: expect.any(String), summary: expect.any(String) }));
      expect(['pass', 'fail', 'warn', 'unknown']).toContain(check.status);
      expect(Array.isArray(check.evidence)).toBe(true);
      if (check.status !== 'pass') expect(check.evidence.length).toBeGreaterThan(0);
    }
  });

  it('prints one line per check with status, then evidence and fix for non-passing checks', async () => {
    const { code, out } = await cli('verify', '--snapshot', fixture('hybrid-blocked'));
    expect(code).toBe(1);
    expect(out).toMatch(/^Topology: hybrid /);
    expect(out).toMatch(/^FAIL +nsg-management-443: .*deny_internet_https \(90\)/m);
    expect(out).toMatch(/^ +evidence: TCP 443 to ServiceBus/m);
    expect(out).toMatch(/^ +fix: az network nsg rule/m);
    expect(out).toMatch(/^WARN +route-forced-tunneling/m);
    expect(out).toMatch(/^PASS +mi-subnet/m);
    expect(out).toMatch(/Summary: 10 pass, 2 fail, 1 warn, 0 unknown/);
  });

  it('compares with the planned topology', async () => {
    const { json } = await verifyJson('--snapshot', fixture('hybrid'), '--topology', 'mi-isolated');
    expect(json.topology).toBe('hybrid');
    expect(json.plannedTopology).toBe('mi-isolated');
  });

  it('cloud topologies without --source-range leave the SQL source check unknown (exit 0)', async () => {
    const { code, json } = await verifyJson('--snapshot', fixture('cloud-shared-vnet'));
    expect(code).toBe(0);
    expect(json.checks.find((c: { id: string }) => c.id === 'nsg-sql-source').status).toBe('unknown');
  });
});

describe('verify: bad input exits 2 with one line naming what is wrong', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verify-cli-'));
  });

  it.each([
    [
      ['verify', '--snapshot', '/nonexistent/snap'],
      /--snapshot: snapshot directory \/nonexistent\/snap does not exist/,
    ],
    [['verify'], /give either --snapshot DIR or --subscription ID/],
    [
      ['verify', '--snapshot', 'x', '--subscription', '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f'],
      /give either --snapshot DIR or --subscription ID/,
    ],
    [['verify', '--subscription', 'my-subscription'], /--subscription: 'my-subscription' is not a subscription id/],
    [['verify', '--snapshot', 'x', '--sql-port', '70000'], /--sql-port/],
    [['verify', '--snapshot', 'x', '--source-range', '10.0.0.1/8'], /--source-range/],
    [['verify', '--snapshot', 'x', '--topology', 'star'], /--topology/],
    [['verify', '--snapshot', 'x', '--named-instance', 'maybe'], /--named-instance/],
  ])('%j', async (args, message) => {
    const { code, err, out } = await cli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });

  it('a snapshot file with the wrong kind of resource', async () => {
    const wrong = path.join(dir, 'wrong');
    await fs.mkdir(wrong);
    await fs.copyFile(path.join(fixture('hybrid'), 'nsgs.json'), path.join(wrong, 'managed-instances.json'));
    const { code, err } = await cli('verify', '--snapshot', wrong);
    expect(code).toBe(2);
    expect(err).toMatch(/managed-instances\.json: item 0 .* expected Microsoft\.Sql\/managedInstances/);
  });

  it('several managed instances without --mi list the candidates; --mi picks one', async () => {
    const two = path.join(dir, 'two-mis');
    await fs.cp(fixture('hybrid'), two, { recursive: true });
    const mis = JSON.parse(await fs.readFile(path.join(two, 'managed-instances.json'), 'utf8'));
    const second = JSON.parse(JSON.stringify(mis.value[0]).split('sqlmi-hybrid').join('sqlmi-second'));
    mis.value.push(second);
    await fs.writeFile(path.join(two, 'managed-instances.json'), JSON.stringify(mis));
    const ambiguous = await cli('verify', '--snapshot', two);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/sqlmi-hybrid/);
    expect(ambiguous.err).toMatch(/sqlmi-second/);
    const chosen = await verifyJson('--snapshot', two, '--mi', 'sqlmi-second');
    expect(chosen.code).toBe(0);
    expect(chosen.json.managedInstance.name).toBe('sqlmi-second');
  });

  it('AZURE_ALLOWED_SUBSCRIPTIONS refuses other subscriptions before reading Azure', async () => {
    const saved = process.env.AZURE_ALLOWED_SUBSCRIPTIONS;
    process.env.AZURE_ALLOWED_SUBSCRIPTIONS = '11111111-1111-1111-1111-111111111111';
    try {
      const { code, err } = await cli('verify', '--subscription', '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f');
      expect(code).toBe(2);
      expect(err).toMatch(/not in AZURE_ALLOWED_SUBSCRIPTIONS/);
    } finally {
      if (saved === undefined) delete process.env.AZURE_ALLOWED_SUBSCRIPTIONS;
      else process.env.AZURE_ALLOWED_SUBSCRIPTIONS = saved;
    }
  });
});

describe('verify --help and snapshot --help', () => {
  it.each([['verify'], ['snapshot']])('%s says Azure is read as the person who runs it', async (command) => {
    const r = await run(command, '--help');
    expect(r.code).toBe(0);
    expect(r.out.replace(/\s+/g, ' ')).toMatch(/as you.*az login.*DefaultAzureCredential/);
  });
});
