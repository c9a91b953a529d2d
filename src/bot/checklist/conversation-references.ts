import {
  ActivityTypes,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationReference,
  type TeamsChannelData,
} from 'botbuilder';
import type { ChecklistUser } from '../../planning/checklist';
import { updateItem, type ConditionalStorage } from '../../storage';

/** Where the bot is installed in a team: the reference to post there proactively, and what to call it. */
export interface SavedReference {
  conversationId: string;
  reference: Partial<ConversationReference>;
  tenantId: string;
  teamId: string;
  teamName: string;
  savedAt: string;
}

interface ReferenceIndex {
  references: Record<string, SavedReference>;
}

/** One item holds every team installation: the bot lists them without a storage scan. */
export const REFERENCES_KEY = 'conversation-references/teams';

function teamOf(activity: Partial<Activity>): { id: string; name: string } | undefined {
  const team = (activity.channelData as TeamsChannelData | undefined)?.team;
  return team?.id ? { id: team.id, name: team.name ?? 'Team' } : undefined;
}

function botAdded(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  if (activity.type === ActivityTypes.InstallationUpdate) return /^add/.test(activity.action ?? '');
  return (activity.membersAdded ?? []).some((m) => m.id === botId);
}

function botRemoved(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  if (activity.type === ActivityTypes.InstallationUpdate) return /^remove/.test(activity.action ?? '');
  return (activity.membersRemoved ?? []).some((m) => m.id === botId);
}

/**
 * Saves the team's reference when the bot is installed in a team and removes it when uninstalled
 * (installationUpdate add/remove, or conversationUpdate with the bot among the members added/removed).
 * Returns what it did, for the log; personal and group chats are not offered as channels and are skipped.
 */
export async function rememberInstallation(
  storage: ConditionalStorage,
  activity: Partial<Activity>,
  now = new Date(),
): Promise<'saved' | 'removed' | 'none'> {
  const team = teamOf(activity);
  if (!team || !activity.conversation?.id) return 'none';
  const installing =
    (activity.type === ActivityTypes.InstallationUpdate || activity.type === ActivityTypes.ConversationUpdate) &&
    botAdded(activity);
  const removing = !installing && botRemoved(activity);
  if (!installing && !removing) return 'none';

  // The team's General channel has the team's id as its conversation id; a thread id carries ';messageid='.
  const conversationId = activity.conversation.id.split(';')[0];
  await updateItem<ReferenceIndex>(storage, REFERENCES_KEY, (current) => {
    const references = { ...(current?.references ?? {}) };
    if (installing) {
      const reference = TurnContext.getConversationReference(activity);
      references[conversationId] = {
        conversationId,
        reference: { ...reference, conversation: { ...reference.conversation!, id: conversationId } },
        tenantId: activity.conversation?.tenantId ?? (activity.channelData as TeamsChannelData)?.tenant?.id ?? '',
        teamId: team.id,
        teamName: team.name,
        savedAt: now.toISOString(),
      };
    } else {
      for (const [id, saved] of Object.entries(references)) if (saved.teamId === team.id) delete references[id];
    }
    return { references };
  });
  return installing ? 'saved' : 'removed';
}

export async function listTeamReferences(storage: ConditionalStorage, tenantId: string): Promise<SavedReference[]> {
  const index = (await storage.read([REFERENCES_KEY]))[REFERENCES_KEY] as ReferenceIndex | undefined;
  return Object.values(index?.references ?? {}).filter((r) => r.tenantId === tenantId);
}

export interface TeamChannel {
  id: string;
  name: string;
}

/** What the bot asks Teams; an interface so conversation tests can answer without a Bot Connector. */
export interface TeamsGateway {
  /** The team's channels; the General channel (the team's own id) at least. */
  teamChannels(context: TurnContext, saved: SavedReference): Promise<TeamChannel[]>;
  isTeamMember(context: TurnContext, teamId: string, userId: string): Promise<boolean>;
  /** Up to `max` members of the current conversation (ids and display names); [] when Teams cannot be asked. */
  conversationMembers(context: TurnContext, max: number): Promise<ChecklistUser[]>;
  /**
   * Starts a new thread in a team channel with `root` as its first post, and runs `logic` in that thread
   * (its conversation id ends with ';messageid=<root id>').
   */
  startThread(
    context: TurnContext,
    saved: SavedReference,
    channelId: string,
    root: Partial<Activity>,
    logic: (thread: TurnContext) => Promise<void>,
  ): Promise<void>;
}

const TEAMS_CALL_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${TEAMS_CALL_TIMEOUT_MS} ms`)),
      TEAMS_CALL_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface CloudAdapterLike {
  BotIdentityKey: symbol;
  OAuthScopeKey: symbol;
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    parameters: unknown,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** The bot's app id from the turn's claims: '' in local mode, where the Agents Playground needs no token. */
function botAppId(context: TurnContext): string {
  const identity = context.turnState.get((context.adapter as unknown as CloudAdapterLike).BotIdentityKey) as
    { claims?: { type: string; value: string }[] } | undefined;
  const claim = identity?.claims?.find((c) => c.type === 'aud' || c.type === 'appid' || c.type === 'azp');
  return claim?.value ?? '';
}

/** The real Teams: TeamsInfo for channels and members, CloudAdapter.createConversationAsync for new threads. */
export const teamsInfoGateway: TeamsGateway = {
  async teamChannels(context, saved) {
    const channels = await withTimeout(TeamsInfo.getTeamChannels(context, saved.teamId), 'listing the channels');
    // Teams gives the General channel no name.
    return channels.map((c) => ({ id: c.id ?? saved.teamId, name: c.name || 'General' }));
  },
  async isTeamMember(context, teamId, userId) {
    try {
      await withTimeout(TeamsInfo.getTeamMember(context, teamId, userId), 'checking team membership');
      return true;
    } catch {
      return false;
    }
  },
  async conversationMembers(context, max) {
    try {
      const page = await withTimeout(TeamsInfo.getPagedMembers(context, max), 'listing the members');
      return page.members.slice(0, max).map((m) => ({ id: m.id, name: m.name ?? '' }));
    } catch {
      return [];
    }
  },
  async startThread(context, saved, channelId, root, logic) {
    const adapter = context.adapter as unknown as CloudAdapterLike;
    const audience = (context.turnState.get(adapter.OAuthScopeKey) as string | undefined) ?? '';
    const parameters = {
      isGroup: true,
      bot: saved.reference.bot,
      tenantId: saved.tenantId,
      channelData: { channel: { id: channelId }, tenant: { id: saved.tenantId } },
      activity: root,
    };
    await adapter.createConversationAsync(
      botAppId(context),
      'msteams',
      saved.reference.serviceUrl ?? context.activity.serviceUrl,
      audience,
      parameters,
      logic,
    );
  },
};
