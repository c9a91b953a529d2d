import { promises as fs, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from 'selfsigned';

// A local HTTPS server that speaks enough of the Microsoft Entra ID and Azure Resource Manager protocols
// for the real @azure/identity credential and ARM SDK clients: token endpoints, list operations with
// api-version checks and nextLink paging, a GET by id, and ARM's error bodies (403, 404, 429, 401, 400).
// It serves ARM REST shaped snapshot directories; a resource belongs to the subscription and resource group in
// its id. Lists exist at subscription and at resource group scope; a resource group nothing is in answers 404
// ResourceGroupNotFound, like ARM for a group that does not exist.

export const TEST_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEST_CLIENT_ID = '3c1b2a4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const TEST_CLIENT_SECRET = 'local-test-secret-not-a-real-one';
const TEST_OBJECT_ID = 'b4e1c2d3-a5f6-4789-9abc-def012345678';

const ARM_FIXTURES = path.join(__dirname, '..', 'fixtures', 'arm');
const NETWORK_API = '2026-01-01';
const SQL_API = '2022-08-01-preview';
const RESOURCES_API = '2025-04-01';
const DMS_API = '2025-06-30';
/** @azure/arm-authorization 9: role assignments. */
const AUTHORIZATION_API = '2022-04-01';
/** API versions of the GETs of the current DMS path (src/azure/current-dms-live.ts), by lower-cased resource type. */
const CURRENT_DMS_GET_API: Record<string, string> = {
  'microsoft.datamigration/sqlmigrationservices': '2025-06-30',
  'microsoft.storage/storageaccounts': '2025-01-01',
  'microsoft.network/privatednszones/virtualnetworklinks': '2024-06-01',
};

/** A fault injected on requests whose path (lower case, without query) matches. */
export interface ArmFault {
  pathMatches: RegExp;
  /** Also match the query (e.g. /skiptoken=1/ for the second page). */
  queryMatches?: RegExp;
  status: 403 | 404 | 429 | 500 | 503;
  /** How many matching requests fail before the rest succeed (default: all). */
  times?: number;
  /** For 403: the action named in the AuthorizationFailed message. */
  action?: string;
}

export interface ArmServerOptions {
  /** ARM REST shaped snapshot directories whose resources the server holds. */
  snapshotDirs: string[];
  /** Items per list page (default 1: every list with several items is paged). */
  pageSize?: number;
  faults?: ArmFault[];
  /** Subscriptions that exist even without resources. */
  extraSubscriptions?: string[];
  /** Resource groups (`<subscription>/<name>`) that exist even without resources. */
  extraResourceGroups?: string[];
  /** Delay before each ARM answer, so concurrency can be observed (default 0). */
  latencyMs?: number;
  /** People who sign in (delegated tokens for ARM): each reads only the subscriptions they have Reader on. */
  people?: Person[];
}

/**
 * A person of the test tenant. The token endpoint gives them a delegated ARM token (scope user_impersonation) for
 * the sign-in's authorization code `code-for-<name>` or, on behalf of, for their Teams SSO token `teams-sso-<name>`.
 */
export interface Person {
  name: string;
  objectId: string;
  /** Subscriptions (ids) where they hold Reader; ARM answers 403 AuthorizationFailed everywhere else. */
  readerOn: string[];
}

export const authorizationCodeOf = (name: string) => `code-for-${name}`;
export const teamsSsoTokenOf = (name: string) => `teams-sso-${name}`;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  at: number;
  /** Whose token the request carried: a person's name, 'app' (the client credential), or none. */
  caller?: string;
}

export interface ArmServer {
  url: string;
  /** PEM file of the self-signed certificate, for NODE_EXTRA_CA_CERTS. */
  caCertFile: string;
  requests: RecordedRequest[];
  /** Requests to ARM only (not to the token endpoints). */
  armRequests(): RecordedRequest[];
  /** The most ARM requests that were being answered at the same time. */
  maxArmInFlight(): number;
  /** Environment for a child process running the live reader against this server. */
  childEnv(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

type Resource = { id: string; name: string; type: string; location?: string; [k: string]: unknown };

interface ListRoute {
  pattern: RegExp; // groups: subscription, then optionally resource group
  apiVersion: string;
  items: (subscription: string, resourceGroup: string | undefined, query: URLSearchParams) => Resource[];
}

function fixture(name: string, values: Record<string, string>): string {
  let text = readFileSync(path.join(ARM_FIXTURES, name), 'utf8');
  for (const [k, v] of Object.entries(values)) text = text.split(`{${k}}`).join(v);
  return text;
}

async function loadResources(dirs: string[]): Promise<Resource[]> {
  const all: Resource[] = [];
  for (const dir of dirs) {
    for (const file of await fs.readdir(dir)) {
      const body = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')) as { value?: Resource[] };
      if (!Array.isArray(body.value)) throw new Error(`${dir}/${file} is not ARM REST shaped ({"value": [...]})`);
      all.push(...body.value);
    }
  }
  return all;
}

const lower = (s: string) => s.toLowerCase();
const subscriptionOf = (id: string) => lower(/\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '');
const groupOf = (id: string) => lower(/\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '');

export async function startArmServer(options: ArmServerOptions): Promise<ArmServer> {
  const resources = await loadResources(options.snapshotDirs);
  const pageSize = options.pageSize ?? 1;
  const faults = (options.faults ?? []).map((f) => ({ ...f, remaining: f.times ?? Infinity }));
  const subscriptions = new Set([
    ...resources.map((r) => subscriptionOf(r.id)),
    ...(options.extraSubscriptions ?? []).map(lower),
  ]);
  const resourceGroups = new Set([
    ...resources.map((r) => `${subscriptionOf(r.id)}/${groupOf(r.id)}`),
    ...(options.extraResourceGroups ?? []).map(lower),
  ]);
  const issuedTokens = new Set<string>();
  /** Delegated tokens, by token: whose they are. */
  const personTokens = new Map<string, Person>();
  const people = options.people ?? [];
  const requests: RecordedRequest[] = [];
  let armInFlight = 0;
  let maxArmInFlight = 0;

  const ofType = (type: string) => (sub: string, rg: string | undefined) =>
    resources.filter(
      (r) =>
        lower(r.type) === lower(type) && subscriptionOf(r.id) === sub && (rg === undefined || groupOf(r.id) === rg),
    );
  const networkList = (type: string): ListRoute => ({
    pattern: new RegExp(`^/subscriptions/([^/]+)/providers/${lower(type)}$`),
    apiVersion: NETWORK_API,
    items: ofType(type),
  });
  /** The generic resources list (subscription or resource group), filtered by resourceType as the reader asks. */
  const genericItems = (sub: string, rg: string | undefined, query: URLSearchParams) => {
    const type = /^resourceType eq '([^']+)'$/i.exec(query.get('$filter') ?? '')?.[1];
    if (!type) throw new Error(`unsupported $filter ${query.get('$filter')}`);
    // the generic list carries no properties (ARM's GenericResourceExpanded without $expand)
    return ofType(type)(sub, rg).map(({ id, name, type: t, location }) => ({ id, name, type: t, location }));
  };
  const networkGroupList = (type: string): ListRoute => ({
    pattern: new RegExp(`^/subscriptions/([^/]+)/resourcegroups/([^/]+)/providers/${lower(type)}$`),
    apiVersion: NETWORK_API,
    items: ofType(type),
  });
  /**
   * Role assignments that apply at a scope, as ARM lists them: at a subscription everything in it; at a resource
   * group those of the group and below, and those of the subscription itself (inherited).
   */
  const roleAssignments = (sub: string, rg: string | undefined) =>
    resources.filter(
      (r) =>
        lower(r.type) === 'microsoft.authorization/roleassignments' &&
        subscriptionOf(r.id) === sub &&
        (rg === undefined || groupOf(r.id) === rg || groupOf(r.id) === ''),
    );
  const routes: ListRoute[] = [
    networkList('Microsoft.Network/virtualNetworks'),
    networkList('Microsoft.Network/privateEndpoints'),
    networkGroupList('Microsoft.Network/privateEndpoints'),
    {
      pattern: /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/roleassignments$/,
      apiVersion: AUTHORIZATION_API,
      items: roleAssignments,
    },
    {
      pattern:
        /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.authorization\/roleassignments$/,
      apiVersion: AUTHORIZATION_API,
      items: roleAssignments,
    },
    networkList('Microsoft.Network/networkSecurityGroups'),
    networkList('Microsoft.Network/routeTables'),
    networkList('Microsoft.Network/networkInterfaces'),
    networkList('Microsoft.Network/applicationSecurityGroups'),
    {
      pattern: /^\/subscriptions\/([^/]+)\/providers\/microsoft\.sql\/managedinstances$/,
      apiVersion: SQL_API,
      items: ofType('Microsoft.Sql/managedInstances'),
    },
    // resource group scope (Virtual Networks - List, Managed Instances - List By Resource Group, ...)
    networkGroupList('Microsoft.Network/virtualNetworks'),
    networkGroupList('Microsoft.Network/networkSecurityGroups'),
    networkGroupList('Microsoft.Network/routeTables'),
    networkGroupList('Microsoft.Network/networkInterfaces'),
    networkGroupList('Microsoft.Network/applicationSecurityGroups'),
    {
      pattern: /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.sql\/managedinstances$/,
      apiVersion: SQL_API,
      items: ofType('Microsoft.Sql/managedInstances'),
    },
    networkGroupList('Microsoft.Network/virtualNetworkGateways'),
    networkGroupList('Microsoft.Network/connections'),
    networkGroupList('Microsoft.Network/localNetworkGateways'),
    { pattern: /^\/subscriptions\/([^/]+)\/resources$/, apiVersion: RESOURCES_API, items: genericItems },
    // Resources - List By Resource Group
    {
      pattern: /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/resources$/,
      apiVersion: RESOURCES_API,
      items: genericItems,
    },
  ];

  const cert = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  const certDir = await fs.mkdtemp(path.join(os.tmpdir(), 'arm-server-'));
  const caCertFile = path.join(certDir, 'ca.pem');
  await fs.writeFile(caCertFile, cert.cert);

  let base = '';
  const server = https.createServer({ key: cert.private, cert: cert.cert }, (req, res) => {
    const url = new URL(`${base}${(req.url ?? '/').replace(/^\/+/, '/')}`); // ARM tolerates a doubled leading slash
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : '';
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          status,
          at: Date.now(),
          caller: personTokens.get(bearer)?.name ?? (issuedTokens.has(bearer) ? 'app' : undefined),
        });
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-ms-request-id': `req-${requests.length}`,
          ...headers,
        });
        res.end(text);
      };
      const answer = () => {
        try {
          handle(url, req.method ?? 'GET', Buffer.concat(chunks).toString('utf8'), req.headers.authorization, send);
        } catch (e) {
          send(500, { error: { code: 'TestServerError', message: (e as Error).message } });
        }
      };
      if (!url.pathname.toLowerCase().startsWith('/subscriptions/') || !options.latencyMs) return answer();
      armInFlight++;
      maxArmInFlight = Math.max(maxArmInFlight, armInFlight);
      setTimeout(() => {
        armInFlight--;
        answer();
      }, options.latencyMs);
    });
  });

  function handle(
    url: URL,
    method: string,
    body: string,
    authorization: string | undefined,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const p = lower(url.pathname);
    const tenant = /^\/([^/]+)\//.exec(url.pathname)?.[1] ?? '';
    if (method === 'GET' && p.endsWith('/v2.0/.well-known/openid-configuration')) {
      return send(200, {
        token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
        issuer: `${base}/${tenant}/v2.0`,
        jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        tenant_region_scope: 'EU',
      });
    }
    if (method === 'POST' && p.endsWith('/oauth2/v2.0/token')) {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== TEST_CLIENT_ID || form.get('client_secret') !== TEST_CLIENT_SECRET) {
        return send(401, fixture('invalid-client-secret.json', {}));
      }
      const grant = form.get('grant_type');
      if (grant === 'authorization_code' || grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        // A person's sign-in (the code of the sign-in page) or on-behalf-of (their Teams SSO token).
        const presented = grant === 'authorization_code' ? form.get('code') : form.get('assertion');
        const person = people.find(
          (q) => presented === (grant === 'authorization_code' ? authorizationCodeOf(q.name) : teamsSsoTokenOf(q.name)),
        );
        const scopes = (form.get('scope') ?? '').split(' ');
        if (!person || !scopes.includes(`${base}/user_impersonation`)) {
          return send(400, { error: 'invalid_grant', error_description: 'AADSTS50000: the grant is not valid.' });
        }
        const token = `local-person-token-${person.name}-${personTokens.size + 1}`;
        personTokens.set(token, person);
        return send(200, { token_type: 'Bearer', expires_in: 3599, scope: scopes.join(' '), access_token: token });
      }
      const token = `local-arm-token-${issuedTokens.size + 1}`;
      issuedTokens.add(token);
      return send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }

    // Azure Resource Manager from here on.
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const person = personTokens.get(bearer);
    if (!issuedTokens.has(bearer) && !person) {
      return send(401, fixture('invalid-authentication-token.json', {}));
    }
    const sub = /^\/subscriptions\/([^/]+)/.exec(p)?.[1];
    // A person without Reader is refused before ARM says whether the subscription exists, as ARM does.
    if (person && !(sub && person.readerOn.map(lower).includes(sub))) {
      const scope = /^(\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?)/.exec(url.pathname)?.[1] ?? url.pathname;
      return send(
        403,
        fixture('authorization-failed.json', {
          clientId: person.objectId,
          objectId: person.objectId,
          action: 'Microsoft.Network/virtualNetworks/read',
          scope,
        }),
      );
    }
    if (sub && !subscriptions.has(sub)) {
      return send(404, fixture('subscription-not-found.json', { subscriptionId: sub }));
    }
    for (const fault of faults) {
      if (fault.remaining > 0 && fault.pathMatches.test(p) && (fault.queryMatches?.test(url.search) ?? true)) {
        fault.remaining--;
        if (fault.status === 403) {
          const scope = /^(\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?)/.exec(url.pathname)?.[1] ?? url.pathname;
          return send(
            403,
            fixture('authorization-failed.json', {
              clientId: TEST_CLIENT_ID,
              objectId: TEST_OBJECT_ID,
              action: fault.action ?? 'Microsoft.Resources/subscriptions/resources/read',
              scope,
            }),
          );
        }
        if (fault.status === 429) {
          return send(429, fixture('too-many-requests.json', { subscriptionId: sub ?? '', objectId: TEST_OBJECT_ID }), {
            'Retry-After': '1',
          });
        }
        if (fault.status === 404) {
          return send(404, {
            error: { code: 'ResourceNotFound', message: `The Resource '${url.pathname}' was not found.` },
          });
        }
        return send(fault.status, {
          error: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' },
        });
      }
    }
    // after the faults: ARM answers 403 before it says whether a group exists
    const group = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/.exec(p)?.[1];
    if (sub && group && !resourceGroups.has(`${sub}/${group}`)) {
      const name = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i.exec(url.pathname)?.[1] ?? group;
      return send(404, {
        error: {
          code: 'ResourceGroupNotFound',
          message: `Resource group '${decodeURIComponent(name)}' could not be found.`,
        },
      });
    }
    const apiVersion = url.searchParams.get('api-version') ?? '';
    const checkVersion = (expected: string) => {
      if (apiVersion === expected) return true;
      send(400, fixture('invalid-api-version.json', { apiVersion, supported: expected }));
      return false;
    };
    for (const route of routes) {
      const match = route.pattern.exec(p);
      if (!match || method !== 'GET') continue;
      if (!checkVersion(route.apiVersion)) return;
      const items = route.items(match[1], match[2], url.searchParams);
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const page: { value: Resource[]; nextLink?: string } = { value: items.slice(skip, skip + pageSize) };
      if (skip + pageSize < items.length) {
        const next = new URL(url.toString());
        next.searchParams.set('$skiptoken', String(skip + pageSize));
        page.nextLink = next.toString();
      }
      return send(200, page);
    }
    const byId = resources.find((r) => lower(r.id) === p);
    if (method === 'GET' && byId && lower(byId.type) === 'microsoft.datamigration/services') {
      if (!checkVersion(DMS_API)) return;
      return send(200, byId);
    }
    // The current DMS path: GET by id of migration services, storage accounts and private DNS zone links.
    const currentApi = byId ? CURRENT_DMS_GET_API[lower(byId.type)] : undefined;
    if (method === 'GET' && byId && currentApi) {
      if (!checkVersion(currentApi)) return;
      return send(200, byId);
    }
    send(404, {
      error: { code: 'ResourceNotFound', message: `The test ARM server has no route for ${method} ${url.pathname}.` },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    caCertFile,
    requests,
    armRequests: () => requests.filter((r) => r.path.toLowerCase().startsWith('/subscriptions/')),
    maxArmInFlight: () => maxArmInFlight,
    childEnv: () => ({
      NODE_EXTRA_CA_CERTS: caCertFile,
      AZURE_TENANT_ID: TEST_TENANT_ID,
      AZURE_CLIENT_ID: TEST_CLIENT_ID,
      AZURE_CLIENT_SECRET: TEST_CLIENT_SECRET,
      AZURE_AUTHORITY_HOST: base,
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
      ARM_ENDPOINT: base,
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(certDir, { recursive: true, force: true });
    },
  };
}
