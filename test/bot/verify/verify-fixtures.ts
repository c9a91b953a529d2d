import * as path from 'node:path';
import { ActivityEx, TurnContext, type Activity } from 'botbuilder';
import { readSnapshot } from '../../../src/azure/snapshot-reader';
import { createVerifyDependencies, type VerifyDependencies } from '../../../src/bot/verify/verify-dependencies';
import type { InventoryReader } from '../../../src/bot/verify/inventory-cache';
import type { VerifyReadIdentity } from '../../../src/bot/verify/read-identity';
import type { DiagramService } from '../../../src/diagram/diagram-service';
import type { Inventory } from '../../../src/network/model';
import { startConversation, type Conversation } from '../../support/bot-harness';

export const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
export const OTHER_SUB = '11111111-2222-4333-8444-555555555555';

const SNAPSHOTS = path.join(__dirname, '..', '..', 'fixtures', 'snapshots');
export const snapshot = (name: string): Promise<Inventory> => readSnapshot(path.join(SNAPSHOTS, name));

/** Several snapshots as one inventory (several MIs and DMSs in one subscription). */
export async function merged(...names: string[]): Promise<Inventory> {
  const parts = await Promise.all(names.map(snapshot));
  const all = parts[0];
  for (const part of parts.slice(1)) {
    for (const key of Object.keys(all) as (keyof Inventory)[]) {
      (all[key] as unknown[]).push(...((part[key] as unknown[] | undefined) ?? []));
    }
  }
  return all;
}

export interface VerifyConversation {
  conversation: Conversation;
  verify: VerifyDependencies;
  /** Activities the bot replaced after its turn (the "checking" message becoming the result). */
  updates: Partial<Activity>[];
  /** Activities the bot posted after its turn. */
  posted: Partial<Activity>[];
  /** Waits for the reads and deliveries that outlive their turn. */
  settle(): Promise<void>;
}

export interface VerifyConversationOptions {
  allowedSubscriptions?: string[];
  now?: () => number;
  refuseUpdates?: boolean;
  conversationId?: string;
  diagrams?: DiagramService;
  /** Whose rights verify reads with (default: the bot's). */
  identity?: VerifyReadIdentity;
  /** One live read per person in this window (default: the bot's). */
  minLiveIntervalMs?: number;
}

/** Verify's dependencies reading `read`, recording what is sent or replaced after the turn (see verifyConversation). */
export function recordingVerifyDependencies(read: InventoryReader, options: VerifyConversationOptions = {}) {
  const updates: Partial<Activity>[] = [];
  const posted: Partial<Activity>[] = [];
  const verify = createVerifyDependencies({
    read,
    allowedSubscriptions: options.allowedSubscriptions,
    now: options.now,
    identity: options.identity,
    minLiveIntervalMs: options.minLiveIntervalMs,
    continueConversation: async (adapter, reference, logic) => {
      const context = new TurnContext(adapter, ActivityEx.getContinuationActivity(reference));
      context.onUpdateActivity(async (_c, activity, next) => {
        if (options.refuseUpdates) throw new Error('update refused by the channel');
        updates.push(activity);
        return next();
      });
      context.onSendActivities(async (_c, activities, next) => {
        posted.push(...activities);
        return next();
      });
      await logic(context);
    },
  });
  return { verify, updates, posted, settle: () => verify.background.idle() };
}

/**
 * A TestAdapter conversation whose verify reads `read` instead of Azure. Work after the turn continues on the same
 * TestAdapter through a continuation activity, as CloudAdapter.continueConversationAsync does in the bot.
 */
export function verifyConversation(read: InventoryReader, options: VerifyConversationOptions = {}): VerifyConversation {
  const recording = recordingVerifyDependencies(read, options);
  const conversation: Conversation = startConversation(
    { verify: recording.verify, diagrams: options.diagrams },
    options.conversationId,
  );
  return { conversation, ...recording };
}
