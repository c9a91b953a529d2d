import type { StoreItem, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { blobKeyFor } from './blob-keys';
import type { ConditionalStorage } from './conditional-storage';
import { connectionFailureCode, isConflictError, StorageConflictError, StorageUnavailableError } from './errors';

export interface BlobStorageOptions {
  /**
   * How hard the Azure SDK retries a failed request before we report storage unavailable. Its default
   * (4 tries, exponential delays) takes about 16 s against a stopped endpoint, more than a Teams request
   * may; ours is 2 tries 200 ms apart.
   */
  retry?: { maxTries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /**
   * Client-side deadline of one read, write or delete (default 6 s). The SDK has none of its own (its
   * tryTimeout only asks the server), so an endpoint that accepts connections and never answers would
   * otherwise hang the turn.
   */
  operationTimeoutMs?: number;
}

const CONTAINER_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * Azure Blob Storage through botbuilder-azure-blobs' BlobsStorage (one JSON blob per key, eTags as
 * If-Match), plus create-if-absent with If-None-Match, and errors mapped to StorageConflictError and
 * StorageUnavailableError. Keys go through blobKeyFor, so distinct keys never share a blob (blob-keys.ts).
 * Messages never carry the connection string.
 */
export class BlobStorage implements ConditionalStorage {
  private blobs: BlobsStorage;
  /** The connection string lives in this closure and the SDK clients, not in a field of ours; toJSON shows neither. */
  private readonly newBlobsStorage: () => BlobsStorage;
  private readonly container: ContainerClient;
  private containerReady: Promise<unknown> | undefined;
  private readonly pipelineOptions: StoragePipelineOptions;
  private readonly operationTimeoutMs: number;

  constructor(
    connectionString: string,
    readonly containerName: string,
    options: BlobStorageOptions = {},
  ) {
    if (!CONTAINER_NAME.test(containerName)) {
      throw new Error(
        `BLOB_CONTAINER "${containerName}" is not a valid container name: use 3 to 63 lower-case letters, ` +
          'digits and single hyphens, starting and ending with a letter or digit.',
      );
    }
    const { maxTries = 2, retryDelayInMs = 200, maxRetryDelayInMs = 1_000 } = options.retry ?? {};
    this.pipelineOptions = { retryOptions: { maxTries, retryDelayInMs, maxRetryDelayInMs } };
    this.operationTimeoutMs = options.operationTimeoutMs ?? 6_000;
    try {
      this.container = new ContainerClient(connectionString, containerName, this.pipelineOptions);
      const storagePipelineOptions = this.pipelineOptions;
      this.newBlobsStorage = () => new BlobsStorage(connectionString, containerName, { storagePipelineOptions });
      this.blobs = this.newBlobsStorage();
    } catch {
      // The SDK's own message may quote the string; ours must not.
      throw new Error(
        'BLOB_CONNECTION_STRING is not a valid Azure Storage connection string: expected ' +
          '"DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=..." (or with BlobEndpoint=...).',
      );
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    return this.guard('read', async () => {
      const found = await this.blobs.read(keys.map(blobKeyFor));
      return Object.fromEntries(
        keys.filter((key) => found[blobKeyFor(key)] !== undefined).map((key) => [key, found[blobKeyFor(key)]]),
      );
    });
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    await this.guard(
      'write',
      () => this.blobs.write(Object.fromEntries(Object.entries(changes).map(([key, item]) => [blobKeyFor(key), item]))),
      keys.length === 1 ? keys[0] : undefined,
    );
  }

  async writeIfAbsent(key: string, item: StoreItem): Promise<void> {
    await this.guard(
      'write',
      async () => {
        await this.ensureContainer();
        const { eTag: _ignored, ...rest } = item;
        const body = JSON.stringify(rest);
        await this.container
          .getBlockBlobClient(sanitizeBlobKey(blobKeyFor(key)))
          .upload(body, Buffer.byteLength(body), {
            conditions: { ifNoneMatch: '*' },
            blobHTTPHeaders: { blobContentType: 'application/json' },
          });
      },
      key,
    );
  }

  async delete(keys: string[]): Promise<void> {
    await this.guard('delete', () => this.blobs.delete(keys.map(blobKeyFor)));
  }

  toJSON(): object {
    return { name: 'BlobStorage', container: this.containerName };
  }

  private ensureContainer(): Promise<unknown> {
    this.containerReady ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.containerReady = undefined;
      throw error;
    });
    return this.containerReady;
  }

  private async guard<T>(operation: 'read' | 'write' | 'delete', action: () => Promise<T>, key?: string): Promise<T> {
    try {
      return await withDeadline(action(), this.operationTimeoutMs, operation);
    } catch (error) {
      if (error instanceof StorageUnavailableError || error instanceof StorageConflictError) throw error;
      const code = connectionFailureCode(error);
      if (code !== undefined) {
        // BlobsStorage remembers a failed container creation forever; start afresh for the next call.
        this.blobs = this.newBlobsStorage();
        // No `cause`: the SDK's error carries the signed request, which must not reach a log.
        throw new StorageUnavailableError(operation, code);
      }
      if (isConflictError(error)) {
        const conflictKey = key ?? /"(.*)"/.exec(String((error as Error).message))?.[1] ?? '(unknown key)';
        throw new StorageConflictError(conflictKey);
      }
      throw error;
    }
  }
}

function withDeadline<T>(pending: Promise<T>, timeoutMs: number, operation: 'read' | 'write' | 'delete'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const reason = `no answer within ${timeoutMs} ms`;
      reject(new StorageUnavailableError(operation, reason, { outcomeUnknown: operation !== 'read' }));
    }, timeoutMs);
  });
  // The abandoned request may still settle later; nobody listens to it any more.
  pending.catch(() => undefined);
  return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
}
