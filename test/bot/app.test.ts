import { ActivityTypes } from 'botbuilder';
import { InMemoryStorage, StorageUnavailableError } from '../../src/storage';
import { firstCard, startConversation } from '../support/bot-harness';
import { cardText } from '../support/card-walker';

describe('bot routes', () => {
  it.each(['help', 'HELP', '/help', '  Help  ', 'help me'])('answers %p with the help card', async (text) => {
    const replies = await startConversation().send(text);
    const text_ = cardText(firstCard(replies));
    expect(text_).toContain('Migration Network Advisor');
    for (const command of ['plan', 'rules', 'checklist', 'verify', 'help']) expect(text_).toContain(`**${command}**`);
  });

  it('removes the bot @mention in channels before matching', async () => {
    const conversation = startConversation();
    const replies = await conversation.process({
      type: ActivityTypes.Message,
      text: '<at>Migration Network Advisor</at> help',
      from: { id: 'u1', name: 'U' },
      recipient: { id: 'bot', name: 'Migration Network Advisor' },
      entities: [
        {
          type: 'mention',
          text: '<at>Migration Network Advisor</at>',
          mentioned: { id: 'bot', name: 'Migration Network Advisor' },
        },
      ],
      conversation: { id: '19:channel@thread.tacv2;messageid=1', isGroup: true, conversationType: 'channel', name: '' },
    });
    expect(cardText(firstCard(replies))).toContain('Show this list.');
  });

  it.each(['helpful', 'hello', 'xyz'])('gives a hint for unknown text %p, never silence', async (text) => {
    const replies = await startConversation().send(text);
    expect(cardText(firstCard(replies))).toContain('Type help');
  });

  it('says a card action it does not know changed nothing', async () => {
    const replies = await startConversation().submit({ verb: 'no-such-verb', x: 1 });
    expect(cardText(firstCard(replies))).toContain('Nothing was changed');
  });

  it('welcomes when the bot itself is added, and only then', async () => {
    const conversation = startConversation();
    const bot = { id: 'bot', name: 'Migration Network Advisor' };
    const added = await conversation.process({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [bot],
      recipient: bot,
      from: { id: 'u1', name: 'U' },
    });
    expect(cardText(firstCard(added))).toContain('Welcome to Migration Network Advisor');
    const someoneElse = await conversation.process({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'u2', name: 'New person' }],
      recipient: bot,
      from: { id: 'u1', name: 'U' },
    });
    expect(someoneElse).toEqual([]);
  });
});

describe('errors inside a turn', () => {
  it('tells the user storage is unavailable and to retry, with the reference, when a plan cannot be read', async () => {
    const storage = new InMemoryStorage();
    storage.read = () => Promise.reject(new StorageUnavailableError('read', 'ECONNREFUSED'));
    const text = cardText(firstCard(await startConversation({ storage }).send('plan')));
    expect(text).toContain('Storage is unavailable right now');
    expect(text).toContain('Nothing was saved; please retry.');
    expect(text).toMatch(/Reference: [0-9a-f-]{36}/);
  });

  it('gives a short error card with a reference and no internals for anything else', async () => {
    const storage = new InMemoryStorage();
    storage.read = () => Promise.reject(new Error('secret internals at /srv/app.js:12'));
    const text = cardText(firstCard(await startConversation({ storage }).send('plan')));
    expect(text).toContain('Something went wrong');
    expect(text).not.toContain('internals');
    expect(text).toMatch(/Reference: [0-9a-f-]{36}/);
  });
});
