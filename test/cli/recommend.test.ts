import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { RULE_IDS, TOPOLOGY_IDS } from '../../src/planning/types';
import { RULE_KEYS, run } from './run.fixture';

function checkShape(json: Record<string, unknown>): void {
  expect(Object.keys(json).sort()).toEqual(['reasons', 'requirements', 'rules', 'title', 'topology']);
  expect(TOPOLOGY_IDS).toContain(json.topology);
  expect(typeof json.title).toBe('string');
  for (const r of json.reasons as unknown[]) expect(typeof r).toBe('string');
  for (const r of json.requirements as Record<string, unknown>[]) {
    expect(Object.keys(r).sort()).toEqual(['id', 'text']);
  }
  const rules = json.rules as Record<string, Record<string, unknown>[]>;
  expect(Object.keys(rules).sort()).toEqual(['inbound', 'outbound']);
  for (const [direction, list] of [
    ['Inbound', rules.inbound],
    ['Outbound', rules.outbound],
  ] as const) {
    expect(list.length).toBeGreaterThan(0);
    for (const rule of list) {
      for (const key of Object.keys(rule)) expect(RULE_KEYS).toContain(key);
      for (const key of RULE_KEYS.filter((k) => k !== 'note')) expect(rule).toHaveProperty(key);
      expect(RULE_IDS).toContain(rule.id);
      expect(rule.direction).toBe(direction);
      expect(Array.isArray(rule.ports)).toBe(true);
    }
  }
}

describe('recommend', () => {
  it.each([
    [['--source', 'onprem', '--mi-onprem', 'yes', '--cross-subscription', 'no', '--rbac-limits', 'no'], 'hybrid'],
    [['--source', 'other-cloud', '--cross-subscription', 'yes'], 'mi-isolated'],
    [['--source', 'onprem', '--cross-subscription', 'no', '--rbac-limits', 'no', '--mi-onprem', 'no'], 'mi-isolated'],
    [
      ['--source', 'azure-vm', '--same-vnet', 'yes', '--cross-subscription', 'no', '--rbac-limits', 'no'],
      'cloud-shared-vnet',
    ],
    [['--source', 'azure-vm', '--cross-subscription', 'no', '--rbac-limits', 'yes'], 'cloud-isolated-vnet'],
    // Answers that cannot matter are accepted and ignored.
    [
      [
        '--source',
        'onprem',
        '--cross-subscription',
        'yes',
        '--rbac-limits',
        'no',
        '--mi-onprem',
        'yes',
        '--same-vnet',
        'yes',
      ],
      'mi-isolated',
    ],
    [
      [
        '--source',
        'azure-vm',
        '--cross-subscription',
        'no',
        '--rbac-limits',
        'no',
        '--same-vnet',
        'no',
        '--mi-onprem',
        'yes',
      ],
      'cloud-isolated-vnet',
    ],
  ])('%j --json → %s', async (args, topology) => {
    const r = await run('recommend', ...args, '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const json = JSON.parse(r.out);
    checkShape(json);
    expect(json.topology).toBe(topology);
  });

  it('prints the JSON with the default rules (seed set, SQL port 1433)', async () => {
    const json = JSON.parse(
      (await run('recommend', '--source', 'onprem', '--cross-subscription', 'yes', '--json')).out,
    );
    expect(json.rules.outbound.map((r: { id: string }) => r.id)).toEqual([
      'management',
      'diagnostics',
      'sql-source',
      'dms-subnet-outbound',
    ]);
    expect(json.rules.outbound[2].ports).toEqual(['1433']);
    expect(json.reasons).toContain(
      "MI's and DMS's virtual networks are in different subscriptions, so they must be peered.",
    );
  });

  it('prints a readable recommendation without --json', async () => {
    const r = await run(
      'recommend',
      '--source',
      'azure-vm',
      '--same-vnet',
      'yes',
      '--cross-subscription',
      'no',
      '--rbac-limits',
      'no',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('Cloud-to-cloud migrations: Shared virtual network (cloud-shared-vnet)');
    expect(r.out).toContain('No additional requirements.');
    expect(r.out).toContain('Outbound security rules');
    expect(r.out).toContain('retired on 2026-03-15');
  });

  it.each([
    [[], /--source/],
    [['--source', 'onprem'], /--cross-subscription/],
    [['--source', 'onprem', '--cross-subscription', 'no'], /--rbac-limits/],
    [['--source', 'other-cloud', '--cross-subscription', 'no', '--rbac-limits', 'no'], /--mi-onprem/],
    [
      ['--source', 'azure-vm', '--cross-subscription', 'no', '--rbac-limits', 'no', '--mi-onprem', 'yes'],
      /--same-vnet/,
    ],
    [
      ['--source', 'azure-vm', '--same-vnet', 'yes', '--cross-subscription', 'yes'],
      /--same-vnet yes contradicts --cross-subscription yes/,
    ],
    [['--source', 'mars'], /--source/],
    [['--source', 'onprem', '--cross-subscription', 'maybe'], /--cross-subscription/],
    [['--sorce', 'onprem'], /--sorce.*--source/],
    [['--source'], /--source/],
    [['--source', 'onprem', 'extra'], /too many arguments/],
  ])('%j exits 2 with one line naming the flag', async (args, message) => {
    const r = await run('recommend', ...args, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^[^\n]+\n$/);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\s at /);
  });

  it('documents every flag in --help', async () => {
    const r = await run('recommend', '--help');
    expect(r.code).toBe(0);
    for (const f of [
      '--source',
      '--mi-onprem',
      '--same-vnet',
      '--cross-subscription',
      '--rbac-limits',
      '--json',
      'onprem',
      'azure-vm',
      'other-cloud',
      'Exit codes',
    ]) {
      expect(r.out).toContain(f);
    }
  });
});

describe('the npm script', () => {
  it('runs recommend as a child process and prints the JSON', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      [
        'run',
        '--silent',
        'cli',
        '--',
        'recommend',
        '--source',
        'onprem',
        '--mi-onprem',
        'yes',
        '--cross-subscription',
        'no',
        '--rbac-limits',
        'no',
        '--json',
      ],
      { cwd: path.resolve(__dirname, '../..'), timeout: 60000 },
    );
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    checkShape(json);
    expect(json.topology).toBe('hybrid');
  }, 60000);
});
