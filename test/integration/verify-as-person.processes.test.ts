import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startLocalConnector, type ConnectorCall, type LocalConnector } from '../../bench/local-connector';
import {
  authorizationCodeOf,
  startArmServer,
  teamsSsoTokenOf,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  TEST_TENANT_ID,
  type ArmServer,
} from '../support/arm-server';
import { startChildBot, TOKEN_PATTERNS, type ChildBot } from '../support/child-bot';
import { startTokenService, type TokenService } from '../support/token-service';

// VERIFY_IDENTITY=user, the whole sign-in on this machine: the bot (a child process, so it trusts the local ARM
// server's certificate) signs people in through a stand-in of the Bot Framework token service, which gets their
// delegated ARM tokens from the ARM server's token endpoint; the ARM server says whose token each read carried.
// Alice has Reader on SUB and signs in with the sign-in card's link (signin/verifyState); Bob has Reader nowhere and
// signs in with Teams SSO (signin/tokenExchange). The bot's own credential (AZURE_CLIENT_ID/SECRET) is in its
// environment and may read everything: it must never be used.

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const CONNECTION = 'azure-arm';
const RESULT_TITLE = 'Verification: 2 fail, 1 warn';
const ALICE = { id: '29:alice-teams-id', aadObjectId: 'aad-alice', name: 'Alice' };
const BOB = { id: '29:bob-teams-id', aadObjectId: 'aad-bob', name: 'Bob' };
const CAROL = { id: '29:carol-teams-id', aadObjectId: 'aad-carol', name: 'Carol' };
const DAVE = { id: '29:dave-teams-id', aadObjectId: 'aad-dave', name: 'Dave' };
const ERIN = { id: '29:erin-teams-id', aadObjectId: 'aad-erin', name: 'Erin' };
const GROUP_CHAT = 'group-chat-migration';

describe('verify as the signed-in person (token service and ARM on this machine)', () => {
  let arm: ArmServer;
  let tokens: TokenService;
  let connector: LocalConnector;
  let bot: ChildBot;

  beforeAll(async () => {
    arm = await startArmServer({
      snapshotDirs: [path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid-blocked')],
      pageSize: 5,
      people: [
        { name: 'alice', objectId: 'a1a1a1a1-0000-4000-8000-000000000001', readerOn: [SUB] },
        { name: 'bob', objectId: 'b0b0b0b0-0000-4000-8000-000000000002', readerOn: [] },
        { name: 'carol', objectId: 'c0c0c0c0-0000-4000-8000-000000000003', readerOn: [SUB] },
        { name: 'dave', objectId: 'd0d0d0d0-0000-4000-8000-000000000004', readerOn: [SUB] },
        { name: 'erin', objectId: 'e0e0e0e0-0000-4000-8000-000000000005', readerOn: [SUB] },
      ],
    });
    tokens = await startTokenService({
      connectionName: CONNECTION,
      tokenEndpoint: `${arm.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`,
      clientId: TEST_CLIENT_ID,
      clientSecret: TEST_CLIENT_SECRET,
      scope: `${arm.url}/user_impersonation`,
      ca: readFileSync(arm.caCertFile, 'utf8'),
    });
    connector = await startLocalConnector({ record: true });
    bot = await startChildBot({
      ...(arm.childEnv() as Record<string, string>),
      VERIFY_IDENTITY: 'user',
      VERIFY_OAUTH_CONNECTION: CONNECTION,
      BOT_OAUTH_URL: tokens.url,
      VERIFY_MIN_INTERVAL_SECONDS: '0',
    });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    await tokens?.close();
    await arm?.close();
  });

  const activity = (from: typeof ALICE, extra: Record<string, unknown>) => ({
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from,
    recipient: { id: 'bot-id', name: 'Migration Network Advisor' },
    conversation: { id: `personal-${from.name}`, conversationType: 'personal', tenantId: TEST_TENANT_ID },
    channelData: { tenant: { id: TEST_TENANT_ID } },
    ...extra,
  });
  const say = (from: typeof ALICE, text: string) => bot.post(activity(from, { type: 'message', text }));
  const invoke = (from: typeof ALICE, name: string, value: unknown) =>
    bot.post(activity(from, { type: 'invoke', name, value }));

  const callsOf = (from: typeof ALICE, after = 0) =>
    connector.calls.slice(after).filter((c) => c.conversationId === `personal-${from.name}`);
  const attachmentsOf = (calls: ConnectorCall[]) =>
    calls.flatMap((c) => (c.activity.attachments as { contentType: string; content: unknown }[] | undefined) ?? []);
  const cardTexts = (calls: ConnectorCall[]) => attachmentsOf(calls).map((a) => JSON.stringify(a.content));

  async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(
          `${what} did not arrive within ${timeoutMs} ms; token service calls: ${JSON.stringify(tokens.calls.map((c) => [c.method, c.path, c.status]))}; bot output: ${bot.output().slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const signInCardOf = (calls: ConnectorCall[]) =>
    attachmentsOf(calls).find((a) => a.contentType === 'application/vnd.microsoft.card.oauth')?.content as
      | {
          connectionName: string;
          buttons: { type: string; value: string }[];
          tokenExchangeResource?: { uri: string };
        }
      | undefined;

  it('Alice: a sign-in card first, then her check with her own token once she has signed in', async () => {
    const before = connector.calls.length;
    expect((await say(ALICE, `verify ${SUB}`)).status).toBe(200);
    const card = await waitFor(() => signInCardOf(callsOf(ALICE, before)), 'the sign-in card');
    expect(card.connectionName).toBe(CONNECTION);
    expect(card.tokenExchangeResource?.uri).toBe(tokens.exchangeUri);
    expect(arm.armRequests()).toHaveLength(0);

    // She follows the card's link and signs in; Teams hands the bot the magic code in signin/verifyState.
    const magicCode = await tokens.signInFromLink(card.buttons[0].value, authorizationCodeOf('alice'));
    expect((await invoke(ALICE, 'signin/verifyState', { state: magicCode })).status).toBe(200);
    const result = await waitFor(
      () => cardTexts(callsOf(ALICE, before)).find((t) => t.includes(RESULT_TITLE)),
      'her result',
    );
    expect(result).toContain('nsg-management-443');
    const reads = arm.armRequests();
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((r) => r.caller))).toEqual(new Set(['alice']));
  }, 60_000);

  it('Alice again: no sign-in card (the token service has her token), her own cached result', async () => {
    const before = connector.calls.length;
    const readsBefore = arm.armRequests().length;
    const silentLookups = tokens.callsTo('gettoken').length;
    expect((await say(ALICE, `verify ${SUB}`)).status).toBe(200);
    const result = await waitFor(
      () => cardTexts(callsOf(ALICE, before)).find((t) => t.includes(RESULT_TITLE)),
      'her second result',
    );
    expect(result).toContain('cached');
    expect(signInCardOf(callsOf(ALICE, before))).toBeUndefined();
    expect(tokens.callsTo('gettoken').length).toBeGreaterThan(silentLookups);
    expect(arm.armRequests()).toHaveLength(readsBefore);
  }, 60_000);

  it("Bob (no Reader) signs in with Teams SSO and gets the 403 card for himself, never Alice's cached result", async () => {
    const before = connector.calls.length;
    const readsBefore = arm.armRequests().length;
    expect((await say(BOB, `verify ${SUB}`)).status).toBe(200);
    const card = await waitFor(() => signInCardOf(callsOf(BOB, before)), 'his sign-in card');
    // Teams gets an SSO token for the bot's Entra app and sends it for exchange.
    const exchange = await invoke(BOB, 'signin/tokenExchange', {
      id: 'exchange-1',
      connectionName: card.connectionName,
      token: teamsSsoTokenOf('bob'),
    });
    expect(exchange.status).toBe(200);
    const refused = await waitFor(
      () => cardTexts(callsOf(BOB, before)).find((t) => t.includes('403 AuthorizationFailed')),
      'his 403 card',
    );
    expect(refused).toContain('You may not read this network (403 AuthorizationFailed)');
    expect(refused).toMatch(new RegExp(`Reader on subscription ${SUB} is needed to list `));
    expect(refused).toContain(
      `ask for Reader on /subscriptions/${SUB}, or run verify from the CLI with your own login`,
    );
    expect(cardTexts(callsOf(BOB, before)).some((t) => t.includes(RESULT_TITLE) || t.includes('sqlmi-hybrid'))).toBe(
      false,
    );
    expect(tokens.callsTo('exchange').length).toBeGreaterThan(0);
    const bobsReads = arm.armRequests().slice(readsBefore);
    expect(bobsReads.length).toBeGreaterThan(0);
    expect(new Set(bobsReads.map((r) => r.caller))).toEqual(new Set(['bob']));
    expect(bobsReads.every((r) => r.status === 403)).toBe(true);
  }, 60_000);

  it('Carol presses Check again before she ever signed in: the sign-in card, then that check as her', async () => {
    const before = connector.calls.length;
    const readsBefore = arm.armRequests().length;
    const pressed = { verb: 'verify.again', subscriptions: SUB, mi: '', dms: '', fresh: true };
    expect((await bot.post(activity(CAROL, { type: 'message', value: pressed }))).status).toBe(200);
    const card = await waitFor(() => signInCardOf(callsOf(CAROL, before)), 'her sign-in card');
    expect(arm.armRequests()).toHaveLength(readsBefore);
    const magicCode = await tokens.signInFromLink(card.buttons[0].value, authorizationCodeOf('carol'));
    expect((await invoke(CAROL, 'signin/verifyState', { state: magicCode })).status).toBe(200);
    await waitFor(() => cardTexts(callsOf(CAROL, before)).find((t) => t.includes(RESULT_TITLE)), 'her result');
    const carolsReads = arm.armRequests().slice(readsBefore);
    expect(carolsReads.length).toBeGreaterThan(0);
    expect(new Set(carolsReads.map((r) => r.caller))).toEqual(new Set(['carol']));
  }, 60_000);

  it("in a group chat: the plan button with no subscription typed checks the chat's last ones after the sign-in, and two people signing in at once both get their check", async () => {
    const inGroup = (from: typeof ALICE, extra: Record<string, unknown>) => ({
      ...activity(from, extra),
      conversation: { id: GROUP_CHAT, conversationType: 'groupChat', isGroup: true, tenantId: TEST_TENANT_ID },
    });
    const groupCalls = (after: number) => connector.calls.slice(after).filter((c) => c.conversationId === GROUP_CHAT);
    const sentTo = (from: typeof ALICE, calls: ConnectorCall[]) =>
      calls.filter((c) => (c.activity.recipient as { id?: string } | undefined)?.id === from.id);

    // Alice (signed in already) verifies SUB here: the chat remembers it.
    let before = connector.calls.length;
    expect((await bot.post(inGroup(ALICE, { type: 'message', text: `verify ${SUB}` }))).status).toBe(200);
    await waitFor(() => cardTexts(groupCalls(before)).find((t) => t.includes(RESULT_TITLE)), "Alice's result");

    // Dave presses "Verify in Azure" without typing a subscription while Erin types verify: neither signed in yet.
    before = connector.calls.length;
    const readsBefore = arm.armRequests().length;
    const pressed = { verb: 'verify.plan', mi: '', dms: '' };
    const answers = await Promise.all([
      bot.post(inGroup(DAVE, { type: 'message', value: pressed })),
      bot.post(inGroup(ERIN, { type: 'message', text: `verify ${SUB}` })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const davesCard = await waitFor(() => signInCardOf(sentTo(DAVE, groupCalls(before))), "Dave's sign-in card");
    const erinsCard = await waitFor(() => signInCardOf(sentTo(ERIN, groupCalls(before))), "Erin's sign-in card");

    const codes = await Promise.all([
      tokens.signInFromLink(davesCard.buttons[0].value, authorizationCodeOf('dave')),
      tokens.signInFromLink(erinsCard.buttons[0].value, authorizationCodeOf('erin')),
    ]);
    const signedIn = await Promise.all([
      bot.post(inGroup(DAVE, { type: 'invoke', name: 'signin/verifyState', value: { state: codes[0] } })),
      bot.post(inGroup(ERIN, { type: 'invoke', name: 'signin/verifyState', value: { state: codes[1] } })),
    ]);
    expect(signedIn.map((a) => a.status)).toEqual([200, 200]);
    await waitFor(() => {
      const readers = new Set(
        arm
          .armRequests()
          .slice(readsBefore)
          .map((r) => r.caller),
      );
      const results = cardTexts(groupCalls(before)).filter((t) => t.includes(RESULT_TITLE));
      return readers.has('dave') && readers.has('erin') && results.length >= 2 ? true : undefined;
    }, 'both results, each read with its own token');
    const texts = cardTexts(groupCalls(before)).join('\n');
    expect(texts).not.toContain('Something went wrong');
    expect(texts).not.toContain('Which Azure subscription');
    expect(
      new Set(
        arm
          .armRequests()
          .slice(readsBefore)
          .map((r) => r.caller),
      ),
    ).toEqual(new Set(['dave', 'erin']));
    expect(
      arm
        .armRequests()
        .slice(readsBefore)
        .every((r) => r.path.toLowerCase().includes(`/subscriptions/${SUB}`)),
    ).toBe(true);
  }, 90_000);

  it("never read with the bot's own credential, and no token in a card, a message or the log", async () => {
    expect(arm.armRequests().length).toBeGreaterThan(0);
    expect(arm.armRequests().every((r) => ['alice', 'bob', 'carol', 'dave', 'erin'].includes(r.caller ?? ''))).toBe(
      true,
    );
    const everything = JSON.stringify(connector.calls.map((c) => c.activity));
    expect(everything).not.toMatch(/local-person-token|teams-sso-|local-arm-token/);
    const output = await bot.settledOutput((o) => o.includes('"event":"verify-refused"'));
    expect(output).not.toMatch(/local-person-token|teams-sso-|code-for-/);
    for (const pattern of TOKEN_PATTERNS) expect(output).not.toMatch(pattern);
  });
});
