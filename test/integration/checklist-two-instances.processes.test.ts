import * as path from 'node:path';
import { freePort, startBot, type Launched } from '../../scripts/launch';
import { checklistKeyFor } from '../../src/bot/checklist/checklist-store';
import { progress, type Checklist } from '../../src/planning/checklist';
import { BlobStorage } from '../../src/storage/blob-storage';
import { startArmServer, type ArmServer } from '../support/arm-server';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startFakeBotConnector, type FakeBotConnector, type RecordedCall } from './bot-connector';
import { executeAction, message, sendToBot, THREAD, users } from './teams-activities';
import { cardText, tickActions } from '../support/card-walker';

jest.setTimeout(120_000);

type Json = Record<string, unknown>;

function cardOf(call: { body: Json }): Json {
  return ((call.body.attachments as { content: Json }[]) ?? [])[0]?.content;
}

/** The subscription of the hybrid-blocked snapshot: TCP 443 to ServiceBus denied on the DMS subnet. */
const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

function tickNames(text: string): string[] {
  return [...text.matchAll(/User \d+(?= \()/g)].map((m) => m[0]);
}

describe('one checklist, two bot instances sharing Azure Blob Storage (Azurite)', () => {
  let azurite: RunningAzurite;
  let connector: FakeBotConnector;
  let arm: ArmServer;
  let env: Record<string, string>;
  const bots: Launched[] = [];
  const container = `checklists-${Date.now()}`;
  let checklistPost: RecordedCall;

  beforeAll(async () => {
    azurite = await startAzurite();
    connector = await startFakeBotConnector({ members: users(3) });
    arm = await startArmServer({
      snapshotDirs: [path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid-blocked')],
    });
    env = {
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: container,
      LOG_LEVEL: 'warn',
      BOT_ID: '',
      ...(arm.childEnv() as Record<string, string>),
    };
    // One after the other: two cold starts at once can outlast the launcher's 30 s wait on a busy machine.
    for (let i = 0; i < 2; i++) bots.push(await startBot({ port: await freePort(), env }));
    // The plan and its checklist card, which both tests act on (either may run alone).
    const [alice] = users(1);
    const plan = await sendToBot(
      bots[0].port,
      message(connector.url, alice, 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no'),
    );
    expect(plan.status).toBe(200);
    const posted = await sendToBot(bots[1].port, message(connector.url, alice, 'checklist'));
    expect(posted.status).toBe(200);
    const found = connector.posted().find((c) => cardText(cardOf(c)).includes('0 of'));
    if (!found) throw new Error(`no checklist card was posted: ${JSON.stringify(connector.calls).slice(0, 800)}`);
    checklistPost = found;
  });

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await connector?.close();
    await arm?.close();
    await azurite?.stop();
  });

  it('keeps all 50 concurrent ticks from 50 users spread over both instances, in storage and on the card', async () => {
    const [alice] = users(1);
    const messageId = checklistPost.returnedId as string;
    // Teams refreshes the card for the conversation's members, read from the connector's paged members.
    expect((cardOf(checklistPost).refresh as { userIds: string[] }).userIds).toEqual(users(3).map((u) => u.id));
    const actions = tickActions(cardOf(checklistPost));
    expect(actions.length).toBeGreaterThan(8);

    const people = users(50);
    const responses = await Promise.all(
      people.map((person, i) =>
        sendToBot(
          bots[i % 2].port,
          executeAction(connector.url, person, messageId, 'checklist.tick', actions[i % actions.length]),
        ),
      ),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    }

    const stored = (await new BlobStorage(azurite.connectionString, container).read([checklistKeyFor(THREAD)]))[
      checklistKeyFor(THREAD)
    ] as unknown as Checklist;
    const storedTicks = stored.items.flatMap((item) => item.ticks.map((t) => t.name));
    expect(storedTicks.sort()).toEqual(people.map((p) => p.name).sort());
    expect(stored.revision).toBe(50);

    // The posted message everyone sees: its last update holds every tick. A tick that finds an update of the
    // message already running in its process answers at once and leaves the last round to that update, so the
    // updates may still be arriving when the last tick has been answered: wait until they stop.
    let count = -1;
    while (connector.updates().length !== count) {
      count = connector.updates().length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    const lastUpdate = connector.updates().at(-1);
    expect(lastUpdate?.activityId).toBe(messageId);
    const finalText = cardText(cardOf(lastUpdate as { body: Json }));
    expect(finalText).toContain(`${actions.length} of ${actions.length} done`);
    expect(tickNames(finalText).sort()).toEqual(people.map((p) => p.name).sort());

    // And a refresh from either instance shows the same.
    const refreshed = await sendToBot(
      bots[0].port,
      executeAction(connector.url, alice, messageId, 'checklist.refresh', { checklistId: stored.id }),
    );
    expect(tickNames(cardText((refreshed.body as { value: Json }).value)).sort()).toEqual(
      people.map((p) => p.name).sort(),
    );
  });

  it('keeps ticks, owners and a verification made at once on both instances, and shows them all after a restart', async () => {
    const key = checklistKeyFor(THREAD);
    const read = async () =>
      (await new BlobStorage(azurite.connectionString, container).read([key]))[key] as unknown as Checklist;
    const before = await read();
    const messageId = checklistPost.returnedId as string;
    const members = users(3);
    const tickers = users(70).slice(50);
    const actions = tickActions(cardOf(checklistPost));
    const owned = ['step-gateway', 'step-nsg', 'rule-outbound-management'];
    const assign = (i: number) => ({
      verb: 'checklist.assign',
      checklistId: before.id,
      version: before.version,
      itemId: owned[i],
      ownerId: members[i].id,
    });
    const postsBefore = connector.posted().length;

    const responses = await Promise.all([
      sendToBot(bots[0].port, message(connector.url, members[0], `verify ${SUB}`)),
      ...tickers.map((person, i) =>
        sendToBot(
          bots[i % 2].port,
          executeAction(connector.url, person, messageId, 'checklist.tick', actions[i % actions.length]),
        ),
      ),
      ...owned.map((_, i) =>
        sendToBot(
          bots[(i + 1) % 2].port,
          executeAction(connector.url, members[0], messageId, 'checklist.assign', assign(i)),
        ),
      ),
    ]);
    for (const response of responses) expect(response.status).toBe(200);

    // The verification finishes after its turn: wait for it in storage.
    const deadline = Date.now() + 60_000;
    let stored = await read();
    while (!stored.verification && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      stored = await read();
    }
    const names = (c: Checklist) => c.items.flatMap((item) => item.ticks.map((t) => t.name)).sort();
    expect(names(stored)).toEqual([...names(before), ...tickers.map((t) => t.name)].sort());
    expect(owned.map((id) => stored.items.find((i) => i.id === id)?.owner?.name)).toEqual(members.map((m) => m.name));
    expect(stored.verification?.findings['rule-outbound-management']?.status).toBe('fail');
    expect(stored.verification?.findings['step-dms-subnet']?.status).toBe('pass');
    expect(stored.revision).toBe(before.revision + tickers.length + owned.length + 1);
    // One message per owner, with an @mention of that member.
    const mentions = connector
      .posted()
      .slice(postsBefore)
      .flatMap((c) => (c.body.entities as { type: string; mentioned: { id: string } }[]) ?? [])
      .filter((e) => e.type === 'mention')
      .map((e) => e.mentioned.id);
    expect(mentions.sort()).toEqual(members.map((m) => m.id).sort());

    // A restarted instance shows all of it.
    await bots[0].stop();
    bots[0] = await startBot({ port: await freePort(), env });
    const refreshed = await sendToBot(
      bots[0].port,
      executeAction(connector.url, members[1], messageId, 'checklist.refresh', { checklistId: stored.id }),
    );
    const text = cardText((refreshed.body as { value: Json }).value);
    for (const member of members) expect(text).toContain(`Owner: ${member.name} (assigned by User 0`);
    expect(text).toMatch(/Confirmed in Azure at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(text).toMatch(/but verify found \(.*\): .*443/);
    const { done, total, confirmed } = progress(stored);
    expect(text).toContain(`${done} of ${total} done, ${confirmed} confirmed in Azure`);
    expect(confirmed).toBeGreaterThan(0);
  });

  it('with Azurite stopped: the tick is refused with a retry card, nothing is written, help still answers', async () => {
    const key = checklistKeyFor(THREAD);
    const before = (await new BlobStorage(azurite.connectionString, container).read([key]))[key] as Json;
    const [alice] = users(1);
    const messageId = checklistPost.returnedId as string;
    const data = { verb: 'checklist.tick', checklistId: before.id, itemId: 'step-nsg', version: 1 };

    const { port, location } = azurite;
    await azurite.stop({ keepData: true });
    try {
      const refused = await sendToBot(
        bots[0].port,
        executeAction(connector.url, alice, messageId, 'checklist.tick', data),
      );
      expect(refused.status).toBe(200);
      const text = cardText((refused.body as { value: Json }).value);
      expect(text).toContain('could not reach the checklist storage, so nothing was changed');
      expect(text).not.toMatch(/AccountKey|at .*\.ts:\d+/);

      const postsBefore = connector.posted().length;
      const help = await sendToBot(bots[1].port, message(connector.url, alice, 'help'));
      expect(help.status).toBe(200);
      expect(cardText(cardOf(connector.posted()[postsBefore]))).toContain('Show this list.');

      const checklistCommand = await sendToBot(bots[1].port, message(connector.url, alice, 'checklist'));
      expect(checklistCommand.status).toBe(200);
      expect(cardText(cardOf(connector.posted()[postsBefore + 1]))).toContain('nothing was changed');
    } finally {
      azurite = await startAzurite({ location, port });
    }
    const after = (await new BlobStorage(azurite.connectionString, container).read([key]))[key] as Json;
    expect(after).toEqual(before);
  });
});
