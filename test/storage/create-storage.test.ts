import { join } from 'node:path';
import { createStorage, FileStorage, InMemoryStorage } from '../../src/storage';
import { BlobStorage } from '../../src/storage/blob-storage';

const connectionString =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;';

describe('createStorage', () => {
  it('builds the storage STORAGE names', async () => {
    expect(await createStorage({ storage: 'memory', storageDir: '.data' })).toBeInstanceOf(InMemoryStorage);
    const file = await createStorage({ storage: 'file', storageDir: 'some/dir' });
    expect(file).toBeInstanceOf(FileStorage);
    expect((file as FileStorage).directory).toBe(join(process.cwd(), 'some/dir'));
    const blob = await createStorage({
      storage: 'blob',
      storageDir: '.data',
      blobConnectionString: connectionString,
      blobContainer: 'plans',
    });
    expect(blob).toBeInstanceOf(BlobStorage);
  });

  it('names every missing blob setting', async () => {
    await expect(createStorage({ storage: 'blob', storageDir: '.data' })).rejects.toThrow(
      'STORAGE=blob needs BLOB_CONNECTION_STRING and BLOB_CONTAINER to be set.',
    );
  });

  it('rejects an unknown STORAGE value', async () => {
    const config = { storage: 'cosmos', storageDir: '.data' } as unknown as Parameters<typeof createStorage>[0];
    await expect(createStorage(config)).rejects.toThrow('STORAGE must be one of memory, file, blob (got "cosmos").');
  });

  it('never puts the connection string into what the storage serialises to', async () => {
    const blob = await createStorage({
      storage: 'blob',
      storageDir: '.data',
      blobConnectionString: connectionString,
      blobContainer: 'plans',
    });
    expect(JSON.stringify(blob)).not.toContain('a2V5');
  });
});
