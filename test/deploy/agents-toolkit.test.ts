import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { actions, configKeys, envKeys, placeholdersIn, read, readProject, ROOT, type Action } from './project-files';

const FILES = { 'm365agents.yml': 'dev', 'm365agents.local.yml': 'local', 'm365agents.playground.yml': 'playground' };
const uses = (list: Action[] | undefined) => (list ?? []).map((a) => a.uses);
/** `a` comes before `b` in the list (both present). */
const inOrder = (list: string[], ...names: string[]) =>
  names.every((n, i) => list.includes(n) && (i === 0 || list.indexOf(names[i - 1]) < list.indexOf(n)));

describe.each(Object.entries(FILES))('%s', (file, env) => {
  const project = readProject(file);

  it('is in the Microsoft 365 Agents Toolkit v1.x format, with the matching schema URL', () => {
    expect(project.version).toMatch(/^v1\.\d+$/);
    expect(read(file)).toContain(
      `# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`,
    );
    const lifecycles = Object.keys(project).filter((k) => !['version', 'environmentFolderPath'].includes(k));
    expect(lifecycles.every((k) => ['provision', 'deploy', 'publish'].includes(k))).toBe(true);
  });

  it(`uses only variables env/.env.${env} declares or an earlier action writes`, () => {
    const written = actions(project).flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {}));
    const armOutputs = uses(project.provision).includes('arm/deploy')
      ? [...read('infra/azure.bicep').matchAll(/^output\s+(\w+)/gm)].map((m) => m[1])
      : [];
    const known = new Set([...envKeys(env), ...written, ...armOutputs]);
    const manifest = uses(project.provision).includes('teamsApp/zipAppPackage') ? read('appPackage/manifest.json') : '';
    const entraManifests = actions(project)
      .filter((a) => a.uses === 'aadApp/update')
      .map((a) => read(String(a.with?.manifestPath)));
    const used = [read(file), manifest, ...entraManifests].flatMap(placeholdersIn);
    expect(used.filter((v) => !known.has(v))).toEqual([]);
  });

  it('every file or folder it points to exists', () => {
    const paths = actions(project).flatMap((a) =>
      ['manifestPath', 'ignoreFile', 'artifactFolder'].map((key) => a.with?.[key]).filter((p) => typeof p === 'string'),
    );
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });
});

const WRITES_ENV_FILE = 'file/createOrUpdateEnvironmentFile';
const envFileWriters = Object.keys(FILES).filter((file) =>
  actions(readProject(file)).some((a) => a.uses === WRITES_ENV_FILE),
);

it('the local and Playground projects write the environment files the bot starts with', () => {
  expect(envFileWriters).toEqual(['m365agents.local.yml', 'm365agents.playground.yml']);
});

describe.each(envFileWriters)('%s', (file) => {
  it('the environment files it writes for the bot hold only variables src/config.ts knows, and pass it', () => {
    const files = actions(readProject(file)).filter(
      (a) => a.uses === WRITES_ENV_FILE && String(a.with?.target).startsWith('./.localConfigs'),
    );
    for (const action of files) {
      const envs = action.with?.envs as Record<string, string>;
      expect(Object.keys(envs).filter((k) => !configKeys().includes(k))).toEqual([]);
      const sample = Object.fromEntries(
        Object.entries(envs).map(([k, v]) => [
          k,
          v.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_a, n: string) =>
            /ID$/.test(n) ? '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' : `sample-${n}`,
          ),
        ]),
      );
      expect(() => loadConfig(sample)).not.toThrow();
    }
  });
});

describe('lifecycles', () => {
  it('dev: provision creates the Teams app, deploys Azure, validates, zips and updates the app', () => {
    const project = readProject('m365agents.yml');
    const provision = uses(project.provision);
    expect(
      inOrder(
        provision,
        'teamsApp/create',
        'arm/deploy',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/update',
      ),
    ).toBe(true);
    // The bot's identity is the managed identity arm/deploy creates; the one Entra app is the one people sign in
    // through (VERIFY_IDENTITY=user), updated once arm/deploy has given it the bot's domain and id.
    expect(provision.filter((u) => /aadApp|botAadApp/.test(u))).toEqual(['aadApp/create', 'aadApp/update']);
    expect(inOrder(provision, 'aadApp/create', 'arm/deploy', 'aadApp/update', 'teamsApp/validateManifest')).toBe(true);
    // Its secret is only written to the ignored env/.env.dev.user and handed to the template.
    expect(read('m365agents.yml').match(/SECRET_\w+/g)).toEqual(['SECRET_AAD_APP_CLIENT_SECRET']);
  });

  it('dev: deploy builds, then zip-deploys to the App Service that arm/deploy created', () => {
    const deploy = readProject('m365agents.yml').deploy ?? [];
    expect(deploy.some((a) => a.uses === 'cli/runNpmCommand' && a.with?.args === 'run build')).toBe(true);
    const zipDeploy = deploy.find((a) => a.uses === 'azureAppService/zipDeploy');
    expect(zipDeploy?.with?.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(inOrder(uses(deploy), 'cli/runNpmCommand', 'azureAppService/zipDeploy')).toBe(true);
  });

  it('dev: publish validates, zips, updates and submits the app to the Teams admin center', () => {
    const publish = uses(readProject('m365agents.yml').publish);
    expect(
      inOrder(
        publish,
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/update',
        'teamsApp/publishAppPackage',
      ),
    ).toBe(true);
  });

  it('local: registers an Entra app and a bot pointing at the tunnel, and keeps the secret in a SECRET_ variable', () => {
    const project = readProject('m365agents.local.yml');
    expect(
      inOrder(uses(project.provision), 'teamsApp/create', 'aadApp/create', 'botFramework/create', 'teamsApp/update'),
    ).toBe(true);
    const aad = project.provision?.find((a) => a.uses === 'aadApp/create');
    expect(aad?.writeToEnvironmentFile?.clientSecret).toMatch(/^SECRET_/);
    const bot = project.provision?.find((a) => a.uses === 'botFramework/create');
    expect(bot?.with?.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
  });

  it('playground: no Azure and no Teams, only install, build and the local-mode configuration', () => {
    const project = readProject('m365agents.playground.yml');
    expect(project.provision).toBeUndefined();
    expect(
      uses(actions(project)).filter((u) => /^(arm|azure|teamsApp|aadApp|botAadApp|botFramework)\//.test(u)),
    ).toEqual([]);
    const envs = project.deploy?.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')?.with?.envs as Record<
      string,
      string
    >;
    expect(envs).not.toHaveProperty('BOT_ID');
  });
});
