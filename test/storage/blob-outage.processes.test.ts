import { type AddressInfo, createServer, type Socket } from 'node:net';
import { StorageUnavailableError, updateItem } from '../../src/storage';
import { BlobStorage } from '../../src/storage/blob-storage';
import { type RunningAzurite, startAzurite } from '../support/azurite';

jest.setTimeout(60_000);

// One try: a refused connection fails at once (the default makes a second try 200 ms later).
const FAST_FAILURE = { retry: { maxTries: 1 } };

interface Checklist {
  ticked: string[];
}

describe('BlobStorage when Azurite stops', () => {
  let azurite: RunningAzurite | undefined;

  afterEach(async () => {
    await azurite?.stop();
  });

  it('reports StorageUnavailableError without secrets, writes nothing partial, and recovers on restart, cold starts too', async () => {
    azurite = await startAzurite();
    const { connectionString, port, location } = azurite;
    const storage = new BlobStorage(connectionString, 'outage', FAST_FAILURE);
    await updateItem<Checklist>(storage, 'checklist', () => ({ ticked: ['subnet'] }));

    await azurite.stop({ keepData: true });
    const failure = await updateItem<Checklist>(storage, 'checklist', (current) => ({
      ticked: [...(current?.ticked ?? []), 'nsg'],
    })).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StorageUnavailableError);
    const message = (failure as Error).message;
    expect(message).toMatch(/please retry/i);
    expect(message).toContain('ECONNREFUSED');
    for (const secret of [connectionString, 'AccountKey', 'Eby8vdM02', 'devstoreaccount1']) {
      expect(message).not.toContain(secret);
    }
    expect(JSON.stringify(failure)).not.toContain('Eby8vdM02');
    await expect(storage.read(['checklist'])).rejects.toBeInstanceOf(StorageUnavailableError);
    // A storage whose very first call finds the endpoint down (e.g. the bot started during the outage).
    const coldStart = new BlobStorage(connectionString, 'outage', FAST_FAILURE);
    await expect(coldStart.write({ plan: { v: 1 } })).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(coldStart.writeIfAbsent('plan', { v: 1 })).rejects.toBeInstanceOf(StorageUnavailableError);

    azurite = await startAzurite({ location, port });
    // The same instance works again (botbuilder's BlobsStorage alone would keep its failed start).
    expect((await storage.read(['checklist'])).checklist).toMatchObject({ ticked: ['subnet'] });
    await updateItem<Checklist>(storage, 'checklist', (current) => ({ ticked: [...(current?.ticked ?? []), 'nsg'] }));
    expect((await storage.read(['checklist'])).checklist).toMatchObject({ ticked: ['subnet', 'nsg'] });
    expect(await coldStart.read(['plan'])).toEqual({});
    await coldStart.writeIfAbsent('plan', { v: 1 });
    expect((await storage.read(['plan'])).plan).toMatchObject({ v: 1 });
  });

  it('keeps every acknowledged update when Azurite stops in the middle of concurrent updates', async () => {
    azurite = await startAzurite();
    const { connectionString, port, location } = azurite;
    // Two storage objects on one container, like two bot instances, so updates also race each other.
    const storage = new BlobStorage(connectionString, 'mid-flight', FAST_FAILURE);
    const twin = new BlobStorage(connectionString, 'mid-flight', FAST_FAILURE);
    await storage.write({ checklist: { ticked: [] } });

    let savedSoFar = 0;
    let stopping: Promise<void> | undefined;
    const running = azurite;
    const updates = Array.from({ length: 30 }, (_, index) =>
      updateItem<Checklist>(index % 2 === 0 ? storage : twin, 'checklist', (current) => ({
        ticked: [...(current?.ticked ?? []), `item-${index}`],
      })).then(
        () => {
          savedSoFar += 1;
          // Pull the plug while the other updates are still being retried.
          if (savedSoFar === 5) stopping = running.stop({ keepData: true });
          return { index, saved: true };
        },
        (error: unknown) => {
          expect(error).toBeInstanceOf(StorageUnavailableError);
          return { index, saved: false };
        },
      ),
    );
    const outcomes = await Promise.all(updates);
    await stopping;

    azurite = await startAzurite({ location, port });
    const stored = (await storage.read(['checklist'])).checklist as unknown as Checklist;
    const acknowledged = outcomes.filter((outcome) => outcome.saved).map((outcome) => `item-${outcome.index}`);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    expect(acknowledged.length).toBeLessThan(30);
    // A write the server applied just before the connection dropped may be unacknowledged; never the reverse.
    expect(stored.ticked).toEqual(expect.arrayContaining(acknowledged));
    expect(new Set(stored.ticked).size).toBe(stored.ticked.length);
  });
});

describe('BlobStorage against an endpoint that never answers', () => {
  it('gives up at its operation deadline with StorageUnavailableError', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const connectionString =
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;' +
        `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
      const storage = new BlobStorage(connectionString, 'silent', {
        retry: { maxTries: 1 },
        operationTimeoutMs: 300,
      });
      const started = Date.now();
      const failure = await storage.read(['plan']).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageUnavailableError);
      expect((failure as Error).message).toContain('no answer within 300 ms');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
