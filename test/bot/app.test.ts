import { InMemoryStorage, StorageUnavailableError } from '../../src/storage';
import { channelMention, firstCard, startConversation } from '../support/bot-harness';
import { cardText } from '../support/card-walker';

describe('bot routes', () => {
  it('removes the bot @mention in channels before matching', async () => {
    const conversation = startConversation();
    const replies = await conversation.process(channelMention('help', '19:channel@thread.tacv2;messageid=1'));
    expect(cardText(firstCard(replies))).toContain('Show this list.');
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
