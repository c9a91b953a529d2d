// BlobStorage is imported from './blobStorage' directly, so that memory and file storage never load the Azure SDK.
export { createStorage, type StorageConfig, type StorageTuning } from './createStorage';
export { updateItem, type UpdateItemOptions } from './updateItem';
export { type ConditionalStorage, isConditionalStorage } from './conditionalStorage';
export { StorageConflictError, StorageUnavailableError, isConflictError } from './errors';
export { InMemoryStorage } from './memoryStorage';
export { FileStorage, type FileStorageOptions } from './fileStorage';
