import { ClientSecretCredential } from '@azure/identity';
import { messageActivity } from '../../bench/activities';
import { readLiveInventory } from '../../src/azure/live-inventory';
import { createVerifyDependencies, type VerifyDependencies } from '../../src/bot/verify/verify-dependencies';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';
import { cardText } from '../support/card-walker';

const SUB_A = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const SUB_B = '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** Nothing listens here: the token service and ARM are both unreachable. */
const NOWHERE = 'https://127.0.0.1:9';

describe('verify through /api/messages when Azure cannot be reached', () => {
  let bot: InProcessBot;
  let verify: VerifyDependencies;
  let reads = 0;
  beforeAll(async () => {
    // The real live reader and the real credential, pointed at a closed port.
    const credential = new ClientSecretCredential('tenant-x', 'client-x', 'not-a-secret', {
      authorityHost: NOWHERE,
      disableInstanceDiscovery: true,
      retryOptions: { maxRetries: 0 },
    });
    verify = createVerifyDependencies({
      minLiveIntervalMs: 30_000,
      // A clock that stands still: the waits below are exact however long the failing reads take on a busy machine.
      now: () => Date.UTC(2026, 10, 30, 12),
      read: (ids) => {
        reads++;
        return readLiveInventory(ids, { endpoint: NOWHERE, credential });
      },
    });
    bot = await startInProcessBot({ verify });
  });
  afterAll(() => bot.close());

  const verifyAs = async (user: string, subscription: string): Promise<string> => {
    const sent = bot.connector.count();
    const res = await bot.post(
      messageActivity({ serviceUrl: bot.connector.url, text: `verify ${subscription}`, userId: user }),
    );
    expect(res.status).toBe(200);
    await verify.background.idle();
    return bot.connector.calls
      .slice(sent)
      .map((c) => cardText(c.activity.attachments))
      .join('\n');
  };

  it('says Entra ID could not be reached (not a refused credential), then counts the failure', async () => {
    const first = await verifyAs('alice', SUB_A);
    expect(first).toContain('Microsoft Entra ID could not be reached');
    expect(first).toContain('Could not reach Microsoft Entra ID to get a token');
    expect(first).not.toMatch(/refused the bot's credential|\(401\)/);
    expect(reads).toBe(1);

    // The same user, other subscriptions: waits, and longer than after a successful read.
    const again = await verifyAs('alice', SUB_B);
    expect(again).toContain('One check at a time');
    expect(again).toMatch(/Your last check failed, so the next one waits longer: start it in 60 s/);
    // Another user, the same subscriptions: the failed set waits too.
    const other = await verifyAs('bob', SUB_A);
    expect(other).toMatch(/The last check of these subscriptions failed, so the next one waits longer/);
    expect(reads).toBe(1);
  });
});
