import { cardBytes, MAX_CARD_BYTES } from '../../support/card-lint';
import { startConversation, type Conversation } from '../../support/bot-harness';
import { TWENTY_RANGES } from './plan-card-samples';
import { actionData, cardText } from '../../support/card-walker';
import { click, say, storedPlan } from './plan-conversation';

type Card = Record<string, unknown>;

async function decided(): Promise<{ conversation: Conversation; card: Card }> {
  const conversation = startConversation();
  const card = await say(conversation, 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no');
  return { conversation, card };
}

const FORM = {
  dmsSubnet: '10.0.1.0/24',
  sourceRanges: '192.168.0.0/16\n172.16.4.0/24',
  sqlPort: '14330',
  namedInstance: 'yes',
  smb: 'yes',
  ruleset: '2020',
};

/** The body elements after the input with this id, up to the next input. */
function underField(card: Card, id: string): string[] {
  const body = card.body as Record<string, unknown>[];
  const at = body.findIndex((e) => e.id === id);
  const after: string[] = [];
  for (const element of body.slice(at + 1)) {
    if (String(element.type).startsWith('Input.')) break;
    after.push(String(element.text));
  }
  return after;
}

describe('rules', () => {
  it('asks to plan first when the conversation has no topology, and creates nothing', async () => {
    const conversation = startConversation();
    const card = await say(conversation, 'rules');
    expect(cardText(card)).toContain('No topology yet');
    expect(actionData(card, 'Plan now')).toEqual({ verb: 'plan.show' });
    expect(await storedPlan(conversation.deps.storage)).toBe('null');
  });

  it('asks for the parameters while none are given, and shows the rules once they are', async () => {
    const { conversation } = await decided();
    const form = await say(conversation, 'rules');
    expect(cardText(form)).toContain('Which network are the rules for?');
    const rules = await click(conversation, form, 'Update rules', FORM);
    const shown = cardText(rules);
    expect(shown).toContain('NSG rules for the topology');
    expect(shown).toContain('10.0.1.0/24');
    expect(shown).toContain('192.168.0.0/16, 172.16.4.0/24');
    expect(shown).toMatch(/14330\nTCP/);
    expect(shown).toMatch(/SQL Server named instance\npriority \d+, Allow\n1434\nUDP/);
    expect(shown).toMatch(/SMB share\npriority \d+, Allow\n445\nTCP/);
    expect(shown).not.toContain('Why this topology');
    expect(cardText(await say(conversation, 'rules'))).toContain('NSG rules for the topology');
  });

  it('re-renders the rules from the form on the recommendation card', async () => {
    const { conversation, card } = await decided();
    const rules = await click(conversation, card, 'Update rules', { ...FORM, ruleset: 'service-tags', smb: 'no' });
    const shown = cardText(rules);
    expect(shown).toContain('management-ServiceBus');
    expect(shown).toContain('Diagnostics-AzureMonitor');
    expect(shown).not.toContain('SMB share');
    expect(JSON.parse(await storedPlan(conversation.deps.storage)).parameters).toMatchObject({
      dmsSubnet: '10.0.1.0/24',
      sourceRanges: ['192.168.0.0/16', '172.16.4.0/24'],
      sqlPort: 14330,
      ruleset: 'service-tags',
      smb: false,
    });
  });

  it('reports a bad CIDR and port under their fields, keeps what was typed, and stores nothing', async () => {
    const { conversation, card } = await decided();
    const before = await storedPlan(conversation.deps.storage);
    const form = await click(conversation, card, 'Update rules', {
      ...FORM,
      dmsSubnet: '10.0.1.0/33',
      sourceRanges: '192.168.1.0/16',
      sqlPort: '70000',
    });
    expect(await storedPlan(conversation.deps.storage)).toBe(before);
    expect(cardText(form)).toContain('Nothing was changed');
    expect(underField(form, 'dmsSubnet')).toEqual(["'10.0.1.0/33' is not an IPv4 CIDR such as 10.0.1.0/24"]);
    expect(underField(form, 'sourceRanges')).toEqual([
      "'192.168.1.0/16' has host bits set; the network is 192.168.0.0/16",
    ]);
    expect(underField(form, 'sqlPort')).toEqual(["'70000' is not a port number from 1 to 65535"]);
    expect(underField(form, 'namedInstance')).toEqual([]);
    const inputs = Object.fromEntries((form.body as Card[]).filter((e) => e.id).map((e) => [e.id, e.value]));
    expect(inputs).toMatchObject({ dmsSubnet: '10.0.1.0/33', sqlPort: '70000', namedInstance: 'yes' });
    // Fixed and sent again from the same form card: accepted.
    expect(cardText(await click(conversation, form, 'Update rules', FORM))).toContain('192.168.0.0/16');
  });

  it('takes the parameters in one line, naming unknown keys', async () => {
    const { conversation } = await decided();
    const rules = await say(
      conversation,
      'rules dms-subnet=10.0.1.0/24 source-range=192.168.0.0/16,10.9.0.0/16 named-instance=yes',
    );
    expect(cardText(rules)).toContain('192.168.0.0/16, 10.9.0.0/16');
    expect(cardText(rules)).toContain('SQL Server named instance');
    const before = await storedPlan(conversation.deps.storage);
    const refused = cardText(await say(conversation, 'rules dms=10.0.0.0/24'));
    expect(refused).toContain("Unknown key 'dms'");
    expect(refused).toContain('dms-subnet');
    const badPort = await say(conversation, 'rules sql-port=0');
    expect(underField(badPort, 'sqlPort')).toEqual(["'0' is not a port number from 1 to 65535"]);
    expect(await storedPlan(conversation.deps.storage)).toBe(before);
  });

  it('exports Azure CLI and Bicep in a monospace block', async () => {
    const { conversation, card } = await decided();
    const rules = await click(conversation, card, 'Update rules', FORM);
    const cli = await click(conversation, rules, 'Azure CLI');
    expect(cardText(cli)).toContain('az network nsg rule create');
    expect(cardText(cli)).toContain('--destination-address-prefixes 192.168.0.0/16 172.16.4.0/24');
    expect(JSON.stringify(cli)).toContain('"fontType":"Monospace"');
    const bicep = await click(conversation, rules, 'Bicep');
    expect(cardText(bicep)).toContain('securityRules: [');
    expect(cardText(bicep)).toContain("sourceAddressPrefix: '10.0.1.0/24'");
  });

  it('keeps the recommendation and rules cards under 28 KB with 20 source ranges', async () => {
    const { conversation, card } = await decided();
    const rules = await click(conversation, card, 'Update rules', { ...FORM, sourceRanges: TWENTY_RANGES.join(', ') });
    expect(cardText(rules)).toContain(TWENTY_RANGES[19]);
    expect(cardBytes(rules)).toBeLessThan(MAX_CARD_BYTES);
    const recommendation = await say(conversation, 'plan');
    expect(cardText(recommendation)).toContain('Recommended network topology');
    expect(cardText(recommendation)).toContain(TWENTY_RANGES[19]);
    expect(cardBytes(recommendation)).toBeLessThan(MAX_CARD_BYTES);
    const cli = await click(conversation, recommendation, 'Azure CLI');
    expect(cardBytes(cli)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('refuses the form of an older version of the plan', async () => {
    const { conversation, card } = await decided();
    await click(conversation, card, 'Update rules', FORM);
    const before = await storedPlan(conversation.deps.storage);
    const shown = cardText(await click(conversation, card, 'Update rules', { ...FORM, sqlPort: '1500' }));
    expect(shown).toContain('This card is out of date');
    expect(await storedPlan(conversation.deps.storage)).toBe(before);
  });

  it('keeps the rule parameters when the team starts over', async () => {
    const { conversation, card } = await decided();
    const rules = await click(conversation, card, 'Update rules', FORM);
    await click(conversation, rules, 'Start over');
    const again = await say(conversation, 'plan source=azure-vm cross-subscription=yes');
    expect(cardText(again)).toContain('10.0.1.0/24');
  });

  it("takes the rule sets' former names from cards and plans of before: seed is 2020, current is service-tags", async () => {
    const { conversation, card } = await decided();
    const rules = await click(conversation, card, 'Update rules', { ...FORM, ruleset: 'current' });
    expect(cardText(rules)).toContain('management-ServiceBus');
    const stored = JSON.parse(await storedPlan(conversation.deps.storage));
    expect(stored.parameters.ruleset).toBe('service-tags');
    // a plan stored before the rename
    const key = 'plan/conv-1';
    await conversation.deps.storage.write({
      [key]: { ...stored, parameters: { ...stored.parameters, ruleset: 'seed' }, eTag: '*' },
    });
    const shown = await say(conversation, 'rules');
    expect(cardText(shown)).toContain("Rule set '2020'");
    expect(cardText(shown)).not.toMatch(/\bseed\b/);
  });
});
