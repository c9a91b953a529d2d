import { DEFAULT_RULE_PARAMETERS, RULE_NOTES, RULE_SET_NOTES, requiredRules, splitAddresses } from '../../src/planning';
import type { NsgRuleSpec, RuleParameters, RuleSet } from '../../src/planning/types';

const RANGES = ['192.168.0.0/16', '10.20.0.0/16'];

// Every parameter combination: named instance × SMB × port × rule set × subnet known or not × ranges known or not.
const COMBOS: RuleParameters[] = [];
for (const namedInstance of [false, true])
  for (const smb of [false, true])
    for (const sqlPort of [1433, 50000])
      for (const ruleset of ['2020', 'service-tags'] as RuleSet[])
        for (const dmsSubnet of [undefined, '10.0.1.0/24'])
          for (const sourceRanges of [[], RANGES])
            COMBOS.push({ namedInstance, smb, sqlPort, ruleset, dmsSubnet, sourceRanges });

/** The expected outbound rows, written from the seed's table and its later revision: [id, name, protocol, ports, destination]. */
function expectedOutbound(p: RuleParameters): [string, string, string, string[], string][] {
  const source = p.sourceRanges.length ? p.sourceRanges.join(',') : 'On-premises address space';
  const rows: [string, string, string, string[], string][] =
    p.ruleset === '2020'
      ? [
          ['management', 'management', 'Tcp', ['443', '9354'], '*'],
          ['diagnostics', 'Diagnostics', 'Tcp', ['12000'], '*'],
        ]
      : [
          ['management', 'management-ServiceBus', 'Tcp', ['443'], 'ServiceBus'],
          ['management', 'management-Storage', 'Tcp', ['443'], 'Storage'],
          ['diagnostics', 'Diagnostics-AzureMonitor', 'Tcp', ['443'], 'AzureMonitor'],
        ];
  rows.push(['sql-source', 'SQL Source server', 'Tcp', [String(p.sqlPort)], source]);
  if (p.namedInstance) rows.push(['sql-named-instance', 'SQL Server named instance', 'Udp', ['1434'], source]);
  if (p.smb) rows.push(['smb-share', 'SMB share', 'Tcp', ['445'], source]);
  rows.push(['dms-subnet-outbound', 'DMS_subnet', '*', ['*'], p.dmsSubnet ?? 'DMS subnet']);
  return rows;
}

const label = (p: RuleParameters) =>
  `named=${p.namedInstance} smb=${p.smb} port=${p.sqlPort} ruleset=${p.ruleset} subnet=${p.dmsSubnet ?? '-'} ranges=${p.sourceRanges.length}`;

describe('requiredRules for every parameter combination', () => {
  it.each(COMBOS.map((p) => [label(p), p]))('%s', (_l, params) => {
    const p = params as RuleParameters;
    const rules = requiredRules(p);
    expect(rules.ruleset).toBe(p.ruleset);

    expect(rules.inbound.map((r) => [r.id, r.name, r.protocol, r.ports, r.source, r.destination])).toEqual([
      ['dms-subnet-inbound', 'DMS_subnet', '*', ['*'], p.dmsSubnet ?? 'DMS subnet', '*'],
    ]);
    expect(rules.outbound.map((r) => [r.id, r.name, r.protocol, r.ports, r.destination])).toEqual(expectedOutbound(p));

    for (const [direction, list] of [
      ['Inbound', rules.inbound],
      ['Outbound', rules.outbound],
    ] as const) {
      const priorities = list.map((r) => r.priority);
      expect(new Set(priorities).size).toBe(priorities.length);
      expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
      for (const r of list) {
        expect(r.direction).toBe(direction);
        expect(r.access).toBe('Allow');
        expect(r.priority).toBeGreaterThanOrEqual(100);
        expect(r.priority).toBeLessThanOrEqual(4096);
        expect(r.reason.length).toBeGreaterThan(10);
        if (direction === 'Outbound') expect(r.source).toBe('*');
      }
    }

    // The seed's notes stay on their rules, and the explanations come under the tables.
    const notes = (ids: string[]) => rules.outbound.filter((r) => ids.includes(r.id)).map((r) => r.note ?? '');
    for (const n of notes(['sql-source', 'sql-named-instance', 'smb-share'])) expect(n).toMatch(/site-to-site/);
    for (const n of notes(['management'])) expect(n).toMatch(/Microsoft peering/);
    if (p.ruleset === 'service-tags' && p.smb) expect(notes(['smb-share'])[0]).toMatch(/if the scenario needs it/i);
    expect(rules.notes[0]).toBe(RULE_SET_NOTES[p.ruleset]);
    expect(rules.notes).toEqual(
      expect.arrayContaining([RULE_NOTES.siteToSite, RULE_NOTES.microsoftPeering, RULE_NOTES.classicDmsRetired]),
    );
  });

  it('covers 64 combinations', () => expect(COMBOS).toHaveLength(64));
});

describe('rule set current', () => {
  it('opens TCP 443 to the service tags instead of 9354 and 12000', () => {
    const out = requiredRules({ ...DEFAULT_RULE_PARAMETERS, ruleset: 'service-tags' }).outbound;
    const ports = out.flatMap((r) => r.ports);
    expect(ports).not.toContain('9354');
    expect(ports).not.toContain('12000');
    const tagged = out.filter((r) => ['ServiceBus', 'Storage', 'AzureMonitor'].includes(r.destination));
    expect(tagged.map((r) => [r.destination, r.protocol, r.ports])).toEqual([
      ['ServiceBus', 'Tcp', ['443']],
      ['Storage', 'Tcp', ['443']],
      ['AzureMonitor', 'Tcp', ['443']],
    ]);
  });
});

describe('notes', () => {
  it('explain the seed notes and the retirement of classic DMS', () => {
    expect(RULE_NOTES.siteToSite).toMatch(/AllowVnetOutBound/);
    expect(RULE_NOTES.siteToSite).toMatch(
      /VirtualNetwork includes the on-premises prefixes learned through the virtual network gateway/,
    );
    expect(RULE_NOTES.microsoftPeering).toMatch(/management rule may be unnecessary/);
    expect(RULE_NOTES.classicDmsRetired).toMatch(/retired on 2026-03-15/);
  });

  it('keep source ranges splittable for the exports', () => {
    const rule = requiredRules({ ...DEFAULT_RULE_PARAMETERS, sourceRanges: RANGES }).outbound.find(
      (r: NsgRuleSpec) => r.id === 'sql-source',
    )!;
    expect(splitAddresses(rule.destination)).toEqual(RANGES);
  });
});

describe('a source SQL Server on an Azure VM', () => {
  const vm = (params: Partial<RuleParameters> = {}) =>
    requiredRules({ ...DEFAULT_RULE_PARAMETERS, smb: true, namedInstance: true, source: 'azure-vm', ...params });

  it.each(['2020', 'service-tags'] as RuleSet[])(
    '%s: the source rules say "Source VM address" and carry no site-to-site note',
    (ruleset) => {
      const rules = vm({ ruleset });
      const toSource = rules.outbound.filter((r) => ['sql-source', 'sql-named-instance', 'smb-share'].includes(r.id));
      expect(toSource).toHaveLength(3);
      for (const r of toSource) {
        expect(r.destination).toBe('Source VM address');
        expect(r.note ?? '').not.toContain(RULE_NOTES.siteToSiteShort);
      }
      expect(rules.notes).not.toContain(RULE_NOTES.siteToSite);
      expect(JSON.stringify(rules)).not.toMatch(/On-premises address space/);
    },
  );

  it('given ranges still replace the placeholder; an on-premises source keeps the seed wording', () => {
    expect(vm({ sourceRanges: ['10.1.2.4/32'] }).outbound.find((r) => r.id === 'sql-source')!.destination).toBe(
      '10.1.2.4/32',
    );
    const onprem = requiredRules({ ...DEFAULT_RULE_PARAMETERS, source: 'onprem' });
    expect(onprem.outbound.find((r) => r.id === 'sql-source')).toMatchObject({
      destination: 'On-premises address space',
      note: RULE_NOTES.siteToSiteShort,
    });
    expect(onprem.notes).toContain(RULE_NOTES.siteToSite);
  });
});
