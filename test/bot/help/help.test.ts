import { ActivityTypes } from 'botbuilder';
import { firstCard, startConversation } from '../../support/bot-harness';
import { cardText } from '../../support/card-walker';

describe('help', () => {
  it.each(['help', 'HELP', '/help', '  Help  ', 'help me'])('answers %p with the help card', async (text) => {
    const replies = await startConversation().send(text);
    const text_ = cardText(firstCard(replies));
    expect(text_).toContain('Migration Network Advisor');
    for (const command of ['plan', 'rules', 'checklist', 'verify', 'help']) expect(text_).toContain(`**${command}**`);
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

describe('the fallback: never silence', () => {
  it.each(['helpful', 'hello', 'xyz'])('gives a hint for unknown text %p, never silence', async (text) => {
    const replies = await startConversation().send(text);
    expect(cardText(firstCard(replies))).toContain('Type help');
  });

  it('says a card action it does not know changed nothing', async () => {
    const replies = await startConversation().submit({ verb: 'no-such-verb', x: 1 });
    expect(cardText(firstCard(replies))).toContain('Nothing was changed');
  });
});
