import fc from 'fast-check';
import { invokeActivity, messageActivity } from '../../bench/activities';
import { createVerifyDependencies } from '../../src/bot/verify/verify-dependencies';
import { ThreadSendLimiter } from '../../src/connector/thread-send-limiter';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';

// Verbs that act only on well-formed data (plan.show, plan.current-dms, whose fields all have defaults, and help
// accept anything, so they are left out).
const VERBS_NEEDING_DATA = [
  'plan.answer',
  'plan.back',
  'plan.restart',
  'rules.update',
  'rules.export',
  'verify.plan',
  'verify.again',
];

const hugeString = fc.constantFrom('x'.repeat(100_000), '\u{1F4A5}'.repeat(20_000), '\u0000'.repeat(10_000));
const deepNest = fc.constantFrom(JSON.parse('['.repeat(400) + ']'.repeat(400)) as unknown);
const junk = fc.oneof(
  { weight: 6, arbitrary: fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNest },
);
const verb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VERBS_NEEDING_DATA) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constantFrom('PLAN.ANSWER', ' plan.answer', 'plan.answer\n', '.*', '__proto__') },
  { weight: 1, arbitrary: junk },
);
// A plan version is a positive integer: anything else must be refused, however plausible the other fields.
const wrongVersion = fc.oneof(
  fc.constantFrom(0, -1, 1.5, '1', null, true, Number.MAX_SAFE_INTEGER + 2),
  fc.string(),
  fc.array(fc.integer()),
);
const cardData = fc.oneof(
  junk,
  fc.record(
    {
      verb,
      planVersion: wrongVersion,
      key: fc.oneof(fc.constantFrom('source', 'mi-onprem', 'rbac-limits'), fc.string(), junk),
      value: fc.oneof(fc.constantFrom('yes', 'no', 'onprem'), junk),
      format: fc.oneof(fc.constantFrom('azcli', 'bicep'), junk),
      subscriptionIds: junk,
      dmsSubnet: fc.oneof(fc.constantFrom('10.0.0.0/24', '999.1.1.1/99'), junk),
    },
    { requiredKeys: ['verb'] },
  ),
);
const invokeName = fc.oneof(
  fc.constantFrom('adaptiveCard/action', 'task/fetch', 'task/submit', 'composeExtension/query', 'signin/verifyState'),
  fc.string(),
  junk,
);
const invokeValue = fc.oneof(
  junk,
  fc.record({ action: fc.record({ type: fc.oneof(fc.constant('Action.Execute'), junk), verb, data: cardData }) }),
);

type Case = { kind: 'submit'; value: unknown; text?: unknown } | { kind: 'invoke'; name: unknown; value: unknown };
const malformed: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), value: cardData }),
  fc.record({ kind: fc.constant('submit' as const), value: cardData, text: fc.oneof(fc.string(), junk) }),
  fc.record({ kind: fc.constant('invoke' as const), name: invokeName, value: invokeValue }),
);

describe('malformed card submits and invokes', () => {
  let bot: InProcessBot;
  let azureReads = 0;
  beforeAll(async () => {
    bot = await startInProcessBot({
      // Many replies to one thread: the per-thread window is tested elsewhere and would only slow this down.
      adapter: { send: { limiter: new ThreadSendLimiter([{ limit: 1e6, windowMs: 1000 }]) } },
      verify: createVerifyDependencies({
        read: async () => {
          azureReads++;
          throw new Error('no Azure reads expected');
        },
      }),
    });
  });
  afterAll(() => bot.close());

  it('never get a 5xx, never crash the bot, never change stored state or read Azure (200 runs)', async () => {
    const conversationId = 'conv-fuzz';
    const serviceUrl = bot.connector.url;
    const setup = await bot.post(
      messageActivity({
        serviceUrl,
        conversationId,
        text: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no',
      }),
    );
    expect(setup.status).toBe(200);
    const before = await bot.storage.snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const statuses: Record<number, number> = {};

    await fc.assert(
      fc.asyncProperty(malformed, async (c) => {
        const activity =
          c.kind === 'invoke'
            ? invokeActivity({ serviceUrl, conversationId, name: c.name, value: c.value })
            : messageActivity({ serviceUrl, conversationId, value: c.value });
        if (c.kind === 'submit' && c.text !== undefined) activity.text = c.text;
        const res = await bot.post(activity);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect(res.status).toBeLessThan(500);
        expect(res.body).not.toMatch(/\bat .+\.(js|ts):\d+/);
      }),
      { numRuns: 200 },
    );

    // Most cases must reach the bot (not stop at the size limit), or the property proves little.
    expect(statuses[200] + (statuses[400] ?? 0)).toBeGreaterThan(150);
    expect(await bot.storage.snapshot()).toEqual(before);
    expect(azureReads).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(bot.logs.join('')).not.toContain('"level":60');
  }, 120_000);

  it('refuses a prototype-polluting submit without polluting', async () => {
    const body = JSON.stringify(messageActivity({ serviceUrl: bot.connector.url, value: { verb: 'plan.answer' } }));
    const res = await bot.post(body.replace('"value":{', '"value":{"__proto__":{"polluted":1},'));
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
