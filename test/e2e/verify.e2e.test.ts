import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startArmServer, type ArmServer } from '../support/arm-server';
import { e2eAvailable, startPlaygroundSession, type PlaygroundSession } from '../support/playground-session';

const describeE2e = e2eAvailable() ? describe : describe.skip;

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const UNKNOWN_SUB = '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
const FORBIDDEN_SUB = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
const THROTTLED_SUB = '3b4c5d6e-7f8a-4b9c-8d1e-2f3a4b5c6d7e';
const EMPTY_SUB = '4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f';
/** The later-revision fixture: the DMS NSG allows TCP 443 to ServiceBus, Storage and AzureMonitor only. */
const REVISED_SUB = '5d6e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f9a';
/** forced-tunnel-none under its own subscription: 0.0.0.0/0 to None on the DMS subnet drops DMS's traffic to Azure. */
const ROUTED_SUB = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b';
/** shir-blocked: the current DMS with three storage accounts of the migration. */
const SHIR_SUB = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');

/** A copy of a fixture whose resources are in another subscription (the routing fixtures share SUB's). */
function fixtureIn(fixture: string, subscription: string, dir: string): string {
  const target = path.join(dir, fixture);
  cpSync(path.join(FIXTURES, fixture), target, { recursive: true });
  for (const f of readdirSync(target)) {
    const file = path.join(target, f);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(SUB, subscription));
  }
  return target;
}
const RESULT_TITLE = 'Verification: 2 fail, 1 warn';

// The bot runs as a child process: NODE_EXTRA_CA_CERTS (the local ARM server's certificate) is read only at start.
describeE2e('verify in the Agents Playground against a local ARM server', () => {
  let arm: ArmServer;
  let session: PlaygroundSession;
  let scratch: string;
  const resultCards = () => session.page.locator('.ac-adaptiveCard').filter({ hasText: RESULT_TITLE });

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'verify-e2e-'));
    arm = await startArmServer({
      snapshotDirs: [
        path.join(FIXTURES, 'hybrid-blocked'),
        path.join(FIXTURES, 'later-revision'),
        fixtureIn('forced-tunnel-none', ROUTED_SUB, scratch),
        path.join(FIXTURES, 'shir-blocked'),
      ],
      pageSize: 2,
      extraSubscriptions: [FORBIDDEN_SUB, THROTTLED_SUB, EMPTY_SUB],
      faults: [
        {
          pathMatches: new RegExp(`^/subscriptions/${FORBIDDEN_SUB}/providers/microsoft.network/virtualnetworks$`),
          status: 403,
          action: 'Microsoft.Network/virtualNetworks/read',
        },
        { pathMatches: new RegExp(`^/subscriptions/${THROTTLED_SUB}/`), status: 429 },
      ],
    });
    // Several subscriptions are checked in a row by the one Playground user: no 30 s pause between live reads here.
    session = await startPlaygroundSession({
      ...(arm.childEnv() as Record<string, string>),
      VERIFY_MIN_INTERVAL_SECONDS: '0',
    });
    await session.openConversation('Personal Chat');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await arm?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('answers "checking" at once, then replaces it with the result card: every check, evidence and fix', async () => {
    await session.send(`verify ${SUB}`);
    const card = await session.waitForCard(RESULT_TITLE, 60_000);
    const text = await card.innerText();
    expect(text).toContain('Azure SQL Managed Instance configured for Hybrid workloads (hybrid)');
    expect(text).toContain('sqlmi-hybrid');
    expect(text).toMatch(/❌\s*nsg-management-443/);
    expect(text).toMatch(/⚠️\s*route-forced-tunneling/);
    expect(text).toMatch(/✅\s*mi-subnet/);
    // the deny rule moves after the allow rule its fix adds, never deleted; every fix proven together
    expect(text).toContain(
      'az network nsg rule update -g rg-migration --nsg-name nsg-dms -n deny_internet_https --priority 102',
    );
    expect(text).toContain('After the fixes (6 commands): all pass');
    // The "checking" message was replaced by the result, not left behind.
    expect(await session.page.locator('.ac-adaptiveCard').filter({ hasText: 'Checking subscription' }).count()).toBe(0);
    expect(arm.armRequests().length).toBeGreaterThan(0);
    // Two views of the long card: its top (title, summary, topologies) and its end (the failing checks).
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(existsSync(await session.screenshot('verify-result'))).toBe(true);
    await card.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await session.screenshot('verify-result-end');
  }, 90_000);

  it('"Get the fixes script" sends the proven commands in order, a comment per check', async () => {
    const card = resultCards().last();
    await card.getByRole('button', { name: 'Get the fixes script' }).click();
    const script = await session.waitForCard('Fixes script for managed instance sqlmi-hybrid', 30_000);
    const text = await script.innerText();
    expect(text).toContain('after these 6 commands every check passes');
    expect(text).toContain('set -euo pipefail');
    expect(text).toMatch(/# 1\/6 for route-forced-tunneling\s+az network route-table route create -g rg-migration/);
    expect(text).toMatch(
      /# 6\/6 for nsg-mi-inbound-from-dms\s+az network nsg rule create -g rg-migration --nsg-name nsg-sqlmi/,
    );
    await session.screenshotCard(script, 'verify-fixes-script');
  }, 60_000);

  it('"Verify in Azure" on the plan card verifies the subscriptions this chat verified, from the cache', async () => {
    const readsBefore = arm.armRequests().length;
    const resultsBefore = await resultCards().count();
    await session.send('plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no');
    const plan = await session.waitForCard('Verify in Azure', 30_000);
    await plan.getByRole('button', { name: 'Verify in Azure' }).click();
    const deadline = Date.now() + 30_000;
    while ((await resultCards().count()) <= resultsBefore) {
      if (Date.now() > deadline) throw new Error('no new result card within 30 s of pressing Verify in Azure');
      await new Promise((r) => setTimeout(r, 250));
    }
    const text = await resultCards().last().innerText();
    expect(text).toMatch(/Planned topology\s*Azure SQL Managed Instance configured for Hybrid workloads \(hybrid\)/);
    expect(text).toContain('(cached; Check again reads Azure anew)');
    expect(arm.armRequests().length).toBe(readsBefore);
    await session.screenshot('verify-from-plan-card');
  }, 90_000);

  it('an unknown subscription gives a clear card naming it', async () => {
    await session.send(`verify ${UNKNOWN_SUB}`);
    const card = await session.waitForCard('Subscription not found (404)', 60_000);
    expect(await card.innerText()).toContain(`Subscription ${UNKNOWN_SUB} was not found (SubscriptionNotFound)`);
    await session.screenshot('verify-unknown-subscription');
  }, 90_000);

  it('403 AuthorizationFailed names the missing role and scope, with the role assignment as the fix', async () => {
    await session.send(`verify ${FORBIDDEN_SUB}`);
    const card = await session.waitForCard('The bot may not read this network (403 AuthorizationFailed)', 60_000);
    const text = await card.innerText();
    expect(text).toContain(`Reader on subscription ${FORBIDDEN_SUB} is needed to list virtual networks`);
    expect(text).toContain(`--role Reader --scope /subscriptions/${FORBIDDEN_SUB}`);
    expect(text).not.toMatch(/local-arm-token|Bearer/);
    await session.screenshot('verify-forbidden');
  }, 90_000);

  it('throttling that outlasts the retries gives the throttling card', async () => {
    await session.send(`verify ${THROTTLED_SUB}`);
    const card = await session.waitForCard('Azure is throttling the bot (429)', 80_000);
    expect(await card.innerText()).toContain('wait a minute and try again');
  }, 120_000);

  it('in a team channel, a post that @mentions the bot gets "checking" replaced by the result in its thread', async () => {
    await session.openConversation('General');
    // A subscription set not read before, so the result comes after the turn, as an update in the thread.
    const composer = session.page.locator('[role=textbox][contenteditable=true]').first();
    await session.mentionBot(composer, `verify ${SUB} ${EMPTY_SUB}`);
    await session.page.getByRole('button', { name: 'Post', exact: true }).click();
    const card = await session.waitForCard(RESULT_TITLE, 60_000);
    const text = await card.innerText();
    expect(text).toMatch(/❌\s*nsg-mi-inbound-from-dms/);
    expect(text).toContain('just now');
    expect(await session.page.locator('.ac-adaptiveCard').filter({ hasText: 'Checking subscriptions' }).count()).toBe(
      0,
    );
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await session.screenshot('verify-channel-thread');
  }, 90_000);

  it("9354 and 12000 denied under the article's later revision show as warnings, saying why", async () => {
    await session.openConversation('Announcements');
    const composer = session.page.locator('[role=textbox][contenteditable=true]').first();
    await session.mentionBot(composer, `verify ${REVISED_SUB}`);
    await session.page.getByRole('button', { name: 'Post', exact: true }).click();
    const card = await session.waitForCard('Verification: 2 warn, 1 unknown', 60_000);
    const text = await card.innerText();
    expect(text).toMatch(/⚠️\s*nsg-management-9354/);
    expect(text).toMatch(/⚠️\s*nsg-diagnostics-12000/);
    expect(text).toContain('but TCP 443 to ServiceBus, Storage and AzureMonitor is allowed');
    expect(text).not.toMatch(/❌/);
    // what the fixes leave says how to give the missing input, as the check's own line does
    expect(text).toContain(
      "nsg-sql-source: not decided without an input that was not given. Give the plan's source ranges (rules source-range=CIDR), then select Check again.",
    );
    await session.screenshotCard(card, 'verify-later-revision');
  }, 90_000);

  it('a flow without a route says so on the card, with the route that drops it', async () => {
    await session.openConversation('Personal Chat');
    await session.send(`verify ${ROUTED_SUB}`);
    const card = await session.waitForCard('Verification: 4 fail', 60_000);
    const text = await card.innerText();
    expect(text).toMatch(/❌\s*nsg-management-443: .*no route: route 0\.0\.0\.0\/0 → None/);
    expect(text).toContain('🚫 No route: 0.0.0.0/0 → None (route table rt-dms)');
    expect(text).toMatch(/❌\s*route-forced-tunneling: route table rt-dms sends 0\.0\.0\.0\/0 to None/);
    expect(text).toContain('--address-prefix ServiceBus --next-hop-type Internet');
    await session.screenshotCard(card, 'verify-no-route');
  }, 90_000);

  it('the current DMS: each line of what the fixes leave names its storage account', async () => {
    await session.send(`verify ${SHIR_SUB}`);
    const card = await session.waitForCard('After the fixes (6 commands): 1 check still fails', 60_000);
    const text = await card.innerText();
    expect(text).toMatch(
      /❔\s*shir-upload-path \(storage account stbackupsfw\): not decided without an input that was not given\. The public IP the runtime leaves from is not asked in Teams/,
    );
    expect(text).toMatch(/⚠️\s*shir-upload-path \(storage account stbackupspe\): no change to the network/);
    expect(text).toMatch(/⚠️\s*shir-upload-path \(storage account stbackupspending\): no change to the network/);
    await session.screenshotCard(card, 'verify-current-dms-remaining');
  }, 90_000);
});
