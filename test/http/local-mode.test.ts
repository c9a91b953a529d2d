import { messageActivity } from '../../bench/activities';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';

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
