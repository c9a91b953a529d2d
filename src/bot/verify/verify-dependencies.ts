import type { BotAdapter, CloudAdapterBase, ConversationReference, TurnContext } from 'botbuilder';
import type { DiagramService } from '../../diagram/diagram-service';
import type { Logger } from '../../logger';
import type { ConditionalStorage } from '../../storage';
import { BackgroundTasks, InventoryCache, type InventoryReader, type ReadAs } from './inventory-cache';
import type { VerifyReadIdentity } from './read-identity';

/**
 * Runs `logic` in a new turn of the conversation `reference` on `adapter` (the one that ran the original turn),
 * after that turn has answered: its context is revoked by then.
 */
export type ContinueConversation = (
  adapter: BotAdapter,
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

export interface VerifyDependencies {
  inventories: InventoryCache;
  /** The reads and card updates that outlive their turn. */
  background: BackgroundTasks;
  /** AZURE_ALLOWED_SUBSCRIPTIONS; undefined or empty allows any subscription. */
  allowedSubscriptions?: string[];
  continueConversation: ContinueConversation;
  now: () => number;
  /** Whose Azure rights verify reads with (VERIFY_IDENTITY). */
  identity: VerifyReadIdentity;
}

export interface VerifyDependencyOptions {
  /** The live reader in the bot (src/index.ts builds it from the configuration), a fake in tests. */
  read: InventoryReader;
  /** BOT_ID ('' in local mode): proactive messages are sent as this app. */
  botAppId?: string;
  allowedSubscriptions?: string[];
  cacheTtlMs?: number;
  /** VERIFY_MIN_INTERVAL_SECONDS in ms: one live read per subscription set and per user in this window. */
  minLiveIntervalMs?: number;
  continueConversation?: ContinueConversation;
  now?: () => number;
  /** Default: the bot's identity. */
  identity?: VerifyReadIdentity;
}

export function createVerifyDependencies(options: VerifyDependencyOptions): VerifyDependencies {
  const now = options.now ?? Date.now;
  const botAppId = options.botAppId ?? '';
  return {
    inventories: new InventoryCache({
      read: options.read,
      cacheTtlMs: options.cacheTtlMs,
      minLiveIntervalMs: options.minLiveIntervalMs,
      now,
    }),
    background: new BackgroundTasks(),
    allowedSubscriptions: options.allowedSubscriptions,
    continueConversation:
      options.continueConversation ??
      ((adapter, reference, logic) =>
        (adapter as CloudAdapterBase).continueConversationAsync(botAppId, reference, logic)),
    now,
    identity: options.identity ?? { mode: 'bot' },
  };
}

/** What verify's handlers use in a turn. */
export interface VerifyTurnDependencies {
  storage: ConditionalStorage;
  logger: Logger;
  verify: VerifyDependencies;
  /** Draws the verified network into the result card; without it the card has no diagram. */
  diagrams?: DiagramService;
  /** The signed-in person's reads (identity `user`: set by the routes once they have the person's token). */
  readAs?: ReadAs;
}
