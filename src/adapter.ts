import { AuthenticationConstants, type BotFrameworkAuthentication } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import {
  ActivityTypes,
  DeliveryModes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from './config';
import { ReusedClientsAuthentication } from './connector/reused-clients';
import { withConnectorRetry, type RetryOptions } from './connector/retry';
import { ThreadSendLimiter } from './connector/thread-send-limiter';

export interface SendOptions extends RetryOptions {
  /** Default: Teams' per-thread windows (7 per second, 60 per 30 seconds). */
  limiter?: ThreadSendLimiter;
}

/**
 * TeamsAdapter with three additions:
 * - the HTTP layer hands over an activity it has already parsed and validated, so the server (not
 *   CloudAdapter.process, which prints errors with console.error) decides status codes and logging;
 * - every activity sent to the Bot Connector waits for its thread's send window and is retried on throttling.
 *   (ConnectorClientOptions.requestPolicyFactories cannot carry this: CloudAdapter's connector factory replaces them);
 * - connector and user token clients are made once per service URL instead of once per turn (reused-clients.ts).
 */
export class AdvisorAdapter extends TeamsAdapter {
  private sendOptions: SendOptions = {};
  private limiter = new ThreadSendLimiter();
  readonly clients: ReusedClientsAuthentication;

  constructor(
    auth: ConfigurationBotFrameworkAuthenticationOptions,
    allowsServiceUrl?: (serviceUrl: string) => boolean,
    localAppId?: string,
  ) {
    super(auth);
    // TeamsAdapter builds its BotFrameworkAuthentication itself, so the wrapper goes in after it.
    const base = this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
    this.clients = new ReusedClientsAuthentication(base.botFrameworkAuthentication, allowsServiceUrl, localAppId);
    base.botFrameworkAuthentication = this.clients;
  }

  configureSending(options: SendOptions): void {
    this.sendOptions = options;
    this.limiter = options.limiter ?? this.limiter;
  }

  /** Authenticates the request (unless in local mode) and runs the turn; throws AuthenticationError on a bad token. */
  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (activities.length === 0) return super.sendActivities(context, activities);
    const responses: ResourceResponse[] = [];
    // One at a time, in order: each reply waits for its thread's window.
    for (const activity of activities) {
      if (!reachesConnector(activity)) {
        responses.push(...(await super.sendActivities(context, [activity])));
        continue;
      }
      const thread = activity.conversation?.id ?? context.activity.conversation?.id ?? '';
      const sent = await withConnectorRetry(async () => {
        await this.limiter.acquire(thread);
        return super.sendActivities(context, [activity]);
      }, this.sendOptions);
      responses.push(...sent);
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const thread = activity.conversation?.id ?? context.activity.conversation?.id ?? '';
    return withConnectorRetry(async () => {
      await this.limiter.acquire(thread);
      return super.updateActivity(context, activity);
    }, this.sendOptions);
  }
}

/** Mirrors CloudAdapterBase.sendActivities: delays, invoke responses and (outside the Emulator) traces stay local. */
function reachesConnector(activity: Partial<Activity>): boolean {
  if (activity.type === 'delay' || activity.type === ActivityTypes.InvokeResponse) return false;
  if (activity.type === ActivityTypes.Trace && activity.channelId !== 'emulator') return false;
  return activity.deliveryMode !== DeliveryModes.ExpectReplies;
}

export interface AdapterOptions {
  send?: SendOptions;
  /** Tests point token validation at a local OpenID metadata server (ToBotFromChannelOpenIdMetadataUrl). */
  auth?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/** The app id a local-mode bot gives a token service on this machine (it has no registration). */
export const LOCAL_MODE_APP_ID = 'local-mode-bot';

/**
 * The token service for people's sign-in (BOT_OAUTH_URL). botbuilder takes one endpoint given as the sign that every
 * endpoint is given, and would leave the others unset: the public cloud's are spelled out with it.
 */
function tokenServiceOptions(oauthUrl: string | undefined): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  if (!oauthUrl) return {};
  return {
    OAuthUrl: oauthUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * CloudAdapter (through teams-ai's TeamsAdapter). Without BOT_ID it runs in local mode: no token checks, and
 * connector clients only for the service URLs the exposure policy allows (src/exposure.ts).
 */
export function createAdapter(config: Config, options: AdapterOptions = {}): AdvisorAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.BOT_ID ?? '',
    MicrosoftAppPassword: config.BOT_PASSWORD ?? '',
    MicrosoftAppTenantId: config.BOT_TENANT_ID ?? '',
    MicrosoftAppType: config.BOT_TYPE ?? (config.BOT_ID ? 'MultiTenant' : ''),
    ...tokenServiceOptions(config.BOT_OAUTH_URL),
    ...options.auth,
  };
  // Local mode signs people in only against a token service on this machine (src/config.ts): it gets a made-up app id.
  const localAppId = !config.BOT_ID && config.BOT_OAUTH_URL ? LOCAL_MODE_APP_ID : undefined;
  const adapter = new AdvisorAdapter(auth, config.exposure.allowsServiceUrl, localAppId);
  if (options.send) adapter.configureSending(options.send);
  return adapter;
}
