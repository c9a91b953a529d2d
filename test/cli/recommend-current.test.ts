import { CURRENT_DMS_REQUIREMENT_IDS, CURRENT_DMS_RULE_IDS } from '../../src/planning';
import { RULE_KEYS, run } from './run.fixture';

describe('recommend --dms current', () => {
  it.each([
    [[], ['shir-host', 'storage-network-access'], ['shir-data-factory', 'shir-smb-share']],
    [['--backups', 'blob'], ['backups-in-blob'], ['backup-upload']],
    [['--storage-private-endpoint', 'yes'], ['storage-private-dns'], ['shir-storage']],
    [
      ['--backups', 'blob', '--storage-private-endpoint', 'yes'],
      ['backups-in-blob', 'storage-private-dns'],
      ['backup-upload'],
    ],
  ])('%j --json has the recommend contract with topology shir', async (extra, requirements, rules) => {
    const r = await run('recommend', '--dms', 'current', ...extra, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).sort()).toEqual(['reasons', 'requirements', 'rules', 'title', 'topology']);
    expect(json.topology).toBe('shir');
    for (const req of json.requirements) {
      expect(Object.keys(req).sort()).toEqual(['id', 'text']);
      expect(CURRENT_DMS_REQUIREMENT_IDS).toContain(req.id);
    }
    const ids = json.requirements.map((q: { id: string }) => q.id);
    for (const id of requirements) expect(ids).toContain(id);
    expect(json.rules.inbound).toEqual([]);
    for (const rule of json.rules.outbound) {
      for (const key of Object.keys(rule)) expect(RULE_KEYS).toContain(key);
      expect(CURRENT_DMS_RULE_IDS).toContain(rule.id);
    }
    const ruleIds = json.rules.outbound.map((q: { id: string }) => q.id);
    for (const id of rules) expect(ruleIds).toContain(id);
  });

  it('human output: requirements with Learn links and the firewall checklist', async () => {
    const r = await run('recommend', '--dms', 'current');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Recommended topology: .* \(shir\)/);
    expect(r.out).toContain('https://learn.microsoft.com/azure/dms/migration-using-azure-data-studio');
    expect(r.out).toMatch(/\[ \] TCP 445 +to SMB backup share/);
  });

  it.each([
    ['firewall', /^Firewall checklist: outbound from the self-hosted integration runtime machine/],
    ['table', /^NSG rules for a self-hosted integration runtime on an Azure VM/],
    ['azcli', /^# NSG rules for the Azure VM running the self-hosted integration runtime\./],
    ['bicep', /^securityRules: \[/],
    ['json', /^\{\n {2}"inbound": \[\]/],
  ])('--format %s prints only the rules', async (format, start) => {
    const r = await run('recommend', '--dms', 'current', '--format', format);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(start);
  });

  it('rule flags fill the exports in: ranges, port, named instance, auto-update off, NSG and resource group', async () => {
    const r = await run(
      'recommend', '--dms', 'current', '--format', 'azcli',
      '--source-range', '192.168.10.0/24', '--share-range', '192.168.20.5/32', '--sql-port', '50000',
      '--named-instance', 'yes', '--auto-update', 'no', '--nsg', 'nsg-shir', '--resource-group', 'rg-shir',
    ); // prettier-ignore
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const commands = r.out.split('\n').filter((l) => l.startsWith('az '));
    expect(commands).toHaveLength(6); // no update rule with auto-update off; Azure Relay to AzureCloud
    expect(commands.join('\n')).not.toContain('<');
    expect(r.out).toMatch(/--destination-address-prefixes 192\.168\.10\.0\/24 --destination-port-ranges 50000/);
    expect(r.out).toMatch(/--protocol Udp .*192\.168\.10\.0\/24 --destination-port-ranges 1434/);
    expect(r.out).toMatch(/--destination-address-prefixes 192\.168\.20\.5\/32 --destination-port-ranges 445/);
    const json = JSON.parse((await run('recommend', '--dms', 'current', '--json', '--sql-port', '1500')).out);
    expect(json.rules.outbound.find((q: { id: string }) => q.id === 'shir-sql-source').ports).toEqual(['1500']);
  });

  it.each([
    [
      ['--dms', 'current', '--sql-port', '0', '--share-range', 'x'],
      /--share-range: 'x' is not an IPv4 CIDR.*; --sql-port: '0'/,
    ],
    [['--dms', 'current', '--format', 'azcli', '--nsg', '-bad-'], /--nsg: '-bad-' is not a valid NSG name/],
    [['--sql-port', '1500', '--source', 'onprem'], /--sql-port applies to the current DMS/],
    [['--backups', 'smb'], /--backups applies to the current DMS: add --dms current/],
    [['--dms', 'classic', '--format', 'azcli'], /--format applies to the current DMS/],
    [['--dms', 'current', '--source', 'onprem'], /--source is a question for classic DMS/],
    [['--dms', 'current', '--json', '--format', 'bicep'], /either --json or --format/],
    [['--dms', 'current', '--backups', 'tape'], /--backups.*tape/],
    [['--dms', 'newest'], /--dms.*newest/],
  ])('%j exits 2 with one line naming the flag', async (args, message) => {
    const r = await run('recommend', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--dms classic is the classic recommendation, unchanged', async () => {
    const answers = [
      '--source',
      'onprem',
      '--mi-onprem',
      'yes',
      '--cross-subscription',
      'no',
      '--rbac-limits',
      'no',
      '--json',
    ];
    const classic = await run('recommend', '--dms', 'classic', ...answers);
    expect(classic.code).toBe(0);
    expect(classic.out).toBe((await run('recommend', ...answers)).out);
    expect(JSON.parse(classic.out).topology).toBe('hybrid');
    const human = await run('recommend', ...answers.slice(0, -1));
    expect(human.out).toMatch(/Classic DMS was retired on 2026-03-15\. .*recommend --dms current\n$/);
  });
});

describe('recommend --dms current: source version, runtime host, storage auth, runtime nodes', () => {
  const ids = async (...argv: string[]) => {
    const r = await run('recommend', '--dms', 'current', ...argv, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as { requirements: { id: string; text: string }[]; rules: { inbound: { id: string }[] } };
  };

  it.each(['2012', '2014'])('--source-version %s --backups smb exits 2 naming both', async (version) => {
    const r = await run('recommend', '--dms', 'current', '--source-version', version, '--backups', 'smb');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim()).toMatch(
      new RegExp(`^error: --source-version ${version} needs --backups blob, not --backups smb: .*page blobs`),
    );
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--source-version 2014 alone plans blob backups with the page-blob requirement', async () => {
    const json = await ids('--source-version', '2014');
    expect(json.requirements.map((q) => q.id)).toEqual(
      expect.arrayContaining(['backups-in-blob', 'backups-page-blobs']),
    );
    expect(json.requirements.map((q) => q.id)).not.toContain('shir-host');
  });

  it('--runtime-host azure-vm names the virtual network rule upload path; onprem the IP rule', async () => {
    const text = async (host: string) =>
      (await ids('--runtime-host', host)).requirements.find((q) => q.id === 'shir-upload-path')!.text;
    expect(await text('azure-vm')).toMatch(/IP rules do not apply to requests from the same Azure region/);
    expect(await text('onprem')).toMatch(/IP rule for the public IP the runtime machine leaves from/);
  });

  it('--storage-auth managed-identity names Storage Blob Data Reader and the portal; --runtime-nodes 2 adds 8060', async () => {
    const json = await ids('--storage-auth', 'managed-identity', '--runtime-nodes', '2');
    expect(json.requirements.find((q) => q.id === 'storage-identity')!.text).toMatch(/Azure portal only/);
    expect(json.rules.inbound.map((r) => r.id)).toEqual(['shir-node-sync']);
  });

  it.each([
    [['--source-version', '2000'], "'--source-version <version>'"],
    [['--runtime-host', 'cloud'], "'--runtime-host <where>'"],
    [['--runtime-nodes', '9'], "--runtime-nodes: '9' is not a number of runtime nodes from 1 to 4"],
  ])('%j is refused with exit 2', async (argv, message) => {
    const r = await run('recommend', '--dms', 'current', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('the new flags are refused without --dms current', async () => {
    const r = await run('recommend', '--source', 'onprem', '--runtime-host', 'azure-vm');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--runtime-host applies to the current DMS: add --dms current');
  });
});
