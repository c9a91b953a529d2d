import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface ConnectorCall {
  method: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  at: number;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Holds the answer back, e.g. to keep a turn in flight. */
  delayMs?: number;
}

export interface LocalConnectorOptions {
  /** Keep every call (tests) or only count them (benchmarks). */
  record?: boolean;
  /** Answer for the n-th call (0-based); undefined means 200 with an id. */
  script?: (callIndex: number) => ScriptedAnswer | undefined;
}

export interface LocalConnector {
  url: string;
  calls: ConnectorCall[];
  count: () => number;
  /** Resolves once `n` calls have arrived. */
  waitForCalls: (n: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A Bot Connector stand-in: accepts sendToConversation / replyToActivity / updateActivity on 127.0.0.1. */
export async function startLocalConnector(options: LocalConnectorOptions = {}): Promise<LocalConnector> {
  const calls: ConnectorCall[] = [];
  let count = 0;
  let waiters: { n: number; resolve: () => void }[] = [];

  const server: Server = createServer(async (req, res) => {
    const match = ACTIVITIES_PATH.exec(req.url ?? '');
    const body = await readBody(req);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"NotFound"}}');
      return;
    }
    const index = count++;
    if (options.record) {
      let activity: Record<string, unknown> = {};
      try {
        activity = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // recorded as empty: the test sees it
      }
      calls.push({
        method: req.method,
        conversationId: decodeURIComponent(match[1]),
        replyToId: match[2] && decodeURIComponent(match[2]),
        activity,
        at: Date.now(),
      });
    }
    // Waiters learn of a call as it arrives, before any scripted delay, so a test can act while a turn is in flight.
    waiters = waiters.filter((w) => (count >= w.n ? (w.resolve(), false) : true));
    const scripted = options.script?.(index);
    if (scripted?.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    const status = scripted?.status ?? 200;
    res.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
    res.end(status < 300 ? JSON.stringify({ id: `reply-${index}` }) : '{"error":{"code":"Throttled","message":"x"}}');
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    count: () => count,
    waitForCalls: (n, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (count >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`expected ${n} connector calls, got ${count}`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
