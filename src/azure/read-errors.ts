import { AzureReadError } from './errors';

/** One ARM read, described well enough to say what failed and which permission it needs. */
export interface ArmOperation {
  /** What the read does, e.g. 'list virtual networks'. */
  description: string;
  /** The RBAC action it needs, e.g. 'Microsoft.Network/virtualNetworks/read'. */
  action: string;
  subscriptionId: string;
  resourceGroup?: string;
}

interface ErrorLike {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
}

const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/**
 * What MSAL and Node say when the token service cannot be reached (@azure/identity wraps them in its credential
 * errors, e.g. "AuthenticationError ... Status code: 400 ... endpoints_resolution_error").
 */
const IDENTITY_NETWORK_FAILURE =
  /\b(endpoints_resolution_error|network_error|no_network_connectivity|openid_config_error|post_request_failed|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AggregateAuthenticationError',
  'AuthenticationError',
  'AuthenticationRequiredError',
]);

function scopeOf(op: ArmOperation): string {
  return op.resourceGroup
    ? `resource group ${op.resourceGroup} in subscription ${op.subscriptionId}`
    : `subscription ${op.subscriptionId}`;
}

function scopeId(op: ArmOperation): string {
  return `/subscriptions/${op.subscriptionId}${op.resourceGroup ? `/resourceGroups/${op.resourceGroup}` : ''}`;
}

/** The error's message, only to look for a failure code in it: it is never passed on (it may quote requests). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' ? message : '';
}

/**
 * Maps an SDK or identity error into an AzureReadError. Only the status, the ARM error code and the
 * operation go into the message: SDK messages may quote request details, so they are never passed on.
 */
export function toAzureReadError(error: unknown, op: ArmOperation, endpoint: string): AzureReadError {
  if (error instanceof AzureReadError) return error;
  const e = (error ?? {}) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const doing = `${op.description} in ${scopeOf(op)}`;

  const unreachable = CREDENTIAL_ERRORS.has(name) ? IDENTITY_NETWORK_FAILURE.exec(messageOf(error)) : null;
  if (unreachable) {
    return new AzureReadError(
      'identity-unreachable',
      `Could not reach Microsoft Entra ID to get a token for Azure Resource Manager (${unreachable[1]}): the ` +
        'network, a proxy or a firewall between the bot and login.microsoftonline.com (or AZURE_AUTHORITY_HOST) ' +
        'blocks it, or the service is down. The credential itself was not refused.',
    );
  }
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
    return new AzureReadError(
      'no-credential',
      'No Azure credential is available: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, ' +
        'sign in with `az login`, or run where a managed identity is assigned.',
    );
  }
  if (name === 'AuthenticationError' || name === 'AuthenticationRequiredError') {
    return new AzureReadError(
      'unauthorized',
      'Microsoft Entra ID refused the credential while getting a token for Azure Resource Manager: check ' +
        'AZURE_TENANT_ID, AZURE_CLIENT_ID and the client secret or certificate (expired?).',
    );
  }
  if (name === 'AbortError') {
    return new AzureReadError('timeout', `Reading Azure ran out of time while trying to ${doing}.`);
  }
  if (status === 401) {
    return new AzureReadError(
      'unauthorized',
      `Azure Resource Manager rejected the token (401${code ? ` ${code}` : ''}) while trying to ${doing}: ` +
        'the credential belongs to another tenant or has expired.',
    );
  }
  const scope = { subscriptionId: op.subscriptionId, resourceGroup: op.resourceGroup };
  if (status === 403) {
    return new AzureReadError(
      'forbidden',
      `Reader on ${scopeOf(op)} is needed to ${op.description} (${op.action}); Azure answered ${code ?? '403'}.`,
      scope,
      `az role assignment create --assignee <the identity's object id> --role Reader --scope ${scopeId(op)}`,
    );
  }
  if (status === 404) {
    return new AzureReadError(
      'not-found',
      op.resourceGroup && code !== 'SubscriptionNotFound'
        ? `Resource group ${op.resourceGroup} in subscription ${op.subscriptionId} was not found (${code ?? '404'}) while trying to ${op.description}: check its name, or it may have been deleted during the read: try again.`
        : `Subscription ${op.subscriptionId} was not found (${code ?? '404'}): check the id and that the credential's tenant holds it.`,
      scope,
    );
  }
  if (status === 429) {
    return new AzureReadError(
      'throttled',
      `Azure Resource Manager kept throttling (429) after retries while trying to ${doing}; wait a minute and try again.`,
    );
  }
  if (status !== undefined) {
    return new AzureReadError(
      'network',
      `Azure Resource Manager answered HTTP ${status}${code ? ` ${code}` : ''} while trying to ${doing}.`,
    );
  }
  if ((code && NETWORK_CODES.has(code)) || name === 'RestError') {
    return new AzureReadError(
      'network',
      `Could not reach Azure Resource Manager at ${endpoint} (${code ?? 'connection failed'}) while trying to ${doing}.`,
    );
  }
  return new AzureReadError('network', `Reading Azure failed while trying to ${doing} (${name || 'unknown error'}).`);
}
