import {
  AZURE_RULE_NAME,
  DEFAULT_RULE_PARAMETERS,
  bicepString,
  requiredRules,
  toBicepSecurityRules,
} from '../../src/planning';
import type { RuleParameters } from '../../src/planning/types';

type Value = string | number | Value[] | { [key: string]: Value };

/**
 * A parser for the Bicep subset the snippet uses (objects, arrays, single-quoted strings, integers, newline-separated
 * members): enough to prove the brackets balance and every value sits where Bicep expects it.
 */
function parseBicep(text: string): { [key: string]: Value } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === "'") return str();
    const m = /^-?\d+/.exec(text.slice(i));
    if (!m) throw new Error(`unexpected ${JSON.stringify(text.slice(i, i + 20))} at ${i}`);
    i += m[0].length;
    return Number(m[0]);
  };
  const str = (): string => {
    let out = '';
    i++;
    while (text[i] !== "'") {
      if (i >= text.length) throw new Error('unterminated string');
      if (text[i] === '\n') throw new Error('newline in string');
      if (text[i] === '\\') {
        const e = text[++i];
        out += e === 'n' ? '\n' : e === '$' ? '$' : e;
      } else out += text[i];
      i++;
    }
    i++;
    return out;
  };
  const key = (): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) throw new Error(`expected a key at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
    i += m[0].length;
    ws();
    if (text[i++] !== ':') throw new Error(`expected ':' after ${m[0]}`);
    return m[0];
  };
  const object = (): { [key: string]: Value } => {
    const o: { [key: string]: Value } = {};
    i++;
    for (ws(); text[i] !== '}'; ws()) {
      if (i >= text.length) throw new Error('unbalanced {');
      const k = key();
      if (k in o) throw new Error(`duplicate property ${k}`);
      o[k] = value();
    }
    i++;
    return o;
  };
  const array = (): Value[] => {
    const a: Value[] = [];
    i++;
    for (ws(); text[i] !== ']'; ws()) {
      if (i >= text.length) throw new Error('unbalanced [');
      a.push(value());
    }
    i++;
    return a;
  };
  const top: { [key: string]: Value } = {};
  for (ws(); i < text.length; ws()) {
    const k = key();
    top[k] = value();
  }
  return top;
}

const FULL: RuleParameters = {
  ...DEFAULT_RULE_PARAMETERS,
  dmsSubnet: '10.0.1.0/24',
  sourceRanges: ['192.168.0.0/16', '10.20.0.0/16'],
  namedInstance: true,
  smb: true,
};

describe.each([
  ['defaults', DEFAULT_RULE_PARAMETERS],
  ['every rule, seed', FULL],
  ['every rule, current, one range', { ...FULL, ruleset: 'service-tags', sourceRanges: ['192.168.0.0/16'] }],
] as [string, RuleParameters][])('Bicep securityRules snippet: %s', (_label, params) => {
  const rules = requiredRules(params);
  const list = [...rules.inbound, ...rules.outbound];
  const parsed = parseBicep(toBicepSecurityRules(rules));

  it('is one balanced securityRules array with one entry per rule', () => {
    expect(Object.keys(parsed)).toEqual(['securityRules']);
    expect(parsed.securityRules).toHaveLength(list.length);
  });

  it('gives each rule the NSG rule properties, matching the rule', () => {
    (parsed.securityRules as { name: string; properties: Record<string, Value> }[]).forEach((entry, n) => {
      const rule = list[n];
      expect(Object.keys(entry).sort()).toEqual(['name', 'properties']);
      expect(entry.name).toMatch(AZURE_RULE_NAME);
      const p = entry.properties;
      expect(p).toMatchObject({
        priority: rule.priority,
        direction: rule.direction,
        access: 'Allow',
        protocol: rule.protocol,
        sourcePortRange: '*',
      });
      expect(typeof p.description).toBe('string');
      expect((p.description as string).length).toBeLessThanOrEqual(140);
      // Exactly one of the singular and plural forms, the plural only for several values.
      for (const [one, many, expected] of [
        ['destinationPortRange', 'destinationPortRanges', rule.ports],
        ['sourceAddressPrefix', 'sourceAddressPrefixes', rule.source.split(',')],
        ['destinationAddressPrefix', 'destinationAddressPrefixes', rule.destination.split(',')],
      ] as [string, string, string[]][]) {
        expect(one in p !== many in p).toBe(true);
        const values = one in p ? [p[one]] : (p[many] as string[]);
        if (many in p) expect(values.length).toBeGreaterThan(1);
        const placeholders: Record<string, string> = {
          'DMS subnet': '<dms-subnet-cidr>',
          'On-premises address space': '<on-premises-address-space>',
        };
        expect(values).toEqual(expected.map((v) => placeholders[v] ?? v));
      }
    });
  });

  it('has unique names and unique priorities per direction', () => {
    const entries = parsed.securityRules as { name: string; properties: { priority: number; direction: string } }[];
    expect(new Set(entries.map((e) => e.name.toLowerCase())).size).toBe(entries.length);
    for (const d of ['Inbound', 'Outbound']) {
      const p = entries.filter((e) => e.properties.direction === d).map((e) => e.properties.priority);
      expect(new Set(p).size).toBe(p.length);
    }
  });
});

describe('bicepString', () => {
  it.each([
    ["it's", "'it\\'s'"],
    ['a\\b', "'a\\\\b'"],
    ['${x}', "'\\${x}'"],
  ])('%j → %s', (input, out) => {
    expect(bicepString(input)).toBe(out);
  });
});
