import { AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { AzureReadError } from '../../src/azure/errors';
import { toAzureReadError, type ArmOperation } from '../../src/azure/read-errors';

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const listVnets: ArmOperation = {
  description: 'list virtual networks',
  action: 'Microsoft.Network/virtualNetworks/read',
  subscriptionId: SUB,
};
const listConnections: ArmOperation = {
  description: 'list gateway connections',
  action: 'Microsoft.Network/connections/read',
  subscriptionId: SUB,
  resourceGroup: 'rg-hub',
};

function restError(statusCode: number | undefined, code?: string): Error {
  // what @azure/core-rest-pipeline's RestError carries; its message may quote request details
  return Object.assign(new Error('request to https://management.azure.com/... Authorization: Bearer eyJ0eXAi...'), {
    name: 'RestError',
    statusCode,
    code,
  });
}

const map = (e: unknown, op = listVnets) => toAzureReadError(e, op, 'https://management.azure.com');

describe('toAzureReadError', () => {
  it.each([
    [
      '403 on a subscription list',
      restError(403, 'AuthorizationFailed'),
      listVnets,
      'forbidden',
      `Reader on subscription ${SUB} is needed to list virtual networks (Microsoft.Network/virtualNetworks/read)`,
    ],
    [
      '403 on a resource group list',
      restError(403, 'AuthorizationFailed'),
      listConnections,
      'forbidden',
      `Reader on resource group rg-hub in subscription ${SUB} is needed to list gateway connections (Microsoft.Network/connections/read)`,
    ],
    [
      '401',
      restError(401, 'InvalidAuthenticationToken'),
      listVnets,
      'unauthorized',
      'rejected the token (401 InvalidAuthenticationToken)',
    ],
    [
      '404 subscription',
      restError(404, 'SubscriptionNotFound'),
      listVnets,
      'not-found',
      `Subscription ${SUB} was not found (SubscriptionNotFound)`,
    ],
    [
      '404 resource group',
      restError(404, 'ResourceGroupNotFound'),
      listConnections,
      'not-found',
      `Resource group rg-hub in subscription ${SUB} was not found`,
    ],
    [
      '429 after the SDK retries',
      restError(429, 'TooManyRequests'),
      listVnets,
      'throttled',
      'kept throttling (429) after retries',
    ],
    ['503', restError(503, 'ServiceUnavailable'), listVnets, 'network', 'answered HTTP 503 ServiceUnavailable'],
    [
      'connection failure',
      restError(undefined, 'REQUEST_SEND_ERROR'),
      listVnets,
      'network',
      'Could not reach Azure Resource Manager at https://management.azure.com (REQUEST_SEND_ERROR)',
    ],
    [
      'abort (time budget)',
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      listVnets,
      'timeout',
      'ran out of time while trying to list virtual networks',
    ],
    [
      'no credential',
      new CredentialUnavailableError('EnvironmentCredential is unavailable'),
      listVnets,
      'no-credential',
      'No Azure credential is available',
    ],
    [
      'token refused',
      new AuthenticationError(401, { error: 'invalid_client', error_description: 'AADSTS7000215' }),
      listVnets,
      'unauthorized',
      'refused the credential',
    ],
    [
      // What DefaultAzureCredential with the environment's service principal throws when the authority is unreachable.
      'Entra ID unreachable (environment credential)',
      new AuthenticationError(400, {
        error: 'EnvironmentCredential authentication failed.',
        error_description: 'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error',
      }),
      listVnets,
      'identity-unreachable',
      'Could not reach Microsoft Entra ID to get a token for Azure Resource Manager (endpoints_resolution_error)',
    ],
    [
      'Entra ID unreachable (a credential used alone)',
      new CredentialUnavailableError('endpoints_resolution_error: See https://aka.ms/msal.js.errors'),
      listVnets,
      'identity-unreachable',
      'The credential itself was not refused',
    ],
    [
      'Entra ID unreachable (DNS)',
      Object.assign(new Error('getaddrinfo ENOTFOUND login.microsoftonline.com'), {
        name: 'AuthenticationRequiredError',
      }),
      listVnets,
      'identity-unreachable',
      '(ENOTFOUND)',
    ],
  ])('%s', (_label, error, op, kind, message) => {
    const mapped = map(error, op);
    expect(mapped).toBeInstanceOf(AzureReadError);
    expect(mapped.kind).toBe(kind);
    expect(mapped.message).toContain(message);
    expect(mapped.message).not.toMatch(/Bearer|eyJ0eXAi/);
  });

  it('keeps an AzureReadError as it is', () => {
    const e = new AzureReadError('timeout', 'x');
    expect(map(e)).toBe(e);
  });

  it('maps anything else to a network error without its message', () => {
    const mapped = map(new TypeError('secret-ish detail'));
    expect(mapped.kind).toBe('network');
    expect(mapped.message).not.toContain('secret-ish');
  });
});
