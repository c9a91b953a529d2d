// The composition root: the one place where the bot's parts are built from the configuration and wired together.
// `node dist/src/index.js` starts the bot; tests compose the same bot in-process with composeBot().
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { createAdapter, type AdapterOptions, type AdvisorAdapter } from './adapter';
import { createLiveAzure } from './azure/live-reader';
import { createApp } from './bot/app';
import type { InventoryReader } from './bot/verify/inventory-cache';
import { createVerifyDependencies, type VerifyDependencies } from './bot/verify/verify-dependencies';
import { ConfigError, loadConfig, type Config } from './config';
import { DiagramService } from './diagram/diagram-service';
import { DiagramImageStore } from './diagram/image-store';
import { createLogger, type Logger } from './logger';
import { PROJECT_ROOT } from './paths';
import { startServer } from './server';
import { createStorage, type ConditionalStorage } from './storage';

/** What tests put in place of the real parts; everything else is built from the configuration as in production. */
export interface BotOverrides {
  logger?: Logger;
  storage?: ConditionalStorage;
  adapter?: AdapterOptions;
  /** Default: live Azure (ARM_ENDPOINT and the identity of the environment). */
  read?: InventoryReader;
  /** The whole verify wiring (a test that controls time or proactive delivery). */
  verify?: VerifyDependencies;
  /** false: cards without diagrams, whatever PUBLIC_URL says. */
  diagrams?: false;
}

export interface ComposedBot {
  config: Config;
  logger: Logger;
  storage: ConditionalStorage;
  adapter: AdvisorAdapter;
  app: Application<TurnState>;
  diagrams: DiagramImageStore;
}

export async function composeBot(config: Config, overrides: BotOverrides = {}): Promise<ComposedBot> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const storage =
    overrides.storage ??
    (await createStorage({
      storage: config.STORAGE,
      storageDir: config.STORAGE_DIR,
      blobConnectionString: config.BLOB_CONNECTION_STRING,
      blobContainer: config.BLOB_CONTAINER,
    }));
  const adapter = createAdapter(
    config,
    overrides.adapter ?? {
      send: { onRetry: (retry) => logger.warn({ event: 'connector-retry', ...retry }, 'Bot Connector asked to retry') },
    },
  );
  const verify =
    overrides.verify ??
    createVerifyDependencies({
      read: overrides.read ?? createLiveAzure(config.azure).readInventory,
      botAppId: config.BOT_ID,
      allowedSubscriptions: config.azure.allowedSubscriptions,
      minLiveIntervalMs: config.VERIFY_MIN_INTERVAL_SECONDS * 1000,
      identity:
        config.verifyIdentity.mode === 'user'
          ? { ...config.verifyIdentity, armEndpoint: config.azure.armEndpoint }
          : config.verifyIdentity,
    });
  const diagramStore = new DiagramImageStore(storage);
  // Teams fetches card images from the bot's public URL; locally the Playground reads them from localhost.
  const publicUrl = config.PUBLIC_URL ?? (config.localMode ? `http://localhost:${config.PORT}` : undefined);
  const diagrams = publicUrl && overrides.diagrams !== false ? new DiagramService(diagramStore, publicUrl) : undefined;
  if (!publicUrl && overrides.diagrams !== false)
    logger.warn({ event: 'no-diagrams' }, 'PUBLIC_URL is not set: cards are sent without diagrams');
  const app = createApp({ adapter, logger, storage, localMode: config.localMode, verify, diagrams });
  return { config, logger, storage, adapter, app, diagrams: diagramStore };
}

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
  const { exposure } = config;
  const logger = createLogger(config.LOG_LEVEL);
  logger[exposure.mode === 'authenticated' ? 'info' : 'warn'](
    { event: 'security-mode', mode: exposure.mode, host: exposure.listenHost },
    exposure.summary,
  );
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const { adapter, app, diagrams } = await composeBot(config, { logger });
  const running = await startServer(
    { adapter, app, logger, version, diagrams, exposure },
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

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`fatal: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
