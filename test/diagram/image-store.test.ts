import { InMemoryStorage } from '../../src/storage';
import { DiagramImageStore } from '../../src/diagram/image-store';

describe('DiagramImageStore', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

  it('serves a stored image by an unguessable id until it expires', async () => {
    let now = 1_000;
    const store = new DiagramImageStore(new InMemoryStorage(), { ttlMs: 60_000, cacheEntries: 10, now: () => now });
    const id = await store.put(png);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.put(png)).not.toBe(id);
    expect(await store.get(id)).toEqual(png);
    now += 60_000;
    expect(await store.get(id)).toBeUndefined();
  });

  it('serves images stored by another instance sharing the storage', async () => {
    const storage = new InMemoryStorage();
    const id = await new DiagramImageStore(storage).put(png);
    expect(await new DiagramImageStore(storage).get(id)).toEqual(png);
  });

  it.each(['', '../plan/x', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}/`])(
    'refuses the malformed id %p',
    async (id) => {
      const store = new DiagramImageStore(new InMemoryStorage());
      expect(await store.get(id)).toBeUndefined();
    },
  );

  it('keeps at most cacheEntries images in memory but still serves the others from storage', async () => {
    const storage = new InMemoryStorage();
    const store = new DiagramImageStore(storage, { ttlMs: 60_000, cacheEntries: 2 });
    const ids = [await store.put(png), await store.put(png), await store.put(png)];
    for (const id of ids) expect(await store.get(id)).toEqual(png);
  });
});
