import { ActivityTypes, TestAdapter, type Activity, type Attachment } from 'botbuilder';
import pino from 'pino';
import { createAdapter } from '../../src/adapter';
import { createApp, type BotDependencies } from '../../src/bot/app';
import { createVerifyDependencies } from '../../src/bot/verify/verify-dependencies';
import { loadConfig } from '../../src/config';
import { InMemoryStorage } from '../../src/storage';

export interface Conversation {
  adapter: TestAdapter;
  deps: BotDependencies;
  /** Sends a message (or a card submit with `value`) and returns every activity the bot sent in reply. */
  send(text: string, from?: { id: string; name: string }): Promise<Partial<Activity>[]>;
  submit(value: Record<string, unknown>, from?: { id: string; name: string }): Promise<Partial<Activity>[]>;
  /** Sends any activity (conversationUpdate, invoke) and returns the replies. */
  process(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** The reader of bots that are not meant to verify: tests that verify pass their own (test/bot/verify/verify-fixtures.ts). */
export async function noAzureHere(): Promise<never> {
  throw new Error('this test bot reads no Azure network');
}

export const ALICE = { id: 'user-alice', name: 'Alice' };
export const BOB = { id: 'user-bob', name: 'Bob' };

/** A channel post that @mentions the bot, as Teams sends it: `<at>` markup in the text and a mention entity. */
export function channelMention(
  text: string,
  channelConversationId: string,
  from: { id: string; name: string } = { id: 'u1', name: 'U' },
): Partial<Activity> {
  const at = '<at>Migration Network Advisor</at>';
  return {
    type: ActivityTypes.Message,
    text: `${at} ${text}`,
    from,
    recipient: { id: 'bot', name: 'Migration Network Advisor' },
    entities: [{ type: 'mention', text: at, mentioned: { id: 'bot', name: 'Migration Network Advisor' } }],
    conversation: { id: channelConversationId, isGroup: true, conversationType: 'channel', name: '' },
  };
}

/** A conversation with the real teams-ai Application through botbuilder's TestAdapter (channel msteams). */
export function startConversation(overrides: Partial<BotDependencies> = {}, conversationId = 'conv-1'): Conversation {
  const deps: BotDependencies = {
    adapter: createAdapter(loadConfig({})),
    logger: pino({ level: 'silent' }),
    storage: new InMemoryStorage(),
    localMode: true,
    verify: createVerifyDependencies({ read: noAzureHere }),
    ...overrides,
  };
  const app = createApp(deps);
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  // app.error registers on the bot's own adapter; the test adapter runs the same handler, as CloudAdapter does.
  adapter.onTurnError = deps.adapter.onTurnError;
  adapter.conversation.channelId = 'msteams';
  adapter.conversation.conversation = { id: conversationId, isGroup: false, conversationType: 'personal', name: '' };

  const process = async (activity: Partial<Activity>) => {
    adapter.activeQueue.length = 0;
    await adapter.processActivity(activity);
    const replies: Partial<Activity>[] = [];
    while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
    return replies;
  };
  return {
    adapter,
    deps,
    process,
    send: (text, from = ALICE) => process({ type: ActivityTypes.Message, text, from }),
    submit: (value, from = ALICE) => process({ type: ActivityTypes.Message, value, from }),
  };
}

/** The Adaptive Card JSON of the first card attachment of the replies. */
export function firstCard(replies: Partial<Activity>[]): Record<string, unknown> {
  const attachment = replies
    .flatMap((r) => r.attachments ?? [])
    .find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!attachment) throw new Error(`no Adaptive Card in replies: ${JSON.stringify(replies).slice(0, 500)}`);
  return attachment.content as Record<string, unknown>;
}
