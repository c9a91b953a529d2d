import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectSameCommands, HOSTILE } from '../support/shell-fixes';
import { run } from './run.fixture';

// Real shapes through `verify --snapshot`, each fixture in ARM REST shape and in the Azure CLI shape (-cli):
// dual-stack: a dual-stack VNet and DMS subnet, IPv6-only NSG rules (single and plural fields), a local network
//   gateway with an IPv6 prefix, the API Management quickstart's ApiManagement rule, an ASG without known members;
// later-revision: the DMS NSG of the article's later revision (TCP 443 to ServiceBus, Storage, AzureMonitor, the
//   rest of the internet denied), verified against the classic rule set.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');

interface Json {
  topology: string;
  checks: { id: string; status: string; summary: string; evidence: string[] }[];
}

async function verifyJson(fixture: string, ...extra: string[]) {
  const r = await run('verify', '--json', '--snapshot', path.join(FIXTURES, fixture), ...extra);
  return { ...r, json: JSON.parse(r.out) as Json };
}

describe('verify --snapshot on real shapes', () => {
  it.each(['dual-stack', 'dual-stack-cli'])('%s: hybrid, every check passes, exit 0', async (fixture) => {
    const { code, err, json } = await verifyJson(fixture);
    expect(err).toBe('');
    expect(json.topology).toBe('hybrid');
    expect(json.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(code).toBe(0);
    const byId = Object.fromEntries(json.checks.map((c) => [c.id, c]));
    // the ASG rule does not decide: every outcome of it allows the flow to the MI
    expect(byId['nsg-mi-inbound-from-dms'].evidence.join('\n')).toContain(
      'the same whether or not allow_sql_to_app_servers (125) matches: application security group asg-sql-apps has no known members',
    );
    // the source ranges are the local network gateway's IPv4 prefix
    expect(byId['nsg-sql-source'].evidence).toContain(
      'source ranges from local network gateway(s) lgw-dualstack-onprem: 192.168.10.0/24',
    );
  });

  it.each(['later-revision', 'later-revision-cli'])(
    '%s: 9354 and 12000 denied but the later revision met: WARN, exit 0',
    async (fixture) => {
      const { code, json } = await verifyJson(fixture, '--source-range', '10.70.3.0/24');
      expect(json.topology).toBe('cloud-shared-vnet');
      const notPassing = json.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`);
      expect(notPassing).toEqual(['nsg-management-9354:warn', 'nsg-diagnostics-12000:warn']);
      expect(code).toBe(0);
    },
  );

  it.each([
    ['dual-stack', []],
    ['later-revision', ['--source-range', '10.70.3.0/24']],
  ])('%s: the ARM REST and the Azure CLI shapes give the same result', async (fixture, extra) => {
    const arm = await verifyJson(fixture, ...extra);
    const cli = await verifyJson(`${fixture}-cli`, ...extra);
    expect(cli.json).toEqual(arm.json);
  });

  it('the later revision text says why it is only a warning', async () => {
    const r = await run(
      'verify',
      '--snapshot',
      path.join(FIXTURES, 'later-revision'),
      '--source-range',
      '10.70.3.0/24',
    );
    expect(r.out).toMatch(
      /^WARN +nsg-management-9354: .*denied by deny_internet_outbound \(4000\) in NSG nsg-dms-revised, but TCP 443 to ServiceBus, Storage and AzureMonitor is allowed/m,
    );
    expect(r.out).toMatch(/^ +evidence: the later revision of Microsoft's network topologies article replaces/m);
    expect(r.out).toMatch(/^ +evidence: TCP 443 to AzureMonitor: allowed by Diagnostics-AzureMonitor \(120\)/m);
    expect(r.out).toMatch(/Summary: 10 pass, 0 fail, 2 warn, 0 unknown/);
  });
});

describe('a malformed prefix in a real shape is named, never left out', () => {
  async function copyWith(fixture: string, file: string, edit: (json: string) => string): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shapes-'));
    for (const f of await fs.readdir(path.join(FIXTURES, fixture))) {
      const text = await fs.readFile(path.join(FIXTURES, fixture, f), 'utf8');
      await fs.writeFile(path.join(dir, f), f === file ? edit(text) : text);
    }
    return dir;
  }

  it('in a subnet: exit 2 naming the file, the VNet, the subnet and the prefix', async () => {
    const dir = await copyWith('dual-stack-cli', 'vnets.json', (t) =>
      t.replace('"ace:cab:deca:deed::/64"', '"ace:cab:zz::/64"'),
    );
    const r = await run('verify', '--snapshot', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /vnets\.json: item 0 \("vnet-dualstack"\): subnet "snet-dms" field "addressPrefixes": "ace:cab:zz::\/64" is neither an IPv4 nor an IPv6 prefix/,
    );
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('in a local network gateway: exit 2 naming it', async () => {
    const dir = await copyWith('dual-stack', 'local-gateways.json', (t) =>
      t.replace('"192.168.10.0/24"', '"192.168.10.0/33"'),
    );
    const r = await run('verify', '--snapshot', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"192.168.10.0/33" has an invalid prefix length');
    expect(r.err).toContain('lgw-dualstack-onprem');
  });

  it('in an NSG rule: the flows it may decide are UNKNOWN, naming the rule and the prefix', async () => {
    const dir = await copyWith('dual-stack', 'nsgs.json', (t) => t.replace('"fd00:db8:20::/48"', '"fd00:db8:2g::/48"'));
    const { code, json } = await verifyJson(path.relative(FIXTURES, dir));
    expect(code).toBe(0);
    // the rule denies TCP 445: of the default checks only the DMS subnet's own traffic (any port) has 445 in it
    const unknown = json.checks.filter((c) => c.status === 'unknown');
    expect(unknown.map((c) => c.id)).toEqual(['nsg-dms-subnet-outbound']);
    for (const c of unknown) {
      expect(c.evidence.join('\n')).toContain(
        'rule deny_v6_onprem_smb cannot be read: "fd00:db8:2g::/48" is neither an IPv4 nor an IPv6 prefix',
      );
    }
  });
});

describe('hostile names in a snapshot: the printed fixes stay the same commands', () => {
  const NAMES = ['vnet-migration', 'deny_internet_https', 'rg-migration', 'sqlmi-hybrid', 'dms-hybrid', 'nsg-sqlmi'];
  NAMES.push('snet-sqlmi', 'snet-dms', 'nsg-dms', 'rt-dms');

  async function hostileCopy(fixture: string): Promise<string> {
    const names = new RegExp(NAMES.join('|'), 'g');
    const escaped = JSON.stringify(HOSTILE).slice(1, -1);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hostile-'));
    for (const f of await fs.readdir(path.join(FIXTURES, fixture))) {
      const text = await fs.readFile(path.join(FIXTURES, fixture, f), 'utf8');
      await fs.writeFile(
        path.join(dir, f),
        text.replace(names, (n) => `${n}${escaped}`),
      );
    }
    return dir;
  }

  it('hybrid-blocked (ARM REST shape): JSON fixes and the text output', async () => {
    const dir = await hostileCopy('hybrid-blocked');
    const plain = await verifyJson('hybrid-blocked');
    const bad = await verifyJson(path.relative(FIXTURES, dir));
    expect(bad.code).toBe(1);
    const fixes = (j: Json) => (j.checks as { id: string; fix?: string }[]).filter((c) => c.fix);
    expect(fixes(bad.json).map((c) => c.id)).toEqual(fixes(plain.json).map((c) => c.id));
    fixes(bad.json).forEach((c, i) => expectSameCommands(fixes(plain.json)[i].fix!, c.fix!));
    const text = (await run('verify', '--snapshot', dir)).out;
    for (const c of fixes(bad.json)) for (const line of c.fix!.split('\n')) expect(text).toContain(line);
  });
});
