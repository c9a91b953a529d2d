import { freePort, startBot, type Launched } from '../../scripts/launch';
import { checklistKeyFor } from '../../src/bot/checklist/checklist-store';
import type { Checklist } from '../../src/planning/checklist';
import { BlobStorage } from '../../src/storage/blob-storage';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startFakeBotConnector, type FakeBotConnector, type RecordedCall } from './bot-connector';
import { executeAction, message, sendToBot, THREAD, users } from './teams-activities';
import { cardText, tickActions } from '../support/card-walker';

jest.setTimeout(120_000);

type Json = Record<string, unknown>;

function cardOf(call: { body: Json }): Json {
  return ((call.body.attachments as { content: Json }[]) ?? [])[0]?.content;
}

function tickNames(text: string): string[] {
  return [...text.matchAll(/User \d+/g)].map((m) => m[0]);
}

describe('one checklist, two bot instances sharing Azure Blob Storage (Azurite)', () => {
  let azurite: RunningAzurite;
  let connector: FakeBotConnector;
  const bots: Launched[] = [];
  const container = `checklists-${Date.now()}`;
  let checklistPost: RecordedCall;

  beforeAll(async () => {
    azurite = await startAzurite();
    connector = await startFakeBotConnector({ members: users(3) });
    const env = {
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: container,
      LOG_LEVEL: 'warn',
      BOT_ID: '',
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
    await azurite?.stop();
  });

  it('keeps all 50 concurrent ticks from 50 users spread over both instances, in storage and on the card', async () => {
    const [alice] = users(1);
    const messageId = checklistPost.returnedId as string;
    // Teams refreshes the card for the conversation's members, read from the connector's paged members.
    expect((cardOf(checklistPost).refresh as { userIds: string[] }).userIds).toEqual(users(3).map((u) => u.id));
    const actions = tickActions(cardOf(checklistPost));
    expect(actions.length).toBeGreaterThan(10);

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
