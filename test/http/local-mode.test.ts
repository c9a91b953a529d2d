import { messageActivity } from '../../bench/activities';
import { startChildBot, type ChildBot } from '../support/child-bot';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';

/** Bound to 127.0.0.1 only, a server refuses 127.0.0.2 (also this machine, but another address). */
async function answersOn(host: string, port: number): Promise<boolean> {
  try {
    return (await fetch(`http://${host}:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

const portOf = (bot: ChildBot) => Number(new URL(bot.url).port);
const modeLine = (bot: ChildBot) =>
  bot
    .output()
    .split('\n')
    .filter((l) => l.includes('"event":"security-mode"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the real entry point says its mode at start and listens accordingly', () => {
  it('without BOT_ID: local mode, 127.0.0.1 only', async () => {
    const bot = await startChildBot({});
    try {
      expect(modeLine(bot)).toEqual([
        expect.objectContaining({
          level: 40,
          mode: 'local',
          host: '127.0.0.1',
          msg: expect.stringMatching(/^LOCAL MODE/),
        }),
      ]);
      expect(await answersOn('127.0.0.1', portOf(bot))).toBe(true);
      expect(await answersOn('127.0.0.2', portOf(bot))).toBe(false);
    } finally {
      await bot.stop();
    }
  }, 60_000);

  it('with ALLOW_UNAUTHENTICATED=true: every interface, and a warning that says who can use it', async () => {
    const bot = await startChildBot({ ALLOW_UNAUTHENTICATED: 'true', NODE_ENV: 'development' });
    try {
      expect(modeLine(bot)).toEqual([expect.objectContaining({ level: 40, mode: 'unauthenticated', host: '0.0.0.0' })]);
      expect(await answersOn('127.0.0.2', portOf(bot))).toBe(true);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});

describe('local mode answers only service URLs on this machine', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(() => bot.close());

  const turns = () => bot.logs.filter((l) => l.includes('"event":"turn"')).length;
  const port = () => new URL(bot.connector.url).port;

  it.each([
    'http://127.0.0.1.evil.com/',
    'http://localhost.evil.com/',
    'http://127.0.0.1@evil.com/',
    'http://169.254.169.254/metadata/identity/oauth2/token',
    'http://2852039166/',
    'http://[::ffff:169.254.169.254]/',
    'http://0.0.0.0/',
    'https://smba.trafficmanager.net/teams/',
  ])('refuses %s with 403 and one warn line, running nothing and sending nothing', async (serviceUrl) => {
    const [turnsBefore, sent, logsBefore] = [turns(), bot.connector.count(), bot.logs.length];
    const res = await bot.post(messageActivity({ serviceUrl, text: 'help' }));
    expect(res.status).toBe(403);
    expect(turns()).toBe(turnsBefore);
    expect(bot.connector.count()).toBe(sent);
    const warnings = bot.logs
      .slice(logsBefore)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => (l.level as number) >= 40);
    expect(warnings).toEqual([expect.objectContaining({ event: 'service-url-refused' })]);
    expect(bot.logs.slice(logsBefore).join('')).not.toContain('evil.com');
  });

  it('answers a loopback service URL, and the reply goes there', async () => {
    const sent = bot.connector.count();
    const res = await bot.post(messageActivity({ serviceUrl: `http://localhost:${port()}/`, text: 'help' }));
    expect(res.status).toBe(200);
    expect(bot.connector.count()).toBe(sent + 1);
  });

  it.each(['http://2130706433/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://127.0.0.2/'])(
    'takes %s for this machine too (replies returned in the response here)',
    async (serviceUrl) => {
      const res = await bot.post({ ...messageActivity({ serviceUrl, text: 'help' }), deliveryMode: 'expectReplies' });
      expect(res.status).toBe(200);
      expect(res.body).toContain('AdaptiveCard');
    },
  );
});
