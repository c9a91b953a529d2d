import { invokeActivity, messageActivity } from '../../bench/activities';
import { startLocalConnector, type LocalConnector } from '../../bench/local-connector';
import { startChildBot, TOKEN_PATTERNS, type ChildBot } from '../support/child-bot';

const PASSWORD = 'Sup3r-Secret-Bot-Password~42';
const CONVERSATION = '19:conversation-in-the-log-test@thread.tacv2';
const USER = 'aad-user-in-the-log-test';
const FAKE_JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2UifQ.eyJhdWQiOiJhcHAtaWQiLCJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJl';

function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('logs of a whole conversation (child process, BOT_PASSWORD set)', () => {
  let connector: LocalConnector;
  let bot: ChildBot;
  beforeAll(async () => {
    connector = await startLocalConnector({ record: true });
    // No BOT_ID, so the conversation runs in local mode; the password is in the environment all the same.
    bot = await startChildBot({ BOT_PASSWORD: PASSWORD });
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it('has JSON lines with a correlation id per turn, hashed ids, and no secret, token or card content', async () => {
    const send = (extra: { text?: string; value?: unknown }) =>
      bot.post(messageActivity({ serviceUrl: connector.url, conversationId: CONVERSATION, userId: USER, ...extra }));
    expect((await send({ text: 'help' })).status).toBe(200);
    expect((await send({ text: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no' })).status).toBe(
      200,
    );
    expect((await send({ text: 'frobnicate the network' })).status).toBe(200);
    expect((await send({ value: { verb: 'plan.answer', planVersion: 'x' } })).status).toBe(200);
    const invoke = invokeActivity({
      serviceUrl: connector.url,
      conversationId: CONVERSATION,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'nope', data: { password: PASSWORD } } },
    });
    expect((await bot.post(invoke)).status).toBe(200);
    expect(connector.calls.length).toBeGreaterThanOrEqual(4);

    const output = await bot.settledOutput((o) => (o.match(/"event":"request"/g) ?? []).length >= 5);
    const stdoutLines = jsonLines(output);
    const turns = stdoutLines.filter((l) => l.event === 'turn');
    expect(turns).toHaveLength(5);
    const ids = new Set(turns.map((t) => t.correlationId));
    expect(ids.size).toBe(5);
    for (const turn of turns) {
      expect(turn.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(turn.conversation).toMatch(/^[0-9a-f]{16}$/);
    }
    // Each request line carries the correlation id of its turn, so an operator can join them.
    const requests = stdoutLines.filter((l) => l.event === 'request');
    expect(requests.map((r) => r.correlationId).sort()).toEqual([...ids].sort());

    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(CONVERSATION);
    expect(output).not.toContain(USER);
    for (const pattern of TOKEN_PATTERNS) expect(output).not.toMatch(pattern);
    // Card contents stay out: titles and texts of the cards just sent.
    expect(output).not.toContain('AdaptiveCard');
    expect(output).not.toContain('Migration Network Advisor"');
    expect(output).not.toContain('DMS_subnet');
    expect(output).not.toContain('frobnicate');
  });

  it('keeps a rejected bearer token out of the log of a bot with BOT_ID set', async () => {
    const authBot = await startChildBot({
      BOT_ID: 'app-id-for-log-test',
      BOT_PASSWORD: PASSWORD,
      VERIFY_OAUTH_CONNECTION: 'azure',
    });
    try {
      const activity = messageActivity({ serviceUrl: connector.url, conversationId: CONVERSATION, text: 'help' });
      const sent = connector.count();
      const plain = await authBot.post(activity, { authorization: 'Bearer not-a-real-token-7f3a9c' });
      const jwt = await authBot.post(activity, { authorization: `Bearer ${FAKE_JWT}` });
      expect(plain.status).toBe(401);
      expect([401, 503]).toContain(jwt.status);
      expect(connector.count()).toBe(sent);
      const output = await authBot.settledOutput((o) => (o.match(/"status":(401|503)/g) ?? []).length >= 2);
      expect(output).toContain('"event":"unauthorized"');
      expect(output).toMatch(/"event":"security-mode","mode":"authenticated","host":"0\.0\.0\.0"/);
      expect(output).not.toContain('not-a-real-token-7f3a9c');
      expect(output).not.toContain(PASSWORD);
      for (const pattern of TOKEN_PATTERNS) expect(output).not.toMatch(pattern);
    } finally {
      await authBot.stop();
    }
  }, 60_000);
});
