import * as restify from 'restify';
import type { Application, TurnState, TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from './logger';

export interface ServerDependencies {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  logger: Logger;
  version: string;
}

export interface RunningServer {
  server: restify.Server;
  port: number;
  /** Stops accepting connections, waits for turns in flight, then resolves. */
  close(): Promise<void>;
}

export async function startServer(deps: ServerDependencies, port: number): Promise<RunningServer> {
  const server = restify.createServer({ name: 'migration-network-advisor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  let inFlight = 0;
  let idle: (() => void) | undefined;

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok', version: deps.version });
    return next();
  });

  server.post('/api/messages', async (req, res) => {
    inFlight++;
    try {
      await deps.adapter.process(req, res, (context) => deps.app.run(context).then(() => undefined));
    } catch (err) {
      deps.logger.error({ err: { type: (err as Error)?.name, message: (err as Error)?.message } }, 'request failed');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', () => resolve()));
  const address = server.address();
  return {
    server,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.close(() => resolve());
        // Keep-alive sockets would hold close() open; idle ones are closed now, busy ones after their turn.
        server.server.closeIdleConnections?.();
        if (inFlight === 0) return;
        idle = () => server.server.closeIdleConnections?.();
      }),
  };
}
