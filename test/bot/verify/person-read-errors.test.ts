import { AzureReadError } from '../../../src/azure/errors';
import { personReadErrorCard } from '../../../src/bot/verify/person-read-errors';

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

describe("personReadErrorCard: a refusal worded for the signed-in person's own rights", () => {
  it('403: names the role and scope to ask for, and the CLI with their own login as the way around', () => {
    const error = new AzureReadError(
      'forbidden',
      `Reader on resource group rg-net in subscription ${SUB} is needed to list virtual networks (Microsoft.Network/virtualNetworks/read); Azure answered AuthorizationFailed.`,
      { subscriptionId: SUB, resourceGroup: 'rg-net' },
      'az role assignment create --assignee <id> --role Reader --scope ...',
    );
    const card = personReadErrorCard(error, 'ref-1')!;
    expect(card.title).toBe('You may not read this network (403 AuthorizationFailed)');
    expect(card.message).toContain(`ask for Reader on /subscriptions/${SUB}/resourceGroups/rg-net`);
    expect(card.message).toContain('run verify from the CLI with your own login');
    expect(card.fix).toBe(`az login, then: migration-network-advisor verify --subscription ${SUB}`);
    expect(card.fix).not.toContain('role assignment');
  });

  it("401 is the person's sign-in, not the bot's credential", () => {
    const card = personReadErrorCard(
      new AzureReadError('unauthorized', 'Azure Resource Manager rejected the token'),
      'r',
    );
    expect(card?.title).toBe('Azure refused your sign-in (401)');
  });

  it('leaves other failures to the common wording', () => {
    expect(personReadErrorCard(new AzureReadError('throttled', 'slow down'), 'r')).toBeUndefined();
    expect(personReadErrorCard(new Error('boom'), 'r')).toBeUndefined();
  });
});
