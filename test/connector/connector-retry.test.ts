import { messageActivity } from '../../bench/activities';
import type { ScriptedAnswer } from '../../bench/local-connector';
import { ThreadSendLimiter } from '../../src/connector/thread-send-limiter';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';

const fastBackoff = { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 100 };

async function botWhoseConnectorAnswers(answers: ScriptedAnswer[]): Promise<InProcessBot> {
  return startInProcessBot({
    connector: { script: (i) => answers[i] },
    adapter: { send: { backoff: fastBackoff } },
  });
}

async function sendHelp(bot: InProcessBot) {
  return bot.post(messageActivity({ serviceUrl: bot.connector.url, text: 'help', conversationId: 'conv-retry' }));
}

describe('Bot Connector calls are retried on 429, 412, 502 and 504', () => {
  it.each([
    ['429 without Retry-After', { status: 429 }],
    ['429 with Retry-After: 1', { status: 429, headers: { 'retry-after': '1' } }],
    ['412', { status: 412 }],
    ['502', { status: 502 }],
    ['504', { status: 504 }],
  ])('delivers the reply after one %s', async (_name, first) => {
    const bot = await botWhoseConnectorAnswers([first]);
    try {
      const res = await sendHelp(bot);
      expect(res.status).toBe(200);
      expect(bot.connector.calls).toHaveLength(2);
      expect(bot.connector.calls[1].activity).toEqual(bot.connector.calls[0].activity);
      expect(bot.logs.join('')).not.toContain('turn failed');
    } finally {
      await bot.close();
    }
  });

  it('backs off between attempts, longer each time', async () => {
    const bot = await botWhoseConnectorAnswers([{ status: 412 }, { status: 429 }, { status: 412 }]);
    try {
      expect((await sendHelp(bot)).status).toBe(200);
      const at = bot.connector.calls.map((c) => c.at);
      expect(at).toHaveLength(4);
      const gaps = at.slice(1).map((t, i) => t - at[i]);
      expect(gaps[0]).toBeGreaterThanOrEqual(10 - 2);
      expect(gaps[1]).toBeGreaterThanOrEqual(20 - 2);
      expect(gaps[2]).toBeGreaterThanOrEqual(40 - 2);
    } finally {
      await bot.close();
    }
  });

  it('gives up after maxRetries on a connector that keeps throttling, and the turn fails without a stack trace', async () => {
    const bot = await botWhoseConnectorAnswers(Array.from({ length: 20 }, () => ({ status: 429 })));
    try {
      const res = await sendHelp(bot);
      // The reply and then the error card each get 1 + 3 attempts.
      expect(bot.connector.calls).toHaveLength(8);
      expect(res.status).toBe(500);
      expect(res.body).not.toMatch(/\bat .+:\d+/);
    } finally {
      await bot.close();
    }
  });

  it('does not retry a 400 or a 403', async () => {
    const bot = await botWhoseConnectorAnswers([{ status: 403 }, { status: 400 }]);
    try {
      await sendHelp(bot);
      // The reply (403) and the error card (400): one attempt each.
      expect(bot.connector.calls).toHaveLength(2);
    } finally {
      await bot.close();
    }
  });
});

describe('the bot stays within a thread send window end to end', () => {
  it('spaces replies to one conversation by the configured window', async () => {
    const bot = await startInProcessBot({
      adapter: { send: { limiter: new ThreadSendLimiter([{ limit: 2, windowMs: 400 }]) } },
    });
    try {
      const sends = Array.from({ length: 6 }, () =>
        bot.post(messageActivity({ serviceUrl: bot.connector.url, text: 'help', conversationId: 'conv-window' })),
      );
      const other = await bot.post(
        messageActivity({ serviceUrl: bot.connector.url, text: 'help', conversationId: 'x' }),
      );
      expect(other.status).toBe(200);
      expect((await Promise.all(sends)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const at = bot.connector.calls.filter((c) => c.conversationId === 'conv-window').map((c) => c.at);
      expect(at).toHaveLength(6);
      // Slots come in pairs 400 ms apart; arrival times jitter by the HTTP round trip, hence 300 ms.
      for (const start of at) expect(at.filter((t) => t >= start && t < start + 300).length).toBeLessThanOrEqual(2);
      expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(700);
    } finally {
      await bot.close();
    }
  });
});
