import { startChildBot, type ChildBot } from '../support/child-bot';

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
