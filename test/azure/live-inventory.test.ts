import { CredentialUnavailableError, type TokenCredential } from '@azure/identity';
import { AzureReadError } from '../../src/azure/errors';
import { readLiveInventory } from '../../src/azure/live-inventory';

// In-process checks of the live reader that need no server; the full protocol (paging, 403, 429,
// tokens) is exercised through the CLI in test/cli/verify-live.processes.test.ts.

const SUB = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const ENDPOINT = 'https://127.0.0.1:9';

async function readError(credential: TokenCredential, timeBudgetMs = 5000): Promise<AzureReadError> {
  try {
    await readLiveInventory([SUB], { credential, endpoint: ENDPOINT, timeBudgetMs });
  } catch (e) {
    if (e instanceof AzureReadError) return e;
    throw e;
  }
  throw new Error('expected the read to fail');
}

describe('readLiveInventory', () => {
  it('no credential available: kind no-credential, saying how to provide one', async () => {
    const e = await readError({
      getToken: () => Promise.reject(new CredentialUnavailableError('EnvironmentCredential is unavailable.')),
    });
    expect(e.kind).toBe('no-credential');
    expect(e.message).toMatch(/AZURE_CLIENT_ID|az login|managed identity/);
  });

  it('stops at the time budget even when a token never arrives', async () => {
    const started = Date.now();
    const e = await readError({ getToken: () => new Promise(() => undefined) }, 300);
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/time budget of 0.3 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('an empty subscription list reads nothing', async () => {
    const inventory = await readLiveInventory([], {
      credential: { getToken: () => Promise.reject(new Error('must not be called')) },
      endpoint: ENDPOINT,
    });
    expect(inventory.virtualNetworks).toEqual([]);
  });
});
