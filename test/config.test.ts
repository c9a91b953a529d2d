import { loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('gives the documented defaults and local mode with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      LOG_LEVEL: 'info',
      STORAGE: 'file',
      STORAGE_DIR: '.data',
      localMode: true,
    });
    expect(config.ARM_ENDPOINT).toBe('https://management.azure.com');
  });

  it('treats empty values as not set', () => {
    expect(loadConfig({ BOT_ID: '', PORT: '' }).localMode).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT is invalid: expected a port number/],
    [{ PORT: '70000' }, /^PORT is invalid: expected a port from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL is invalid: expected one of fatal, error, warn, info/],
    [{ STORAGE: 'redis' }, /^STORAGE is invalid: expected one of file, memory, blob/],
    [
      { STORAGE: 'blob', BLOB_CONTAINER: 'plans' },
      /^BLOB_CONNECTION_STRING is invalid: expected set when STORAGE=blob/,
    ],
    [{ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'x' }, /^BLOB_CONTAINER is invalid: expected set when STORAGE=blob/],
    [{ BLOB_CONTAINER: 'Bad_Name' }, /^BLOB_CONTAINER is invalid: expected a blob container name/],
    [{ BOT_ID: 'abc' }, /^BOT_PASSWORD is invalid: expected set when BOT_ID is set/],
    [{ BOT_ID: 'a', BOT_PASSWORD: 'p', BOT_TYPE: 'SingleTenant' }, /^BOT_TENANT_ID is invalid/],
    [{ BOT_TYPE: 'Other' }, /^BOT_TYPE is invalid: expected one of MultiTenant, SingleTenant, UserAssignedMsi/],
    [
      { AZURE_ALLOWED_SUBSCRIPTIONS: 'not-a-guid' },
      /^AZURE_ALLOWED_SUBSCRIPTIONS is invalid: expected a comma list of subscription GUIDs/,
    ],
    [{ ARM_ENDPOINT: 'nope' }, /^ARM_ENDPOINT is invalid: expected an https URL/],
    [{ ARM_ENDPOINT: 'http://management.azure.com' }, /^ARM_ENDPOINT is invalid: expected an https URL/],
    [{ ALLOW_UNAUTHENTICATED: 'yes' }, /^ALLOW_UNAUTHENTICATED is invalid: expected one of true, false/],
    [
      { ALLOW_UNAUTHENTICATED: 'true', NODE_ENV: 'production' },
      /^ALLOW_UNAUTHENTICATED is invalid: expected unset when NODE_ENV=production: set BOT_ID/,
    ],
    [
      { ALLOW_UNAUTHENTICATED: 'true', BOT_ID: 'id', BOT_PASSWORD: 'pw' },
      /^ALLOW_UNAUTHENTICATED is invalid: expected unset when BOT_ID is set/,
    ],
    [
      { VERIFY_MIN_INTERVAL_SECONDS: '-1' },
      /^VERIFY_MIN_INTERVAL_SECONDS is invalid: expected a number of seconds from 0/,
    ],
    [
      { AZURE_DISABLE_INSTANCE_DISCOVERY: 'yes' },
      /^AZURE_DISABLE_INSTANCE_DISCOVERY is invalid: expected one of true, false/,
    ],
  ])('refuses %p with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('parses the allowed subscriptions list', () => {
    const a = '11111111-1111-1111-1111-111111111111';
    const b = '22222222-2222-2222-2222-222222222222';
    expect(loadConfig({ AZURE_ALLOWED_SUBSCRIPTIONS: ` ${a}, ${b} ` }).AZURE_ALLOWED_SUBSCRIPTIONS).toEqual([a, b]);
  });

  it('leaves local mode when BOT_ID and BOT_PASSWORD are set', () => {
    expect(loadConfig({ BOT_ID: 'id', BOT_PASSWORD: 'secret', VERIFY_OAUTH_CONNECTION: 'azure' }).localMode).toBe(
      false,
    );
  });

  it.each([
    [{}, 'local', '127.0.0.1'],
    [{ NODE_ENV: 'production' }, 'local', '127.0.0.1'],
    [{ ALLOW_UNAUTHENTICATED: 'true' }, 'unauthenticated', '0.0.0.0'],
    [{ ALLOW_UNAUTHENTICATED: 'false' }, 'local', '127.0.0.1'],
    [{ BOT_ID: 'id', BOT_PASSWORD: 'secret', VERIFY_IDENTITY: 'bot' }, 'authenticated', '0.0.0.0'],
  ])('%p gives the %s exposure, listening on %s', (env, mode, host) => {
    expect(loadConfig(env).exposure).toMatchObject({ mode, listenHost: host });
  });
});

describe('VERIFY_IDENTITY: whose Azure rights verify in Teams reads with', () => {
  const registered = { BOT_ID: 'id', BOT_PASSWORD: 'secret' };

  it('is the signed-in person with BOT_ID, through the OAuth connection named', () => {
    expect(loadConfig({ ...registered, VERIFY_OAUTH_CONNECTION: ' azure-arm ' }).verifyIdentity).toEqual({
      mode: 'user',
      connectionName: 'azure-arm',
    });
  });

  it("is the bot's own identity in local mode, or when VERIFY_IDENTITY=bot says so", () => {
    expect(loadConfig({}).verifyIdentity).toEqual({ mode: 'bot' });
    expect(loadConfig({ ...registered, VERIFY_IDENTITY: 'bot' }).verifyIdentity).toEqual({ mode: 'bot' });
  });

  it('signs people in locally only against a token service on this machine', () => {
    const local = { VERIFY_IDENTITY: 'user', VERIFY_OAUTH_CONNECTION: 'azure', BOT_OAUTH_URL: 'http://127.0.0.1:4000' };
    expect(loadConfig(local).verifyIdentity).toEqual({ mode: 'user', connectionName: 'azure' });
  });

  it.each([
    [registered, /^VERIFY_OAUTH_CONNECTION is invalid: expected the name of the Azure Bot OAuth connection/],
    [
      { VERIFY_IDENTITY: 'user', VERIFY_OAUTH_CONNECTION: 'azure' },
      /^VERIFY_IDENTITY is invalid: expected bot when BOT_ID is not set/,
    ],
    [
      { ALLOW_UNAUTHENTICATED: 'true', VERIFY_IDENTITY: 'user', VERIFY_OAUTH_CONNECTION: 'azure' },
      /^VERIFY_IDENTITY is invalid: expected bot with ALLOW_UNAUTHENTICATED=true/,
    ],
    [{ VERIFY_IDENTITY: 'me' }, /^VERIFY_IDENTITY is invalid: expected one of user, bot/],
    [{ BOT_OAUTH_URL: 'http://token.example.com' }, /^BOT_OAUTH_URL is invalid: expected an https URL/],
  ])('refuses %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
