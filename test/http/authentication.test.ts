import { messageActivity } from '../../bench/activities';
import { startInProcessBot, type InProcessBot } from '../server/in-process-bot';
import { startOpenIdServer, type OpenIdServer } from './openid-server';

describe('with BOT_ID and BOT_PASSWORD set, /api/messages needs a valid token', () => {
  let bot: InProcessBot;
  let openId: OpenIdServer;
  beforeAll(async () => {
    openId = await startOpenIdServer();
    bot = await startInProcessBot({
      env: { BOT_ID: 'app-id', BOT_PASSWORD: 'pw-never-logged' },
      adapter: { auth: { ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl } },
    });
  });
  afterAll(async () => {
    await bot.close();
    await openId.close();
  });

  const turnsLogged = () => bot.logs.filter((l) => l.includes('"event":"turn"')).length;

  it.each([
    ['no Authorization header', () => undefined],
    ['a bearer that is not a JWT', () => 'Bearer not-a-token'],
    ['a JWT naming the channel key but signed with another key', () => `Bearer ${openId.forgedToken('app-id')}`],
    ['another scheme', () => 'Basic dXNlcjpwYXNz'],
  ])('answers 401 to %s and runs no handler', async (_case, authorization) => {
    const turnsBefore = turnsLogged();
    const sent = bot.connector.count();
    const header = authorization();
    const res = await bot.post(
      messageActivity({ serviceUrl: bot.connector.url, text: 'help' }),
      header ? { authorization: header } : {},
    );
    expect(res.status).toBe(401);
    expect(bot.connector.count()).toBe(sent);
    expect(turnsLogged()).toBe(turnsBefore);
    expect(bot.storage.writes).toBe(0);
  });

  it('logs each refusal without the token or the password', () => {
    const all = bot.logs.join('');
    expect(all.match(/"event":"unauthorized"/g)).toHaveLength(4);
    expect(all).not.toMatch(/eyJ[\w-]+\./);
    expect(all).not.toMatch(/bearer/i);
    expect(all).not.toContain('not-a-token');
    expect(all).not.toContain('pw-never-logged');
  });
});

describe('when the token cannot be checked at all', () => {
  it('refuses (401, or 503 when the error is not an authentication error), never runs the turn, logs no token', async () => {
    const bot = await startInProcessBot({
      env: { BOT_ID: 'app-id', BOT_PASSWORD: 'pw' },
      adapter: { auth: { ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/unreachable' } },
    });
    try {
      const openId = await startOpenIdServer();
      const token = openId.forgedToken('app-id');
      await openId.close();
      const res = await bot.post(messageActivity({ serviceUrl: bot.connector.url, text: 'help' }), {
        authorization: `Bearer ${token}`,
      });
      expect([401, 503]).toContain(res.status);
      expect(bot.connector.count()).toBe(0);
      const all = bot.logs.join('');
      expect(all).toMatch(/"event":"(unauthorized|auth-unavailable)"/);
      expect(all).not.toContain(token.split('.')[1]);
    } finally {
      await bot.close();
    }
  });
});
