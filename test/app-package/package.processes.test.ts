import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_VALUES } from './manifest-schema';

const ROOT = join(__dirname, '..', '..');
let dir: string;

const envText = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  mkdirSync(join(dir, 'env'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run package', () => {
  it('as an npm script: exit 1 with one line naming the missing variable; exit 0 and the zip when all are set', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in SAMPLE_VALUES)));
    const run = (name: string) =>
      spawnSync(
        'npm',
        ['run', '--silent', 'package', '--', name, '--env-folder', join(dir, 'env'), '--out-dir', join(dir, 'build')],
        {
          cwd: ROOT,
          env,
          encoding: 'utf8',
        },
      );
    const { TEAMS_APP_ID: _id, ...rest } = SAMPLE_VALUES;
    writeFileSync(join(dir, 'env', '.env.broken'), envText(rest));
    const failed = run('broken');
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim()).toMatch(/^package: TEAMS_APP_ID not set in \S*\.env\.broken$/);

    writeFileSync(join(dir, 'env', '.env.good'), envText(SAMPLE_VALUES));
    const ok = run('good');
    expect(ok.status).toBe(0);
    expect(new AdmZip(join(dir, 'build', 'appPackage.good.zip')).getEntries()).toHaveLength(3);
  }, 60000);
});
