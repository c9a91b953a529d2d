import { createServer } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readRequestText } from './request-text';

// A local stand-in for the Bot Framework token service (token.botframework.com), answering what botbuilder's
// UserTokenClient asks of it: GetSignInResource, GetToken (with a sign-in's magic code or without), exchange (Teams
// SSO) and SignOut. Like the real service it holds people's tokens per user, connection and channel, and gets them
// from the OAuth connection's identity provider: the local ARM server's token endpoint (authorization code for the
// sign-in page, on-behalf-of for an SSO token), with the connection's client id, secret and scope.

export interface TokenServiceOptions {
  /** The OAuth connection's name on the Azure Bot. */
  connectionName: string;
  /** The identity provider's token endpoint (the ARM server's `${url}/<tenant>/oauth2/v2.0/token`). */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  /** The connection's scope, e.g. `${armUrl}/user_impersonation`. */
  scope: string;
  /** The token endpoint's certificate (PEM): the local ARM server's is self-signed. */
  ca: string;
}

export interface TokenServiceCall {
  method: string;
  /** The path, lower case (e.g. /api/usertoken/gettoken). */
  path: string;
  query: URLSearchParams;
  status: number;
}

export interface TokenService {
  url: string;
  calls: TokenServiceCall[];
  /** Calls to one endpoint ('gettoken', 'getsigninresource', 'exchange', 'signout'). */
  callsTo(endpoint: string): TokenServiceCall[];
  /**
   * What the sign-in page does when `person` signs in from the link of a sign-in card: the magic code Teams then sends
   * back to the bot in signin/verifyState. Throws when the link is not one this service gave.
   */
  signInFromLink(signInLink: string, authorizationCode: string): Promise<string>;
  /** The Bot Framework token exchange resource uri the sign-in cards carry (the Entra app's api://botid-...). */
  exchangeUri: string;
  close(): Promise<void>;
}

interface Pending {
  userId: string;
  connectionName: string;
  token: string;
  expiration: string;
}

export async function startTokenService(options: TokenServiceOptions): Promise<TokenService> {
  const calls: TokenServiceCall[] = [];
  /** Tokens by `${userId}\n${connectionName}\n${channelId}`: the service's own store. */
  const tokens = new Map<string, { token: string; expiration: string }>();
  /** Sign-in states handed out in sign-in links, by state: which user and connection they are for. */
  const states = new Map<string, { userId: string; connectionName: string; channelId: string }>();
  const codes = new Map<string, Pending & { channelId: string }>();
  const exchangeUri = 'api://botid-local-test-app';
  const keyOf = (userId: string, connectionName: string, channelId: string) =>
    `${userId}\n${connectionName}\n${channelId}`;

  /** Asks the identity provider for a person's ARM token. */
  async function redeem(grant: Record<string, string>): Promise<{ token: string; expiration: string } | undefined> {
    const form = new URLSearchParams({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope,
      ...grant,
    }).toString();
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        options.tokenEndpoint,
        { method: 'POST', ca: options.ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(form);
    });
    if (answer.status !== 200) return undefined;
    const body = JSON.parse(answer.text) as { access_token: string; expires_in: number };
    return { token: body.access_token, expiration: new Date(Date.now() + body.expires_in * 1000).toISOString() };
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.toLowerCase();
    const q = url.searchParams;
    const body = await readRequestText(req);
    const send = (status: number, payload?: unknown) => {
      calls.push({ method: req.method ?? '', path, query: q, status });
      // "No token" is a 404 without a body, as the real service answers it.
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const connection = q.get('connectionName') ?? '';
    if (path !== '/api/botsignin/getsigninresource' && connection !== options.connectionName) {
      return send(400, { error: { code: 'ServiceError', message: `no OAuth connection '${connection}'` } });
    }
    const tokenResponse = (t: { token: string; expiration: string }) => ({
      channelId: q.get('channelId'),
      connectionName: connection,
      token: t.token,
      expiration: t.expiration,
    });
    if (req.method === 'GET' && path === '/api/botsignin/getsigninresource') {
      // state: base64 JSON {connectionName, conversation (a conversation reference), msAppId} (UserTokenClient)
      const raw = q.get('state') ?? '';
      let state: {
        connectionName?: string;
        msAppId?: string;
        conversation?: { user?: { id?: string }; channelId?: string };
      };
      try {
        state = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as typeof state;
      } catch {
        return send(400, { error: { code: 'BadArgument', message: 'state is not base64 JSON' } });
      }
      const userId = state.conversation?.user?.id;
      if (state.connectionName !== options.connectionName || !userId || !state.msAppId) {
        return send(400, { error: { code: 'BadArgument', message: 'unknown connection, user or app in state' } });
      }
      const id = `state-${states.size + 1}`;
      states.set(id, {
        userId,
        connectionName: state.connectionName,
        channelId: state.conversation?.channelId ?? '',
      });
      return send(200, {
        signInLink: `http://127.0.0.1:${(server.address() as AddressInfo).port}/signin?state=${id}`,
        tokenExchangeResource: { id: `exchange-${id}`, uri: exchangeUri, providerId: 'aadv2' },
      });
    }
    if (req.method === 'GET' && path === '/api/usertoken/gettoken') {
      const key = keyOf(q.get('userId') ?? '', connection, q.get('channelId') ?? '');
      const code = q.get('code');
      if (code) {
        const pending = codes.get(code);
        // A magic code is good once, for the user and connection it was made for.
        if (!pending || keyOf(pending.userId, pending.connectionName, pending.channelId) !== key) return send(404);
        codes.delete(code);
        tokens.set(key, { token: pending.token, expiration: pending.expiration });
      }
      const stored = tokens.get(key);
      return stored ? send(200, tokenResponse(stored)) : send(404);
    }
    if (req.method === 'POST' && path === '/api/usertoken/exchange') {
      const request = JSON.parse(body || '{}') as { uri?: string; token?: string };
      const redeemed = request.token
        ? await redeem({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            requested_token_use: 'on_behalf_of',
            assertion: request.token,
          })
        : undefined;
      if (!redeemed) {
        // The real service: 412 with an error body when the SSO token cannot be exchanged (consent needed, ...).
        return send(412, { error: { code: 'ExchangeFailed', message: 'the token could not be exchanged' } });
      }
      tokens.set(keyOf(q.get('userId') ?? '', connection, q.get('channelId') ?? ''), redeemed);
      return send(200, tokenResponse(redeemed));
    }
    if (req.method === 'DELETE' && path === '/api/usertoken/signout') {
      tokens.delete(keyOf(q.get('userId') ?? '', connection, q.get('channelId') ?? ''));
      return send(200, {});
    }
    send(404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    calls,
    callsTo: (endpoint) => calls.filter((c) => c.path.endsWith(`/${endpoint.toLowerCase()}`)),
    exchangeUri,
    signInFromLink: async (signInLink, authorizationCode) => {
      const id = new URL(signInLink).searchParams.get('state') ?? '';
      const state = states.get(id);
      if (!state || !signInLink.startsWith(url)) throw new Error(`not a sign-in link of this service: ${signInLink}`);
      const redeemed = await redeem({ grant_type: 'authorization_code', code: authorizationCode });
      if (!redeemed) throw new Error('the identity provider refused the authorization code');
      const magicCode = String(100000 + codes.size);
      codes.set(magicCode, { ...state, ...redeemed });
      return magicCode;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
