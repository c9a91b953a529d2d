import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Teams manifest JSON schema shipped in @microsoft/app-manifest (draft-04), never a hand copy. */
export const SCHEMA_VERSION = 'v1.24';
export const SCHEMA_PATH = join(
  require.resolve('@microsoft/app-manifest/package.json'),
  '..',
  'build',
  'json-schemas',
  'teams',
  SCHEMA_VERSION,
  'MicrosoftTeams.schema.json',
);

let compiled: ReturnType<AjvDraft04['compile']> | undefined;

/** Schema errors of a manifest as "path message" lines; empty when valid. */
export function manifestSchemaErrors(manifest: unknown): string[] {
  if (!compiled) {
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  }
  if (compiled(manifest)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Values for every placeholder, shaped as the Agents Toolkit writes them after a provision. */
export const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '6f2c1a9e-0b7d-4c55-9a61-2e4f8d3b7c10',
  BOT_ID: 'c4a7e2d1-5b3f-4e8a-9c6d-1f0e2b3a4d5c',
  BOT_DOMAIN: 'mnaexample-app.azurewebsites.net',
  AAD_APP_CLIENT_ID: '7d3e9f10-2a4b-4c6d-8e0f-1a2b3c4d5e6f',
  APP_NAME_SUFFIX: '-dev',
  APP_DEVELOPER_NAME: 'Contoso IT',
  APP_WEBSITE_URL: 'https://www.contoso.com/migration-network-advisor',
  APP_PRIVACY_URL: 'https://www.contoso.com/privacy',
  APP_TERMS_URL: 'https://www.contoso.com/terms',
};
