import type { Activity, TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { messageActivity } from '../../bench/activities';
import { startLocalConnector, type LocalConnector } from '../../bench/local-connector';
import { createAdapter } from '../../src/adapter';
import { loadConfig } from '../../src/config';
import { ReusedClientsAuthentication, ServiceUrlRefusedError } from '../../src/connector/reused-clients';

/** A channel's token: the audience is the bot, the appid claim the channel that called. */
function claimsFor(botAppId: string, callerAppId = 'bot-framework-channel'): ClaimsIdentity {
  return new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: botAppId },
    { type: AuthenticationConstants.AppIdClaim, value: callerAppId },
    { type: AuthenticationConstants.VersionClaim, value: '1.0' },
  ]);
}

/** Counts what it makes; `failNext` makes the next connector client fail. */
class CountingAuthentication extends BotFrameworkAuthentication {
  made = 0;
  tokenClientsMade = 0;
  failNext = false;

  private factory(): ConnectorFactory {
    return {
      create: async (serviceUrl: string, audience?: string) => {
        if (this.failNext) {
          this.failNext = false;
          throw new Error('credentials unavailable');
        }
        this.made++;
        return { serviceUrl, audience, n: this.made } as unknown as ConnectorClient;
      },
    };
  }

  async authenticateRequest(activity: Activity): Promise<AuthenticateRequestResult> {
    return {
      claimsIdentity: claimsFor(activity.recipient.id),
      audience: 'https://api.botframework.com',
      callerId: '',
      connectorFactory: this.factory(),
    };
  }

  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }

  createConnectorFactory(): ConnectorFactory {
    return this.factory();
  }

  async createUserTokenClient(): Promise<UserTokenClient> {
    this.tokenClientsMade++;
    return {} as UserTokenClient;
  }
}

describe('ReusedClientsAuthentication', () => {
  it('makes one connector client per app id, service URL and audience, whatever the turn', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const activity = (botId: string) => ({ recipient: { id: botId } }) as Activity;

    const fromRequest = async () => (await auth.authenticateRequest(activity('app-1'), '')).connectorFactory!;
    const first = await (await fromRequest()).create('https://a/');
    const again = await (await fromRequest()).create('https://a/');
    const proactive = await auth.createConnectorFactory(claimsFor('app-1')).create('https://a/');
    expect(again).toBe(first);
    expect(proactive).toBe(first);
    expect(inner.made).toBe(1);

    const otherUrl = await auth.createConnectorFactory(claimsFor('app-1')).create('https://b/');
    const otherAudience = await auth.createConnectorFactory(claimsFor('app-1')).create('https://a/', 'aud-2');
    const otherApp = await auth.createConnectorFactory(claimsFor('app-2')).create('https://a/');
    expect(new Set([first, otherUrl, otherAudience, otherApp]).size).toBe(4);
    expect(inner.made).toBe(4);
  });

  it('does not keep a client that could not be made: the next turn tries again', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    inner.failNext = true;
    const factory = auth.createConnectorFactory(claimsFor('app-1'));
    await expect(factory.create('https://a/')).rejects.toThrow('credentials unavailable');
    const client = await factory.create('https://a/');
    expect(client).toBeDefined();
    expect(inner.made).toBe(1);
  });

  it('keeps the clients of two bots called by the same channel apart (the bot is the audience, not the caller)', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const botA = await auth.createConnectorFactory(claimsFor('bot-a')).create('https://a/');
    const botB = await auth.createConnectorFactory(claimsFor('bot-b')).create('https://a/');
    expect(botB).not.toBe(botA);
    expect(await auth.createUserTokenClient(claimsFor('bot-b'))).not.toBe(
      await auth.createUserTokenClient(claimsFor('bot-a')),
    );
  });

  it('makes no client for a service URL the exposure policy refuses (every reply, proactive ones too)', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner, (url) => url.startsWith('http://127.0.0.1'));
    const factory = auth.createConnectorFactory(claimsFor('app'));
    await expect(factory.create('http://169.254.169.254/')).rejects.toBeInstanceOf(ServiceUrlRefusedError);
    await expect(factory.create('http://127.0.0.1:9/')).resolves.toBeDefined();
    expect(inner.made).toBe(1);
  });

  it('in local mode, the adapter refuses a connector client off this machine', async () => {
    const adapter = createAdapter(loadConfig({}));
    const factory = adapter.clients.createConnectorFactory(claimsFor(''));
    await expect(factory.create('https://smba.trafficmanager.net/teams/')).rejects.toBeInstanceOf(
      ServiceUrlRefusedError,
    );
  });

  it('makes one user token client per app id', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const a = await auth.createUserTokenClient(claimsFor('app-1'));
    expect(await auth.createUserTokenClient(claimsFor('app-1'))).toBe(a);
    expect(await auth.createUserTokenClient(claimsFor('app-2'))).not.toBe(a);
    expect(inner.tokenClientsMade).toBe(2);
  });
});

describe('the adapter shares connector clients between turns', () => {
  let connector: LocalConnector;
  beforeAll(async () => {
    connector = await startLocalConnector({ record: true });
  });
  afterAll(() => connector.close());

  it('uses the same client for every turn from one service URL, and each turn still gets its reply', async () => {
    const adapter = createAdapter(loadConfig({}));
    const clients: unknown[] = [];
    const turn = async (serviceUrl: string, text: string) =>
      adapter.handleActivity(
        '',
        messageActivity({ serviceUrl, text, conversationId: `conv-${text}` }) as unknown as Activity,
        async (context: TurnContext) => {
          clients.push(context.turnState.get(adapter.ConnectorClientKey));
          await context.sendActivity(`echo ${text}`);
        },
      );
    await turn(connector.url, 'one');
    await turn(connector.url, 'two');
    await turn(`${connector.url}/`, 'three');
    expect(clients[1]).toBe(clients[0]);
    expect(clients[2]).not.toBe(clients[0]);
    expect(adapter.clients.connectorClientCount).toBe(2);
    expect(connector.calls.map((c) => c.activity.text)).toEqual(['echo one', 'echo two', 'echo three']);
  });
});
