import { PNG } from 'pngjs';
import type { StoreItems } from 'botbuilder';
import { DiagramImageStore } from '../../src/diagram/image-store';
import { topologyScene } from '../../src/diagram/topology-scene';
import { InMemoryStorage } from '../../src/storage';
import { planInput } from './diagram-fixtures';

describe('DiagramImageStore', () => {
  const scene = topologyScene(planInput('hybrid'));

  it('draws a stored diagram by an unguessable id until it expires', async () => {
    let now = 1_000;
    const store = new DiagramImageStore(new InMemoryStorage(), { ttlMs: 60_000, now: () => now });
    const id = await store.put(scene);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const png = PNG.sync.read((await store.get(id))!);
    expect([png.width, png.height]).toEqual([scene.width, scene.height]);
    now += 60_000;
    expect(await store.get(id)).toBeUndefined();
  });

  it('keeps one id and one write for the same diagram, and different ids for different ones or secrets', async () => {
    const storage = new InMemoryStorage();
    const writes: StoreItems[] = [];
    const write = storage.write.bind(storage);
    storage.write = (changes) => (writes.push(changes), write(changes));
    const store = new DiagramImageStore(storage);
    const id = await store.put(scene);
    expect(await store.put(structuredClone(scene))).toBe(id);
    expect(writes).toHaveLength(1);
    expect(await store.put(topologyScene(planInput('mi-isolated')))).not.toBe(id);
    expect(await new DiagramImageStore(storage).put(scene)).not.toBe(id);
  });

  it('writes the same diagram again once half its lifetime has passed, so it does not expire while in use', async () => {
    let now = 0;
    const storage = new InMemoryStorage();
    const store = new DiagramImageStore(storage, { ttlMs: 100, now: () => now });
    const id = await store.put(scene);
    now = 60;
    await store.put(scene);
    now = 120;
    expect(await store.get(id)).toBeDefined();
  });

  it('serves diagrams stored by another instance sharing the storage', async () => {
    const storage = new InMemoryStorage();
    const id = await new DiagramImageStore(storage).put(scene);
    expect(await new DiagramImageStore(storage).get(id)).toBeInstanceOf(Buffer);
  });

  it.each(['', '../plan/x', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}/`, 'a'.repeat(43)])(
    'refuses the malformed or unknown id %p',
    async (id) => {
      expect(await new DiagramImageStore(new InMemoryStorage()).get(id)).toBeUndefined();
    },
  );

  it('draws each diagram once while it stays in the memory cache', async () => {
    const storage = new InMemoryStorage();
    const store = new DiagramImageStore(storage, { cacheEntries: 1 });
    const id = await store.put(scene);
    const first = await store.get(id);
    expect(await store.get(id)).toBe(first);
    await store.get(await store.put(topologyScene(planInput('mi-isolated'))));
    expect(await store.get(id)).not.toBe(first);
  });
});
