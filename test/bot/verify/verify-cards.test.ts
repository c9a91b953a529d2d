import { renderCardJson } from '../../../src/bot/cards';
import {
  errorCardModel,
  MAX_RESULT_CARD_BYTES,
  resultCardModel,
  type ResultContext,
} from '../../../src/bot/verify/verify-cards';
import { VerifyInputError } from '../../../src/network/errors';
import { CHECK_IDS, type Check, type CheckStatus, type VerifyResult } from '../../../src/network/verifier';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../../support/card-lint';
import { cardText } from '../../support/card-walker';

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const ctx: ResultContext = { target: { subscriptionIds: [SUB] }, readAt: 0, cached: false, now: 0 };

function result(checks: Check[]): VerifyResult {
  return {
    topology: 'hybrid',
    plannedTopology: null,
    topologyReason: 'MI and DMS share VNet vnet-migration',
    topologyMatchesPlan: null,
    managedInstance: { id: '/x/mi', name: 'sqlmi', subnetId: '/x/s1' },
    dms: { id: '/x/dms', name: 'dms', subnetId: '/x/s2' },
    checks,
  };
}

const check = (id: Check['id'], status: CheckStatus, evidence: string[], fix?: string): Check => ({
  id,
  status,
  summary: `${id} summary`,
  evidence,
  fix,
});

describe('verify result card', () => {
  it('shows up to five pieces of evidence per check and says how many more there are', () => {
    const evidence = Array.from({ length: 8 }, (_, i) => `evidence ${i + 1}`);
    const model = resultCardModel(result([check('nsg-management-443', 'fail', evidence, 'az fix')]), ctx);
    expect(model.checks[0].evidence).toEqual(evidence.slice(0, 5));
    expect(model.checks[0].moreEvidence).toMatch(/^… and 3 more/);
    expect(model.checks[0].fix).toBe('az fix');
    expect(model.note).toBe('');
  });

  it('shows a path without a route, not only a denied port', () => {
    const noRoute: Check = {
      ...check(
        'nsg-sql-source',
        'fail',
        ['TCP 1433 to the source 10.100.0.4/32: route 10.0.0.0/8 → None'],
        'az network vnet peering create',
      ),
      route: {
        status: 'fail',
        outcome: 'dropped',
        addressPrefix: '10.0.0.0/8',
        nextHopType: 'None',
        origin: 'Default',
        missingPath: { kind: 'peering-not-transitive', explanation: 'spokes of one hub' },
      },
    };
    const appliance: Check = {
      ...check('nsg-smb-share', 'warn', ['through the firewall'], 'az network route-table route show'),
      route: {
        status: 'warn',
        outcome: 'appliance',
        addressPrefix: '0.0.0.0/0',
        nextHopType: 'VirtualAppliance',
        nextHopIpAddress: '10.0.1.4',
        origin: 'User',
        routeTable: { id: '/x/rt', name: 'rt-dms' },
      },
    };
    const delivered: Check = {
      ...check('nsg-sql-named-instance', 'fail', ['denied']),
      route: { status: 'pass', outcome: 'gateway' },
    };
    const model = resultCardModel(result([noRoute, appliance, delivered]), ctx);
    expect(model.checks.map((c) => c.path)).toEqual([
      '🚫 No route: 10.0.0.0/8 → None (system route): peering is not transitive',
      '↪ Path: 0.0.0.0/0 → VirtualAppliance 10.0.1.4 (route table rt-dms): the appliance decides beyond',
      '',
    ]);
    expect(cardText(renderCardJson('verify-result', model))).toContain(
      'No route: 10.0.0.0/8 → None (system route): peering is not transitive',
    );
  });

  it('hides evidence and fix of passing checks', () => {
    const model = resultCardModel(result([check('mi-subnet', 'pass', ['fine'], 'az nothing')]), ctx);
    expect(model.checks[0]).toMatchObject({ icon: '✅', evidence: [], moreEvidence: '', fix: '' });
    expect(model.title).toBe('Verification: nothing blocks the migration');
    expect(model.titleColor).toBe('Good');
  });

  it.each([
    ['fail', '❌', 'Attention'],
    ['warn', '⚠️', 'Warning'],
    ['unknown', '❔', 'Warning'],
  ] as const)('a %s check gets %s; the title colour follows the worst status', (status, icon, color) => {
    const model = resultCardModel(result([check('mi-subnet', status, ['why'])]), ctx);
    expect(model.checks[0].icon).toBe(icon);
    expect(model.titleColor).toBe(color);
    expect(model.title).toBe(`Verification: 1 ${status}`);
    expect(model.summary).toBe(
      `0 pass, ${+(status === 'fail')} fail, ${+(status === 'warn')} warn, ${+(status === 'unknown')} unknown`,
    );
  });

  it('a huge result (every check failing with long evidence and fixes) stays a clean card under 28 KB, saying what was cut', () => {
    const long = (i: number) => `evidence ${i}: ${'rule x (100) in NSG nsg-with-a-long-name '.repeat(20)}`;
    const checks = CHECK_IDS.map((id) =>
      check(
        id,
        'fail',
        Array.from({ length: 40 }, (_, i) => long(i)),
        `az network nsg rule create ${'--flag value '.repeat(100)}`,
      ),
    );
    const model = resultCardModel(result(checks), ctx);
    const card = renderCardJson('verify-result', model);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_RESULT_CARD_BYTES);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(cardProblems(card)).toEqual([]);
    expect(model.note).toMatch(/shortened|Only the first/);
    // every check still has its line
    for (const id of CHECK_IDS) expect(cardText(card)).toContain(id);
  });

  it('a huge result whose fixes leave hundreds of checks keeps 20 of those lines and counts the rest', () => {
    const long = `evidence: ${'rule x (100) in NSG nsg-with-a-long-name '.repeat(20)}`;
    const checks = CHECK_IDS.map((id) =>
      check(id, 'fail', [long, long, long], `az network ${'--flag value '.repeat(100)}`),
    );
    const remaining = Array.from({ length: 300 }, (_, i) => ({
      id: `shir-upload-path`,
      status: 'fail' as const,
      summary: 'upload path',
      reason: 'not-in-inventory' as const,
      why: `the runtime's upload path to account ${i} ${'is not known here '.repeat(10)}`,
      storageAccount: `stbackups${i}`,
    }));
    const huge = {
      ...result(checks),
      afterFixes: { result: 'failures' as const, summary: 's', changes: [], remaining, worse: [] },
    };
    const model = resultCardModel(huge, ctx);
    const card = renderCardJson('verify-result', model);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_RESULT_CARD_BYTES);
    expect(model.afterFixes?.remaining).toHaveLength(21);
    expect(model.afterFixes?.remaining[20]).toBe('… and 280 more (verify --json shows them all)');
  });

  it('a cached result says how old it is', () => {
    const model = resultCardModel(result([]), { ...ctx, cached: true, readAt: 0, now: 3 * 60_000 + 5 });
    expect(model.facts.find((f) => f.title === 'Read')?.value).toBe('3 min ago (cached; Check again reads Azure anew)');
  });
});

describe('verify error card', () => {
  it('speaks the bot’s options (mi=NAME), not the CLI flags, and offers one button per candidate', () => {
    const error = new VerifyInputError({
      kind: 'ambiguous',
      field: 'dms',
      what: 'classic Database Migration Service',
      whats: 'classic Database Migration Services',
      candidates: ['dms-a', 'dms-b'],
    });
    const model = errorCardModel(error, { subscriptionIds: [SUB], mi: 'sqlmi' }, 'ref')!;
    expect(model.message).toContain('name one with dms=NAME');
    expect(model.candidates.map((c) => c.data)).toEqual([
      { verb: 'verify.again', subscriptions: SUB, mi: 'sqlmi', dms: 'dms-a', fresh: false },
      { verb: 'verify.again', subscriptions: SUB, mi: 'sqlmi', dms: 'dms-b', fresh: false },
    ]);
  });

  it('leaves unexpected errors to the caller', () => {
    expect(errorCardModel(new Error('x'), undefined, 'ref')).toBeUndefined();
  });
});
