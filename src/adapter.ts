import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from './config';

/** CloudAdapter (through teams-ai's TeamsAdapter). Without BOT_ID it runs in local mode: no token checks. */
export function createAdapter(config: Config): TeamsAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.BOT_ID ?? '',
    MicrosoftAppPassword: config.BOT_PASSWORD ?? '',
    MicrosoftAppTenantId: config.BOT_TENANT_ID ?? '',
    MicrosoftAppType: config.BOT_TYPE ?? (config.BOT_ID ? 'MultiTenant' : ''),
  };
  return new TeamsAdapter(auth, undefined, undefined, undefined);
}
