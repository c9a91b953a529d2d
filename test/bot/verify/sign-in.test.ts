import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ActivityTypes, type Activity } from 'botbuilder';
import type { TokenCredential } from '@azure/core-auth';
import { FileStorage, InMemoryStorage, type ConditionalStorage } from '../../../src/storage';
import { startConversation } from '../../support/bot-harness';
import { InspectableStorage } from '../../support/in-process-bot';
import { FakeUserTokens } from '../../support/fake-user-tokens';
import { OTHER_SUB, recordingVerifyDependencies, snapshot, SUB } from './verify-fixtures';

// VERIFY_IDENTITY=user in a TestAdapter conversation: teams-ai's sign-in (OAuthPrompt, its progress in the bot's
// storage) against an in-memory token service. The HTTP token service, Teams SSO and ARM are covered by
// test/integration/verify-as-person.processes.test.ts.

const ALICE = { id: '29:alice', name: 'Alice', aadObjectId: 'aad-alice' };
const BOB = { id: '29:bob', name: 'Bob', aadObjectId: 'aad-bob' };
const CAROL = { id: '29:carol', name: 'Carol', aadObjectId: 'aad-carol' };
type Person = typeof ALICE;

const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const RESULT_TITLE = 'Verification: 2 fail, 1 warn';

interface Read {
  subscriptionIds: string[];
  token: string | undefined;
}

function signInChat(storage: ConditionalStorage = new InMemoryStorage(), conversationId = 'group-chat-1') {
  const tokens = new FakeUserTokens();
  const reads: Read[] = [];
  const recording = recordingVerifyDependencies(
    async (subscriptionIds: string[], credential?: TokenCredential) => {
      const token = (await credential?.getToken('https://management.azure.com/.default'))?.token;
      reads.push({ subscriptionIds, token });
      return snapshot('hybrid-blocked');
    },
    {
      identity: { mode: 'user', connectionName: 'azure-arm', armEndpoint: 'https://management.azure.com' },
      minLiveIntervalMs: 0,
    },
  );
  const conversation = startConversation({ verify: recording.verify, storage }, conversationId);
  conversation.adapter.conversation.conversation = {
    id: conversationId,
    isGroup: true,
    conversationType: 'groupChat',
    name: '',
  };
  tokens.install(conversation.adapter);

  /** Runs the activities at the same moment; returns what each person was sent in their turn, in order. */
  const atOnce = async (...activities: Partial<Activity>[]): Promise<Partial<Activity>[][]> => {
    const queue = conversation.adapter.activeQueue;
    queue.length = 0;
    await Promise.all(activities.map((a) => conversation.adapter.processActivity(a)));
    const sent = queue.splice(0) as Partial<Activity>[];
    return activities.map((a) => sent.filter((s) => s.recipient?.id === a.from?.id));
  };
  const press = (from: Person, value: Record<string, unknown>): Partial<Activity> => ({
    type: ActivityTypes.Message,
    value,
    from,
  });
  const say = (from: Person, text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text, from });
  /** Teams' answer once the person signed in from the card's link. */
  const verifyState = (from: Person): Partial<Activity> => ({
    type: ActivityTypes.Invoke,
    name: 'signin/verifyState',
    value: { state: tokens.signIn(from.id) },
    from,
  });
  /** Every card text sent after the turns (the "checking" message replaced or a result posted). */
  const later = async () => {
    await recording.settle();
    return [...recording.updates, ...recording.posted].map((a) => JSON.stringify(a.attachments ?? []));
  };
  return { conversation, tokens, reads, atOnce, press, say, verifyState, later, storage };
}

const signInCardsOf = (sent: Partial<Activity>[]) =>
  sent.flatMap((a) => a.attachments ?? []).filter((a) => a.contentType === OAUTH_CARD);
const textOf = (sent: Partial<Activity>[]) => JSON.stringify(sent.map((a) => a.attachments ?? []));

describe('"Verify in Azure" before a first sign-in runs the check the person asked for', () => {
  it("signs in, then checks the subscriptions this conversation verified last, with the card's MI and DMS", async () => {
    const chat = signInChat();
    // Alice verifies SUB here first: the conversation remembers it.
    await chat.atOnce(chat.say(ALICE, `verify ${SUB}`));
    await chat.atOnce(chat.verifyState(ALICE));
    expect(await chat.later()).toEqual(expect.arrayContaining([expect.stringContaining(RESULT_TITLE)]));

    // Bob has never signed in: he presses the plan card's button without typing a subscription.
    const [pressed] = await chat.atOnce(
      chat.press(BOB, { verb: 'verify.plan', mi: 'sqlmi-hybrid', dms: 'dms-hybrid' }),
    );
    expect(signInCardsOf(pressed)).toHaveLength(1);
    const readsBefore = chat.reads.length;

    const [signedIn] = await chat.atOnce(chat.verifyState(BOB));
    expect(textOf(signedIn)).not.toContain('Which Azure subscription');
    const cards = await chat.later();
    expect(chat.reads.slice(readsBefore)).toEqual([{ subscriptionIds: [SUB], token: FakeUserTokens.tokenOf(BOB.id) }]);
    // The card's MI and DMS are the ones checked (the result card names them).
    const bobsResult = cards[cards.length - 1];
    expect(bobsResult).toContain(RESULT_TITLE);
    expect(bobsResult).toContain('sqlmi-hybrid');
    expect(bobsResult).toContain('dms-hybrid');
  });

  it("keeps a sign-in's progress only while it runs, per person, and never the token", async () => {
    const storage = new InspectableStorage();
    const chat = signInChat(storage);
    await chat.atOnce(chat.press(ALICE, { verb: 'verify.again', subscriptions: SUB }));
    await chat.atOnce(chat.press(BOB, { verb: 'verify.again', subscriptions: SUB }));
    const progress = () =>
      storage.snapshot().then((all) => Object.keys(all).filter((k) => k.startsWith('sign-in-progress/')));
    expect(await progress()).toEqual([
      'sign-in-progress/msteams/bot/group-chat-1/29%3Aalice',
      'sign-in-progress/msteams/bot/group-chat-1/29%3Abob',
    ]);
    await chat.atOnce(chat.verifyState(ALICE));
    await chat.later();
    expect(await progress()).toEqual(['sign-in-progress/msteams/bot/group-chat-1/29%3Abob']);
    expect(JSON.stringify(await storage.snapshot())).not.toContain(FakeUserTokens.tokenOf(ALICE.id));
  });

  it('asks for the subscriptions without a sign-in card when none was typed and none verified here', async () => {
    const chat = signInChat();
    const [pressed] = await chat.atOnce(chat.press(BOB, { verb: 'verify.plan', mi: '', dms: '' }));
    expect(signInCardsOf(pressed)).toHaveLength(0);
    expect(textOf(pressed)).toContain('Which Azure subscription');
    expect(chat.tokens.signInResources).toBe(0);
  });

  it.each([
    ['an option verify does not know', `verify ${SUB} foo=1`, "'foo=' is not a verify option"],
    ['a subscription id that is not a GUID', 'verify not-a-guid', 'not-a-guid'],
    ['mi= without subscriptions', 'verify mi=sqlmi-hybrid', 'Which Azure subscription'],
  ])('a typed verify with %s is answered at once, without a sign-in card', async (_what, text, answer) => {
    const chat = signInChat();
    const [sent] = await chat.atOnce(chat.say(BOB, text));
    expect(signInCardsOf(sent)).toHaveLength(0);
    expect(textOf(sent)).toContain(answer);
    expect(chat.tokens.signInResources).toBe(0);
    expect(chat.reads).toEqual([]);
  });

  it("recalls from the conversation the press arrives in, never another conversation's subscriptions", async () => {
    const storage = new InMemoryStorage();
    const first = signInChat(storage, 'group-chat-1');
    await first.atOnce(first.say(ALICE, `verify ${SUB}`));
    await first.atOnce(first.verifyState(ALICE));
    const other = signInChat(storage, 'group-chat-2');
    const [pressed] = await other.atOnce(other.press(ALICE, { verb: 'verify.plan' }));
    expect(textOf(pressed)).toContain('Which Azure subscription');
    expect(signInCardsOf(pressed)).toHaveLength(0);
  });

  it('a later sign-in runs the later press, not the command of an earlier sign-in in this chat', async () => {
    const chat = signInChat();
    await chat.atOnce(chat.say(ALICE, `verify ${SUB}`));
    await chat.atOnce(chat.verifyState(ALICE));
    await chat.later();
    chat.tokens.signOut(ALICE.id); // her sign-in expired
    const readsBefore = chat.reads.length;

    const [pressed] = await chat.atOnce(chat.press(ALICE, { verb: 'verify.again', subscriptions: OTHER_SUB }));
    expect(signInCardsOf(pressed)).toHaveLength(1);
    await chat.atOnce(chat.verifyState(ALICE));
    await chat.later();
    expect(chat.reads.slice(readsBefore).map((r) => r.subscriptionIds)).toEqual([[OTHER_SUB]]);
  });
});

describe.each([
  ['memory', () => ({ storage: new InMemoryStorage() as ConditionalStorage, done: () => undefined })],
  [
    'file',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sign-in-'));
      return { storage: new FileStorage(dir) as ConditionalStorage, done: () => rmSync(dir, { recursive: true }) };
    },
  ],
])('two people signing in at the same moment in one chat (%s storage)', (_name, makeStorage) => {
  let store: ReturnType<typeof makeStorage>;
  beforeEach(() => {
    store = makeStorage();
  });
  afterEach(() => store.done());

  it("both get their sign-in card and then their own check, with their own token; nobody's progress is lost", async () => {
    const chat = signInChat(store.storage);
    // Carol's earlier sign-in here: the chat already has stored sign-in progress (an item with an eTag).
    await chat.atOnce(chat.say(CAROL, `verify ${SUB}`));
    await chat.atOnce(chat.verifyState(CAROL));
    await chat.later();
    const readsBefore = chat.reads.length;

    chat.tokens.holdSignInCards(2);
    const [alice, bob] = await chat.atOnce(
      chat.press(ALICE, { verb: 'verify.again', subscriptions: SUB }),
      chat.press(BOB, { verb: 'verify.again', subscriptions: OTHER_SUB }),
    );
    for (const sent of [alice, bob]) {
      expect(signInCardsOf(sent)).toHaveLength(1);
      expect(textOf(sent)).not.toContain('Something went wrong');
    }

    const [aliceSignedIn, bobSignedIn] = await chat.atOnce(chat.verifyState(ALICE), chat.verifyState(BOB));
    expect(textOf(aliceSignedIn) + textOf(bobSignedIn)).not.toContain('Something went wrong');
    await chat.later();
    const reads = chat.reads.slice(readsBefore);
    expect(reads).toHaveLength(2);
    expect(reads).toEqual(
      expect.arrayContaining([
        { subscriptionIds: [SUB], token: FakeUserTokens.tokenOf(ALICE.id) },
        { subscriptionIds: [OTHER_SUB], token: FakeUserTokens.tokenOf(BOB.id) },
      ]),
    );
  });

  it('the first sign-ins ever in a chat, at the same moment: both complete', async () => {
    const chat = signInChat(store.storage);
    chat.tokens.holdSignInCards(2);
    const [alice, bob] = await chat.atOnce(chat.say(ALICE, `verify ${SUB}`), chat.say(BOB, `verify ${OTHER_SUB}`));
    expect(signInCardsOf(alice)).toHaveLength(1);
    expect(signInCardsOf(bob)).toHaveLength(1);
    await chat.atOnce(chat.verifyState(ALICE), chat.verifyState(BOB));
    await chat.later();
    expect(chat.reads).toEqual(
      expect.arrayContaining([
        { subscriptionIds: [SUB], token: FakeUserTokens.tokenOf(ALICE.id) },
        { subscriptionIds: [OTHER_SUB], token: FakeUserTokens.tokenOf(BOB.id) },
      ]),
    );
    expect(chat.reads).toHaveLength(2);
  });

  it('one person pressing twice at once: one sign-in card, a clear "press again" for the other, and the sign-in works', async () => {
    const chat = signInChat(store.storage);
    // Her first press left a sign-in card waiting: her progress is stored (an item with an eTag).
    await chat.atOnce(chat.press(ALICE, { verb: 'verify.again', subscriptions: SUB }));
    chat.tokens.holdSignInCards(2);
    const sent = (
      await chat.atOnce(
        chat.press(ALICE, { verb: 'verify.again', subscriptions: SUB }),
        chat.press(ALICE, { verb: 'verify.again', subscriptions: SUB }),
      )
    )[0];
    const text = textOf(sent);
    expect(text).not.toContain('Something went wrong');
    expect(text.match(/Please press again/g)).toHaveLength(1);
    expect(text).toContain('Your sign-in crossed another one of yours in this chat');

    const readsBefore = chat.reads.length;
    await chat.atOnce(chat.verifyState(ALICE));
    await chat.later();
    expect(chat.reads.slice(readsBefore)).toEqual([
      { subscriptionIds: [SUB], token: FakeUserTokens.tokenOf(ALICE.id) },
    ]);
  });
});
