import { ActivityTypes, type Activity } from 'botbuilder';
import { listTeamReferences, rememberInstallation } from '../../../src/bot/checklist/conversation-references';
import { FileStorage, InMemoryStorage } from '../../../src/storage';
import { useTempDirs } from '../../storage/temp-dir';

const BOT = { id: '28:bot', name: 'Migration Network Advisor' };
const NOW = new Date('2026-11-26T11:00:00.000Z');

function inTeam(teamId: string, fields: Partial<Activity>, tenant = 't1'): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/emea/',
    recipient: BOT,
    from: { id: '29:alice', name: 'Alice' },
    conversation: { id: teamId, isGroup: true, conversationType: 'channel', tenantId: tenant, name: '' },
    channelData: { team: { id: teamId, name: `Team ${teamId}` }, tenant: { id: tenant } },
    ...fields,
  };
}

const installed = (teamId: string, tenant = 't1') =>
  inTeam(teamId, { type: ActivityTypes.InstallationUpdate, action: 'add' }, tenant);

describe('team references', () => {
  it('saves the team on install (installationUpdate or the bot among membersAdded) with what a proactive post needs', async () => {
    const storage = new InMemoryStorage();
    expect(await rememberInstallation(storage, installed('team-a'), NOW)).toBe('saved');
    expect(
      await rememberInstallation(
        storage,
        inTeam('team-b', { type: ActivityTypes.ConversationUpdate, membersAdded: [BOT] }),
      ),
    ).toBe('saved');
    const saved = await listTeamReferences(storage, 't1');
    expect(saved.map((r) => r.teamName).sort()).toEqual(['Team team-a', 'Team team-b']);
    expect(saved.find((r) => r.teamId === 'team-a')).toMatchObject({
      conversationId: 'team-a',
      tenantId: 't1',
      savedAt: NOW.toISOString(),
      reference: { serviceUrl: 'https://smba.example/emea/', bot: BOT, conversation: { id: 'team-a' } },
    });
  });

  it('ignores other members joining, personal chats and group chats', async () => {
    const storage = new InMemoryStorage();
    const person = inTeam('team-a', {
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: '29:bob', name: 'Bob' }],
    });
    expect(await rememberInstallation(storage, person)).toBe('none');
    const personal: Partial<Activity> = {
      type: ActivityTypes.InstallationUpdate,
      action: 'add',
      recipient: BOT,
      conversation: { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '' },
      channelData: { tenant: { id: 't1' } },
    };
    expect(await rememberInstallation(storage, personal)).toBe('none');
    expect(await listTeamReferences(storage, 't1')).toEqual([]);
  });

  it('keys a team by its channel, not by the thread an event came from', async () => {
    const storage = new InMemoryStorage();
    const fromThread = installed('team-a');
    fromThread.conversation = { ...fromThread.conversation!, id: 'team-a;messageid=17' };
    await rememberInstallation(storage, fromThread);
    const [saved] = await listTeamReferences(storage, 't1');
    expect(saved.conversationId).toBe('team-a');
    expect(saved.reference.conversation?.id).toBe('team-a');
  });

  it('removes the team on uninstall (installationUpdate remove, or the bot among membersRemoved), and only that team', async () => {
    const storage = new InMemoryStorage();
    await rememberInstallation(storage, installed('team-a'));
    await rememberInstallation(storage, installed('team-b'));
    await rememberInstallation(storage, installed('team-c'));
    expect(
      await rememberInstallation(
        storage,
        inTeam('team-a', { type: ActivityTypes.InstallationUpdate, action: 'remove' }),
      ),
    ).toBe('removed');
    expect(
      await rememberInstallation(
        storage,
        inTeam('team-b', { type: ActivityTypes.ConversationUpdate, membersRemoved: [BOT] }),
      ),
    ).toBe('removed');
    expect((await listTeamReferences(storage, 't1')).map((r) => r.teamId)).toEqual(['team-c']);
  });

  it("lists only the asking user's tenant", async () => {
    const storage = new InMemoryStorage();
    await rememberInstallation(storage, installed('team-a', 't1'));
    await rememberInstallation(storage, installed('team-z', 't2'));
    expect((await listTeamReferences(storage, 't2')).map((r) => r.teamId)).toEqual(['team-z']);
  });

  it('loses no install when many teams add the bot at once', async () => {
    const storage = new InMemoryStorage();
    await Promise.all(Array.from({ length: 30 }, (_, i) => rememberInstallation(storage, installed(`team-${i}`))));
    expect(await listTeamReferences(storage, 't1')).toHaveLength(30);
  });

  const newDir = useTempDirs('references-');
  it('survives a restart on file storage', async () => {
    const dir = newDir();
    await rememberInstallation(new FileStorage(dir), installed('team-a'));
    const afterRestart = await listTeamReferences(new FileStorage(dir), 't1');
    expect(afterRestart.map((r) => r.teamId)).toEqual(['team-a']);
  });
});
