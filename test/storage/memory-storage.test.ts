import { InMemoryStorage } from '../../src/storage';
import { describeStorageContract } from './storage-contract';

describeStorageContract('memory', async () => ({ storage: new InMemoryStorage() }));

describe('InMemoryStorage', () => {
  it('hands out copies, so changing a read item does not change the store', async () => {
    const storage = new InMemoryStorage();
    await storage.write({ plan: { list: [1] } });
    const read = (await storage.read(['plan'])).plan;
    read.list.push(2);
    expect((await storage.read(['plan'])).plan.list).toEqual([1]);
  });

  it('writes none of a batch when one eTag is stale', async () => {
    const storage = new InMemoryStorage();
    await storage.write({ a: { v: 1 } });
    await expect(storage.write({ a: { v: 2, eTag: 'stale' }, b: { v: 1 } })).rejects.toThrow('eTag conflict');
    expect(await storage.read(['a', 'b'])).toEqual({ a: expect.objectContaining({ v: 1 }) });
  });
});
