import type { StoreItem, StoreItems } from 'botbuilder';
import type { AdapterOptions } from '../../src/adapter';
import type { VerifyDependencies } from '../../src/bot/verify/verify-dependencies';
import { loadConfig } from '../../src/config';
import { composeBot } from '../../src/index';
import { createLogger } from '../../src/logger';
import { startServer } from '../../src/server';
import { InMemoryStorage } from '../../src/storage';
import { startLocalConnector, type LocalConnector, type LocalConnectorOptions } from '../../bench/local-connector';
import { noAzureHere } from './bot-harness';

/** InMemoryStorage that remembers every key ever written, so a test can compare all state before and after. */
export class InspectableStorage extends InMemoryStorage {
  readonly writtenKeys = new Set<string>();
  writes = 0;

  override async write(changes: StoreItems): Promise<void> {
    this.writes++;
    Object.keys(changes).forEach((k) => this.writtenKeys.add(k));
    return super.write(changes);
  }

  override async writeIfAbsent(key: string, item: StoreItem): Promise<void> {
    this.writes++;
    this.writtenKeys.add(key);
    return super.writeIfAbsent(key, item);
  }

  override async delete(keys: string[]): Promise<void> {
    this.writes++;
    return super.delete(keys);
  }

  /** Every stored item without its eTag (a rewrite of the same content is not a change of state). */
  async snapshot(): Promise<Record<string, unknown>> {
    const items = await this.read([...this.writtenKeys]);
    return Object.fromEntries(Object.entries(items).map(([k, { eTag: _eTag, ...rest }]) => [k, rest]));
  }
}

export interface InProcessBot {
  url: string;
  storage: InspectableStorage;
  connector: LocalConnector;
  logs: string[];
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/**
 * The bot as src/index.ts composes it (the real server, adapter and teams-ai app) on 127.0.0.1:0, replying to a local
 * connector, with memory storage and a log kept here.
 */
export async function startInProcessBot(
  options: {
    env?: NodeJS.ProcessEnv;
    connector?: LocalConnectorOptions;
    adapter?: AdapterOptions;
    verify?: VerifyDependencies;
  } = {},
): Promise<InProcessBot> {
  const config = loadConfig(options.env ?? {});
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const storage = new InspectableStorage();
  const { adapter, app } = await composeBot(config, {
    logger,
    storage,
    adapter: options.adapter ?? {},
    read: noAzureHere,
    verify: options.verify,
    diagrams: false,
  });
  const running = await startServer(
    { adapter, app, logger, version: 'test', exposure: config.exposure },
    0,
    config.exposure.listenHost,
  );
  const connector = await startLocalConnector({ record: true, ...options.connector });
  const url = `http://127.0.0.1:${running.port}`;
  return {
    url,
    storage,
    connector,
    logs,
    post: async (body, headers = {}) => {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    },
    close: async () => {
      await running.close();
      await connector.close();
    },
  };
}
