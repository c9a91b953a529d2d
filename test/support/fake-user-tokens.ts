import type {
  Activity,
  SignInUrlResponse,
  TestAdapter,
  TokenExchangeRequest,
  TokenResponse,
  TokenStatus,
} from 'botbuilder';
import { UserTokenClient } from 'botframework-connector';

// The Bot Framework token service as a TestAdapter conversation sees it (the UserTokenClient teams-ai and botbuilder's
// OAuthPrompt take from the turn), in memory: people's tokens per user id, and the magic codes of the sign-in page.
// test/support/token-service.ts is the HTTP stand-in the processes tests use with the real CloudAdapter.

export class FakeUserTokens extends UserTokenClient {
  private readonly tokens = new Map<string, string>();
  private readonly magicCodes = new Map<string, string>();
  private held: { count: number; waiting: (() => void)[] } | undefined;
  signInResources = 0;

  /** The token a person gets from the sign-in page, as the read sees it. */
  static tokenOf(userId: string): string {
    return `person-token-of-${userId}`;
  }

  /** What the sign-in page does: the person signs in and gets the magic code Teams sends back in signin/verifyState. */
  signIn(userId: string): string {
    const code = String(100000 + this.magicCodes.size + 1);
    this.magicCodes.set(code, userId);
    return code;
  }

  signOut(userId: string): void {
    this.tokens.delete(userId);
  }

  /**
   * The next `count` sign-in cards wait for each other: every one of those turns has read its state before any writes
   * (two people pressing at the same moment).
   */
  holdSignInCards(count: number): void {
    this.held = { count, waiting: [] };
  }

  /** Puts this token service into every turn of `adapter` under the key CloudAdapter uses (TestAdapter has none). */
  install(adapter: TestAdapter) {
    const key = Symbol('UserTokenClient');
    Object.assign(adapter, { UserTokenClientKey: key });
    adapter.use(async (context, next) => {
      context.turnState.set(key, this);
      await next();
    });
  }

  async getUserToken(userId: string, connectionName: string, _channelId: string, magicCode: string) {
    if (magicCode) {
      if (this.magicCodes.get(magicCode) !== userId) return undefined as unknown as TokenResponse;
      this.magicCodes.delete(magicCode);
      this.tokens.set(userId, FakeUserTokens.tokenOf(userId));
    }
    const token = this.tokens.get(userId);
    return (token ? { connectionName, token, expiration: '' } : undefined) as TokenResponse;
  }

  async getSignInResource(connectionName: string, activity: Activity): Promise<SignInUrlResponse> {
    this.signInResources++;
    const held = this.held;
    if (held) {
      await new Promise<void>((release) => {
        held.waiting.push(release);
        if (held.waiting.length >= held.count) {
          this.held = undefined;
          held.waiting.forEach((r) => r());
        }
      });
    }
    return {
      signInLink: `https://token.local/sign-in?connection=${connectionName}&user=${activity.from.id}`,
      tokenExchangeResource: { id: 'exchange', uri: 'api://botid-local', providerId: '' },
      tokenPostResource: { sasUrl: '' },
    };
  }

  async signOutUser(userId: string): Promise<void> {
    this.signOut(userId);
  }

  async getTokenStatus(): Promise<TokenStatus[]> {
    return [];
  }

  async getAadTokens(): Promise<Record<string, TokenResponse>> {
    throw new Error('not used by the sign-in');
  }

  async exchangeToken(_u: string, _c: string, _ch: string, _request: TokenExchangeRequest): Promise<TokenResponse> {
    throw new Error('Teams SSO is covered by test/integration/verify-as-person.processes.test.ts');
  }
}
