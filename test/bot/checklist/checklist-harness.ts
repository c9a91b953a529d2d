import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { BotDependencies } from '../../../src/bot/app';
import type { VerifyDependencies } from '../../../src/bot/verify/verify-dependencies';
import type { SavedReference, TeamsGateway } from '../../../src/bot/checklist/conversation-references';
import { InMemoryStorage, StorageUnavailableError, type ConditionalStorage } from '../../../src/storage';
import { ALICE, startConversation, type Conversation } from '../../support/bot-harness';

export const HYBRID_PLAN = 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no';
export const BOT = { id: 'bot', name: 'Migration Network Advisor' };

/** A Teams gateway without a Bot Connector: one team, two channels, and threads recorded. */
export class FakeTeams implements TeamsGateway {
  /** The conversation's members as Teams lists them. */
  members: { id: string; name: string }[] = [];
  teamMembers = new Set<string>([ALICE.id]);
  threads: { channelId: string; root: Partial<Activity>; conversationId: string }[] = [];
  /** Set to make starting a thread fail as Teams does when the bot was removed from the team. */
  threadFailure: Error | undefined;
  async teamChannels(_context: TurnContext, saved: SavedReference) {
    return [
      { id: saved.teamId, name: 'General' },
      { id: 'channel-announcements-id', name: 'Announcements' },
    ];
  }
  async isTeamMember(_context: TurnContext, _teamId: string, userId: string) {
    return this.teamMembers.has(userId);
  }
  async conversationMembers() {
    return this.members;
  }
  async startThread(
    context: TurnContext,
    saved: SavedReference,
    channelId: string,
    root: Partial<Activity>,
    logic: (thread: TurnContext) => Promise<void>,
  ) {
    if (this.threadFailure) throw this.threadFailure;
    const conversationId = `${channelId};messageid=${this.threads.length + 1}`;
    this.threads.push({ channelId, root, conversationId });
    // As CloudAdapter.createConversationAsync does: the new thread's activity carries the team's tenant.
    const thread = new TurnContext(context.adapter, {
      ...context.activity,
      type: ActivityTypes.Event,
      conversation: {
        id: conversationId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
        tenantId: saved.tenantId,
      },
      channelData: { channel: { id: channelId }, tenant: { id: saved.tenantId } },
    });
    await logic(thread);
  }
}

/** Storage whose reads or writes can be switched off, as when Azurite is stopped. */
export class FlakyStorage implements ConditionalStorage {
  failReads = false;
  failWrites = false;
  constructor(readonly inner: ConditionalStorage = new InMemoryStorage()) {}
  async read(keys: string[]) {
    if (this.failReads) throw new StorageUnavailableError('read', 'ECONNREFUSED');
    return this.inner.read(keys);
  }
  async write(changes: Parameters<ConditionalStorage['write']>[0]) {
    if (this.failWrites) throw new StorageUnavailableError('write', 'ECONNREFUSED');
    return this.inner.write(changes);
  }
  async writeIfAbsent(key: string, item: Parameters<ConditionalStorage['writeIfAbsent']>[1]) {
    if (this.failWrites) throw new StorageUnavailableError('write', 'ECONNREFUSED');
    return this.inner.writeIfAbsent(key, item);
  }
  async delete(keys: string[]) {
    return this.inner.delete(keys);
  }
}

export interface ChecklistConversation extends Conversation {
  teams: FakeTeams;
  /** Sends an Action.Execute invoke and returns the card of the invoke response. */
  execute(
    verb: string,
    data: Record<string, unknown>,
    from?: { id: string; name: string },
    replyToId?: string,
  ): Promise<Record<string, unknown>>;
}

export function startChecklistConversation(
  options: {
    storage?: ConditionalStorage;
    conversation?: Partial<Activity['conversation']>;
    /** Verify's dependencies, for a conversation that verifies (test/bot/verify/verify-fixtures.ts). */
    verify?: VerifyDependencies;
  } = {},
): ChecklistConversation {
  const teams = new FakeTeams();
  const overrides = {
    storage: options.storage ?? new InMemoryStorage(),
    teams,
    ...(options.verify ? { verify: options.verify } : {}),
  } as Partial<BotDependencies>;
  const conversation = startConversation(overrides, options.conversation?.id ?? 'conv-1');
  if (options.conversation) {
    conversation.adapter.conversation.conversation = {
      ...conversation.adapter.conversation.conversation,
      ...options.conversation,
    } as Activity['conversation'];
  }
  return {
    ...conversation,
    teams,
    async execute(verb, data, from = ALICE, replyToId) {
      const replies = await conversation.process({
        type: ActivityTypes.Invoke,
        name: 'adaptiveCard/action',
        from,
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data } },
      });
      const response = replies.find((r) => r.type === 'invokeResponse');
      if (!response) throw new Error(`no invoke response: ${JSON.stringify(replies).slice(0, 400)}`);
      const body = (response.value as { body: { type: string; value: Record<string, unknown> } }).body;
      if (body.type !== 'application/vnd.microsoft.card.adaptive')
        throw new Error(`not a card: ${JSON.stringify(body)}`);
      return body.value;
    },
  };
}

/** The stored item with its eTag, as JSON: equal before and after means nothing was written. */
export async function storedJson(storage: ConditionalStorage, key: string): Promise<string | undefined> {
  const item = (await storage.read([key]))[key];
  return item === undefined ? undefined : JSON.stringify(item);
}
