import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botframework-schema';
import { LruMap } from '../lru';
import { checkingToken } from './token-errors';

/** A reply would go to a service URL this bot may not send to (local mode: anything off this machine). */
export class ServiceUrlRefusedError extends Error {
  override readonly name = 'ServiceUrlRefusedError';
  constructor() {
    super('replies may not be sent to this service URL in this mode (see the security-mode line at start)');
  }
}

/** Distinct (app id, service URL, audience) triples kept; Teams uses a handful of service URLs per region. */
const MAX_CLIENTS = 64;

/** A bounded map of pending or settled clients; a client that failed to be made is forgotten, not cached. */
class ClientCache<T> {
  private readonly entries: LruMap<string, Promise<T>>;

  constructor(capacity: number) {
    this.entries = new LruMap(capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  obtain(key: string, make: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key);
    if (existing) return existing;
    const made = make();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    return made;
  }
}

/**
 * The bot's app id the clients are made for, found as the SDK finds it: a channel's token names the bot in its
 * audience claim (the appid claim names the channel); the Emulator's names it in appid.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/**
 * CloudAdapter asks its BotFrameworkAuthentication for a new ConnectorClient and UserTokenClient on every turn,
 * and each one builds its own HTTP pipeline: under load that was a tenth of the bot's CPU. These clients hold
 * no per-turn state (only the app's credentials and the service URL), so one per (app id, service URL, audience)
 * is shared by all turns, as the older BotFrameworkAdapter did. Authentication itself is left untouched.
 */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>(MAX_CLIENTS);
  private readonly userTokenClients = new ClientCache<UserTokenClient>(MAX_CLIENTS);

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    /** Service URLs replies may be sent to (the exposure policy); a client for any other is refused. */
    private readonly allowsServiceUrl: (serviceUrl: string) => boolean = () => true,
    /**
     * Local mode (no BOT_ID, unauthenticated turns) with a token service on this machine: the app id the user token
     * client names (botbuilder refuses to make sign-in state without one). Its credentials stay empty.
     */
    private readonly localAppId?: string,
  ) {
    super();
  }

  /** How many connector clients are kept (tests). */
  get connectorClientCount(): number {
    return this.connectors.size;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    // A bad token is the sender's fault (401), told apart from a check that could not run (token-errors.ts).
    return this.reusing(await checkingToken(() => this.inner.authenticateRequest(activity, authHeader)));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusingFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const claims =
      this.localAppId && appIdOf(claimsIdentity) === ''
        ? new ClaimsIdentity([{ type: AuthenticationConstants.AppIdClaim, value: this.localAppId }], false)
        : claimsIdentity;
    return this.userTokenClients.obtain(appIdOf(claims), () => this.inner.createUserTokenClient(claims));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: this.reusingFactory(result.connectorFactory, appIdOf(result.claimsIdentity)),
    };
  }

  private reusingFactory(factory: ConnectorFactory, appId: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.allowsServiceUrl(serviceUrl)
          ? this.connectors.obtain(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
              factory.create(serviceUrl, audience),
            )
          : Promise.reject(new ServiceUrlRefusedError()),
    };
  }
}
