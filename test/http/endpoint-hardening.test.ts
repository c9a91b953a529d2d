import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { invokeActivity, messageActivity } from '../../bench/activities';
import { startInProcessBot, type InProcessBot } from '../support/in-process-bot';

describe('POST /api/messages refuses what is not a well-formed activity', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(() => bot.close());

  const help = () => messageActivity({ serviceUrl: bot.connector.url, text: 'help' });

  it('answers a well-formed help message with 200 and one card to the connector', async () => {
    const before = bot.connector.count();
    const res = await bot.post(help());
    expect(res.status).toBe(200);
    expect(bot.connector.count()).toBe(before + 1);
  });

  it('answers 413 to a body over 256 KB, and runs no turn', async () => {
    const before = bot.connector.count();
    const res = await bot.post({ ...help(), text: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(bot.connector.count()).toBe(before);
  });

  it('answers 413 to a chunked body (no Content-Length) that grows past 256 KB', async () => {
    const before = bot.connector.count();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = JSON.stringify(help()).slice(0, -1) + `,"pad":"${'y'.repeat(64 * 1024)}`;
      for (let i = 0; i < 5; i++) req.write(i === 0 ? chunk : 'y'.repeat(64 * 1024));
      req.end('"}');
    });
    expect(status).toBe(413);
    expect(bot.connector.count()).toBe(before);
  });

  it('answers 415 to a gzip body, whose inflated size the limit would not bound', async () => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(help())),
    });
    expect(res.status).toBe(415);
  });

  it('accepts a body just under the limit', async () => {
    const res = await bot.post({ ...help(), channelData: { padding: 'x'.repeat(200 * 1024) } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['text/plain', JSON.stringify({ type: 'message' })],
    ['application/x-www-form-urlencoded', 'type=message'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\nhello\r\n--x--'],
  ])('answers 415 to Content-Type %s', async (contentType, body) => {
    const res = await bot.post(body, { 'content-type': contentType });
    expect(res.status).toBe(415);
  });

  it.each(['{"type": "message",', 'not json at all', '', 'null', '[1,2]', '"a string"', '42'])(
    'answers 400 to the body %j',
    async (body) => {
      const res = await bot.post(body);
      expect(res.status).toBe(400);
      expect(res.body).not.toContain('Error:');
    },
  );

  it.each([
    ['type', (a: Record<string, unknown>) => delete a.type],
    ['conversation', (a: Record<string, unknown>) => delete a.conversation],
    ['conversation.id', (a: Record<string, unknown>) => (a.conversation = { id: '' })],
    ['serviceUrl', (a: Record<string, unknown>) => delete a.serviceUrl],
    ['serviceUrl', (a: Record<string, unknown>) => (a.serviceUrl = 'file:///etc/passwd')],
    ['from', (a: Record<string, unknown>) => delete a.from],
    ['from.id', (a: Record<string, unknown>) => (a.from = { name: 'no id' })],
    ['type', (a: Record<string, unknown>) => (a.type = 42)],
    ['type', (a: Record<string, unknown>) => (a.type = '   ')],
    ['serviceUrl', (a: Record<string, unknown>) => (a.serviceUrl = 'https://')],
    ['conversation', (a: Record<string, unknown>) => (a.conversation = ['id'])],
  ])('answers 400 naming %s when it is missing or invalid, and stores and sends nothing', async (field, spoil) => {
    const activity = help();
    spoil(activity);
    const writes = bot.storage.writes;
    const sent = bot.connector.count();
    const res = await bot.post(activity);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: `${field} is missing or invalid` });
    expect(bot.storage.writes).toBe(writes);
    expect(bot.connector.count()).toBe(sent);
  });

  it('answers an Action.Execute no route handles with the Universal Actions error body, not 501', async () => {
    const invoke = invokeActivity({
      serviceUrl: bot.connector.url,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'no.such.verb', data: {} } },
    });
    const res = await bot.post(invoke);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });

  it('answers 400 to an invoke name the bot does not support', async () => {
    const res = await bot.post(invokeActivity({ serviceUrl: bot.connector.url, name: 'task/fetch', value: {} }));
    expect(res.status).toBe(400);
  });

  it('keeps /healthz answering status and version', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: 'test' });
  });
});
