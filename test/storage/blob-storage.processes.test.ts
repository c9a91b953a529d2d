import { BlobsStorage } from 'botbuilder-azure-blobs';
import { createStorage } from '../../src/storage';
import { BlobStorage } from '../../src/storage/blob-storage';
import { type RunningAzurite, startAzurite } from '../support/azurite';
import { describeStorageContract } from './storage-contract';

jest.setTimeout(60_000);

let azurite: RunningAzurite;
let containerCount = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

function newContainer(): string {
  containerCount += 1;
  return `contract-${process.pid}-${containerCount}`;
}

describeStorageContract('blob (Azurite)', async () => {
  const container = newContainer();
  return {
    storage: new BlobStorage(azurite.connectionString, container),
    twin: new BlobStorage(azurite.connectionString, container),
  };
});

describe('blobs stored by earlier versions (BlobsStorage with the raw key)', () => {
  it('are found in place: the keys the bot writes keep their blob names', async () => {
    const container = newContainer();
    const keys = ['plan/19:abc@thread.tacv2;messageid=1700000000000', 'checklist/0123456789abcdef0123'];
    const earlier = new BlobsStorage(azurite.connectionString, container);
    await earlier.write(Object.fromEntries(keys.map((key, index) => [key, { index }])));
    const read = await new BlobStorage(azurite.connectionString, container).read(keys);
    for (const [index, key] of keys.entries()) expect(read[key]).toMatchObject({ index });
  });
});

describe('BlobStorage configuration', () => {
  it('refuses an invalid container name, saying what a valid one looks like', () => {
    expect(() => new BlobStorage(azurite.connectionString, 'No_Such')).toThrow(/BLOB_CONTAINER "No_Such".*3 to 63/);
  });

  it('refuses a malformed connection string without repeating it', () => {
    const secretish = 'AccountKey=c2VjcmV0;nonsense';
    let message = '';
    try {
      new BlobStorage(secretish, 'valid-name');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/BLOB_CONNECTION_STRING is not a valid/);
    expect(message).not.toContain('c2VjcmV0');
  });

  it('is chosen by createStorage with both blob settings, and names the missing one otherwise', async () => {
    const config = { storage: 'blob' as const, storageDir: '.data', blobConnectionString: azurite.connectionString };
    await expect(createStorage(config)).rejects.toThrow('STORAGE=blob needs BLOB_CONTAINER to be set.');
    expect(await createStorage({ ...config, blobContainer: 'plans' })).toBeInstanceOf(BlobStorage);
  });
});
