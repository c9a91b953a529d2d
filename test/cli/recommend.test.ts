import { expectRecommendJsonShape, run } from './run.fixture';

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
    expectRecommendJsonShape(json);
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
