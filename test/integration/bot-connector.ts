import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readRequestText } from '../support/request-text';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  /** The id the fake gave a posted activity. */
  returnedId?: string;
  body: Record<string, unknown>;
}

export interface FakeBotConnector {
  url: string;
  calls: RecordedCall[];
  /** Activities the bot posted (POST .../activities, or a reply to one), in arrival order. */
  posted(): RecordedCall[];
  /** Message updates the bot made (PUT .../activities/:id), in arrival order. */
  updates(): RecordedCall[];
  close(): Promise<void>;
}

export interface FakeConnectorOptions {
  /** Members returned for any conversation (ids and names). */
  members?: { id: string; name: string }[];
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readRequestText(req);
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { unparsable: text };
  }
}

/**
 * A local stand-in for the Bot Connector (the service a bot replies through: the activities' serviceUrl).
 * It records what the bot sends, answers with ids like the real service, and lists members and channels.
 */
export async function startFakeBotConnector(options: FakeConnectorOptions = {}): Promise<FakeBotConnector> {
  const calls: RecordedCall[] = [];
  let nextId = 1000;
  const members = options.members ?? [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|pagedmembers|members)(?:\/([^/]+))?)?$/.exec(path);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (match) {
      const [, conversationId, collection, itemId] = match;
      const call: RecordedCall = { method: req.method ?? '', path, conversationId, activityId: itemId, body };
      calls.push(call);
      if (collection === 'activities' && req.method === 'POST') {
        call.returnedId = String(nextId++);
        return reply(201, { id: call.returnedId });
      }
      if (collection === 'activities' && req.method === 'PUT') return reply(200, { id: itemId });
      if (collection === 'pagedmembers') return reply(200, { members });
      if (collection === 'members' && itemId) {
        const member = members.find((m) => m.id === itemId);
        return member ? reply(200, member) : reply(404, { error: { code: 'NotFound', message: 'no such member' } });
      }
    }
    calls.push({ method: req.method ?? '', path, conversationId: '', body });
    reply(404, { error: { code: 'NotFound', message: `the fake connector does not serve ${req.method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    posted: () => calls.filter((c) => c.method === 'POST' && /\/activities(\/[^/]+)?$/.test(c.path)),
    updates: () => calls.filter((c) => c.method === 'PUT'),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
