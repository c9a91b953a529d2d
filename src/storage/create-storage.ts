import type { BlobStorageOptions } from './blob-storage';
import type { ConditionalStorage } from './conditional-storage';
import { FileStorage, type FileStorageOptions } from './file-storage';
import { InMemoryStorage } from './memory-storage';

export interface StorageConfig {
  storage: 'memory' | 'file' | 'blob';
  storageDir: string;
  blobConnectionString?: string;
  blobContainer?: string;
}

export interface StorageTuning {
  file?: FileStorageOptions;
  blob?: BlobStorageOptions;
}

/**
 * The storage chosen by configuration (STORAGE, STORAGE_DIR, BLOB_CONNECTION_STRING, BLOB_CONTAINER). The Azure
 * Blob SDK is loaded only when blob storage is chosen.
 */
export async function createStorage(config: StorageConfig, tuning: StorageTuning = {}): Promise<ConditionalStorage> {
  switch (config.storage) {
    case 'memory':
      return new InMemoryStorage();
    case 'file':
      return new FileStorage(config.storageDir, tuning.file);
    case 'blob': {
      const missing = [
        config.blobConnectionString ? undefined : 'BLOB_CONNECTION_STRING',
        config.blobContainer ? undefined : 'BLOB_CONTAINER',
      ].filter((name) => name !== undefined);
      if (missing.length > 0) {
        throw new Error(`STORAGE=blob needs ${missing.join(' and ')} to be set.`);
      }
      const { BlobStorage } = await import('./blob-storage');
      return new BlobStorage(config.blobConnectionString as string, config.blobContainer as string, tuning.blob);
    }
    default: {
      const unknown: never = config.storage;
      throw new Error(`STORAGE must be one of memory, file, blob (got "${String(unknown)}").`);
    }
  }
}
