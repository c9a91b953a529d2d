import { PNG } from 'pngjs';
import { DiagramService } from '../../../src/diagram/diagram-service';
import { DiagramImageStore } from '../../../src/diagram/image-store';
import { InMemoryStorage } from '../../../src/storage';
import { cardImages } from '../../support/card-walker';
import { snapshot, SUB, verifyConversation } from './verify-fixtures';

describe('the verify result card draws the verified network', () => {
  it('shows a diagram naming the failing checks, served from the store', async () => {
    const store = new DiagramImageStore(new InMemoryStorage());
    const v = verifyConversation(() => snapshot('hybrid-blocked'), {
      diagrams: new DiagramService(store, 'https://bot.example.net'),
    });
    await v.conversation.send(`verify ${SUB}`);
    await v.settle();
    const image = cardImages(v.updates[0].attachments![0].content)[0];
    expect(image?.altText).toContain('failing in red: nsg-management-443, nsg-mi-inbound-from-dms');
    const id = /diagrams\/([A-Za-z0-9_-]{43})\.png$/.exec(image!.url)![1];
    expect(PNG.sync.read((await store.get(id))!).width).toBe(1000);
  });

  it('still gives the result when the diagram cannot be stored', async () => {
    const broken = new DiagramService(
      { put: () => Promise.reject(new Error('storage down')) } as unknown as DiagramImageStore,
      'https://bot.example.net',
    );
    const v = verifyConversation(() => snapshot('hybrid-blocked'), { diagrams: broken });
    await v.conversation.send(`verify ${SUB}`);
    await v.settle();
    const card = v.updates[0].attachments![0].content;
    expect(cardImages(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Verification: 2 fail, 1 warn');
  });
});
