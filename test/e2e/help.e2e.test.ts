import { existsSync } from 'node:fs';
import { e2eAvailable, startPlaygroundSession, type PlaygroundSession } from '../support/playground-session';

const describeE2e = e2eAvailable() ? describe : describe.skip;

describeE2e('help in the Agents Playground (Teams channel)', () => {
  let session: PlaygroundSession;

  beforeAll(async () => {
    session = await startPlaygroundSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('answers help in the personal chat with the help card', async () => {
    await session.openConversation('Personal Chat');
    await session.send('help');
    const card = await session.waitForCard('Show this list.');
    const text = await card.innerText();
    for (const command of ['plan', 'rules', 'checklist', 'verify 00000000-0000-0000-0000-000000000000', 'help']) {
      expect(text).toContain(command);
    }
    const shot = await session.screenshot('help-personal-chat');
    expect(existsSync(shot)).toBe(true);
  }, 60_000);

  it('quotes unknown text literally: Markdown typed into it is no link, no bold in the hint card', async () => {
    await session.openConversation('Personal Chat');
    await session.send('[click me](https://evil.example/phish) **bold** _it_');
    const card = await session.waitForCard('I did not understand');
    expect(await card.innerText()).toContain('"[click me](https://evil.example/phish) **bold** _it_"');
    expect(await card.locator('a, strong, b, em').count()).toBe(0);
    await session.screenshotCard(card, 'hint-literal-markdown');
  }, 60_000);

  it('welcomes the team in its channel when installed', async () => {
    await session.openConversation('General');
    const card = await session.waitForCard('Welcome to Migration Network Advisor');
    expect(await card.innerText()).toContain('Try:');
    await session.screenshot('welcome-team-channel');
  }, 60_000);
});
