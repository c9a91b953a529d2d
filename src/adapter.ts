import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, InvokeResponse, TurnContext } from 'botbuilder';
import type { ConnectorClientOptions } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from './config';
import { connectorSendPolicy, type ConnectorSendPolicyOptions } from './connector/send-policy';

/**
 * TeamsAdapter that lets the HTTP layer hand over an activity it has already parsed and validated, so the
 * server (not CloudAdapter.process, which prints errors with console.error) decides status codes and logging.
 */
export class AdvisorAdapter extends TeamsAdapter {
  /** Authenticates the request (unless in local mode) and runs the turn; throws AuthenticationError on a bad token. */
  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** CloudAdapter (through teams-ai's TeamsAdapter). Without BOT_ID it runs in local mode: no token checks. */
export interface AdapterOptions {
  sendPolicy?: ConnectorSendPolicyOptions;
  /** Tests point token validation at a local OpenID metadata server (ToBotFromChannelOpenIdMetadataUrl). */
  auth?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

export function createAdapter(config: Config, options: AdapterOptions = {}): AdvisorAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.BOT_ID ?? '',
    MicrosoftAppPassword: config.BOT_PASSWORD ?? '',
    MicrosoftAppTenantId: config.BOT_TENANT_ID ?? '',
    MicrosoftAppType: config.BOT_TYPE ?? (config.BOT_ID ? 'MultiTenant' : ''),
    ...options.auth,
  };
  // Every Bot Connector call goes through the send policy: per-thread limits and retries (src/connector).
  const connectorOptions: ConnectorClientOptions = {
    requestPolicyFactories: [connectorSendPolicy(options.sendPolicy)],
  };
  return new AdvisorAdapter(auth, undefined, undefined, connectorOptions);
}
