import { z } from 'zod';
import { exposureFor, isLoopbackUrl, type Exposure } from './exposure';

const yesNoBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What live Azure reads take from the environment: the bot's reads, and the CLI's (`verify`, `snapshot`). */
const azureVariables = {
  AZURE_ALLOWED_SUBSCRIPTIONS: z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v.trim() === ''
        ? undefined
        : v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
    )
    .refine((list) => list === undefined || list.every((s) => guid.test(s)), 'a comma list of subscription GUIDs'),
  ARM_ENDPOINT: z
    .string()
    .url('an https URL such as https://management.azure.com')
    // The bot's bearer token goes to this endpoint: never in clear.
    .refine((v) => v.toLowerCase().startsWith('https://'), 'an https URL such as https://management.azure.com')
    .default('https://management.azure.com'),
  AZURE_DISABLE_INSTANCE_DISCOVERY: yesNoBoolean.default('false'),
};

/** Every variable the bot reads, validated at start. */
const variables = {
  PORT: z.coerce
    .number({ invalid_type_error: 'a port number' })
    .int('a whole number')
    .min(0, 'a port from 0 to 65535')
    .max(65535, 'a port from 0 to 65535')
    .default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_ID: z.string().optional(),
  BOT_PASSWORD: z.string().optional(),
  BOT_TENANT_ID: z.string().optional(),
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).optional(),
  STORAGE: z.enum(['file', 'memory', 'blob']).default('file'),
  STORAGE_DIR: z.string().min(1, 'a directory path').default('.data'),
  BLOB_CONNECTION_STRING: z.string().optional(),
  BLOB_CONTAINER: z
    .string()
    .regex(
      /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
      'a blob container name: 3-63 lowercase letters, digits and dashes',
    )
    .optional(),
  ...azureVariables,
  VERIFY_MIN_INTERVAL_SECONDS: z.coerce
    .number({ invalid_type_error: 'a number of seconds' })
    .int('a whole number of seconds')
    .min(0, 'a number of seconds from 0')
    .default(30),
  ALLOW_UNAUTHENTICATED: yesNoBoolean.default('false'),
  /** Whose Azure rights verify reads with; the default follows BOT_ID (see verifyIdentityOf). */
  VERIFY_IDENTITY: z.enum(['user', 'bot']).optional(),
  /** The Azure Bot's OAuth connection that signs people in for verify (VERIFY_IDENTITY=user). */
  VERIFY_OAUTH_CONNECTION: z.string().trim().min(1, 'the name of the Azure Bot OAuth connection').optional(),
  /** The Bot Framework token service (data residency: https://europe.token.botframework.com, ...). */
  BOT_OAUTH_URL: z
    .string()
    .url('an https URL such as https://europe.token.botframework.com')
    // It hands out people's tokens: never in clear, except to a stand-in on this machine.
    .refine(
      (v) => v.toLowerCase().startsWith('https://') || isLoopbackUrl(v),
      'an https URL such as https://europe.token.botframework.com',
    )
    .optional(),
  NODE_ENV: z.string().optional(),
  PUBLIC_URL: z.string().url('the public https URL of the bot, such as https://mybot.azurewebsites.net').optional(),
};

/** The names of every variable src/config.ts reads (tests check the deployment files against them). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(variables);

const schema = z.object(variables).superRefine((env, ctx) => {
  if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== 'UserAssignedMsi') {
    ctx.addIssue({
      code: 'custom',
      path: ['BOT_PASSWORD'],
      message: 'set when BOT_ID is set (or BOT_TYPE=UserAssignedMsi)',
    });
  }
  if ((env.BOT_TYPE === 'SingleTenant' || env.BOT_TYPE === 'UserAssignedMsi') && !env.BOT_TENANT_ID) {
    ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: `set when BOT_TYPE is ${env.BOT_TYPE}` });
  }
  if (env.ALLOW_UNAUTHENTICATED && env.BOT_ID) {
    ctx.addIssue({
      code: 'custom',
      path: ['ALLOW_UNAUTHENTICATED'],
      message: 'unset when BOT_ID is set (requests are then authenticated)',
    });
  }
  if (env.ALLOW_UNAUTHENTICATED && env.NODE_ENV === 'production') {
    ctx.addIssue({
      code: 'custom',
      path: ['ALLOW_UNAUTHENTICATED'],
      message: 'unset when NODE_ENV=production: set BOT_ID (and BOT_PASSWORD) so requests are authenticated',
    });
  }
  if (verifyModeOf(env) === 'user') {
    if (!env.VERIFY_OAUTH_CONNECTION) {
      ctx.addIssue({
        code: 'custom',
        path: ['VERIFY_OAUTH_CONNECTION'],
        message:
          'the name of the Azure Bot OAuth connection when VERIFY_IDENTITY=user (the default with BOT_ID), or set VERIFY_IDENTITY=bot',
      });
    }
    if (env.ALLOW_UNAUTHENTICATED) {
      ctx.addIssue({
        code: 'custom',
        path: ['VERIFY_IDENTITY'],
        message: 'bot with ALLOW_UNAUTHENTICATED=true: unauthenticated requests could speak for anyone signed in',
      });
    } else if (!env.BOT_ID && !(env.BOT_OAUTH_URL && isLoopbackUrl(env.BOT_OAUTH_URL))) {
      ctx.addIssue({
        code: 'custom',
        path: ['VERIFY_IDENTITY'],
        message:
          'bot when BOT_ID is not set: signing people in needs the bot registration (only a token service on this machine, BOT_OAUTH_URL, is used without it)',
      });
    }
  }
  if (env.STORAGE === 'blob') {
    if (!env.BLOB_CONNECTION_STRING)
      ctx.addIssue({ code: 'custom', path: ['BLOB_CONNECTION_STRING'], message: 'set when STORAGE=blob' });
    if (!env.BLOB_CONTAINER)
      ctx.addIssue({ code: 'custom', path: ['BLOB_CONTAINER'], message: 'set when STORAGE=blob' });
  }
});

/** What a live read of Azure needs: the bot's reads and the CLI's (`verify`, `snapshot`) take it from here. */
export interface AzureAccess {
  /** ARM_ENDPOINT: Azure Resource Manager (sovereign clouds, tests). */
  armEndpoint: string;
  /** AZURE_ALLOWED_SUBSCRIPTIONS; undefined allows any subscription. */
  allowedSubscriptions?: string[];
  /** AZURE_DISABLE_INSTANCE_DISCOVERY, for private authorities (Azure Stack Hub, the local test authority). */
  disableInstanceDiscovery: boolean;
}

/**
 * Whose Azure rights `verify` in Teams reads with. `user`: the person's own, through their Teams sign-in (the OAuth
 * connection gets a delegated token for Azure Resource Manager); `bot`: the bot's identity (DefaultAzureCredential).
 */
export type VerifyIdentity = { mode: 'bot' } | { mode: 'user'; connectionName: string };

/**
 * VERIFY_IDENTITY, else `user` with BOT_ID (a bot serving Teams shows nobody more than their own Azure rights show
 * them) and `bot` without it (local mode: no bot registration for the token service to trust, and the bot's
 * credential is the developer's own `az login`).
 */
function verifyModeOf(env: { VERIFY_IDENTITY?: 'user' | 'bot'; BOT_ID?: string }): 'user' | 'bot' {
  return env.VERIFY_IDENTITY ?? (env.BOT_ID ? 'user' : 'bot');
}

export type Config = z.output<typeof schema> & {
  localMode: boolean;
  verifyIdentity: VerifyIdentity;
  /** Where the server listens and where replies may go (src/exposure.ts). */
  exposure: Exposure;
  azure: AzureAccess;
};

export class ConfigError extends Error {}

/**
 * The one place the environment is read. The credential's own variables (AZURE_TENANT_ID, AZURE_CLIENT_ID,
 * AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST) are read by @azure/identity's DefaultAzureCredential itself.
 */
function parseEnvironment<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  // Empty strings (as in env files with `KEY=`) mean "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const expected = issue.code === 'invalid_enum_value' ? `one of ${issue.options.join(', ')}` : issue.message;
    throw new ConfigError(`${name} is invalid: expected ${expected}`);
  }
  return parsed.data;
}

function azureAccessOf(variables: z.output<z.ZodObject<typeof azureVariables>>): AzureAccess {
  return {
    armEndpoint: variables.ARM_ENDPOINT.replace(/\/+$/, ''),
    allowedSubscriptions: variables.AZURE_ALLOWED_SUBSCRIPTIONS,
    disableInstanceDiscovery: variables.AZURE_DISABLE_INSTANCE_DISCOVERY,
  };
}

/** Validates the environment; throws ConfigError with one line naming the variable and what is expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const data = parseEnvironment(schema, env);
  const exposure = exposureFor({
    authenticated: Boolean(data.BOT_ID),
    allowUnauthenticated: data.ALLOW_UNAUTHENTICATED,
  });
  const verifyIdentity: VerifyIdentity =
    verifyModeOf(data) === 'user' ? { mode: 'user', connectionName: data.VERIFY_OAUTH_CONNECTION! } : { mode: 'bot' };
  return { ...data, localMode: !data.BOT_ID, exposure, azure: azureAccessOf(data), verifyIdentity };
}

/** Only the variables of live Azure reads, for the CLI: it does not care how the bot is configured. */
export function loadAzureAccess(env: NodeJS.ProcessEnv = process.env): AzureAccess {
  return azureAccessOf(parseEnvironment(z.object(azureVariables), env));
}
