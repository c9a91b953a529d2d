import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/bot/help/command-catalog';
import { parseEnvFile, substitutePlaceholders } from '../../scripts/package';
import { manifestSchemaErrors, SAMPLE_VALUES, SCHEMA_VERSION } from './manifest-schema';

const ROOT = join(__dirname, '..', '..');
const template = readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8');
const placeholders = [...template.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
}

const substituted = (values = SAMPLE_VALUES) =>
  JSON.parse(substitutePlaceholders(template, values, 'test')) as Manifest;

describe('appPackage/manifest.json', () => {
  it(`declares schema ${SCHEMA_VERSION} and is valid against the schema shipped in @microsoft/app-manifest`, () => {
    const manifest = substituted();
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/${SCHEMA_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.manifestVersion).toBe(SCHEMA_VERSION.slice(1));
    expect(manifestSchemaErrors(manifest)).toEqual([]);
  });

  it('the schema check fails on a bad manifest (the validator can say no)', () => {
    expect(manifestSchemaErrors(substituted({ ...SAMPLE_VALUES, TEAMS_APP_ID: 'not-a-guid' })).join('\n')).toMatch(
      /\/id/,
    );
    expect(manifestSchemaErrors({ ...substituted(), extra: true }).join('\n')).toMatch(/additional properties/);
  });

  it('takes its ids and names from the environment as the Agents Toolkit does', () => {
    expect(template).toContain('"id": "${{TEAMS_APP_ID}}"');
    expect(template).toContain('"botId": "${{BOT_ID}}"');
    const manifest = substituted();
    expect(manifest.id).toBe(SAMPLE_VALUES.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(SAMPLE_VALUES.BOT_ID);
    expect(manifest.validDomains).toEqual([SAMPLE_VALUES.BOT_DOMAIN, 'token.botframework.com']);
  });

  it('names the sign-in app for Teams single sign-on, with the Application ID URI the OAuth connection exchanges', () => {
    const { webApplicationInfo } = substituted() as unknown as { webApplicationInfo: { id: string; resource: string } };
    expect(webApplicationInfo).toEqual({
      id: SAMPLE_VALUES.AAD_APP_CLIENT_ID,
      resource: `api://${SAMPLE_VALUES.BOT_DOMAIN}/botid-${SAMPLE_VALUES.BOT_ID}`,
    });
    // The same URI as the sign-in app's identifierUris and the connection's tokenExchangeUrl (infra/).
    expect(readFileSync(join(ROOT, 'infra/entra/sign-in-app.manifest.json'), 'utf8')).toContain(
      '"api://${{BOT_DOMAIN}}/botid-${{BOT_ID}}"',
    );
    expect(readFileSync(join(ROOT, 'infra/azure.bicep'), 'utf8')).toContain(
      "signInAppIdUri: 'api://${webApp.properties.defaultHostName}/botid-${identity.properties.clientId}'",
    );
  });

  it('the bot is in personal, team and group chat scopes, with a command list for each', () => {
    const [bot] = substituted().bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const covered = bot.commandLists.flatMap((list) => list.scopes);
    expect([...covered].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('every command list shows the commands of src/bot/help/command-catalog.ts with the same descriptions', () => {
    const expected = COMMANDS.map((c) => ({ title: c.command, description: c.description }));
    expect(expected.map((c) => c.title).sort()).toEqual(['checklist', 'help', 'plan', 'rules', 'verify']);
    for (const list of substituted().bots[0].commandLists) expect(list.commands).toEqual(expected);
  });

  it.each(['dev', 'local'])('every placeholder has a line in env/.env.%s', (env) => {
    const declared = Object.keys(parseEnvFile(readFileSync(join(ROOT, 'env', `.env.${env}`), 'utf8')));
    expect(placeholders.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('every placeholder has a sample value here, so the schema check covers the whole manifest', () => {
    expect([...new Set(placeholders)].sort()).toEqual(Object.keys(SAMPLE_VALUES).sort());
  });
});
