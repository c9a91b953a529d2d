/** The stored item changed (or appeared, or vanished) since it was read: re-read and try again. */
export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';
  constructor(
    readonly key: string,
    message = `Storage: error writing "${key}" due to eTag conflict.`,
  ) {
    super(message);
  }
}

/**
 * The storage backend could not be reached. Nothing was written by the failed call, unless
 * `outcomeUnknown`: a write that got no answer in time may still land.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(
    readonly operation: 'read' | 'write' | 'delete',
    /** A short reason without connection strings or keys, e.g. "ECONNREFUSED". */
    readonly reason: string,
    options?: { cause?: unknown; outcomeUnknown?: boolean },
  ) {
    super(
      options?.outcomeUnknown
        ? `Storage did not answer in time (${operation}: ${reason}); the change may not have been saved. Please check and retry.`
        : `Storage is unavailable right now (${operation} failed: ${reason}). Nothing was saved; please retry.`,
      { cause: options?.cause },
    );
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }

  readonly outcomeUnknown: boolean;
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

interface ErrorShape {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  name?: unknown;
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
}

/**
 * True for an optimistic-concurrency failure from any of our storages, from botbuilder's own storages
 * (which throw a plain Error saying "eTag conflict"), or a raw HTTP 412 from Azure Blob Storage.
 */
export function isConflictError(error: unknown): boolean {
  if (error instanceof StorageConflictError) return true;
  const { statusCode, code, message } = shapeOf(error);
  if (statusCode === 412 || code === 'ConditionNotMet' || code === 'BlobAlreadyExists') return true;
  return typeof message === 'string' && /etag conflict/i.test(message);
}

/** The network-level code of a connection failure (e.g. "ECONNREFUSED"), or undefined if it is not one. */
export function connectionFailureCode(error: unknown): string | undefined {
  const { code, statusCode, name } = shapeOf(error);
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return code;
  if (name === 'AbortError') return 'timeout';
  if (statusCode === 503) return 'HTTP 503 server busy';
  return undefined;
}
