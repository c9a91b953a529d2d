import { CURRENT_DMS_TITLE, SQL_SERVER_VERSIONS, TOPOLOGIES } from '../../../src/planning';
import { InMemoryStorage } from '../../../src/storage';
import { firstCard, startConversation } from '../../support/bot-harness';
import { click, say, storedPlan } from './plan-conversation';
import { cardText, submitActions } from '../../support/card-walker';

describe('plan for the current DMS (topology shir)', () => {
  it('plan dms=current gives the runtime plan: what it must reach, and how MI reads the backups', async () => {
    const text = cardText(await say(startConversation(), 'plan dms=current'));
    expect(text).toContain(CURRENT_DMS_TITLE);
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
    expect(cardText(await click(conversation, recommendation, 'Plan for the current DMS'))).toContain(
      CURRENT_DMS_TITLE,
    );
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
      (await startConversation().submit({ verb: 'plan.current-dms', backups: 'tape' }))[0].attachments![0].content,
    );
    expect(text).toContain('This card could not be read');
  });
});

describe('plan for the current DMS: the source version question', () => {
  const buttonsOf = (card: unknown): string[] =>
    submitActions(card)
      .map((a) => a.title)
      .filter((t) => t.startsWith('SQL Server'));
  const stored = async (storage: InMemoryStorage) => storage.read(['plan/conv-1/current-dms']);

  it('asks the version with a button per version; the fact says it is not given yet', async () => {
    const card = await say(startConversation(), 'plan dms=current');
    expect(buttonsOf(card)).toEqual(SQL_SERVER_VERSIONS.map((v) => `SQL Server ${v}`));
    expect(cardText(card)).toContain('Which SQL Server version is the source?');
    expect(cardText(card)).toContain('not given yet: choose it below');
  });

  it.each(['2012', '2014'])('SQL Server %s: only blob backups are offered, with the reason', async (version) => {
    const conversation = startConversation();
    const first = await say(conversation, 'plan dms=current');
    const card = await click(conversation, first, `SQL Server ${version}`);
    const text = cardText(card);
    expect(text).toContain(`SQL Server ${version}`);
    expect(text).toContain('already in Azure Blob Storage');
    expect(text).toMatch(/page blobs: DMS cannot take them from an SMB share, so only blob backups are offered/);
    expect(JSON.stringify(card)).not.toContain('Backups on an SMB share');
    expect(text).not.toContain('download.microsoft.com');
  });

  it('SQL Server 2019 keeps the SMB choice; the chosen version is marked', async () => {
    const conversation = startConversation();
    const card = await click(conversation, await say(conversation, 'plan dms=current'), 'SQL Server 2019');
    expect(cardText(card)).toContain('on an SMB share (the runtime uploads them)');
    expect(JSON.stringify(card)).toContain('Backups already in Blob Storage');
    expect(JSON.stringify(card)).toMatch(/"title":"SQL Server 2019","style":"positive"/);
  });

  it('a typed 2014 with backups=smb is refused naming both; without backups it plans blob', async () => {
    const storage = new InMemoryStorage();
    const conversation = startConversation({ storage });
    const refused = cardText(await say(conversation, 'plan dms=current source-version=2014 backups=smb'));
    expect(refused).toContain(
      'source-version=2014 needs backups=blob: SQL Server 2014 cannot use backups on an SMB share',
    );
    expect(await stored(storage)).toEqual({});
    const blob = cardText(
      await say(conversation, 'plan dms=current source-version=2014 storage-auth=managed-identity'),
    );
    expect(blob).toContain('already in Azure Blob Storage');
    expect(blob).toContain('its managed identity');
    expect(await stored(storage)).toEqual({
      'plan/conv-1/current-dms': expect.objectContaining({ backups: 'blob', sourceVersion: '2014' }),
    });
  });

  it.each(['plan.current-dms', 'plan.current'])(
    'the buttons send plan.current-dms; %s (plan.current is its former name) shows the plan for the current DMS',
    async (verb) => {
      const conversation = startConversation();
      const card = await say(conversation, 'plan dms=current');
      expect(submitActions(card).find((a) => a.title === 'SQL Server 2019')?.data.verb).toBe('plan.current-dms');
      const reply = firstCard(await conversation.submit({ verb, backups: 'blob' }));
      expect(cardText(reply)).toContain('Plan for the current Azure Database Migration Service');
    },
  );

  it('refuses a changed button that asks SMB for SQL Server 2012 and stores nothing', async () => {
    const storage = new InMemoryStorage();
    const conversation = startConversation({ storage });
    const reply = await conversation.submit({ verb: 'plan.current', backups: 'smb', sourceVersion: '2012' });
    expect(cardText(reply[0].attachments![0].content)).toContain('source-version=2012 needs backups=blob');
    expect(await stored(storage)).toEqual({});
  });
});

describe('classic plan with the source on an Azure VM', () => {
  it('the rules name the source VM, not the on-premises address space, and drop the site-to-site note', async () => {
    const text = cardText(
      await say(startConversation(), 'plan source=azure-vm cross-subscription=no rbac-limits=no same-vnet=no'),
    );
    expect(text).toContain(TOPOLOGIES['cloud-isolated-vnet'].title);
    expect(text).toContain('Source VM address');
    expect(text).not.toContain('On-premises address space');
    expect(text).not.toMatch(/site-to-site connectivity, you may not need this rule/);
  });
});
