import {
  DEFAULT_RULE_PARAMETERS,
  ParameterError,
  parseCidr,
  parseCidrList,
  parseNsgName,
  parsePort,
  parseResourceGroup,
  parseRuleSet,
  validateRuleParameters,
} from '../../src/planning';

describe('CIDR parameters', () => {
  it.each([
    ['10.0.1.0/24', '10.0.1.0/24'],
    [' 192.168.0.0/16 ', '192.168.0.0/16'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.1.2.3/32', '10.1.2.3/32'],
  ])('accepts %j as %s', (text, cidr) => {
    expect(parseCidr('dmsSubnet', text)).toBe(cidr);
  });

  it.each([
    ['10.0.0.300/24', /'10\.0\.0\.300\/24' is not an IPv4 CIDR such as 10\.0\.1\.0\/24/],
    ['10.0.0.0', /not an IPv4 CIDR/],
    ['10.0.0.0/33', /not an IPv4 CIDR/],
    ['010.0.0.0/8', /not an IPv4 CIDR/],
    ['10.0/16', /not an IPv4 CIDR/],
    ['fd00::/8', /not an IPv4 CIDR/],
    ['10.0.1.5/24', /host bits set; the network is 10\.0\.1\.0\/24/],
    ['', /not an IPv4 CIDR/],
  ])('refuses %j', (text, message) => {
    expect(() => parseCidr('dmsSubnet', text)).toThrow(message);
  });

  it('says the field, what is wrong and the value; the problem names no field (each surface names it its way)', () => {
    expect.assertions(1);
    try {
      parseCidr('dmsSubnet', '10.0.0.300/24');
    } catch (e) {
      expect({ ...(e as ParameterError), problem: (e as ParameterError).problem }).toMatchObject({
        field: 'dmsSubnet',
        kind: 'not-ipv4-cidr',
        value: '10.0.0.300/24',
        problem: "'10.0.0.300/24' is not an IPv4 CIDR such as 10.0.1.0/24",
      });
    }
  });

  it('splits lists, drops blanks and duplicates', () => {
    expect(parseCidrList('sourceRanges', ['10.0.0.0/8, 172.16.0.0/12', '10.0.0.0/8', ' '])).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
    ]);
  });
});

describe('ports', () => {
  it.each([
    ['1', 1],
    ['1433', 1433],
    [' 65535 ', 65535],
    [50000, 50000],
  ] as [string | number, number][])('accepts %j', (text, port) => {
    expect(parsePort('sqlPort', text)).toBe(port);
  });

  it.each(['0', '65536', '-1', '14.33', '1e3', 'abc', '', '0x50', 1.5])('refuses %j', (text) => {
    expect(() => parsePort('sqlPort', text)).toThrow(/^sqlPort: '.*' is not a port number from 1 to 65535$/);
  });
});

describe('names for the Azure CLI export', () => {
  it.each(['dms-nsg', 'a', 'NSG_1.prod_', 'x'.repeat(80)])('accepts NSG name %j', (name) => {
    expect(parseNsgName(name)).toBe(name);
  });
  it.each(['bad name', '-nsg', 'nsg.', 'x'.repeat(81), '', 'a;rm'])('refuses NSG name %j', (name) => {
    expect(() => parseNsgName(name)).toThrow(expect.objectContaining({ field: 'nsgName', kind: 'invalid-name' }));
  });
  it.each(['rg', 'migration-rg', 'rg(1)', 'rg.prod', 'Ünïcode_rg'])('accepts resource group %j', (name) => {
    expect(parseResourceGroup(name)).toBe(name);
  });
  it.each(['rg.', 'a b', '', 'x'.repeat(91), 'rg$1'])('refuses resource group %j', (name) => {
    expect(() => parseResourceGroup(name)).toThrow(
      expect.objectContaining({ field: 'resourceGroup', kind: 'invalid-name' }),
    );
  });
});

describe('rule sets', () => {
  it.each([
    ['2020', '2020'],
    ['service-tags', 'service-tags'],
    ['Service-Tags', 'service-tags'],
    ['seed', '2020'],
    ['SEED', '2020'],
    ['current', 'service-tags'],
  ])('%s is the rule set %s (seed and current are their former names)', (text, ruleset) => {
    expect(parseRuleSet(text)).toBe(ruleset);
  });

  it('refuses another name, listing the rule sets by their names', () => {
    expect(() => parseRuleSet('latest')).toThrow("'latest' is not a rule set: use 2020 or service-tags");
  });
});

describe('validateRuleParameters', () => {
  it('fills the defaults', () => {
    expect(validateRuleParameters({})).toEqual({ ok: true, params: DEFAULT_RULE_PARAMETERS });
    expect(DEFAULT_RULE_PARAMETERS).toEqual({
      sourceRanges: [],
      sqlPort: 1433,
      namedInstance: false,
      smb: false,
      ruleset: '2020',
    });
  });

  it('reads form-like strings', () => {
    expect(
      validateRuleParameters({
        dmsSubnet: '10.0.1.0/24',
        sourceRanges: '192.168.0.0/16,10.10.0.0/16',
        sqlPort: '50000',
        namedInstance: 'yes',
        smb: true,
        ruleset: 'service-tags',
      }),
    ).toEqual({
      ok: true,
      params: {
        dmsSubnet: '10.0.1.0/24',
        sourceRanges: ['192.168.0.0/16', '10.10.0.0/16'],
        sqlPort: 50000,
        namedInstance: true,
        smb: true,
        ruleset: 'service-tags',
      },
    });
  });

  it('reports every bad field, each by name', () => {
    const result = validateRuleParameters({
      dmsSubnet: '10.0.0.300/24',
      sourceRanges: ['10.0.0.0/8', 'nope'],
      sqlPort: '70000',
      namedInstance: 'perhaps',
      smb: 'no',
      ruleset: 'latest',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'dmsSubnet',
      'sourceRanges',
      'sqlPort',
      'namedInstance',
      'ruleset',
    ]);
    expect(result.errors.map((e) => e.kind)).toEqual([
      'not-ipv4-cidr',
      'not-ipv4-cidr',
      'not-port',
      'not-yes-no',
      'not-a-choice',
    ]);
  });
});
