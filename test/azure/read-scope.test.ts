import {
  describeScopes,
  parseResourceGroupRefs,
  readScopes,
  resourceGroupNameProblem,
  ResourceGroupScopeError,
} from '../../src/azure/read-scope';

const A = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const B = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

describe('resourceGroupNameProblem (Azure: 1-90 letters, digits, _ ( ) - ., no trailing period)', () => {
  it.each(['rg-a', 'RG_1', 'rg.(prod)', 'a', 'x'.repeat(90), 'rg-ünïcode', 'rg.a'])('%s is valid', (name) => {
    expect(resourceGroupNameProblem(name)).toBeUndefined();
  });
  it.each([
    ['', /empty/],
    ['x'.repeat(91), /91 characters long; Azure allows at most 90/],
    ['rg a', /may only hold letters, digits/],
    ['rg/a', /may only hold/],
    ['rg$', /may only hold/],
    ['rg.', /must not end with a period/],
  ])('%j is refused', (name, problem) => {
    expect(resourceGroupNameProblem(name)).toMatch(problem);
  });
});

describe('parseResourceGroupRefs', () => {
  it('splits subscription and group, accepts comma lists and drops duplicates case-insensitively', () => {
    expect(parseResourceGroupRefs([`${A}/rg-a, ${A}/rg-b`, `${A.toUpperCase()}/RG-A`, `${B}/rg-a`], undefined)).toEqual(
      [
        { subscriptionId: A, resourceGroup: 'rg-a' },
        { subscriptionId: A, resourceGroup: 'rg-b' },
        { subscriptionId: B, resourceGroup: 'rg-a' },
      ],
    );
  });

  it.each([
    ['rg-a', /'rg-a' has no slash: expected <subscription-id>\/<resource group>/],
    ['not-a-guid/rg-a', /'not-a-guid\/rg-a': 'not-a-guid' is not a subscription id: expected a GUID/],
    ['/rg-a', /the subscription id before the slash is empty/],
    [`${A}/`, /the resource group name after the slash is empty/],
    [`${A}/rg a`, /may only hold letters, digits, underscores, parentheses, hyphens and periods/],
    [`${A}/rg-a.`, /must not end with a period/],
    [`${A}/rg/extra`, /may only hold/],
    [`${A}/${'r'.repeat(91)}`, /at most 90/],
  ])('%j is refused with the problem named', (value, problem) => {
    expect(() => parseResourceGroupRefs([value], undefined)).toThrow(ResourceGroupScopeError);
    expect(() => parseResourceGroupRefs([value], undefined)).toThrow(problem);
  });

  it('applies AZURE_ALLOWED_SUBSCRIPTIONS to the subscription of each group', () => {
    expect(() => parseResourceGroupRefs([`${A}/rg-a`], [B])).toThrow(/not in AZURE_ALLOWED_SUBSCRIPTIONS/);
    expect(parseResourceGroupRefs([`${B}/rg-a`], [B])).toHaveLength(1);
  });
});

describe('readScopes', () => {
  it('reads a subscription given both ways whole, the others at resource group scope', () => {
    const groups = parseResourceGroupRefs([`${A}/rg-a`, `${B}/rg-b`, `${B}/rg-c`], undefined);
    expect(readScopes([A], groups)).toEqual([
      { subscriptionId: A },
      { subscriptionId: B, resourceGroups: ['rg-b', 'rg-c'] },
    ]);
    expect(describeScopes(readScopes([A], groups))).toBe('1 subscription(s) and 2 resource group(s)');
    expect(describeScopes(readScopes([], groups))).toBe('3 resource group(s)');
    expect(describeScopes(readScopes([A, B]))).toBe('2 subscription(s)');
  });
});
