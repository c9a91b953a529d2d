import type { StoreItems } from 'botbuilder';
import { DiagramService } from '../../src/diagram/diagram-service';
import { DiagramImageStore } from '../../src/diagram/image-store';
import { InMemoryStorage } from '../../src/storage';
import { planInput } from './diagram-fixtures';

function countingStorage(): { storage: InMemoryStorage; writes: StoreItems[] } {
  const storage = new InMemoryStorage();
  const writes: StoreItems[] = [];
  const write = storage.write.bind(storage);
  storage.write = (changes) => (writes.push(changes), write(changes));
  return { storage, writes };
}

describe('DiagramService.planDiagram', () => {
  it('points to the public URL and describes the diagram', async () => {
    const { storage } = countingStorage();
    const service = new DiagramService(new DiagramImageStore(storage), 'https://bot.example/');
    const image = await service.planDiagram(planInput('mi-isolated'));
    expect(image.url).toMatch(/^https:\/\/bot\.example\/diagrams\/[A-Za-z0-9_-]{43}\.png$/);
    expect(image.altText).toContain('in peered virtual networks');
  });

  it('gives the same plan the same image without storing it again, and another plan its own', async () => {
    const { storage, writes } = countingStorage();
    const service = new DiagramService(new DiagramImageStore(storage), 'https://bot.example');
    const first = await service.planDiagram(planInput('hybrid'));
    expect(await service.planDiagram(planInput('hybrid'))).toEqual(first);
    expect(writes).toHaveLength(1);
    expect((await service.planDiagram(planInput('cloud-isolated-vnet'))).url).not.toBe(first.url);
    expect(writes).toHaveLength(2);
  });

  it('stores a reused diagram again once half its lifetime has passed, so the card never points to nothing', async () => {
    let now = 0;
    const { storage, writes } = countingStorage();
    const store = new DiagramImageStore(storage, { ttlMs: 100, now: () => now });
    const service = new DiagramService(store, 'https://bot.example');
    const { url } = await service.planDiagram(planInput('hybrid'));
    now = 60;
    expect((await service.planDiagram(planInput('hybrid'))).url).toBe(url);
    expect(writes).toHaveLength(2);
    now = 150;
    const id = /diagrams\/(.+)\.png$/.exec(url)![1];
    expect(await store.get(id)).toBeInstanceOf(Buffer);
  });
});
