import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli';

// verify --what-if FILE and --fixes-script FILE, through the CLI as a person runs it (the script is run by bash in
// fixes-files.processes.test.ts).

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const BLOCKED = path.join(FIXTURES, 'hybrid-blocked');

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verify-fixes-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function file(name: string, content: unknown): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function blockedJson() {
  const r = await cli('verify', '--json', '--snapshot', BLOCKED);
  return JSON.parse(r.out);
}

const NSG_DMS =
  '/subscriptions/6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f/resourceGroups/rg-migration/providers/Microsoft.Network/networkSecurityGroups/nsg-dms';

describe('verify says what the fixes achieve', () => {
  it('the text ends with "After the fixes" and what remains; --json has afterFixes', async () => {
    const text = await cli('verify', '--snapshot', BLOCKED);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(
      /\nSummary: 10 pass, 2 fail, 1 warn, 0 unknown\nAfter the fixes: after these 6 commands every check passes\n$/,
    );
    const json = await blockedJson();
    expect(json.afterFixes).toMatchObject({ result: 'all-pass', remaining: [], worse: [] });
    expect(json.afterFixes.changes).toHaveLength(6);
  });

  it('when every check passes there is nothing to say after the fixes', async () => {
    const r = await cli('verify', '--snapshot', path.join(FIXTURES, 'hybrid'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nSummary: \d+ pass, 0 fail, 0 warn, 0 unknown\n$/);
  });

  it('a check the commands cannot fix is listed under the summary with why', async () => {
    const text = await cli('verify', '--snapshot', path.join(FIXTURES, 'onprem-p2s-only'));
    const json = JSON.parse((await cli('verify', '--json', '--snapshot', path.join(FIXTURES, 'onprem-p2s-only'))).out);
    expect(json.afterFixes.remaining.length).toBeGreaterThan(0);
    const lines = text.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('After the fixes: '));
    expect(lines[at]).toBe(`After the fixes: ${json.afterFixes.summary}`);
    json.afterFixes.remaining.forEach((r: { id: string; why: string }, i: number) => {
      expect(lines[at + 1 + i]).toMatch(new RegExp(`^ {8}(FAIL|WARN|UNKNOWN) +${r.id}: `));
      expect(lines[at + 1 + i]).toContain(r.why);
    });
  });
});

describe('what remains after the fixes, in the CLI’s words', () => {
  const SOURCE_RANGE =
    "not decided without an input that was not given: give --source-range CIDR (the source SQL Server's address or subnet), then verify again";
  const RUNTIME_IP =
    'not decided without an input that was not given: give --runtime-ip IP (the public IP the on-premises runtime leaves from), then verify again';
  const PRIVATE_ENDPOINT = /^no change to the network makes it pass; see its fix: az storage account show /;

  it.each<[string, string[], [string, string, string | RegExp][]]>([
    [
      'no source range: nsg-sql-source names --source-range',
      ['--snapshot', path.join(FIXTURES, 'onprem-p2s-only')],
      [['UNKNOWN', 'nsg-sql-source', SOURCE_RANGE]],
    ],
    [
      'the current DMS: each shir-upload-path line names its storage account, the undecided one --runtime-ip',
      ['--snapshot', path.join(FIXTURES, 'shir-blocked')],
      [
        ['FAIL', 'integration-runtime-state', /^no change to the network makes it pass/],
        ['UNKNOWN', 'shir-upload-path (storage account stbackupsfw)', RUNTIME_IP],
        ['WARN', 'shir-upload-path (storage account stbackupspe)', PRIVATE_ENDPOINT],
        ['WARN', 'shir-upload-path (storage account stbackupspending)', PRIVATE_ENDPOINT],
      ],
    ],
    [
      'the runtime on an Azure VM: names --runtime-subnet',
      ['--snapshot', path.join(FIXTURES, 'shir-blocked'), '--runtime-host', 'azure-vm'],
      [
        ['FAIL', 'integration-runtime-state', /^no change/],
        [
          'UNKNOWN',
          'shir-upload-path (storage account stbackupsfw)',
          "not decided without an input that was not given: give --runtime-subnet VNET/SUBNET (the runtime VM's subnet), then verify again",
        ],
        ['WARN', 'shir-upload-path (storage account stbackupspe)', PRIVATE_ENDPOINT],
        ['WARN', 'shir-upload-path (storage account stbackupspending)', PRIVATE_ENDPOINT],
      ],
    ],
  ])('%s (text and --json)', async (_name, args, expected) => {
    const text = await cli('verify', ...args);
    const lines = text.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('After the fixes: '));
    const remaining = lines.slice(at + 1, at + 1 + expected.length);
    expect(lines[at + 1 + expected.length]).toBe('');
    expected.forEach(([status, name, why], i) => {
      expect(remaining[i].startsWith(`        ${status.padEnd(7)} ${name}: `)).toBe(true);
      const said = remaining[i].slice(`        ${status.padEnd(7)} ${name}: `.length);
      if (typeof why === 'string') expect(said).toBe(why);
      else expect(said).toMatch(why);
    });
    const json = JSON.parse((await cli('verify', '--json', ...args)).out);
    const rows = json.afterFixes.remaining.map((r: Record<string, string>) => [r.id, r.storageAccount, r.why]);
    expect(rows).toEqual(
      expected.map(([, name, why]) => {
        const [id, account] = name.split(' (storage account ');
        return [id, account?.replace(')', ''), typeof why === 'string' ? why : expect.stringMatching(why)];
      }),
    );
    for (const r of json.afterFixes.remaining) {
      // the structured reason stays: what a script reads, whatever the words
      if (r.why.startsWith('not decided without')) expect(r).toMatchObject({ reason: 'needs-input' });
    }
  });

  it('--json: the input a check waits for is named by its key next to the words', async () => {
    const json = JSON.parse((await cli('verify', '--json', '--snapshot', path.join(FIXTURES, 'onprem-p2s-only'))).out);
    expect(json.afterFixes.remaining).toEqual([
      expect.objectContaining({
        id: 'nsg-sql-source',
        reason: 'needs-input',
        input: 'sourceRanges',
        why: SOURCE_RANGE,
      }),
    ]);
  });

  it('the fixes script says the same, with each account named', async () => {
    const script = path.join(dir, 'shir.sh');
    await cli('verify', '--snapshot', path.join(FIXTURES, 'shir-blocked'), '--fixes-script', script);
    const lines = (await fs.readFile(script, 'utf8')).split('\n');
    expect(lines).toContain(`# shir-upload-path (storage account stbackupsfw) (unknown): ${RUNTIME_IP}`);
    expect(
      lines.filter((l) => /^# shir-upload-path \(storage account stbackupsp\w+\) \(warn\): /.test(l)),
    ).toHaveLength(2);
  });
});

describe('verify --fixes-script FILE', () => {
  it('writes the proven commands in order, each under a comment naming its checks; the output says where', async () => {
    const script = path.join(dir, 'fixes.sh');
    const r = await cli('verify', '--snapshot', BLOCKED, '--fixes-script', script);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`\\nFixes script: ${script.replace(/[.]/g, '[.]')}\\n$`));
    const text = await fs.readFile(script, 'utf8');
    const { mode } = await fs.stat(script);
    expect(mode & 0o100).toBe(0o100);
    const json = await blockedJson();
    const commands = text.split('\n').filter((l) => l.startsWith('az '));
    expect(commands).toEqual(json.afterFixes.changes.map((c: { command: string }) => c.command));
    const lines = text.split('\n');
    json.afterFixes.changes.forEach((c: { command: string; checks: string[] }, i: number, all: unknown[]) => {
      expect(lines[lines.indexOf(c.command) - 1]).toBe(`# ${i + 1}/${all.length} for ${c.checks.join(', ')}`);
    });
    expect(lines[2]).toBe(`# ${json.afterFixes.summary}`);
  });

  it('--json stays JSON alone on stdout; the script is still written', async () => {
    const script = path.join(dir, 'fixes-json.sh');
    const r = await cli('verify', '--json', '--snapshot', BLOCKED, '--fixes-script', script);
    expect(JSON.parse(r.out).afterFixes.result).toBe('all-pass');
    expect(await fs.readFile(script, 'utf8')).toMatch(/^#!\/usr\/bin\/env bash\n/);
  });

  it('a path that cannot be written exits 2 naming the flag, before the network is read', async () => {
    const r = await cli(
      'verify',
      '--snapshot',
      path.join(dir, 'no-snapshot'),
      '--fixes-script',
      path.join(dir, 'no-such-dir', 'x.sh'),
    );
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^error: --fixes-script: cannot write .*x\.sh \(ENOENT\)\n$/);
  });
});

describe('verify --snapshot DIR --what-if FILE', () => {
  it("applies verify --json's afterFixes as it is: every check then passes, exit 0", async () => {
    const changes = await file('after-fixes.json', (await blockedJson()).afterFixes);
    const r = await cli('verify', '--snapshot', BLOCKED, '--what-if', changes);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`^What-if: 6 changes from ${changes.replace(/[.]/g, '[.]')} applied before verifying\\n`),
    );
    expect(r.out).toMatch(/\nSummary: 13 pass, 0 fail, 0 warn, 0 unknown\n$/);
    const json = JSON.parse((await cli('verify', '--json', '--snapshot', BLOCKED, '--what-if', changes)).out);
    expect(json.whatIf).toEqual({ file: changes, changes: 6 });
  });

  it('an engineer’s own rule that does not do the job: the check still fails, exit 1', async () => {
    // an allow rule after deny_internet_https (90): the deny still decides
    const own = await file('own.json', [
      {
        kind: 'nsg-rule-create',
        nsgId: NSG_DMS,
        rule: {
          name: 'allow-443',
          priority: 160,
          direction: 'Outbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefixes: ['*'],
          destinationAddressPrefixes: ['*'],
          destinationPortRanges: ['443'],
        },
      },
    ]);
    const script = path.join(dir, 'after-own.sh');
    const r = await cli('verify', '--json', '--snapshot', BLOCKED, '--what-if', own, '--fixes-script', script);
    expect(r.code).toBe(1);
    // the script's proof took the engineer's change as made: it says so, and does not make it
    const written = await fs.readFile(script, 'utf8');
    expect(written).toContain(`# These commands assume the 1 change(s) of ${own} (--what-if) are made first`);
    expect(written).not.toContain('-n allow-443');
    const check = JSON.parse(r.out).checks.find((c: { id: string }) => c.id === 'nsg-management-443');
    expect(check).toMatchObject({ status: 'fail', summary: expect.stringContaining('deny_internet_https (90)') });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a priority Azure does not allow',
      [{ kind: 'nsg-rule-update', nsgId: NSG_DMS, ruleName: 'management', priority: 85 }],
      /^error: --what-if: changes\[0\]\.priority: must be a whole number from 100 to 4096\n$/,
    ],
    ['not a list', { kind: 'route-delete' }, /^error: --what-if: changes: give a JSON list of changes/],
    [
      'an unknown kind',
      [{ kind: 'nsg-rule-add' }],
      /^error: --what-if: changes\[0\]\.kind: must be one of nsg-rule-create, /,
    ],
    [
      'a missing field',
      [{ kind: 'nsg-rule-delete', nsgId: NSG_DMS }],
      /^error: --what-if: changes\[0\]\.ruleName: is required \(the rule to delete\)\n$/,
    ],
    [
      'a bad prefix',
      [
        {
          kind: 'vnet-create',
          vnetId: NSG_DMS.replace('networkSecurityGroups/nsg-dms', 'virtualNetworks/v'),
          addressPrefixes: ['10.0.0.300/24'],
        },
      ],
      /^error: --what-if: changes\[0\]\.addressPrefixes\[0\]: /,
    ],
    [
      'a field of another kind',
      [{ kind: 'nsg-rule-delete', nsgId: NSG_DMS, ruleName: 'x', priority: 200 }],
      /^error: --what-if: changes\[0\]\.priority: is not a field of this change \(fields: nsgId, ruleName\)\n$/,
    ],
    [
      'a resource not in the snapshot',
      [{ kind: 'nsg-rule-delete', nsgId: NSG_DMS.replace('nsg-dms', 'nsg-other'), ruleName: 'x' }],
      /^error: --what-if: changes\[0\]\.nsgId: network security group .*nsg-other is not in the inventory\n$/,
    ],
    [
      'a priority another rule holds',
      [{ kind: 'nsg-rule-update', nsgId: NSG_DMS, ruleName: 'deny_internet_https', priority: 110 }],
      /^error: --what-if: changes\[0\]\.priority: .*110.*Diagnostics/,
    ],
    ['not JSON', '[{"kind": ', /^error: --what-if: .*bad\.json is not JSON \(.*\); see docs\/what-if\.schema\.json\n$/],
  ])('%s exits 2 naming the field, nothing on stdout', async (_name, content, message) => {
    const r = await cli('verify', '--snapshot', BLOCKED, '--what-if', await file('bad.json', content));
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(message);
  });

  it('a file that cannot be read exits 2 before the snapshot is read', async () => {
    const r = await cli(
      'verify',
      '--snapshot',
      path.join(dir, 'no-snapshot'),
      '--what-if',
      path.join(dir, 'none.json'),
    );
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^error: --what-if: cannot read .*none\.json \(ENOENT\)\n$/);
  });
});
