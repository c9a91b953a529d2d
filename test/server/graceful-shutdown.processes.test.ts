import { messageActivity } from '../../bench/activities';
import { startLocalConnector } from '../../bench/local-connector';
import { startChildBot } from '../support/child-bot';

describe('SIGTERM while a turn is in flight', () => {
  it('lets the turn finish and deliver its reply, then exits 0', async () => {
    // The connector holds the bot's reply for 1.5 s, so the turn is still running when the signal arrives.
    const connector = await startLocalConnector({ record: true, script: () => ({ status: 200, delayMs: 1500 }) });
    const bot = await startChildBot({});
    try {
      const exited = new Promise<number | null>((resolve) => bot.process.once('exit', (code) => resolve(code)));
      const answer = bot.post(messageActivity({ serviceUrl: connector.url, text: 'help' }));
      await connector.waitForCalls(1);
      bot.process.kill('SIGTERM');

      expect((await answer).status).toBe(200);
      expect(await exited).toBe(0);
      expect(connector.calls).toHaveLength(1);
      const output = bot.output();
      expect(output).toContain('"event":"stopping"');
      expect(output.indexOf('"event":"stopping"')).toBeLessThan(output.indexOf('"event":"request"'));
    } finally {
      await bot.stop();
      await connector.close();
    }
  }, 60_000);

  it('exits 0 at once when idle', async () => {
    const bot = await startChildBot({});
    const exited = new Promise<number | null>((resolve) => bot.process.once('exit', (code) => resolve(code)));
    const started = Date.now();
    bot.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  }, 60_000);
});
