import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * `npm run package [-- <env>] [--env-folder <dir>] [--out-dir <dir>]`: builds the Teams app package the way the
 * Agents Toolkit's teamsApp/zipAppPackage does. Every ${{NAME}} in appPackage/manifest.json is replaced by the value
 * from env/.env.<env>, then env/.env.<env>.user, then the process environment (later wins, empty means unset).
 * Writes <out-dir>/manifest.<env>.json and <out-dir>/appPackage.<env>.zip (manifest.json, color.png, outline.png).
 */

export const ROOT = resolve(__dirname, '..');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** Placeholders that may be empty: a production environment has no name suffix. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export class PackageError extends Error {}

export interface PackageOptions {
  env: string;
  envFolder: string;
  outDir: string;
  appPackageDir: string;
  processEnv: NodeJS.ProcessEnv;
}

export function defaultOptions(): PackageOptions {
  return {
    env: 'dev',
    envFolder: join(ROOT, 'env'),
    outDir: join(ROOT, 'appPackage', 'build'),
    appPackageDir: join(ROOT, 'appPackage'),
    processEnv: process.env,
  };
}

/** KEY=VALUE lines; `#` comments and blank lines skipped; one pair of surrounding quotes removed. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const quoted = /^(['"])(.*)\1$/.exec(match[2]);
    values[match[1]] = quoted ? quoted[2] : match[2];
  }
  return values;
}

export function loadEnvironment(options: PackageOptions): Record<string, string> {
  const file = join(options.envFolder, `.env.${options.env}`);
  if (!existsSync(file))
    throw new PackageError(`${relative(process.cwd(), file)} does not exist (environment "${options.env}")`);
  const values = parseEnvFile(readFileSync(file, 'utf8'));
  const userFile = `${file}.user`;
  if (existsSync(userFile)) Object.assign(values, parseEnvFile(readFileSync(userFile, 'utf8')));
  for (const [name, value] of Object.entries(options.processEnv)) if (value) values[name] = value;
  return values;
}

/** Replaces every placeholder; values are escaped for JSON strings. Throws naming every variable without a value. */
export function substitutePlaceholders(template: string, values: Record<string, string>, source: string): string {
  const missing = new Set<string>();
  const result = template.replace(PLACEHOLDER, (_all, name: string) => {
    const value = values[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) missing.add(name);
    return JSON.stringify(value ?? '').slice(1, -1);
  });
  if (missing.size > 0) throw new PackageError(`${[...missing].join(', ')} not set in ${source}`);
  return result;
}

export interface BuiltPackage {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
}

export function buildAppPackage(options: PackageOptions): BuiltPackage {
  const values = loadEnvironment(options);
  const template = readFileSync(join(options.appPackageDir, 'manifest.json'), 'utf8');
  const source = relative(process.cwd(), join(options.envFolder, `.env.${options.env}`)) || `.env.${options.env}`;
  const text = substitutePlaceholders(template, values, source);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  mkdirSync(options.outDir, { recursive: true });
  const manifestPath = join(options.outDir, `manifest.${options.env}.json`);
  writeFileSync(manifestPath, text);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(text));
  for (const icon of ['color.png', 'outline.png']) zip.addFile(icon, readFileSync(join(options.appPackageDir, icon)));
  const zipPath = join(options.outDir, `appPackage.${options.env}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, manifestPath, manifest };
}

export function parseArguments(argv: string[], base: PackageOptions = defaultOptions()): PackageOptions {
  const options = { ...base };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new PackageError(`${arg} needs a value`);
      return value;
    };
    if (arg === '--env') options.env = next();
    else if (arg === '--env-folder') options.envFolder = resolve(next());
    else if (arg === '--out-dir') options.outDir = resolve(next());
    else if (!arg.startsWith('--')) options.env = arg;
    else throw new PackageError(`unknown option ${arg} (use [env] [--env-folder dir] [--out-dir dir])`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(options.env)) throw new PackageError(`environment name "${options.env}" is not valid`);
  return options;
}

if (require.main === module) {
  try {
    const built = buildAppPackage(parseArguments(process.argv.slice(2)));
    process.stdout.write(`wrote ${relative(process.cwd(), built.zipPath)}\n`);
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    process.stderr.write(`package: ${e.message}\n`);
    process.exit(1);
  }
}
