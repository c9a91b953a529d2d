import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseEnvFile } from '../../scripts/package';
import { CONFIG_VARIABLES } from '../../src/config';

export const ROOT = join(__dirname, '..', '..');
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

export interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

export interface AgentsProject {
  version: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

export const readProject = (path: string): AgentsProject => parse(read(path)) as AgentsProject;

export const placeholdersIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1])),
];

export const envKeys = (env: string): string[] => Object.keys(parseEnvFile(read(`env/.env.${env}`)));

/** The variable names src/config.ts validates. */
export const configKeys = (): string[] => [...CONFIG_VARIABLES];

export const actions = (project: AgentsProject): Action[] => [
  ...(project.provision ?? []),
  ...(project.deploy ?? []),
  ...(project.publish ?? []),
];
