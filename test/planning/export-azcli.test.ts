import {
  AZURE_RULE_NAME,
  DEFAULT_RULE_PARAMETERS,
  exportRuleNames,
  requiredRules,
  splitAddresses,
  toAzureCli,
  toAzureRuleName,
} from '../../src/planning';
import type { NsgRuleSpec, RequiredRules } from '../../src/planning/types';
import { CASES, commandLines, tokens } from './export-azcli-cases';

/** Flag → values, checking that every flag appears once. */
function flags(args: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  let current = '';
  for (const a of args) {
    if (a.startsWith('--')) {
      expect(map.has(a)).toBe(false);
      map.set(a, []);
      current = a;
    } else {
      map.get(current)!.push(a);
    }
  }
  return map;
}

const allRules = (r: RequiredRules): NsgRuleSpec[] => [...r.inbound, ...r.outbound];
const exported = (value: string) =>
  value === 'DMS subnet'
    ? ['<dms-subnet-cidr>']
    : value === 'On-premises address space'
      ? ['<on-premises-address-space>']
      : splitAddresses(value);

describe.each(CASES)('az network nsg rule create export: %s', (_label, params, target) => {
  const rules = requiredRules(params);
  const text = toAzureCli(rules, target);
  const lines = commandLines(text);
  const list = allRules(rules);

  it('has one command per rule, checked flag by flag', () => {
    expect(lines).toHaveLength(list.length);
    lines.forEach((line, i) => {
      const args = tokens(line);
      expect(args.slice(0, 5)).toEqual(['az', 'network', 'nsg', 'rule', 'create']);
      const f = flags(args.slice(5));
      const rule = list[i];
      expect([...f.keys()].sort()).toEqual(
        [
          '--resource-group', '--nsg-name', '--name', '--priority', '--direction', '--access', '--protocol',
          '--source-address-prefixes', '--destination-address-prefixes', '--destination-port-ranges', '--description',
        ].sort(),
      ); // prettier-ignore
      expect(f.get('--resource-group')).toEqual([target.resourceGroup ?? '<resource-group>']);
      expect(f.get('--nsg-name')).toEqual([target.nsgName ?? '<nsg-name>']);
      expect(f.get('--priority')).toEqual([String(rule.priority)]);
      expect(f.get('--direction')).toEqual([rule.direction]);
      expect(f.get('--access')).toEqual(['Allow']);
      expect(f.get('--protocol')).toEqual([rule.protocol]);
      expect(f.get('--source-address-prefixes')).toEqual(exported(rule.source));
      expect(f.get('--destination-address-prefixes')).toEqual(exported(rule.destination));
      expect(f.get('--destination-port-ranges')).toEqual(rule.ports);
      const [description] = f.get('--description')!;
      expect(description.startsWith(rule.reason.slice(0, 40))).toBe(true);
      expect(description.length).toBeLessThanOrEqual(140);
    });
  });

  it('gives valid, unique names and unique priorities per direction', () => {
    const parsed = lines.map((l) => flags(tokens(l).slice(5)));
    const names = parsed.map((f) => f.get('--name')![0]);
    for (const n of names) expect(n).toMatch(AZURE_RULE_NAME);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const direction of ['Inbound', 'Outbound']) {
      const priorities = parsed
        .filter((f) => f.get('--direction')![0] === direction)
        .map((f) => f.get('--priority')![0]);
      expect(new Set(priorities).size).toBe(priorities.length);
    }
  });

  it('quotes every glob and placeholder so the shell passes them literally', () => {
    for (const line of lines) {
      const unquoted = line.replace(/'[^']*'/g, "''").replace(/"(?:[^"\\]|\\.)*"/g, '""');
      expect(unquoted).not.toMatch(/(^|[^\\])[*<>;&|$`]/);
    }
  });
});

describe('hostile values stay single arguments', () => {
  it('quotes a resource group and NSG name that a shell would otherwise interpret', () => {
    const target = { resourceGroup: "rg'; rm -rf ~ #", nsgName: '$(whoami) `id` *' };
    const [first] = commandLines(toAzureCli(requiredRules(DEFAULT_RULE_PARAMETERS), target));
    const f = flags(tokens(first).slice(5));
    expect(f.get('--resource-group')).toEqual([target.resourceGroup]);
    expect(f.get('--nsg-name')).toEqual([target.nsgName]);
  });
});

describe('Azure rule names', () => {
  it.each([
    ['SQL Source server', 'SQL-Source-server'],
    ['SQL Server named instance', 'SQL-Server-named-instance'],
    ['DMS_subnet', 'DMS_subnet'],
    ['  (odd) name!! ', 'odd-name'],
    ['x'.repeat(100), 'x'.repeat(80)],
    ['***', 'rule'],
  ])('%j → %j', (display, name) => {
    expect(toAzureRuleName(display)).toBe(name);
    expect(name).toMatch(AZURE_RULE_NAME);
  });

  it('keeps names unique across directions, case-insensitively', () => {
    const base: Omit<NsgRuleSpec, 'id' | 'name' | 'direction'> = {
      priority: 100,
      protocol: '*',
      ports: ['*'],
      source: '*',
      destination: '*',
      access: 'Allow',
      reason: 'r',
    };
    const names = exportRuleNames([
      { ...base, id: 'dms-subnet-inbound', name: 'DMS_subnet', direction: 'Inbound' },
      { ...base, id: 'dms-subnet-outbound', name: 'DMS_subnet', direction: 'Outbound' },
      { ...base, id: 'dms-subnet-outbound', name: 'dms_subnet', direction: 'Outbound' },
      { ...base, id: 'management', name: 'x'.repeat(90), direction: 'Outbound' },
      { ...base, id: 'management', name: 'X'.repeat(90), direction: 'Outbound' },
    ]);
    expect(names).toEqual([
      'DMS_subnet',
      'DMS_subnet-Outbound',
      'dms_subnet-2',
      'x'.repeat(80),
      `${'X'.repeat(71)}-Outbound`,
    ]);
  });
});
