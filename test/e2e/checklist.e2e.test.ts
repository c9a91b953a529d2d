import * as path from 'node:path';
import { TOPOLOGIES } from '../../src/planning';
import { startArmServer, type ArmServer } from '../support/arm-server';
import { e2eAvailable, startPlaygroundSession, type PlaygroundSession } from '../support/playground-session';

const describeE2e = e2eAvailable() ? describe : describe.skip;

const ONE_LINE_PLAN = 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no';
/** The Playground's signed-in user. */
const PLAYGROUND_USER = 'Alex Wilber';
/** The subscription of the hybrid-blocked snapshot: TCP 443 to ServiceBus denied on the DMS subnet. */
const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

describeE2e('checklist in the Agents Playground (personal chat → team channel thread)', () => {
  let session: PlaygroundSession;
  let arm: ArmServer;

  beforeAll(async () => {
    arm = await startArmServer({
      snapshotDirs: [path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid-blocked')],
    });
    session = await startPlaygroundSession(arm.childEnv() as Record<string, string>);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await arm?.close();
  });

  it('posts the plan checklist from the personal chat into a new thread of General', async () => {
    // Opening the team installs the bot there: the bot saves the team's reference.
    await session.openConversation('General');
    await session.waitForCard('Welcome to Migration Network Advisor');

    await session.openConversation('Personal Chat');
    await session.send(ONE_LINE_PLAN);
    const recommendation = await session.waitForCard(TOPOLOGIES.hybrid.title);
    await recommendation.getByRole('button', { name: 'Post checklist' }).click();

    const offer = await session.waitForCard('Post the checklist to a team channel');
    expect(await offer.innerText()).toContain('My Team › Announcements');
    await offer.getByText('My Team › General', { exact: true }).click();
    await session.screenshotCard(offer, 'checklist-choose-channel');
    await offer.getByRole('button', { name: 'Post to channel' }).click();
    await session.waitForCard('Posted the checklist to My Team › General as a new thread.');

    await session.openConversation('General');
    const checklist = await session.waitForCard(/0 of \d+ done/);
    const text = await checklist.innerText();
    expect(text).toContain(TOPOLOGIES.hybrid.title);
    expect(text).toContain('Create the DMS subnet');
    expect(text).toContain('port 443, 9354');
    await session.page.getByText(`posted by ${PLAYGROUND_USER}`).first().waitFor();
    await session.screenshot('checklist-thread-page');
    await session.screenshotCard(checklist, 'checklist-posted-in-thread');
  }, 120_000);

  it('ticks two items and sees who ticked them, and ticking again unticks', async () => {
    const first = await session.waitForCard(/0 of \d+ done/);
    await first.getByRole('button', { name: 'Tick', exact: true }).first().click();
    const one = await session.waitForCard(/1 of \d+ done/);
    await one.getByRole('button', { name: 'Tick', exact: true }).first().click();
    const two = await session.waitForCard(/2 of \d+ done/);
    const text = await two.innerText();
    expect(
      text.match(new RegExp(`Ticked by ${PLAYGROUND_USER} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)`, 'g')),
    ).toHaveLength(2);
    await session.screenshotCard(two, 'checklist-two-ticked');

    // The first item's button: 'Untick' on the card answered to this user, 'Tick / untick' on the shared one.
    await two
      .getByRole('button', { name: /untick/i })
      .first()
      .click();
    const back = await session.waitForCard(/1 of \d+ done/);
    expect(await back.innerText()).toContain(`Ticked by ${PLAYGROUND_USER}`);
    await session.screenshotCard(back, 'checklist-unticked-one');
  }, 90_000);

  it('plans in a new channel post with an @mention and posts the checklist in its thread', async () => {
    await session.openConversation('General');
    await session.mentionBot(session.page.locator('[role=textbox][contenteditable=true]').first(), ONE_LINE_PLAN);
    await session.page.getByRole('button', { name: 'Post', exact: true }).click();
    // The recommendation card, not the earlier thread's checklist (which carries the same title).
    const recommendation = await session.waitForCard('Why this topology');
    const thread = session.page
      .locator('div')
      .filter({ has: recommendation })
      .filter({ has: session.page.locator('[role=textbox]') })
      .last();
    await session.mentionBot(thread.locator('[role=textbox][contenteditable=true]').last(), 'checklist');
    await session.page.keyboard.press('Enter');
    const checklist = await session.waitForCard(/0 of \d+ done/);
    expect(await checklist.innerText()).toContain(TOPOLOGIES.hybrid.title);
    await checklist.scrollIntoViewIfNeeded();
    await session.screenshot('checklist-channel-mention');

    // A tick stands for what was ticked: a new DMS subnet makes the subnet item "changed since ticked", not done.
    const threadCard = (text: RegExp) => thread.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    await checklist.getByRole('button', { name: 'Tick', exact: true }).first().click();
    await threadCard(/1 of \d+ done/).waitFor({ timeout: 20_000 });
    await session.mentionBot(
      thread.locator('[role=textbox][contenteditable=true]').last(),
      'rules dms-subnet=10.20.40.0/27',
    );
    await session.page.keyboard.press('Enter');
    await threadCard(/10\.20\.40\.0\/27/).waitFor({ timeout: 20_000 });
    await session.mentionBot(thread.locator('[role=textbox][contenteditable=true]').last(), 'checklist');
    await session.page.keyboard.press('Enter');
    const changed = threadCard(/Changed since ticked by/);
    await changed.waitFor({ timeout: 20_000 });
    const text = await changed.innerText();
    expect(text).toMatch(new RegExp(`Changed since ticked by ${PLAYGROUND_USER} \\(.*UTC\\): not done`));
    expect(text).toMatch(/\b0 of \d+ done/);
    expect(text).toContain('Create the DMS subnet (10.20.40.0/27)');
    await session.screenshotCard(changed, 'checklist-changed-since-ticked');
  }, 120_000);

  it('shows the az command of an NSG item, and after a verify: confirmed items and a tick verify contradicts', async () => {
    await session.openConversation('Personal Chat');
    await session.send('checklist');
    const posted = await session.waitForCard(/0 of \d+ done/);
    expect(await posted.innerText()).toContain('Why: ');
    // Tick the subnet (first) and the management rule (fifth item).
    await posted.getByRole('button', { name: 'Tick', exact: true }).first().click();
    const one = await session.waitForCard(/1 of \d+ done/);
    await one.getByRole('button', { name: 'Tick', exact: true }).nth(3).click();
    const ticked = await session.waitForCard(/2 of \d+ done/);
    await ticked.getByRole('button', { name: 'Show az command' }).nth(1).click();
    await ticked.getByText(/az network nsg rule create .*--name management/).waitFor();
    await session.screenshotCard(ticked, 'checklist-before-verify');

    await session.send(`verify ${SUB}`);
    await session.waitForCard('Verification: 2 fail, 1 warn', 60_000);
    const after = await session.waitForCard(/but verify found/, 30_000);
    const text = await after.innerText();
    expect(text).toMatch(new RegExp(`Ticked by ${PLAYGROUND_USER} \\(.*UTC\\), but verify found \\(.*UTC\\): .*443`));
    expect(text).toMatch(/Confirmed in Azure at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(text).toMatch(/1 of \d+ done, \d+ confirmed in Azure/);
    await session.screenshotCard(after, 'checklist-after-verify');
  }, 120_000);

  it('assigns an owner from the members of the conversation, shown on the item and named in the thread', async () => {
    const card = await session.waitForCard(/but verify found/);
    await card.getByRole('button', { name: 'Assign an owner' }).click();
    // Fluent UI comboboxes: open one, then choose its option (listed outside the card).
    const choose = async (index: number, option: string | RegExp) => {
      await card.getByRole('combobox').nth(index).click();
      await session.page.getByRole('option', { name: option }).first().click();
    };
    await choose(0, /^Create an NSG with the rules below/);
    await choose(1, PLAYGROUND_USER);
    await card.getByRole('button', { name: 'Assign', exact: true }).click();
    const owned = await session.waitForCard(new RegExp(`Owner: ${PLAYGROUND_USER} \\(assigned by ${PLAYGROUND_USER}`));
    // The message as the chat renders it: the @mention as a name (the chat list and the log panel show the raw text).
    const mention = session.page
      .getByText(/owns "Create an NSG with the rules below/)
      .filter({ hasNotText: '<at>' })
      .first();
    await mention.waitFor();
    expect(await mention.innerText()).toContain(`${PLAYGROUND_USER} owns "Create an NSG`);
    expect(await owned.innerText()).toMatch(/Owner: .*\(assigned by .*UTC\)/);
    await session.screenshot('checklist-owner-assigned-page');
    await session.screenshotCard(owned, 'checklist-owner-assigned');
  }, 60_000);
});
