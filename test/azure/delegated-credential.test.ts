import { DelegatedScopeError, delegatedArmCredential } from '../../src/azure/delegated-credential';

describe('delegatedArmCredential: a signed-in person token for Azure Resource Manager only', () => {
  const arm = 'https://management.azure.com';

  it('answers the scope the ARM clients ask for, with the expiry the token service gave', async () => {
    const credential = delegatedArmCredential('user-token', arm, '2026-11-30T16:00:00Z');
    await expect(credential.getToken(`${arm}/.default`)).resolves.toEqual({
      token: 'user-token',
      expiresOnTimestamp: Date.parse('2026-11-30T16:00:00Z'),
      tokenType: 'Bearer',
    });
  });

  it.each([
    ['https://graph.microsoft.com/.default'],
    ['https://management.azure.com.evil.example/.default'],
    ['not a url'],
  ])('refuses to hand the token to %s', async (scope) => {
    const credential = delegatedArmCredential('user-token', arm);
    const asked = credential.getToken([`${arm}/.default`, scope]);
    await expect(asked).rejects.toBeInstanceOf(DelegatedScopeError);
    await expect(asked).rejects.not.toThrow(/user-token/);
  });

  it('refuses an empty scope list', async () => {
    await expect(delegatedArmCredential('t', arm).getToken([])).rejects.toBeInstanceOf(DelegatedScopeError);
  });
});
