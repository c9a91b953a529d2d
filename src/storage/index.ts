// BlobStorage is imported from './blob-storage' directly, so that memory and file storage never load the Azure SDK.
export { createStorage, type StorageConfig, type StorageTuning } from './create-storage';
export { updateItem, type UpdateItemOptions } from './update-item';
export { type ConditionalStorage, isConditionalStorage } from './conditional-storage';
export { StorageConflictError, StorageUnavailableError, isConflictError } from './errors';
export { InMemoryStorage } from './memory-storage';
export { FileStorage, type FileStorageOptions } from './file-storage';
