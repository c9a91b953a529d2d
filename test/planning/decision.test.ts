import { PlanningInputError, decide } from '../../src/planning';
import type { Answers, QuestionKey, Source, TopologyId, YesNo } from '../../src/planning/types';
import { YES_NO, allAnswerCombinations } from './answers.fixture';

// The decision written out as the issue states it, one row per complete set of the answers that count.
// [cross-subscription, rbac-limits, mi-onprem | same-vnet] → topology
const ONPREM_TABLE: [YesNo, YesNo, YesNo, TopologyId][] = [
  ['no', 'no', 'yes', 'hybrid'],
  ['no', 'no', 'no', 'mi-isolated'],
  ['no', 'yes', 'yes', 'mi-isolated'],
  ['no', 'yes', 'no', 'mi-isolated'],
  ['yes', 'no', 'yes', 'mi-isolated'],
  ['yes', 'no', 'no', 'mi-isolated'],
  ['yes', 'yes', 'yes', 'mi-isolated'],
  ['yes', 'yes', 'no', 'mi-isolated'],
];
const AZURE_VM_TABLE: [YesNo, YesNo, YesNo, TopologyId][] = [
  ['no', 'no', 'yes', 'cloud-shared-vnet'],
  ['no', 'no', 'no', 'cloud-isolated-vnet'],
  ['no', 'yes', 'yes', 'cloud-isolated-vnet'],
  ['no', 'yes', 'no', 'cloud-isolated-vnet'],
  ['yes', 'no', 'yes', 'cloud-isolated-vnet'],
  ['yes', 'no', 'no', 'cloud-isolated-vnet'],
  ['yes', 'yes', 'yes', 'cloud-isolated-vnet'],
  ['yes', 'yes', 'no', 'cloud-isolated-vnet'],
];

const TITLES: Record<TopologyId, string> = {
  hybrid: 'Azure SQL Managed Instance configured for Hybrid workloads',
  'mi-isolated': 'SQL Managed Instance isolated from the on-premises network',
  'cloud-shared-vnet': 'Cloud-to-cloud migrations: Shared virtual network',
  'cloud-isolated-vnet': 'Cloud to cloud migrations: Isolated virtual network',
};
const REQUIREMENTS: Record<TopologyId, string[]> = {
  hybrid: ['same-vnet-separate-subnets', 'onprem-connectivity'],
  'mi-isolated': ['onprem-connectivity', 'vnet-peering'],
  'cloud-shared-vnet': [],
  'cloud-isolated-vnet': ['vnet-peering'],
};

type Expected = { topology: TopologyId } | { missing: QuestionKey } | { contradiction: true };

function lastKey(source: Source): 'mi-onprem' | 'same-vnet' {
  return source === 'azure-vm' ? 'same-vnet' : 'mi-onprem';
}

function tableLookup(source: Source, cross: YesNo, rbac: YesNo, last: YesNo): TopologyId {
  const table = source === 'azure-vm' ? AZURE_VM_TABLE : ONPREM_TABLE;
  return table.find(([c, r, l]) => c === cross && r === rbac && l === last)![3];
}

/**
 * Independent oracle: a topology is decided when every way of filling the missing answers gives the same row of the
 * table; otherwise the first missing question (in the asked order) is needed.
 */
function expected(a: Answers): Expected {
  if (!a.source) return { missing: 'source' };
  if (a.source === 'azure-vm' && a['same-vnet'] === 'yes' && a['cross-subscription'] === 'yes') {
    return { contradiction: true };
  }
  const keys: QuestionKey[] = ['cross-subscription', 'rbac-limits', lastKey(a.source)];
  const options = keys.map((k) => (a[k] ? [a[k] as YesNo] : (['yes', 'no'] as YesNo[])));
  const outcomes = new Set<TopologyId>();
  for (const c of options[0])
    for (const r of options[1]) for (const l of options[2]) outcomes.add(tableLookup(a.source, c, r, l));
  if (outcomes.size === 1) return { topology: [...outcomes][0] };
  return { missing: keys.find((k) => a[k] === undefined)! };
}

function outcome(a: Answers): Expected {
  try {
    return { topology: decide(a).topology };
  } catch (e) {
    if (!(e instanceof PlanningInputError)) throw e;
    if (e.problem === 'contradiction') return { contradiction: true };
    if (e.problem === 'missing') return { missing: e.key };
    throw e;
  }
}

describe('decide over every answer combination', () => {
  const combos = allAnswerCombinations();

  it('covers 324 combinations, each of the four topologies and each error kind', () => {
    expect(combos).toHaveLength(324);
    const seen = new Set(
      combos.map((a) => JSON.stringify(Object.keys(expected(a)).concat(Object.values(expected(a))))),
    );
    for (const t of Object.keys(TITLES)) expect([...seen].some((s) => s.includes(t))).toBe(true);
    expect([...seen].some((s) => s.includes('contradiction'))).toBe(true);
  });

  it.each(combos.map((a) => [JSON.stringify(a), a]))('%s', (_label, answers) => {
    const want = expected(answers as Answers);
    expect(outcome(answers as Answers)).toEqual(want);
    if ('topology' in want) {
      const rec = decide(answers as Answers);
      expect(rec.title).toBe(TITLES[want.topology]);
      expect(rec.requirements.map((r) => r.id)).toEqual(REQUIREMENTS[want.topology]);
      expect(rec.reasons.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('answers that cannot matter are ignored', () => {
  const others = (source: Source) =>
    YES_NO.flatMap((rbac) =>
      YES_NO.flatMap((mi) => YES_NO.map((same) => ({ source, rbac, mi, same }) as const)),
    ).filter((o) => !(o.source === 'azure-vm' && o.same === 'yes'));

  it.each(['onprem', 'other-cloud', 'azure-vm'] as Source[])(
    'source %s with cross-subscription=yes: the rest changes nothing',
    (source) => {
      const base = decide({ source, 'cross-subscription': 'yes' });
      for (const o of others(source)) {
        const a: Answers = { source, 'cross-subscription': 'yes' };
        if (o.rbac) a['rbac-limits'] = o.rbac;
        if (o.mi) a['mi-onprem'] = o.mi;
        if (o.same) a['same-vnet'] = o.same;
        expect(decide(a)).toEqual(base);
      }
    },
  );

  it.each([
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' }, 'same-vnet', 'no'],
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' }, 'same-vnet', 'yes'],
    [{ source: 'other-cloud', 'cross-subscription': 'yes' }, 'same-vnet', 'yes'],
    [{ source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'yes' }, 'mi-onprem', 'no'],
    [{ source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'yes' }, 'same-vnet', 'yes'],
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'yes' }, 'mi-onprem', 'yes'],
  ] as [Answers, keyof Answers, YesNo][])('%j plus %s=%s gives the same recommendation', (answers, key, value) => {
    expect(decide({ ...answers, [key]: value })).toEqual(decide(answers));
  });
});

describe('reasons are tied to the answers', () => {
  it.each([
    [{ source: 'onprem', 'cross-subscription': 'yes' }, /different subscriptions, so they must be peered/],
    [{ source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'yes' }, /RBAC/],
    [
      { source: 'other-cloud', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'no' },
      /isolated from the on-premises/,
    ],
    [{ source: 'other-cloud', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' }, /another cloud/],
    [
      { source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'yes' },
      /shares one virtual network/,
    ],
    [{ source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'no' }, /must be peered/],
  ] as [Answers, RegExp][])('%j', (answers, reason) => {
    const reasons = decide(answers).reasons;
    expect(reasons.some((r) => reason.test(r))).toBe(true);
    expect(reasons).toHaveLength(Object.keys(answers).length);
  });

  it('does not give reasons for ignored answers', () => {
    const reasons = decide({
      source: 'onprem',
      'cross-subscription': 'yes',
      'rbac-limits': 'yes',
      'mi-onprem': 'yes',
    }).reasons;
    expect(reasons.join(' ')).not.toMatch(/RBAC|connected to the on-premises network, so DMS goes in the same/);
  });
});

describe('bad answers', () => {
  it('refuses same-vnet=yes with cross-subscription=yes for an Azure VM source, naming both keys', () => {
    expect.assertions(3);
    try {
      decide({ source: 'azure-vm', 'cross-subscription': 'yes', 'same-vnet': 'yes' });
    } catch (e) {
      expect(e).toBeInstanceOf(PlanningInputError);
      expect((e as PlanningInputError).key).toBe('same-vnet');
      expect((e as PlanningInputError).conflictsWith).toBe('cross-subscription');
    }
  });

  it.each([
    ['source', 'mars'],
    ['mi-onprem', 'maybe'],
    ['cross-subscription', 'YES'],
  ])('refuses %s=%s as invalid, naming the key', (key, value) => {
    const answers = {
      source: 'onprem',
      'cross-subscription': 'no',
      'rbac-limits': 'no',
      'mi-onprem': 'yes',
      [key]: value,
    };
    expect(() => decide(answers as Answers)).toThrow(expect.objectContaining({ key, problem: 'invalid' }));
  });

  it('names the missing key in the message', () => {
    expect(() => decide({ source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no' })).toThrow(/same-vnet/);
  });
});
