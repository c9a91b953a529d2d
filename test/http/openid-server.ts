import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface OpenIdServer {
  metadataUrl: string;
  /**
   * The adapter settings that send token checks here. The issuer must be given with the metadata URL: with only
   * the URL, the SDK's parameterised authentication knows no issuer and refuses every token before its signature.
   */
  authOptions: { ToBotFromChannelOpenIdMetadataUrl: string; ToBotFromChannelTokenIssuer: string };
  /** A token for `audience` that names the served key but is signed with another one. */
  forgedToken(audience: string): string;
  /** A channel token signed with the served key: valid unless `claims` or `header` say otherwise. */
  token(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
  close(): Promise<void>;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function sign(header: object, payload: object, key: KeyObject): string {
  const body = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(body).sign(key);
  return `${body}.${base64url(signature)}`;
}

/** Serves OpenID metadata and a JWKS (like login.botframework.com) on 127.0.0.1, so token checks need no network. */
export async function startOpenIdServer(): Promise<OpenIdServer> {
  const served = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...served.publicKey.export({ format: 'jwk' }),
    kid: 'served-key',
    use: 'sig',
    endorsements: ['msteams'],
  };
  let base = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(
        JSON.stringify({
          issuer: CHANNEL_ISSUER,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const metadataUrl = `${base}/openid`;
  return {
    metadataUrl,
    authOptions: { ToBotFromChannelOpenIdMetadataUrl: metadataUrl, ToBotFromChannelTokenIssuer: CHANNEL_ISSUER },
    token: (claims, header = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: CHANNEL_ISSUER, nbf: now - 60, exp: now + 3600, ...claims };
      return sign({ alg: 'RS256', typ: 'JWT', kid: 'served-key', ...header }, payload, served.privateKey);
    },
    forgedToken: (audience) => {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        { alg: 'RS256', typ: 'JWT', kid: 'served-key' },
        { iss: CHANNEL_ISSUER, aud: audience, nbf: now - 60, exp: now + 3600 },
        attacker.privateKey,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
