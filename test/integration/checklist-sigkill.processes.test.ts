import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startBot, type Launched } from '../../scripts/launch';
import { checklistKeyFor } from '../../src/bot/checklist/checklist-store';
import { REFERENCES_KEY } from '../../src/bot/checklist/conversation-references';
import { planKey } from '../../src/bot/planning/plan-store';
import type { Checklist } from '../../src/planning/checklist';
import { FileStorage } from '../../src/storage';
import { startFakeBotConnector, type FakeBotConnector } from './bot-connector';
import { BOT, executeAction, message, sendToBot, TEAM, TENANT, THREAD, users, type User } from './teams-activities';
import { cardText, tickActions } from '../support/card-walker';

jest.setTimeout(150_000);

type Json = Record<string, unknown>;

const HYBRID_PLAN = 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no';

function otherTeamInstalled(serviceUrl: string, from: User, i: number) {
  const team = { id: `19:team-${i}@thread.tacv2`, name: `Team ${i}` };
  return {
    type: 'conversationUpdate',
    id: `install-${i}`,
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    membersAdded: [BOT],
    conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team },
  };
}

function planInThread(serviceUrl: string, from: User, i: number) {
  const activity = message(serviceUrl, from, HYBRID_PLAN);
  return { ...activity, conversation: { ...activity.conversation, id: `${TEAM.id};messageid=${2000 + i}` } };
}

/** Every file the storage left behind, parsed: a half-written file fails here. */
function parseEveryFile(dir: string): number {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const entry of names) {
    const path = join(entry.parentPath, entry.name);
    expect({
      path,
      parsed: (() => {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
          return true;
        } catch {
          return false;
        }
      })(),
    }).toEqual({ path, parsed: true });
  }
  return names.length;
}

describe('the bot SIGKILLed in the middle of writes, restarted on the same file storage', () => {
  let connector: FakeBotConnector;
  let dir: string;
  const running: Launched[] = [];

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    dir = mkdtempSync(join(tmpdir(), 'bot-sigkill-'));
  });

  afterAll(async () => {
    await Promise.all(running.map((b) => b.stop()));
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps plans, checklists and team references that were acknowledged, and leaves no half-written file', async () => {
    const env = { STORAGE: 'file', STORAGE_DIR: dir, LOG_LEVEL: 'warn', BOT_ID: '' };
    const first = await startBot({ port: await freePort(), env });
    running.push(first);
    const [alice] = users(1);
    expect((await sendToBot(first.port, message(connector.url, alice, HYBRID_PLAN))).status).toBe(200);
    expect((await sendToBot(first.port, message(connector.url, alice, 'checklist'))).status).toBe(200);
    const post = connector
      .posted()
      .find((c) => cardText((c.body.attachments as { content: Json }[])?.[0]?.content).includes('0 of'));
    if (!post) throw new Error('no checklist card was posted');
    const ticks = tickActions((post.body.attachments as { content: Json }[])[0].content);

    // A burst of ticks, team installs and plans in other threads; the bot dies once some have been answered.
    const people = users(60).slice(1);
    const acknowledged = { ticks: [] as string[], teams: [] as number[], plans: [] as number[] };
    let answered = 0;
    let killNow: () => void = () => undefined;
    const enoughAnswered = new Promise<void>((resolve) => (killNow = resolve));
    const track = (kind: 'ticks' | 'teams' | 'plans', label: string | number, request: Promise<{ status: number }>) =>
      request
        .then((response) => {
          if (response.status === 200) (acknowledged[kind] as (string | number)[]).push(label);
          if (++answered >= 15) killNow();
        })
        .catch(() => undefined); // cut off by the kill
    const burst = [
      ...people
        .slice(0, 40)
        .map((person, i) =>
          track(
            'ticks',
            person.name,
            sendToBot(
              first.port,
              executeAction(
                connector.url,
                person,
                post.returnedId as string,
                'checklist.tick',
                ticks[i % ticks.length],
              ),
            ),
          ),
        ),
      ...Array.from({ length: 10 }, (_, i) =>
        track('teams', i, sendToBot(first.port, otherTeamInstalled(connector.url, alice, i))),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        track('plans', i, sendToBot(first.port, planInThread(connector.url, alice, i))),
      ),
    ];
    await Promise.race([enoughAnswered, Promise.all(burst)]);
    const answeredAtKill = answered;
    first.process.kill('SIGKILL');
    await Promise.all(burst);
    expect(answeredAtKill).toBeLessThan(burst.length); // writes were still in flight
    expect(first.process.signalCode ?? (await new Promise((r) => first.process.once('exit', (_c, s) => r(s))))).toBe(
      'SIGKILL',
    );

    const second = await startBot({ port: await freePort(), env });
    running.push(second);
    // The restarted bot reads the checklist back: every acknowledged tick is on the refreshed card.
    const refreshed = await sendToBot(
      second.port,
      executeAction(connector.url, alice, post.returnedId as string, 'checklist.refresh', {
        checklistId: ticks[0].checklistId,
      }),
    );
    const refreshedText = cardText((refreshed.body as { value: Json }).value);
    for (const name of acknowledged.ticks) expect(refreshedText).toContain(`${name} (`);
    // And keeps working: one more tick lands.
    const more = await sendToBot(
      second.port,
      executeAction(connector.url, people[50], post.returnedId as string, 'checklist.tick', ticks[0]),
    );
    expect(cardText((more.body as { value: Json }).value)).toContain(`${people[50].name} (`);

    const storage = new FileStorage(dir);
    const read = async (key: string) => (await storage.read([key]))[key] as Json | undefined;
    expect((await read(planKey(THREAD)))?.answers).toMatchObject({ source: 'onprem', 'mi-onprem': 'yes' });
    for (const i of acknowledged.plans) expect(await read(planKey(`${TEAM.id};messageid=${2000 + i}`))).toBeDefined();
    const checklist = (await read(checklistKeyFor(THREAD))) as unknown as Checklist;
    const stored = checklist.items.flatMap((item) => item.ticks.map((t) => t.name));
    expect(stored).toEqual(expect.arrayContaining(acknowledged.ticks));
    const references = (await read(REFERENCES_KEY))?.references as Record<string, unknown>;
    for (const i of acknowledged.teams) expect(Object.keys(references)).toContain(`19:team-${i}@thread.tacv2`);

    expect(parseEveryFile(dir)).toBeGreaterThan(3);
    process.stdout.write(
      `acknowledged before SIGKILL: ${acknowledged.ticks.length} ticks, ${acknowledged.teams.length} installs, ${acknowledged.plans.length} plans of ${burst.length} requests\n`,
    );
  });
});
