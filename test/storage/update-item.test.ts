import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { InMemoryStorage, isConflictError, StorageConflictError, updateItem } from '../../src/storage';

interface Checklist {
  ticked: string[];
}

class ChecklistDeletedError extends Error {}

describe('updateItem', () => {
  it('creates the item when it is absent and returns what it stored, without an eTag', async () => {
    const storage = new InMemoryStorage();
    const stored = await updateItem<Checklist>(storage, 'c', () => ({ ticked: ['a'] }));
    expect(stored).toEqual({ ticked: ['a'] });
    expect((await storage.read(['c'])).c).toMatchObject({ ticked: ['a'] });
  });

  it('lets updates of one key through one storage take turns, so none of them has to retry', async () => {
    const storage = new InMemoryStorage();
    let calls = 0;
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        updateItem<Checklist>(storage, 'c', (current) => {
          calls += 1;
          return { ticked: [...(current?.ticked ?? []), `${index}`] };
        }),
      ),
    );
    expect(calls).toBe(50);
    expect((await storage.read(['c'])).c.ticked).toHaveLength(50);
  });

  it('passes the current value without its eTag', async () => {
    const storage = new InMemoryStorage();
    await storage.write({ c: { ticked: ['a'] } });
    const seen: unknown[] = [];
    await updateItem<Checklist>(storage, 'c', (current) => {
      seen.push(current);
      return current;
    });
    expect(seen).toEqual([{ ticked: ['a'] }]);
  });

  it('writes nothing when mutate returns undefined, and returns the current value', async () => {
    const storage = new InMemoryStorage();
    await storage.write({ c: { ticked: ['a'] } });
    const eTag = (await storage.read(['c'])).c.eTag;
    expect(await updateItem<Checklist>(storage, 'c', () => undefined)).toEqual({ ticked: ['a'] });
    expect((await storage.read(['c'])).c.eTag).toBe(eTag);
  });

  it('lets a domain error from mutate through and writes nothing', async () => {
    const storage = new InMemoryStorage();
    const attempt = updateItem<Checklist>(storage, 'gone', (current) => {
      if (!current) throw new ChecklistDeletedError('This checklist was deleted.');
      return current;
    });
    await expect(attempt).rejects.toBeInstanceOf(ChecklistDeletedError);
    expect(await storage.read(['gone'])).toEqual({});
  });

  it('re-reads after a conflict, so mutate sees a deletion made in between', async () => {
    const storage = new InMemoryStorage();
    await storage.write({ c: { ticked: [] } });
    let calls = 0;
    const attempt = updateItem<Checklist>(storage, 'c', (current) => {
      calls += 1;
      if (!current) throw new ChecklistDeletedError('deleted');
      if (calls === 1) void storage.delete(['c']);
      return { ticked: [...current.ticked, 'x'] };
    });
    await expect(attempt).rejects.toBeInstanceOf(ChecklistDeletedError);
    expect(calls).toBe(2);
    expect(await storage.read(['c'])).toEqual({});
  });

  it('gives up after maxAttempts with a conflict error that asks to retry', async () => {
    const alwaysConflicting: Storage = {
      read: async () => ({ c: { ticked: [], eTag: 'old' } }),
      write: async () => {
        throw Object.assign(new Error('The condition specified using HTTP conditional header(s) is not met.'), {
          statusCode: 412,
        });
      },
      delete: async () => undefined,
    };
    const attempt = updateItem<Checklist>(alwaysConflicting, 'c', (current) => current && { ticked: ['x'] }, {
      maxAttempts: 3,
      baseDelayMs: 1,
    });
    await expect(attempt).rejects.toThrow(/Could not save "c".*3 concurrent attempts.*retry/);
  });

  it('overwrites an existing item of a storage that keeps no eTags, instead of treating it as a conflict', async () => {
    const written: StoreItems[] = [];
    const noETags: Storage = {
      read: async () => ({ c: { ticked: ['a'] } }),
      write: async (changes) => {
        written.push(changes);
      },
      delete: async () => undefined,
    };
    await updateItem<Checklist>(noETags, 'c', (current) => ({ ticked: [...(current?.ticked ?? []), 'b'] }));
    expect(written).toEqual([{ c: { ticked: ['a', 'b'] } }]);
  });

  it('does not retry other errors', async () => {
    let writes = 0;
    const broken: Storage = {
      read: async (): Promise<StoreItems> => ({}),
      write: async () => {
        writes += 1;
        throw new Error('disk on fire');
      },
      delete: async () => undefined,
    };
    await expect(updateItem(broken, 'c', () => ({ v: 1 }))).rejects.toThrow('disk on fire');
    expect(writes).toBe(1);
  });

  it("works on botbuilder's MemoryStorage too, retrying its eTag-conflict errors", async () => {
    const storage = new MemoryStorage();
    await storage.write({ c: { ticked: [] } });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        updateItem<Checklist>(storage, 'c', (current) => ({ ticked: [...(current?.ticked ?? []), `${index}`] })),
      ),
    );
    expect((await storage.read(['c'])).c.ticked).toHaveLength(20);
  });
});

describe('isConflictError', () => {
  it.each([
    ['our own', new StorageConflictError('k')],
    ['botbuilder storages', new Error('Storage: error writing "k" due to eTag conflict.')],
    ['a raw Azure Blob 412', Object.assign(new Error('ConditionNotMet'), { statusCode: 412 })],
    ['a create that found the blob', Object.assign(new Error('exists'), { code: 'BlobAlreadyExists' })],
  ])('recognises %s', (_name, error) => {
    expect(isConflictError(error)).toBe(true);
  });

  it.each([new Error('ECONNREFUSED'), Object.assign(new Error('x'), { statusCode: 404 }), 'text', undefined])(
    'rejects %p',
    (error) => {
      expect(isConflictError(error)).toBe(false);
    },
  );
});
