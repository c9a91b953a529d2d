import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/** How long a token without a stated expiry is taken to live (the token service refreshes it for every turn). */
const ASSUMED_LIFETIME_MS = 5 * 60_000;

/** A delegated token was asked for a scope that is not Azure Resource Manager's. */
export class DelegatedScopeError extends Error {
  override readonly name = 'DelegatedScopeError';
}

/**
 * A person's delegated token for Azure Resource Manager (from their Teams sign-in) as a TokenCredential for the ARM
 * SDK clients. It answers only scopes of `armEndpoint` (the clients ask for `<endpoint>/.default`): the token can go to
 * ARM and nowhere else. It keeps nothing beyond the read it was made for.
 */
export function delegatedArmCredential(token: string, armEndpoint: string, expiresOn?: string): TokenCredential {
  const armOrigin = new URL(armEndpoint).origin.toLowerCase();
  const expires = expiresOn ? Date.parse(expiresOn) : Number.NaN;
  return {
    getToken: async (scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> => {
      const asked = Array.isArray(scopes) ? scopes : [scopes];
      const foreign = asked.filter(
        (scope) => !URL.canParse(scope) || new URL(scope).origin.toLowerCase() !== armOrigin,
      );
      if (asked.length === 0 || foreign.length > 0) {
        throw new DelegatedScopeError(
          `a signed-in person's token is only for Azure Resource Manager (${armOrigin}); it was asked for another scope`,
        );
      }
      return {
        token,
        expiresOnTimestamp: Number.isFinite(expires) ? expires : Date.now() + ASSUMED_LIFETIME_MS,
        tokenType: 'Bearer',
      };
    },
  };
}
