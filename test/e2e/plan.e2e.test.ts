import type { Locator } from 'playwright-core';
import { QUESTIONS, CURRENT_DMS_TITLE, TOPOLOGIES } from '../../src/planning';
import { e2eAvailable, startPlaygroundSession, type PlaygroundSession } from '../support/playground-session';

const describeE2e = e2eAvailable() ? describe : describe.skip;

describeE2e('plan in the Agents Playground (personal chat, then a team channel thread)', () => {
  let session: PlaygroundSession;

  beforeAll(async () => {
    session = await startPlaygroundSession();
    await session.openConversation('Personal Chat');
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  /** Does `act` and waits for the card the bot posts in reply, the one more card with `replyText` than before. */
  async function replyTo(act: () => Promise<void>, replyText: string): Promise<Locator> {
    const replies = session.page.locator('.ac-adaptiveCard').filter({ hasText: replyText });
    // Earlier cards carry the same texts: only a card posted after the action counts.
    const before = await replies.count();
    await act();
    const deadline = Date.now() + 20_000;
    while ((await replies.count()) <= before) {
      if (Date.now() > deadline) throw new Error(`no new card with "${replyText}"`);
      await session.page.waitForTimeout(100);
    }
    return replies.last();
  }

  /** Clicks a button of a card, as a person would, and waits for the card the bot posts in reply. */
  async function press(card: Locator, name: string, replyText: string): Promise<Locator> {
    return replyTo(() => card.getByRole('button', { name, exact: true }).click(), replyText);
  }

  /** Answers the questions by clicking the buttons of each question card in turn; returns the card after the last. */
  async function answer(first: Locator, steps: [button: string, replyText: string][]): Promise<Locator> {
    let card = first;
    for (const [button, replyText] of steps) card = await press(card, button, replyText);
    return card;
  }

  it('clicks through to the hybrid topology', async () => {
    await session.send('plan');
    const question = await answer(await session.waitForCard(QUESTIONS.source.prompt), [
      ['On-premises', QUESTIONS['cross-subscription'].prompt],
      ['No', QUESTIONS['rbac-limits'].prompt],
    ]);
    expect(await question.innerText()).toContain('Answered so far');
    await session.screenshotCard(question, 'plan-question');
    const card = await answer(question, [
      ['No', QUESTIONS['mi-onprem'].prompt],
      ['Yes', TOPOLOGIES.hybrid.title],
    ]);
    const text = await card.innerText();
    expect(text).toContain('Why this topology');
    expect(text).toContain('Outbound security rules');
    expect(text).toContain('retired on 2026-03-15');
    await card.getByRole('button', { name: 'Post checklist' }).waitFor();
    // The diagram of the planned network: served by the bot, decoded and drawn by the browser.
    const diagram = card.locator('img[src*="/diagrams/"]').first();
    await diagram.waitFor();
    await diagram
      .page()
      .waitForFunction(
        (img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth === 1000,
        await diagram.elementHandle(),
        { timeout: 10_000 },
      );
    expect(await diagram.getAttribute('alt')).toContain('Diagram of Azure SQL Managed Instance configured for Hybrid');
    await session.screenshotCard(card, 'plan-hybrid');
  }, 90_000);

  it('changes the rule parameters with the form on the recommendation card', async () => {
    const recommendation = await session.waitForCard(TOPOLOGIES.hybrid.title);
    await recommendation.getByRole('button', { name: 'Change rule parameters' }).click();
    await recommendation.getByLabel('DMS subnet (IPv4 CIDR)').fill('10.0.1.0/33');
    await recommendation.getByLabel(/Source address ranges/).fill('192.168.0.0/16, 172.16.4.0/24');
    const form = await press(recommendation, 'Update rules', 'Some rule parameters need fixing');
    expect(await form.innerText()).toContain("'10.0.1.0/33' is not an IPv4 CIDR such as 10.0.1.0/24");
    await session.screenshotCard(form, 'plan-rules-form-error');
    await form.getByLabel('DMS subnet (IPv4 CIDR)').fill('10.0.1.0/24');
    const rules = await press(form, 'Update rules', 'NSG rules for the topology');
    expect(await rules.innerText()).toContain('172.16.4.0/24');
    await session.screenshotCard(rules, 'plan-rules');
    const cli = await press(rules, 'Azure CLI', 'Azure CLI: NSG rules');
    expect(await cli.innerText()).toContain('az network nsg rule create');
    await session.screenshotCard(cli, 'plan-export-azcli');
  }, 90_000);

  it('starts over and clicks through to the cloud-to-cloud isolated topology', async () => {
    const first = await press(
      await session.waitForCard('NSG rules for the topology'),
      'Start over',
      QUESTIONS.source.prompt,
    );
    const card = await answer(first, [
      ['Azure VM', QUESTIONS['cross-subscription'].prompt],
      ['No', QUESTIONS['rbac-limits'].prompt],
      ['Yes', TOPOLOGIES['cloud-isolated-vnet'].title],
    ]);
    const text = await card.innerText();
    expect(text).toContain('VNet network peering');
    // The rule parameters given before starting over stay.
    expect(text).toContain('10.0.1.0/24');
    await session.screenshotCard(card, 'plan-cloud-isolated-vnet');
  }, 90_000);

  it('plans in a team channel thread started with an @mention, by clicking the cards in the thread', async () => {
    await session.openConversation('General');
    await session.mentionBot(session.page.locator('[role=textbox][contenteditable=true]').first(), 'plan');
    const first = await replyTo(
      () => session.page.getByRole('button', { name: 'Post', exact: true }).click(),
      QUESTIONS.source.prompt,
    );
    const card = await answer(first, [
      ['On-premises', QUESTIONS['cross-subscription'].prompt],
      ['Yes', TOPOLOGIES['mi-isolated'].title],
    ]);
    const text = await card.innerText();
    expect(text).toContain('VNet network peering');
    expect(text).toMatch(/Yes \(Alex Wilber\)/);
    await session.screenshotCard(card, 'plan-channel-mi-isolated');
  }, 90_000);

  it("goes from the classic plan's retirement notice to the plan for the current DMS, and switches its options", async () => {
    const recommendation = session.page.locator('.ac-adaptiveCard').filter({ hasText: 'retired on 2026-03-15' }).last();
    const shir = await press(recommendation, 'Plan for the current DMS', CURRENT_DMS_TITLE);
    const text = await shir.innerText();
    expect(text).toContain('*.frontend.clouddatahub.net');
    expect(text).toContain('on an SMB share (the runtime uploads them)');
    await session.screenshotCard(shir, 'plan-today-dms');
    const privateEndpoint = await press(shir, 'Use a private endpoint', 'through a private endpoint');
    expect(await privateEndpoint.innerText()).toContain('privatelink.blob.core.windows.net');
    await session.screenshotCard(privateEndpoint, 'plan-today-dms-private-endpoint');
    // the source version question: SQL Server 2014 leaves only blob backups
    expect(await privateEndpoint.innerText()).toContain('Which SQL Server version is the source?');
    const old = await press(privateEndpoint, 'SQL Server 2014', 'only blob backups are offered');
    expect(await old.innerText()).toContain('already in Azure Blob Storage');
    expect(await old.getByRole('button', { name: 'Backups on an SMB share', exact: true }).count()).toBe(0);
    await session.screenshotCard(old, 'plan-today-dms-sql-2014');
  }, 90_000);
});
