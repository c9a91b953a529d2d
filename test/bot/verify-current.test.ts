import { cardText } from '../support/bot-harness';
import { snapshot, SUB, verifyConversation } from './verify-fixtures';

async function verifyText(fixture: string, text = `verify ${SUB}`): Promise<string> {
  const v = verifyConversation(() => snapshot(fixture));
  await v.conversation.send(text);
  await v.settle();
  return cardText(v.updates[0].attachments![0].content);
}

describe("verify for today's DMS (sqlMigrationServices)", () => {
  it('takes the shir path on its own when the subscriptions hold no classic DMS, and passes a ready setup', async () => {
    const text = await verifyText('shir-ok');
    expect(text).toContain("Today's Azure Database Migration Service with a self-hosted integration runtime (shir)");
    expect(text).toContain('integration-runtime-state');
    expect(text).toContain('storage-network-access');
    expect(text).toContain('Verification: nothing blocks the migration');
  });

  it('fails a runtime that is not online and a storage account the MI cannot reach, with the fixes', async () => {
    const text = await verifyText('shir-blocked');
    expect(text).toMatch(/❌ \nintegration-runtime-state/);
    expect(text).toMatch(/❌ \nstorage-network-access/);
    expect(text).toContain('az datamigration');
    expect(text).toMatch(/Verification: \d+ fail/);
  });
});
