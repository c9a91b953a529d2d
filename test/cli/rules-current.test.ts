import { run } from './run.fixture';

describe('rules --dms current', () => {
  it('prints the runtime machine firewall checklist by default, filled in from the flags', async () => {
    const r = await run('rules', '--dms', 'current', '--source-range', '192.168.10.5/32', '--sql-port', '14330');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Firewall checklist: outbound from the self-hosted integration runtime machine/);
    expect(r.out).toMatch(/TCP 14330\s+to 192\.168\.10\.5\/32/);
    expect(r.out).toMatch(/TCP 445\s+to SMB backup share/);
  });

  it('prints the same rules as recommend --dms current --format, in every format', async () => {
    for (const format of ['firewall', 'json', 'table', 'azcli', 'bicep']) {
      const flags = ['--format', format, '--backups', 'blob', '--auto-update', 'no', '--nsg', 'shir-nsg'];
      const rules = await run('rules', '--dms', 'current', ...flags);
      const recommend = await run('recommend', '--dms', 'current', ...flags);
      expect(rules.code).toBe(0);
      expect(rules.out).toBe(recommend.out);
    }
  });

  it('leaves out the share and the updates when backups are in blob storage and auto-update is off', async () => {
    const r = await run('rules', '--dms', 'current', '--backups', 'blob', '--auto-update', 'no', '--format', 'json');
    const ids = JSON.parse(r.out).outbound.map((rule: { id: string }) => rule.id);
    expect(ids).not.toContain('shir-smb-share');
    expect(ids).not.toContain('shir-updates');
  });

  it.each([
    [['--dms', 'current', '--dms-subnet', '10.0.1.0/24'], "--dms-subnet is for classic DMS's subnet"],
    [['--dms', 'current', '--smb', 'yes'], "--smb is for classic DMS's subnet"],
    [['--dms', 'current', '--ruleset', 'current'], "--ruleset is for classic DMS's subnet"],
    [['--share-range', '10.0.0.0/24'], '--share-range applies to the current DMS: add --dms current'],
    [['--auto-update', 'no'], '--auto-update applies to the current DMS: add --dms current'],
    [['--backups', 'blob'], '--backups applies to the current DMS: add --dms current'],
    [['--format', 'firewall'], '--format firewall applies to the current DMS: add --dms current'],
    [['--dms', 'current', '--share-range', '10.0.0.0/33'], '--share-range'],
    [['--dms', 'current', '--format', 'azcli', '--nsg', 'bad name!'], '--nsg'],
    [['--dms', 'later'], "'--dms <kind>'"],
    [['--source-version', '2014'], '--source-version applies to the current DMS: add --dms current'],
    [
      ['--dms', 'current', '--source-version', '2012', '--backups', 'smb'],
      '--source-version 2012 needs --backups blob, not --backups smb',
    ],
  ])('%j is refused with exit 2 and one line naming the flag', async (argv, message) => {
    const r = await run('rules', ...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--runtime-nodes 3 adds the inbound TCP 8060 box; --source-version 2014 gives the blob upload rule', async () => {
    const nodes = await run('rules', '--dms', 'current', '--runtime-nodes', '3');
    expect(nodes.code).toBe(0);
    expect(nodes.out).toMatch(/Inbound on each runtime node\n\n\[ \] TCP 8060 +from Other nodes of the runtime/);
    const old = await run('rules', '--dms', 'current', '--source-version', '2014', '--format', 'json');
    expect(old.code).toBe(0);
    expect(JSON.parse(old.out).outbound.map((r: { id: string }) => r.id)).toEqual(['backup-upload']);
  });

  it('keeps classic rules as they were: --dms classic is the default', async () => {
    const classic = await run('rules', '--dms', 'classic', '--dms-subnet', '10.0.1.0/24');
    const plain = await run('rules', '--dms-subnet', '10.0.1.0/24');
    expect(classic.code).toBe(0);
    expect(classic.out).toBe(plain.out);
    expect(plain.out).toContain('DMS_subnet');
  });
});
