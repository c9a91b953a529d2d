import { snapshot, SUB, verifyConversation } from './verify-fixtures';
import { cardText } from '../../support/card-walker';

async function verifyText(fixture: string, text = `verify ${SUB}`): Promise<string> {
  const v = verifyConversation(() => snapshot(fixture));
  await v.conversation.send(text);
  await v.settle();
  return cardText(v.updates[0].attachments![0].content);
}

describe('verify for the current DMS (sqlMigrationServices)', () => {
  it('takes the shir path on its own when the subscriptions hold no classic DMS, and passes a ready setup', async () => {
    const text = await verifyText('shir-ok');
    expect(text).toContain(
      'The current Azure Database Migration Service with a self-hosted integration runtime (shir)',
    );
    expect(text).toContain('integration-runtime-state');
    expect(text).toContain('storage-network-access');
    // SMB backups assumed: the runtime's way into the accounts is only partly known, nothing fails
    expect(text).toContain('Verification: 1 warn, 1 unknown');
    const v = verifyConversation(() => snapshot('shir-ok'));
    await v.conversation.send('plan dms=current backups=blob');
    await v.conversation.send(`verify ${SUB}`);
    await v.settle();
    expect(cardText(v.updates[0].attachments![0].content)).toContain('Verification: nothing blocks the migration');
  });

  it('fails a runtime that is not online and a storage account the MI cannot reach, with the fixes', async () => {
    const text = await verifyText('shir-blocked');
    expect(text).toMatch(/❌ \nintegration-runtime-state/);
    expect(text).toMatch(/❌ \nstorage-network-access/);
    expect(text).toContain('az datamigration');
    expect(text).toMatch(/Verification: \d+ fail/);
  });
});

describe("bot verify for the current DMS uses the conversation's plan", () => {
  it('backups planned in Blob Storage: the runtime is not needed, said in one line; no upload path check', async () => {
    const v = verifyConversation(() => snapshot('shir-blocked'));
    await v.conversation.send('plan dms=current backups=blob');
    await v.conversation.send(`verify ${SUB}`);
    await v.settle();
    const text = cardText(v.updates[0].attachments![0].content);
    expect(text).toContain('the current DMS, as planned here: backups already in Blob Storage');
    expect(text).toMatch(/needs no self-hosted integration runtime, so its state \(NeedRegistration\) does not block/);
    expect(text).not.toContain('shir-upload-path');
  });

  it('without a plan for the current DMS, SMB backups are assumed and the card says so', async () => {
    const text = await verifyText('shir-blocked');
    expect(text).toContain('backups on an SMB share (no plan dms=current in this conversation)');
    expect(text).toContain('shir-upload-path');
    expect(text).toContain('storage-key-access');
  });
});
