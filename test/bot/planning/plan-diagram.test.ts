import { PNG } from 'pngjs';
import { DiagramService } from '../../../src/diagram/diagram-service';
import { DiagramImageStore } from '../../../src/diagram/image-store';
import { InMemoryStorage } from '../../../src/storage';
import { startConversation } from '../../support/bot-harness';
import { say } from './plan-conversation';
import { cardImages } from '../../support/card-walker';

describe('the recommendation card draws the planned network', () => {
  it('shows the diagram as an Image with alt text, served from the store under an unguessable id', async () => {
    const storage = new InMemoryStorage();
    const store = new DiagramImageStore(storage);
    const conversation = startConversation({
      storage,
      diagrams: new DiagramService(store, 'https://bot.example.net/'),
    });
    const card = await say(conversation, 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no');
    const [image] = cardImages(card);
    expect(image.url).toMatch(/^https:\/\/bot\.example\.net\/diagrams\/[A-Za-z0-9_-]{43}\.png$/);
    expect(image.altText).toContain('Azure SQL Managed Instance configured for Hybrid workloads');
    const id = /diagrams\/([A-Za-z0-9_-]{43})\.png$/.exec(image.url)![1];
    const png = PNG.sync.read((await store.get(id))!);
    expect(png.width).toBe(1000);
  });

  it('draws a new diagram when the rule parameters change', async () => {
    const storage = new InMemoryStorage();
    const conversation = startConversation({
      storage,
      diagrams: new DiagramService(new DiagramImageStore(storage), 'https://bot.example.net'),
    });
    const first = cardImages(await say(conversation, 'plan source=azure-vm cross-subscription=yes'))[0].url;
    const second = cardImages(await say(conversation, 'rules dms-subnet=10.0.1.0/24 source-range=10.20.0.0/24'))[0].url;
    expect(second).not.toBe(first);
  });

  it('sends the card without a diagram when none can be drawn, and without one when diagrams are off', async () => {
    const broken = new DiagramService(
      { put: () => Promise.reject(new Error('storage down')) } as unknown as DiagramImageStore,
      'https://bot.example.net',
    );
    const withBroken = await say(startConversation({ diagrams: broken }), 'plan source=onprem cross-subscription=yes');
    expect(cardImages(withBroken)).toEqual([]);
    const off = await say(startConversation(), 'plan source=onprem cross-subscription=yes');
    expect(cardImages(off)).toEqual([]);
  });
});
