import { messageActivity } from '../../bench/activities';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';
import { CHANNEL_ISSUER, startOpenIdServer, type OpenIdServer } from './openid-server';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('with BOT_ID and BOT_PASSWORD set, /api/messages needs a valid token', () => {
  let bot: InProcessBot;
  let openId: OpenIdServer;
  let consoleOutput: string[];
  beforeAll(async () => {
    openId = await startOpenIdServer();
    bot = await startInProcessBot({
      env: { BOT_ID: 'app-id', BOT_PASSWORD: 'pw-never-logged', VERIFY_OAUTH_CONNECTION: 'azure' },
      adapter: { auth: openId.authOptions },
    });
  });
  afterAll(async () => {
    await bot.close();
    await openId.close();
  });
  beforeEach(() => {
    // The SDK prints refused tokens (with a stack) through console.error; none of that may come out.
    consoleOutput = [];
    jest.spyOn(console, 'error').mockImplementation((...args) => void consoleOutput.push(args.map(String).join(' ')));
  });
  afterEach(() => jest.restoreAllMocks());

  const turnsLogged = () => bot.logs.filter((l) => l.includes('"event":"turn"')).length;
  const channelToken = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
    openId.token({ aud: 'app-id', serviceurl: bot.connector.url, ...claims }, header);
  const now = () => Math.floor(Date.now() / 1000);

  it('runs the turn for a valid channel token (the test authority is real enough to accept one)', async () => {
    const res = await bot.post(
      { ...messageActivity({ serviceUrl: bot.connector.url, text: 'help' }), deliveryMode: 'expectReplies' },
      { authorization: `Bearer ${channelToken()}` },
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('AdaptiveCard');
  });

  it.each([
    ['no Authorization header', () => undefined, 'no-token'],
    ['a bearer that is not a JWT', () => 'Bearer not-a-token', 'not-a-channel-token'],
    ['another scheme', () => 'Basic dXNlcjpwYXNz', 'not-a-channel-token'],
    [
      'a JWT naming the channel key but signed with another key',
      () => `Bearer ${openId.forgedToken('app-id')}`,
      'bad-signature',
    ],
    [
      'an unsigned JWT (alg none)',
      () => {
        const claims = { iss: CHANNEL_ISSUER, aud: 'app-id', nbf: now() - 60, exp: now() + 3600 };
        return `Bearer ${base64url({ alg: 'none', typ: 'JWT', kid: 'served-key' })}.${base64url(claims)}.`;
      },
      'unsigned',
    ],
    ['an expired token', () => `Bearer ${channelToken({ nbf: now() - 7200, exp: now() - 3600 })}`, 'expired'],
    ['a token not valid yet', () => `Bearer ${channelToken({ nbf: now() + 3600 })}`, 'not-yet-valid'],
    [
      'a token signed with an algorithm the channel does not use',
      () => `Bearer ${channelToken({}, { alg: 'PS256' })}`,
      'bad-algorithm',
    ],
    ['a token for another bot', () => `Bearer ${channelToken({ aud: 'another-app' })}`, 'wrong-audience'],
    [
      'a token from another issuer',
      () => `Bearer ${channelToken({ iss: 'https://issuer.example' })}`,
      'not-a-channel-token',
    ],
    [
      'a token for another service URL',
      () => `Bearer ${channelToken({ serviceurl: 'https://smba.example/' })}`,
      'wrong-service-url',
    ],
  ])('answers 401 to %s, with one warn line and no stack, and runs nothing', async (_case, authorization, reason) => {
    const turnsBefore = turnsLogged();
    const sent = bot.connector.count();
    const logsBefore = bot.logs.length;
    const header = authorization();
    const res = await bot.post(
      messageActivity({ serviceUrl: bot.connector.url, text: 'help' }),
      header ? { authorization: header } : {},
    );
    expect(res.status).toBe(401);
    expect(bot.connector.count()).toBe(sent);
    expect(turnsLogged()).toBe(turnsBefore);
    expect(bot.storage.writes).toBe(0);

    const lines = bot.logs.slice(logsBefore).map((l) => JSON.parse(l) as Record<string, unknown>);
    const warnings = lines.filter((l) => (l.level as number) >= 40);
    expect(warnings).toEqual([expect.objectContaining({ event: 'unauthorized', reason })]);
    expect(JSON.stringify(lines)).not.toMatch(/\bat \S+ \(|stack/);
    expect(consoleOutput).toEqual([]);
  });

  it('logs no refusal with the token, its claims or the password', () => {
    const all = bot.logs.join('');
    expect(all).not.toMatch(/eyJ[\w-]+\./);
    expect(all).not.toMatch(/bearer/i);
    expect(all).not.toContain('not-a-token');
    expect(all).not.toContain('another-app');
    expect(all).not.toContain('pw-never-logged');
  });
});

describe('when the token cannot be checked at all', () => {
  it('answers 503 (retry later) with one error line, never runs the turn, logs no token', async () => {
    const openId = await startOpenIdServer();
    const token = openId.token({ aud: 'app-id' });
    await openId.close();
    const bot = await startInProcessBot({
      env: { BOT_ID: 'app-id', BOT_PASSWORD: 'pw', VERIFY_OAUTH_CONNECTION: 'azure' },
      adapter: { auth: { ...openId.authOptions, ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/unreachable' } },
    });
    try {
      const res = await bot.post(messageActivity({ serviceUrl: bot.connector.url, text: 'help' }), {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(503);
      expect(bot.connector.count()).toBe(0);
      const errors = bot.logs
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => (l.level as number) >= 40);
      expect(errors).toEqual([expect.objectContaining({ event: 'auth-unavailable' })]);
      expect(bot.logs.join('')).not.toContain(token.split('.')[1]);
    } finally {
      await bot.close();
    }
  });
});
