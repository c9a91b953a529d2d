import type { Activity } from 'botbuilder';
import { AzureReadError } from '../../../src/azure/errors';
import { toAzureReadError } from '../../../src/azure/read-errors';
import { DEFAULT_PLAN_PARAMETERS, updatePlan } from '../../../src/bot/planning/plan-store';
import type { Inventory } from '../../../src/network/model';
import { emptyInventory } from '../../../src/network/model';
import { channelMention, firstCard } from '../../support/bot-harness';
import { merged, OTHER_SUB, snapshot, SUB, verifyConversation } from './verify-fixtures';
import { cardText } from '../../support/card-walker';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

const textOf = (activities: Partial<Activity>[]) => cardText(firstCard(activities));

/** Sends a verify, checks the immediate "checking" reply, waits for the work after the turn, returns the result text. */
async function verifyAndWait(v: ReturnType<typeof verifyConversation>, text: string) {
  const replies = await v.conversation.send(text);
  expect(replies).toHaveLength(1);
  const checkingId = replies[0].id;
  await v.settle();
  return { replies, checkingId, result: textOf(v.updates), update: v.updates[0] };
}

const noStackOrToken = (text: string) => {
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}|local-test-secret/);
};

describe('verify <subscription-id>', () => {
  it('answers at once with "checking", then replaces that message with the result: all pass', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    const { replies, checkingId, result, update } = await verifyAndWait(v, `verify ${SUB}`);
    expect(textOf(replies)).toContain(`Checking subscription ${SUB}`);
    expect(update.id).toBe(checkingId);
    expect(result).toContain('Verification: nothing blocks the migration');
    expect(result).toContain('Azure SQL Managed Instance configured for Hybrid workloads (hybrid)');
    expect(result).toContain('sqlmi-hybrid');
    expect(result).toMatch(/\d+ pass, 0 fail, 0 warn, 0 unknown/);
    expect(result).toContain('✅ ');
    expect(result).not.toMatch(/❌|⚠️|❔/);
    expect(v.posted).toEqual([]);
  });

  it("a check that lacks the source ranges says how to give them in Teams, never with the CLI's flags", async () => {
    const v = verifyConversation(() => snapshot('cloud-isolated-vnet'));
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain("the source SQL Server's address or subnet is not given");
    expect(result).toContain("Give the plan's source ranges (rules source-range=CIDR), then select Check again.");
    expect(result).not.toMatch(/--(source-range|mi|dms|sql-port|storage|runtime)/);
  });

  it('a blocked network: one line per check with its icon, evidence and the fix in monospace', async () => {
    const v = verifyConversation(() => snapshot('hybrid-blocked'));
    const { update, result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain('Verification: 2 fail, 1 warn');
    expect(result).toMatch(/\d+ pass, 2 fail, 1 warn, 0 unknown/);
    const card = update.attachments![0].content as { body: unknown[] };
    const json = JSON.stringify(card);
    // every check of the verifier appears once, with the icon of its status
    for (const id of ['nsg-management-443', 'nsg-mi-inbound-from-dms', 'route-forced-tunneling', 'mi-subnet']) {
      expect(json.split(`"text":"${id}"`)).toHaveLength(2);
    }
    expect(result).toMatch(/❌ \nnsg-management-443\n: .*deny_internet_https \(90\)/);
    expect(result).toMatch(/⚠️ \nroute-forced-tunneling/);
    expect(result).toContain('TCP 443 to ServiceBus');
    expect(json).toMatch(
      /"text":"az network nsg rule update -g rg-migration --nsg-name nsg-dms -n deny_internet_https --priority 102 --subscription 6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f {2}# moves deny_internet_https[^"]*"[^}]*"fontType":"Monospace"/,
    );
    const again = (card as unknown as { actions: { data: Record<string, unknown> }[] }).actions[0].data;
    expect(again).toEqual({ verb: 'verify.again', subscriptions: SUB, mi: '', dms: '', fresh: true });
  });

  it("compares with the conversation's plan: the planned topology is shown and its requirements are checked", async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    await updatePlan(v.conversation.deps.storage, { tenantId: '', conversationId: 'conv-1' }, () => ({
      conversationId: 'conv-1',
      answers: { source: 'onprem', 'cross-subscription': 'yes' },
      answeredBy: {},
      parameters: { ...DEFAULT_PLAN_PARAMETERS },
      version: 0,
      updatedAt: '',
    }));
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toMatch(/Planned topology\n.*\(mi-isolated\)/);
    expect(result).toMatch(/detected hybrid, but the plan says mi-isolated/);
  });

  it('without a plan says there is none and how to make one', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toMatch(/Planned topology\nnone yet: type plan/);
  });

  it.each([
    ['not-a-guid', "'not-a-guid' is not a subscription id"],
    [`${SUB} 1234`, "'1234' is not a subscription id"],
  ])('refuses %p at once, naming the bad id, and reads nothing', async (args, message) => {
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read);
    const replies = await v.conversation.send(`verify ${args}`);
    const text = textOf(replies);
    expect(text).toContain('Cannot verify these subscriptions');
    expect(text).toContain(message);
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses more than 10 subscriptions in one check, before reading anything', async () => {
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read);
    const ids = Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const text = textOf(await v.conversation.send(`verify ${ids.join(' ')}`));
    expect(text).toContain('11 subscriptions is more than one check reads (at most 10)');
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses an option it does not know and a name left empty', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    expect(textOf(await v.conversation.send(`verify ${SUB} region=westeurope`))).toContain(
      "'region=' is not a verify option: use mi=NAME or dms=NAME.",
    );
    expect(textOf(await v.conversation.send(`verify ${SUB} mi=`))).toContain('mi= needs a name');
  });

  it('enforces AZURE_ALLOWED_SUBSCRIPTIONS: names the refused id, reads nothing; allowed ids go through', async () => {
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read, { allowedSubscriptions: [SUB.toUpperCase()] });
    const refused = textOf(await v.conversation.send(`verify ${SUB} ${OTHER_SUB}`));
    expect(refused).toContain(`subscription ${OTHER_SUB} is not in AZURE_ALLOWED_SUBSCRIPTIONS`);
    expect(refused).not.toContain(`subscription ${SUB} is not`);
    expect(read).not.toHaveBeenCalled();
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain('nothing blocks the migration');
  });

  it("with the bot's identity, a read is shared within a tenant and never with another tenant", async () => {
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read);
    const inTenant = (tenant: string, from: { id: string; name: string }) =>
      v.conversation.process({ type: 'message', text: `verify ${SUB}`, from, channelData: { tenant: { id: tenant } } });
    await inTenant('tenant-a', { id: 'alice', name: 'Alice' });
    await v.settle();
    expect(textOf(await inTenant('tenant-a', { id: 'carol', name: 'Carol' }))).toContain('cached');
    expect(read).toHaveBeenCalledTimes(1);
    const otherTenant = await inTenant('tenant-b', { id: 'bob', name: 'Bob' });
    expect(textOf(otherTenant)).toContain(`Checking subscription ${SUB}`);
    await v.settle();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('answers from the cache for the same set in any order and case, without a second read', async () => {
    let now = 1_000_000;
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read, { now: () => now });
    await verifyAndWait(v, `verify ${SUB},${OTHER_SUB}`);
    now += 2 * 60_000;
    const second = await v.conversation.send(`verify ${OTHER_SUB.toUpperCase()} ${SUB}`);
    const text = textOf(second);
    expect(text).toContain('Verification: nothing blocks the migration');
    expect(text).toContain('2 min ago (cached; Check again reads Azure anew)');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('"Check again" reads Azure anew even while the cache is fresh, once 30 s have passed since the last read', async () => {
    let now = 1_000_000;
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read, { now: () => now });
    const { update } = await verifyAndWait(v, `verify ${SUB}`);
    const again = (update.attachments![0].content as { actions: { data: Record<string, unknown> }[] }).actions[0].data;
    v.updates.length = 0;
    const tooSoon = await v.conversation.submit(again);
    expect(textOf(tooSoon)).toContain('cached; Check again reads Azure anew');
    expect(read).toHaveBeenCalledTimes(1);
    now += 30_000;
    const replies = await v.conversation.submit(again);
    expect(textOf(replies)).toContain('Checking subscription');
    await v.settle();
    expect(read).toHaveBeenCalledTimes(2);
    expect(textOf(v.updates)).toMatch(/Read\njust now/);
  });

  it('asks a user to wait before starting a live read of other subscriptions within 30 s', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    await verifyAndWait(v, `verify ${SUB}`);
    const refused = await v.conversation.send(`verify ${OTHER_SUB}`);
    expect(textOf(refused)).toContain('One check at a time');
    expect(textOf(refused)).toMatch(/Start the next one in \d+ s/);
    // Someone else in the thread is not held up by Alice.
    const bob = await v.conversation.send(`verify ${OTHER_SUB}`, { id: 'user-bob', name: 'Bob' });
    expect(textOf(bob)).toContain(`Checking subscription ${OTHER_SUB}`);
  });

  it('two verifies at once share one read: the second says "already checking", both get the result', async () => {
    const pending = deferred<Inventory>();
    const read = jest.fn(() => pending.promise);
    const v = verifyConversation(read);
    // Each turn returns while the read is still running: long work never holds the turn.
    const first = await v.conversation.send(`verify ${SUB}`);
    const second = await v.conversation.send(`verify ${SUB.toUpperCase()}`);
    expect(textOf(first)).toContain(`Checking subscription ${SUB}`);
    expect(textOf(second)).toContain('Already checking subscription');
    expect(v.updates).toEqual([]);
    pending.resolve(await snapshot('hybrid-blocked'));
    await v.settle();
    expect(read).toHaveBeenCalledTimes(1);
    expect(v.updates.map((u) => u.id).sort()).toEqual([first[0].id, second[0].id].sort());
    for (const update of v.updates) expect(cardText(update.attachments![0].content)).toContain('2 fail, 1 warn');
  });

  it('posts the result into the thread when the channel refuses to update the message', async () => {
    const v = verifyConversation(() => snapshot('hybrid'), { refuseUpdates: true });
    await v.conversation.send(`verify ${SUB}`);
    await v.settle();
    expect(v.updates).toEqual([]);
    expect(textOf(v.posted)).toContain('nothing blocks the migration');
  });
});

describe('verify in a channel thread and with storage down', () => {
  it('a verify in a channel thread (with the @mention) gets its result in that same thread', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    const thread = '19:channel@thread.tacv2;messageid=1700000000000';
    const replies = await v.conversation.process(channelMention(`verify ${SUB}`, thread));
    expect(textOf(replies)).toContain('Checking subscription');
    await v.settle();
    expect(v.updates).toHaveLength(1);
    expect(v.updates[0].conversation?.id).toBe(thread);
    expect(v.updates[0].id).toBe(replies[0].id);
  });

  it('storage down: verifies anyway (the planned topology is "unknown"), and the button asks for the ids', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    jest.spyOn(v.conversation.deps.storage, 'read').mockRejectedValue(new Error('storage unavailable'));
    jest.spyOn(v.conversation.deps.storage, 'write').mockRejectedValue(new Error('storage unavailable'));
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain('nothing blocks the migration');
    expect(result).toMatch(/Planned topology\nunknown: the plan could not be read just now/);
    const asked = firstCard(await v.conversation.submit({ verb: 'verify.plan' })) as { body: { type: string }[] };
    expect(asked.body.some((b) => b.type === 'Input.Text')).toBe(true);
  });
});

describe('verify failures give a clear card, never a stack trace or a token', () => {
  const op = {
    description: 'list virtual networks',
    action: 'Microsoft.Network/virtualNetworks/read',
    subscriptionId: SUB,
  };
  const endpoint = 'https://management.azure.com';
  it.each([
    [
      'no credential',
      toAzureReadError({ name: 'CredentialUnavailableError' }, op, endpoint),
      'No Azure credential is configured for the bot',
      /operator must fix this: .*AZURE_TENANT_ID/,
    ],
    [
      '401',
      toAzureReadError({ statusCode: 401, code: 'InvalidAuthenticationToken' }, op, endpoint),
      "Azure refused the bot's credential (401)",
      /another tenant or has expired/,
    ],
    [
      '403 AuthorizationFailed',
      toAzureReadError({ statusCode: 403, code: 'AuthorizationFailed' }, op, endpoint),
      'The bot may not read this network (403 AuthorizationFailed)',
      new RegExp(`Reader on subscription ${SUB} is needed to list virtual networks`),
    ],
    [
      'unknown subscription',
      toAzureReadError({ statusCode: 404, code: 'SubscriptionNotFound' }, op, endpoint),
      'Subscription not found (404)',
      new RegExp(`Subscription ${SUB} was not found \\(SubscriptionNotFound\\)`),
    ],
    [
      'throttling',
      toAzureReadError({ statusCode: 429 }, op, endpoint),
      'Azure is throttling the bot (429)',
      /wait a minute and try again/,
    ],
    [
      'timeout',
      new AzureReadError('timeout', 'Reading 1 subscription(s) took longer than the time budget of 60 s; try again.'),
      'Reading Azure took too long',
      /time budget of 60 s/,
    ],
    [
      'network',
      toAzureReadError({ code: 'ECONNREFUSED' }, op, endpoint),
      'Azure Resource Manager could not be reached',
      /management\.azure\.com \(ECONNREFUSED\)/,
    ],
  ])('%s', async (_name, error, title, message) => {
    const v = verifyConversation(async () => {
      throw error;
    });
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain(title);
    expect(result).toMatch(message);
    expect(result).toMatch(/Reference: [0-9a-f-]{36}/);
    noStackOrToken(result);
  });

  it('403 names the role and scope, and gives the role assignment as the fix in monospace', async () => {
    const error = toAzureReadError({ statusCode: 403, code: 'AuthorizationFailed' }, op, endpoint);
    const v = verifyConversation(async () => {
      throw error;
    });
    const { update } = await verifyAndWait(v, `verify ${SUB}`);
    expect(JSON.stringify(update.attachments![0].content)).toMatch(
      new RegExp(
        `"text":"az role assignment create [^"]*--role Reader --scope /subscriptions/${SUB}","fontType":"Monospace"`,
      ),
    );
  });

  it('an unexpected error: a generic card with a reference, and nothing of the error itself', async () => {
    const v = verifyConversation(async () => {
      throw new Error('socket hang up: Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.x');
    });
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain('Verification failed');
    expect(result).not.toContain('socket hang up');
    noStackOrToken(result);
  });

  it('several managed instances: asks for mi=NAME, lists the candidates as buttons; a button verifies that one', async () => {
    const read = jest.fn(() => merged('hybrid', 'mi-isolated'));
    const v = verifyConversation(read);
    const { update, result } = await verifyAndWait(v, `verify ${SUB} dms=dms-hybrid`);
    expect(result).toContain('Several SQL Managed Instances: name one with mi=NAME');
    expect(result).not.toContain('--mi');
    const actions = (update.attachments![0].content as { body: { type: string; actions?: unknown[] }[] }).body.find(
      (b) => b.type === 'ActionSet',
    )!.actions as { title: string; data: Record<string, unknown> }[];
    expect(actions.map((a) => a.title)).toEqual(['Verify with mi=sqlmi-hybrid', 'Verify with mi=sqlmi-isolated']);
    expect(actions[0].data).toEqual({
      verb: 'verify.again',
      subscriptions: SUB,
      mi: 'sqlmi-hybrid',
      dms: 'dms-hybrid',
      fresh: false,
    });
    // the button is answered from the cache: same subscriptions, no second read
    const replies = await v.conversation.submit(actions[0].data);
    expect(textOf(replies)).toContain('nothing blocks the migration');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('no managed instance in the subscriptions: says so', async () => {
    const v = verifyConversation(async () => emptyInventory());
    const { result } = await verifyAndWait(v, `verify ${SUB}`);
    expect(result).toContain('Verification cannot start');
    expect(result).toContain('No SQL Managed Instance found');
  });
});

describe('"Verify in Azure" on the plan card (verb verify.plan)', () => {
  it('asks for the subscription ids when none are known, then verifies what was typed', async () => {
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read);
    const asked = await v.conversation.submit({ verb: 'verify.plan' });
    const card = firstCard(asked) as { body: { type: string; id?: string }[]; actions: { data: unknown }[] };
    expect(card.body.some((b) => b.type === 'Input.Text' && b.id === 'subscriptions')).toBe(true);
    expect(card.actions[0].data).toEqual({ verb: 'verify.plan', mi: '', dms: '' });
    expect(read).not.toHaveBeenCalled();

    const replies = await v.conversation.submit({ verb: 'verify.plan', mi: '', dms: '', subscriptions: ` ${SUB} ` });
    expect(textOf(replies)).toContain(`Checking subscription ${SUB}`);
    await v.settle();
    expect(textOf(v.updates)).toContain('nothing blocks the migration');
  });

  it('uses the subscriptions this conversation verified last', async () => {
    const read = jest.fn(() => snapshot('hybrid'));
    const v = verifyConversation(read);
    await verifyAndWait(v, `verify ${SUB}`);
    const replies = await v.conversation.submit({ verb: 'verify.plan' });
    expect(textOf(replies)).toContain('nothing blocks the migration'); // cached
    expect(read).toHaveBeenCalledWith([SUB]);
  });

  it('refuses a malformed payload, naming the field', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    const replies = await v.conversation.submit({ verb: 'verify.plan', subscriptions: 42 });
    expect(textOf(replies)).toMatch(/unexpected subscriptions/);
  });

  it('`verify` alone asks for the subscription ids too', async () => {
    const v = verifyConversation(() => snapshot('hybrid'));
    const card = firstCard(await v.conversation.send('verify')) as { body: { type: string }[] };
    expect(card.body.some((b) => b.type === 'Input.Text')).toBe(true);
  });
});
