import * as restify from 'restify';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdvisorAdapter } from './adapter';
import { messagesRoute } from './http/messages-route';
import { registerDiagramRoute } from './diagram/diagram-route';
import type { DiagramImageStore } from './diagram/image-store';
import type { Exposure } from './exposure';
import type { Logger } from './logger';

export interface ServerDependencies {
  adapter: AdvisorAdapter;
  app: Application<TurnState>;
  logger: Logger;
  version: string;
  /** Serves the topology diagrams the cards show (GET /diagrams/<id>.png). */
  diagrams?: DiagramImageStore;
  /** Which service URLs a request may name (local mode: loopback only). */
  exposure: Pick<Exposure, 'allowsServiceUrl'>;
}

export interface RunningServer {
  server: restify.Server;
  port: number;
  /** Stops accepting connections, waits for turns in flight, then resolves. */
  close(): Promise<void>;
}

export async function startServer(deps: ServerDependencies, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const server = restify.createServer({ name: 'migration-network-advisor', handleUncaughtExceptions: false });

  let inFlight = 0;
  let closing = false;
  let idle: (() => void) | undefined;

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok', version: deps.version });
    return next();
  });

  const handleMessage = messagesRoute(deps);
  if (deps.diagrams) registerDiagramRoute(server, deps.diagrams);

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    inFlight++;
    try {
      if (closing) res.header('Connection', 'close');
      await handleMessage(req, res);
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  const address = server.address();
  return {
    server,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.server.close(() => resolve());
        // Keep-alive sockets would hold close() open; idle ones are closed now, busy ones after their turn.
        server.server.closeIdleConnections?.();
        if (inFlight === 0) return;
        idle = () => server.server.closeIdleConnections?.();
      }),
  };
}
