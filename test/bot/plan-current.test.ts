import { SHIR_TITLE, TOPOLOGIES } from '../../src/planning';
import { InMemoryStorage } from '../../src/storage';
import { cardText, startConversation } from '../support/bot-harness';
import { click, say, storedPlan } from './plan-conversation';

describe("plan for today's DMS (topology shir)", () => {
  it('plan dms=current gives the runtime plan: what it must reach, and how MI reads the backups', async () => {
    const text = cardText(await say(startConversation(), 'plan dms=current'));
    expect(text).toContain(SHIR_TITLE);
    expect(text).toContain('on an SMB share (the runtime uploads them)');
    expect(text).toContain('through the storage firewall');
    for (const name of ['*.frontend.clouddatahub.net', '*.core.windows.net', 'download.microsoft.com']) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/445/);
  });

  it('takes the options in one line, and the buttons switch them', async () => {
    const conversation = startConversation();
    const card = await say(conversation, 'plan dms=current backups=blob storage-private-endpoint=yes');
    const text = cardText(card);
    expect(text).toContain('already in Azure Blob Storage');
    expect(text).toContain('through a private endpoint');
    expect(text).toContain('privatelink.blob.core.windows.net');
    expect(text).not.toContain('download.microsoft.com');
    const smb = cardText(await click(conversation, card, 'Backups on an SMB share'));
    expect(smb).toContain('on an SMB share (the runtime uploads them)');
    expect(smb).toContain('through a private endpoint');
    const firewall = cardText(await click(conversation, card, 'Use the storage firewall'));
    expect(firewall).toContain('already in Azure Blob Storage');
    expect(firewall).toContain('through the storage firewall');
  });

  it("is one click away from the classic recommendation's retirement notice", async () => {
    const conversation = startConversation();
    const recommendation = await say(conversation, 'plan source=onprem cross-subscription=yes');
    expect(cardText(recommendation)).toContain('retired on 2026-03-15');
    expect(cardText(await click(conversation, recommendation, "Plan for today's DMS"))).toContain(SHIR_TITLE);
  });

  it('still plans classic DMS with dms=classic', async () => {
    const text = cardText(await say(startConversation(), 'plan dms=classic source=onprem cross-subscription=yes'));
    expect(text).toContain(TOPOLOGIES['mi-isolated'].title);
  });

  it('names every bad option and stores nothing', async () => {
    const storage = new InMemoryStorage();
    const conversation = startConversation({ storage });
    const before = await storedPlan(storage);
    const text = cardText(await say(conversation, 'plan dms=current backups=tape color=blue storage-private-endpoint'));
    expect(text).toContain('backups=tape is not a choice: use smb or blob.');
    expect(text).toContain("Unknown key 'color'");
    expect(text).toContain("'storage-private-endpoint' is not key=value");
    expect(await storedPlan(storage)).toBe(before);
  });

  it('refuses a tampered option button', async () => {
    const text = cardText(
      (await startConversation().submit({ verb: 'plan.current', backups: 'tape' }))[0].attachments![0].content,
    );
    expect(text).toContain('This card could not be read');
  });
});
