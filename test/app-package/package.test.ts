import AdmZip from 'adm-zip';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildAppPackage,
  defaultOptions,
  PackageError,
  parseArguments,
  parseEnvFile,
  type PackageOptions,
} from '../../scripts/package';
import { manifestSchemaErrors, SAMPLE_VALUES } from './manifest-schema';

const ROOT = join(__dirname, '..', '..');
let dir: string;

const envText = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

function options(env: string, extra: Partial<PackageOptions> = {}): PackageOptions {
  return {
    ...defaultOptions(),
    env,
    envFolder: join(dir, 'env'),
    outDir: join(dir, 'build'),
    processEnv: {},
    ...extra,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  mkdirSync(join(dir, 'env'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run package', () => {
  it('writes appPackage.<env>.zip with exactly manifest.json, color.png and outline.png, the manifest valid', () => {
    writeFileSync(join(dir, 'env', '.env.test'), `# comment\n${envText(SAMPLE_VALUES)}\n`);
    const built = buildAppPackage(options('test'));
    expect(built.zipPath).toBe(join(dir, 'build', 'appPackage.test.zip'));
    const zip = new AdmZip(built.zipPath);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as { id: string };
    expect(manifest.id).toBe(SAMPLE_VALUES.TEAMS_APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifestSchemaErrors(manifest)).toEqual([]);
    for (const icon of ['color.png', 'outline.png'])
      expect(zip.readFile(icon)?.equals(readFileSync(join(ROOT, 'appPackage', icon)))).toBe(true);
    expect(readFileSync(built.manifestPath, 'utf8')).toBe(zip.readAsText('manifest.json'));
  });

  it('a missing or empty value stops it, naming every such variable', () => {
    const { TEAMS_APP_ID: _id, ...rest } = SAMPLE_VALUES;
    writeFileSync(join(dir, 'env', '.env.test'), envText({ ...rest, BOT_DOMAIN: '' }));
    expect(() => buildAppPackage(options('test'))).toThrow(PackageError);
    expect(() => buildAppPackage(options('test'))).toThrow(/TEAMS_APP_ID, BOT_DOMAIN not set in .*\.env\.test/);
  });

  it('the name suffix may be empty (a production environment has none)', () => {
    writeFileSync(join(dir, 'env', '.env.prod'), envText({ ...SAMPLE_VALUES, APP_NAME_SUFFIX: '' }));
    const manifest = buildAppPackage(options('prod')).manifest as { name: { short: string } };
    expect(manifest.name.short).toBe('Migration Advisor');
  });

  it('.env.<env>.user overrides the committed file, and the process environment overrides both', () => {
    writeFileSync(join(dir, 'env', '.env.test'), envText({ ...SAMPLE_VALUES, APP_DEVELOPER_NAME: 'committed' }));
    writeFileSync(
      join(dir, 'env', '.env.test.user'),
      'APP_DEVELOPER_NAME="from user file"\nBOT_DOMAIN=user.example.net',
    );
    const built = buildAppPackage(options('test', { processEnv: { BOT_DOMAIN: 'ci.example.net', EMPTY: '' } }));
    const manifest = built.manifest as { developer: { name: string }; validDomains: string[] };
    expect(manifest.developer.name).toBe('from user file');
    expect(manifest.validDomains).toEqual(['ci.example.net', 'token.botframework.com']);
  });

  it('values are escaped for JSON, so a quote cannot break the manifest', () => {
    writeFileSync(join(dir, 'env', '.env.test'), envText({ ...SAMPLE_VALUES, APP_DEVELOPER_NAME: 'Say "hi" \\ co' }));
    expect((buildAppPackage(options('test')).manifest as { developer: { name: string } }).developer.name).toBe(
      'Say "hi" \\ co',
    );
  });

  it('parses its arguments: env as a word or --env, folders, and refuses unknown options', () => {
    expect(parseArguments([]).env).toBe('dev');
    expect(parseArguments(['local']).env).toBe('local');
    expect(parseArguments(['--env', 'prod', '--out-dir', '/tmp/x']).outDir).toBe('/tmp/x');
    expect(() => parseArguments(['--zip'])).toThrow(/unknown option --zip/);
    expect(() => parseArguments(['--env'])).toThrow(/--env needs a value/);
    expect(() => parseArguments(['../etc'])).toThrow(/not valid/);
  });

  it('reads env files as the toolkit writes them', () => {
    expect(parseEnvFile('# c\nA=1\n  B = two words \nC="q"\nexport D=\'x\'\nnot a line\nE=')).toEqual({
      A: '1',
      B: 'two words',
      C: 'q',
      D: 'x',
      E: '',
    });
  });
});
