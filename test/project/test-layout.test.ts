import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// test/ mirrors src/ (one folder per src folder, or per src file with several test files), plus the folders that
// test what is not under src/. Tests that start processes say so in their name: `npm run test:unit` leaves them out.

const ROOT = join(__dirname, '..', '..');
/** Folders of test/ that mirror nothing under src/, and why. */
const NOT_MIRRORS: Record<string, string> = {
  'app-package': 'appPackage/ and scripts/package.ts',
  deploy: 'infra/, the Dockerfile, m365agents*.yml, the operator guide, the production start',
  e2e: 'the bot in the Agents Playground, driven in Chromium',
  fixtures: 'snapshots, inventories and golden images the tests read',
  integration: 'several bot processes on one storage',
  project: 'the repository as a whole: layout, import layers, contracts',
  support: 'harnesses and servers the tests share',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function foldersUnder(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory())
    .flatMap((path) => [path, ...foldersUnder(path)]);
}

const testFolders = foldersUnder(join(ROOT, 'test'))
  .map((path) => relative(join(ROOT, 'test'), path))
  .filter((path) => !(path.split('/')[0] in NOT_MIRRORS));
const exists = (path: string) => {
  try {
    statSync(join(ROOT, path));
    return true;
  } catch {
    return false;
  }
};

describe('test/ mirrors src/', () => {
  it('every test folder is a src folder, or a src file with several test files (test/logger for src/logger.ts)', () => {
    // test/storage/children holds the child processes of the storage tests: not tests, not a mirror
    const folders = testFolders.filter((path) => path !== 'storage/children');
    expect(folders.filter((path) => !exists(`src/${path}`) && !exists(`src/${path}.ts`))).toEqual([]);
  });

  it('every src folder has its test folder', () => {
    const srcFolders = foldersUnder(join(ROOT, 'src')).map((path) => relative(join(ROOT, 'src'), path));
    expect(srcFolders.filter((path) => !testFolders.includes(path))).toEqual([]);
  });
});

/** What starts a process: a child, a bot, Azurite, Chromium, bash. */
const STARTS_PROCESSES =
  /from '(node:)?child_process'|scripts\/launch'|support\/(azurite|child-bot|arm-cli-child|playground-session)'|\bbashArgs\(/;

describe('tests that start processes are named so', () => {
  const testFiles = filesUnder(join(ROOT, 'test'))
    .filter((path) => path.endsWith('.test.ts'))
    .map((path) => relative(ROOT, path));

  it('finds the tests', () => {
    expect(testFiles.length).toBeGreaterThan(100);
  });

  it('a test that starts a process ends in .processes.test.ts (or .e2e.test.ts): npm run test:unit leaves it out', () => {
    const unnamed = testFiles.filter(
      (path) =>
        STARTS_PROCESSES.test(readFileSync(join(ROOT, path), 'utf8')) && !/\.(processes|e2e)\.test\.ts$/.test(path),
    );
    expect(unnamed).toEqual([]);
  });

  it('npm run test:unit runs jest without those files, and npm test runs them all', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts['test:unit']).toBe("jest --testPathIgnorePatterns '[.](processes|e2e)[.]test[.]ts$'");
    expect(scripts.test).toBe('npm run typecheck && npm run lint && jest');
  });
});
