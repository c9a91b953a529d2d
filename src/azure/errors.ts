/** A snapshot directory or one of its files cannot be used; `file` names it (the directory itself when it is missing). */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export type AzureReadErrorKind =
  | 'no-credential'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'throttled'
  | 'timeout'
  | 'network'
  /** Microsoft Entra ID (the token service) did not answer: not a refusal of the credential. */
  | 'identity-unreachable';

/** Where a read failed: a subscription, or a resource group in it. */
export interface AzureReadScope {
  subscriptionId: string;
  resourceGroup?: string;
}

/**
 * Azure could not be read. The message says what happened and what to do; `fix`, when there is one, is the command
 * that fixes it (each surface shows it its own way). Neither ever carries a token, secret or stack trace.
 */
export class AzureReadError extends Error {
  override readonly name = 'AzureReadError';
  constructor(
    readonly kind: AzureReadErrorKind,
    message: string,
    /** The scope of the refused or missing read (403, 404), so a caller can suggest another scope. */
    readonly scope?: AzureReadScope,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/** The JSON of one resource list does not have the shape the inventory needs. */
export class ResourceShapeError extends Error {
  override readonly name = 'ResourceShapeError';
}
