import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAdapter } from './adapter';
import { createApp } from './bot/app';
import { createVerifyDependencies } from './bot/verify/routes';
import { ConfigError, loadConfig, type Config } from './config';
import { DiagramService } from './diagram/diagram-service';
import { DiagramImageStore } from './diagram/image-store';
import { createLogger } from './logger';
import { PROJECT_ROOT } from './paths';
import { startServer } from './server';
import { createStorage } from './storage';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`configuration error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const { exposure } = config;
  logger[exposure.mode === 'authenticated' ? 'info' : 'warn'](
    { event: 'security-mode', mode: exposure.mode, host: exposure.listenHost },
    exposure.summary,
  );
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const storage = await createStorage({
    storage: config.STORAGE,
    storageDir: config.STORAGE_DIR,
    blobConnectionString: config.BLOB_CONNECTION_STRING,
    blobContainer: config.BLOB_CONTAINER,
  });
  const adapter = createAdapter(config, {
    send: { onRetry: (retry) => logger.warn({ event: 'connector-retry', ...retry }, 'Bot Connector asked to retry') },
  });
  const verify = createVerifyDependencies({
    botAppId: config.BOT_ID,
    allowedSubscriptions: config.AZURE_ALLOWED_SUBSCRIPTIONS,
    armEndpoint: config.ARM_ENDPOINT,
    minLiveIntervalMs: config.VERIFY_MIN_INTERVAL_SECONDS * 1000,
  });
  const diagramStore = new DiagramImageStore(storage);
  // Teams fetches card images from the bot's public URL; locally the Playground reads them from localhost.
  const publicUrl = config.PUBLIC_URL ?? (config.localMode ? `http://localhost:${config.PORT}` : undefined);
  const diagrams = publicUrl ? new DiagramService(diagramStore, publicUrl) : undefined;
  if (!diagrams) logger.warn({ event: 'no-diagrams' }, 'PUBLIC_URL is not set: cards are sent without diagrams');
  const app = createApp({ adapter, logger, storage, localMode: config.localMode, verify, diagrams });
  const running = await startServer(
    { adapter, app, logger, version, diagrams: diagramStore, exposure },
    config.PORT,
    exposure.listenHost,
  );
  logger.info(
    { event: 'listening', port: running.port, host: exposure.listenHost, version },
    `bot listening on http://${exposure.listenHost}:${running.port}/api/messages`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'stopping: finishing turns in flight');
    running.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`fatal: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
