import { parse } from 'shell-quote';
import { run } from './run.fixture';

describe('rules', () => {
  it('prints the seed table by default', async () => {
    const r = await run('rules');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Inbound security rules\nPriority .*Reason/);
    expect(r.out).toContain('SQL Source server');
    expect(r.out).not.toContain('SMB share');
  });

  it.each([
    [[], ['management', 'diagnostics', 'sql-source', 'dms-subnet-outbound'], '1433'],
    [
      ['--named-instance', 'yes', '--sql-port', '50000'],
      ['management', 'diagnostics', 'sql-source', 'sql-named-instance', 'dms-subnet-outbound'],
      '50000',
    ],
    [
      ['--smb', 'yes', '--named-instance', 'no'],
      ['management', 'diagnostics', 'sql-source', 'smb-share', 'dms-subnet-outbound'],
      '1433',
    ],
    [
      ['--ruleset', 'service-tags', '--smb', 'yes'],
      ['management', 'management', 'diagnostics', 'sql-source', 'smb-share', 'dms-subnet-outbound'],
      '1433',
    ],
  ])('%j --format json', async (args, ids, port) => {
    const r = await run('rules', ...args, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).sort()).toEqual(['inbound', 'notes', 'outbound', 'ruleset']);
    expect(json.outbound.map((x: { id: string }) => x.id)).toEqual(ids);
    expect(json.outbound.find((x: { id: string }) => x.id === 'sql-source').ports).toEqual([port]);
    expect(json.notes.join(' ')).toContain('2026-03-15');
  });

  it.each([
    [[], '2020'],
    [['--ruleset', '2020'], '2020'],
    [['--ruleset', 'service-tags'], 'service-tags'],
    // the names the rule sets had before, which scripts may still pass
    [['--ruleset', 'seed'], '2020'],
    [['--ruleset', 'current'], 'service-tags'],
  ])('%j names the rule set %s in --format json', async (args, ruleset) => {
    const r = await run('rules', ...args, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).ruleset).toBe(ruleset);
  });

  it('takes source ranges comma-separated and repeated', async () => {
    const r = await run(
      'rules',
      '--source-range',
      '192.168.0.0/16,10.1.0.0/16',
      '--source-range',
      '172.16.0.0/12',
      '--format',
      'json',
    );
    const sql = JSON.parse(r.out).outbound.find((x: { id: string }) => x.id === 'sql-source');
    expect(sql.destination.split(',')).toEqual(['192.168.0.0/16', '10.1.0.0/16', '172.16.0.0/12']);
  });

  it('fills --nsg and --resource-group into the az commands', async () => {
    const r = await run(
      'rules',
      '--format',
      'azcli',
      '--nsg',
      'dms-nsg',
      '--resource-group',
      'migration-rg',
      '--dms-subnet',
      '10.0.1.0/24',
    );
    expect(r.code).toBe(0);
    const commands = r.out.split('\n').filter((l) => l.startsWith('az '));
    expect(commands).toHaveLength(5);
    for (const c of commands) {
      const args = parse(c) as string[];
      expect(args[args.indexOf('--nsg-name') + 1]).toBe('dms-nsg');
      expect(args[args.indexOf('--resource-group') + 1]).toBe('migration-rg');
    }
    expect(r.out).toContain('10.0.1.0/24');
  });

  it('prints a Bicep snippet', async () => {
    const r = await run('rules', '--format', 'bicep');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^securityRules: \[\n/);
  });

  it.each([
    [['--dms-subnet', '10.0.0.300/24'], "--dms-subnet: '10.0.0.300/24' is not an IPv4 CIDR such as 10.0.1.0/24"],
    [['--source-range', '10.0.0.0/8,nope'], /^error: --source-range: 'nope'/],
    [['--sql-port', '0'], /--sql-port: '0' is not a port number from 1 to 65535/],
    [['--sql-port', 'abc'], /--sql-port/],
    [['--named-instance', 'maybe'], /--named-instance/],
    [['--smb', 'y'], /--smb/],
    [['--ruleset', 'latest'], /--ruleset/],
    [['--format', 'yaml'], /--format/],
    [['--nsg', 'bad name'], /--nsg: 'bad name'/],
    [['--resource-group', 'rg.'], /--resource-group/],
    [['--dms-subnt', '10.0.1.0/24'], /--dms-subnt.*--dms-subnet/],
    [['--dms-subnet', '1.2.3.4/24', '--sql-port', '70000'], /--dms-subnet.*; --sql-port/],
  ])('%j exits 2 with one line naming the flag', async (args, message) => {
    const r = await run('rules', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: [^\n]+\n$/);
    expect(r.err).toMatch(message);
  });

  it('--source azure-vm names the source VM and leaves out the site-to-site notes', async () => {
    const vm = await run('rules', '--source', 'azure-vm', '--smb', 'yes', '--format', 'json');
    expect(vm.code).toBe(0);
    const rules = JSON.parse(vm.out) as { outbound: { id: string; destination: string }[]; notes: string[] };
    expect(rules.outbound.find((r) => r.id === 'sql-source')!.destination).toBe('Source VM address');
    expect(vm.out).not.toMatch(/site-to-site/i);
    const azcli = await run('rules', '--source', 'azure-vm', '--format', 'azcli');
    expect(azcli.out).toContain('--destination-address-prefixes \\<source-vm-address\\>');
    const recommend = await run(
      'recommend',
      '--source',
      'azure-vm',
      '--same-vnet',
      'yes',
      '--cross-subscription',
      'no',
      '--rbac-limits',
      'no',
      '--json',
    );
    expect(recommend.out).toContain('"destination": "Source VM address"');
    expect(recommend.out).not.toMatch(/On-premises address space/);
  });

  it('documents every flag in --help', async () => {
    const r = await run('rules', '--help');
    expect(r.code).toBe(0);
    for (const f of [
      '--dms-subnet',
      '--source-range',
      '--sql-port',
      '--named-instance',
      '--smb',
      '--ruleset',
      '--source',
      '--format',
      '--nsg',
      '--resource-group',
      'azcli',
      'bicep',
      'current',
      'Exit codes',
    ]) {
      expect(r.out).toContain(f);
    }
  });
});
