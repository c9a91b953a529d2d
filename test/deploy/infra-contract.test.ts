import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createAdapter } from '../../src/adapter';
import { loadConfig } from '../../src/config';
import { readdirSync } from 'node:fs';
import { appSettings, declaredSymbols, readBicep, referencedSymbols } from './bicep-reader';
import { actions, configKeys, envKeys, placeholdersIn, read, readProject, ROOT } from './project-files';

const TEMPLATE = 'infra/azure.bicep';
const template = readBicep(join(ROOT, TEMPLATE));
const project = readProject('m365agents.yml');
const armDeploy = project.provision?.find((a) => a.uses === 'arm/deploy');
const armTemplates = (armDeploy?.with?.templates ?? []) as { path: string; parameters: string }[];
const parametersFile = JSON.parse(read('infra/azure.parameters.json')) as {
  parameters: Record<string, { value: unknown }>;
};

describe('infra/azure.bicep against m365agents.yml, the parameters file and src/config.ts', () => {
  it('m365agents.yml deploys this template with this parameters file and a pinned Bicep CLI', () => {
    expect(armTemplates).toEqual([
      expect.objectContaining({ path: `./${TEMPLATE}`, parameters: './infra/azure.parameters.json' }),
    ]);
    expect(armDeploy?.with?.bicepCliVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(template.targetScope).toBe('resourceGroup');
  });

  it('azure.parameters.json sets exactly the parameters the template declares', () => {
    expect(Object.keys(parametersFile.parameters).sort()).toEqual(template.params.map((p) => p.name).sort());
  });

  it('the parameters file only uses variables that env/.env.dev declares or an action before arm/deploy writes', () => {
    const provision = project.provision ?? [];
    const before = provision.slice(
      0,
      provision.findIndex((a) => a.uses === 'arm/deploy'),
    );
    const written = before.flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {}));
    const unknown = placeholdersIn(read('infra/azure.parameters.json')).filter(
      (v) => !envKeys('dev').includes(v) && !written.includes(v),
    );
    expect(unknown).toEqual([]);
  });

  it('every output is a variable the project uses (m365agents.yml or the manifest) and env/.env.dev declares', () => {
    const used = [...placeholdersIn(read('m365agents.yml')), ...placeholdersIn(read('appPackage/manifest.json'))];
    expect(template.outputs.filter((o) => !used.includes(o))).toEqual([]);
    expect(template.outputs.filter((o) => !envKeys('dev').includes(o))).toEqual([]);
    expect(template.outputs.sort()).toEqual(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ID']);
  });

  it('every variable m365agents.yml and the dev manifest use is declared, written by an action or an output', () => {
    const written = actions(project).flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {}));
    const known = new Set([...envKeys('dev'), ...written, ...template.outputs]);
    const used = [...placeholdersIn(read('m365agents.yml')), ...placeholdersIn(read('appPackage/manifest.json'))];
    expect(used.filter((v) => !known.has(v))).toEqual([]);
  });

  it('every Bicep file refers only to symbols it declares, with balanced brackets (no Bicep compiler runs here)', () => {
    const files = [TEMPLATE, ...readdirSync(join(ROOT, 'infra', 'modules')).map((f) => `infra/modules/${f}`)];
    for (const path of files.filter((f) => f.endsWith('.bicep'))) {
      const file = readBicep(join(ROOT, path));
      const declared = declaredSymbols(file);
      const undeclared = [...referencedSymbols(file)].filter((s) => !declared.has(s));
      expect({ path, undeclared }).toEqual({ path, undeclared: [] });
      const text = file.text.replace(/'(?:[^'\\]|\\.)*'/g, "''");
      for (const [open, close] of ['{}', '[]', '()']) {
        expect({ path, open, count: text.split(open).length }).toEqual({ path, open, count: text.split(close).length });
      }
    }
  });

  it('each module exists, is given exactly its declared parameters and every required one', () => {
    for (const mod of template.modules) {
      const path = join(ROOT, dirname(TEMPLATE), mod.path);
      expect(existsSync(path)).toBe(true);
      const declared = readBicep(path).params;
      expect(mod.params.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
      expect(declared.filter((d) => !d.hasDefault && !mod.params.includes(d.name)).map((d) => d.name)).toEqual([]);
    }
  });

  it('Reader is assigned at subscription scope, one module deployment per verify subscription', () => {
    const readers = template.modules.find((m) => m.path === './modules/subscription-reader.bicep');
    expect(readers?.body).toMatch(/for\s+(\w+)\s+in\s+verifySubscriptions:[\s\S]*scope:\s*subscription\(\1\)/);
    const module = readBicep(join(ROOT, 'infra/modules/subscription-reader.bicep'));
    expect(module.targetScope).toBe('subscription');
    expect(module.text).toContain("'acdd72a7-3385-48ef-bd42-f606fba81ae7'");
    expect(module.text).toMatch(/principalType:\s*'ServicePrincipal'/);
  });

  it('the web app settings are variables src/config.ts (or @azure/identity, or App Service) reads', () => {
    const settings = [...appSettings(template).keys()];
    const others = ['AZURE_CLIENT_ID', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];
    expect(settings.filter((s) => !configKeys().includes(s) && !others.includes(s))).toEqual([]);
    for (const required of [
      'BOT_ID',
      'BOT_TENANT_ID',
      'BOT_TYPE',
      'STORAGE',
      'BLOB_CONNECTION_STRING',
      'BLOB_CONTAINER',
    ]) {
      expect(settings).toContain(required);
    }
    expect(settings).toEqual(expect.arrayContaining(['AZURE_CLIENT_ID', 'AZURE_ALLOWED_SUBSCRIPTIONS']));
  });

  it('with the values Azure fills in, the app settings pass src/config.ts and the bot adapter accepts them', () => {
    // What each Bicep expression becomes once deployed (a Key Vault reference is resolved by App Service).
    const deployed: Record<string, string> = {
      'identity.properties.clientId': '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
      'identity.properties.tenantId': '11111111-2222-4333-8444-555555555555',
      'stateContainer.name': String(parametersFile.parameters.blobContainerName.value),
      "join(verifySubscriptions, ',')": '22222222-3333-4444-8555-666666666666,33333333-4444-4555-8666-777777777777',
      "'@Microsoft.KeyVault(SecretUri=${blobConnectionSecret.properties.secretUri})'":
        'DefaultEndpointsProtocol=https;AccountName=stexample;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      "'https://${resourceBaseName}-app.azurewebsites.net'": 'https://mna-dev-app.azurewebsites.net',
      verifyIdentity: String(parametersFile.parameters.verifyIdentity.value),
      oauthConnectionName: 'azure-arm',
    };
    const env: Record<string, string> = {};
    for (const [name, expression] of appSettings(template)) {
      const literal = /^'([^'$]*)'$/.exec(expression);
      const value = literal ? literal[1] : deployed[expression];
      if (value === undefined) throw new Error(`no deployed value for ${name} = ${expression}: add it to this test`);
      env[name] = value;
    }
    const config = loadConfig(env);
    expect(config).toMatchObject({
      localMode: false,
      STORAGE: 'blob',
      BOT_TYPE: 'UserAssignedMsi',
      BLOB_CONTAINER: 'bot-state',
    });
    expect(config.AZURE_ALLOWED_SUBSCRIPTIONS).toHaveLength(2);
    // People sign in, through the OAuth connection the bot registration creates under the same name.
    expect(config.verifyIdentity).toEqual({ mode: 'user', connectionName: 'azure-arm' });
    expect(env.AZURE_CLIENT_ID).toBe(env.BOT_ID);
    expect(() => createAdapter(config)).not.toThrow();
  });

  it('the bot registration uses the same managed identity as the web app, with the Teams channel', () => {
    const bot = read('infra/modules/bot-registration.bicep');
    expect(bot).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bot).toMatch(/channelName:\s*'MsTeamsChannel'/);
    const registration = template.modules.find((m) => m.path === './modules/bot-registration.bicep');
    expect(registration?.body).toMatch(/identityClientId:\s*identity\.properties\.clientId/);
    expect(registration?.body).toMatch(
      /endpoint:\s*'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/,
    );
  });

  it("the web app runs the production entry on Node 24 (the Dockerfile's Node) and probes /healthz", () => {
    // Node 24 and 22 are LTS lines App Service offers (engines names both); Node 20 reached its end of life in April 2026.
    expect(template.text).toMatch(/linuxFxVersion:\s*'NODE\|24-lts'/);
    expect(read('Dockerfile')).toMatch(/^FROM node:24-bookworm-slim AS runtime$/m);
    expect(JSON.parse(read('package.json')).engines.node).toBe('^22 || ^24');
    expect(template.text).toMatch(/appCommandLine:\s*'node dist\/src\/index\.js'/);
    expect(read('package.json')).toContain('"main": "dist/src/index.js"');
    expect(template.text).toMatch(/healthCheckPath:\s*'\/healthz'/);
  });
});
