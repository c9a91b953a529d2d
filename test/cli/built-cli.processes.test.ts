import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cliChildEnv } from '../support/arm-cli-child';
import { startArmServer, type ArmServer } from '../support/arm-server';

// The CLI as `npm run cli` and the package bin run it: compiled to dist/ by scripts/build.js, started by node.

const ROOT = join(__dirname, '..', '..');
const BUILD_INFO = join(ROOT, 'dist', 'tsconfig.build.tsbuildinfo');
const BIN = join(ROOT, 'dist', 'src', 'cli.js');
const SNAPSHOTS = join(ROOT, 'test', 'fixtures', 'snapshots');
const SUBSCRIPTION = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const BUILD_TIMEOUT = 5 * 60_000;

/** What `npm run cli` runs before the CLI. */
const buildIfStale = () =>
  spawnSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
const builtAt = () => statSync(BUILD_INFO).mtimeMs;

interface BuiltRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The npm packages the process had loaded when it exited. */
  packages: string[];
  /** The project's modules it had loaded, relative to dist/src. */
  modules: string[];
}

let scratch: string;
let probe: string;

/** Runs dist/src/cli.js with a preload that records require.cache when the process exits. */
function runBuilt(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuiltRun> {
  const out = join(scratch, `loaded-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', probe, BIN, ...args], {
      cwd: ROOT,
      env: cliChildEnv({ ...env, LOADED_MODULES_OUT: out }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const files = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : [];
      const packages = files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter(Boolean);
      const modules = files
        .filter((f) => f.startsWith(join(ROOT, 'dist', 'src')))
        .map((f) => relative(join(ROOT, 'dist', 'src'), f));
      resolve({ code, stdout, stderr, packages: [...new Set(packages as string[])].sort(), modules });
    });
  });
}

/** What only the bot, a live Azure read or the diagram renderer needs. */
const AZURE_SDK = /^@azure(-rest)?\//;
const BOT_ONLY = /^(botbuilder|botframework-|@microsoft\/|adaptivecards|restify|pino$|@resvg\/)/;
const BOT_AND_RENDERER_MODULES = /^(bot|diagram|http|connector|storage)\//;
/** The readers that bring the Azure SDK (live) and zod (snapshot files). */
const AZURE_READERS = [join('azure', 'live-inventory.js'), join('azure', 'snapshot-reader.js')];

describe('the built CLI (npm run cli, the package bin)', () => {
  let first: ReturnType<typeof buildIfStale>;
  let second: ReturnType<typeof buildIfStale>;
  let backdatedTo = 0;
  let afterFirst = 0;
  let afterSecond = 0;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'built-cli-'));
    probe = join(scratch, 'record-loaded-modules.js');
    writeFileSync(
      probe,
      `process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_MODULES_OUT, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    // As if a source had changed since the last build (on a clean checkout there is no build yet).
    if (existsSync(BUILD_INFO)) {
      backdatedTo = Date.now() - 24 * 3600_000;
      utimesSync(BUILD_INFO, backdatedTo / 1000, backdatedTo / 1000);
    }
    first = buildIfStale();
    afterFirst = builtAt();
    second = buildIfStale();
    afterSecond = builtAt();
  }, BUILD_TIMEOUT);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('builds dist/ when a source is newer than the last build', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(afterFirst).toBeGreaterThan(backdatedTo + 1000);
  });

  it('does not build again while nothing changed', () => {
    expect(second.status).toBe(0);
    expect(afterSecond).toBe(afterFirst);
  });

  it('is a node script with the execute bit, so npx migration-network-advisor runs it from a checkout', () => {
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    const npx = spawnSync('npx', ['--no-install', 'migration-network-advisor', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(npx.stderr).toBe('');
    expect(npx.status).toBe(0);
    expect(npx.stdout).toMatch(/^Usage: migration-network-advisor /);
  });

  const OFFLINE: [string, string[], number][] = [
    ['--help', ['--help'], 0],
    [
      'recommend',
      ['recommend', '--source', 'onprem', '--mi-onprem', 'yes', '--cross-subscription', 'no', '--rbac-limits', 'no'],
      0,
    ],
    [
      'rules --format azcli',
      ['rules', '--dms-subnet', '10.0.1.0/24', '--source-range', '192.168.0.0/16', '--format', 'azcli'],
      0,
    ],
    ['recommend --dms current', ['recommend', '--dms', 'current', '--backups', 'smb', '--json'], 0],
  ];

  it.each(OFFLINE)('%s loads no Azure SDK, bot package, zod or diagram renderer', async (_name, args, code) => {
    const run = await runBuilt(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    expect(run.packages).toContain('commander'); // the record is not empty
    expect(run.packages.filter((p) => AZURE_SDK.test(p) || BOT_ONLY.test(p) || p === 'zod')).toEqual([]);
    expect(run.modules.filter((m) => BOT_AND_RENDERER_MODULES.test(m) || AZURE_READERS.includes(m))).toEqual([]);
  });

  it('verify --snapshot loads zod for the snapshot files, and no Azure SDK, bot package or renderer', async () => {
    const run = await runBuilt(['verify', '--snapshot', join(SNAPSHOTS, 'hybrid-blocked'), '--json']);
    expect(run.code).toBe(1); // the fixture's checks fail
    expect(JSON.parse(run.stdout).checks.length).toBeGreaterThan(0);
    expect(run.packages).toContain('zod');
    expect(run.packages.filter((p) => AZURE_SDK.test(p) || BOT_ONLY.test(p))).toEqual([]);
    expect(run.modules).toContain(AZURE_READERS[1]);
    expect(run.modules).not.toContain(AZURE_READERS[0]);
    expect(run.modules.filter((m) => BOT_AND_RENDERER_MODULES.test(m))).toEqual([]);
  });

  it('verify --subscription with a malformed id exits 2 naming the flag, before loading the Azure SDK', async () => {
    const run = await runBuilt(['verify', '--subscription', 'not-a-guid']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --subscription: /);
    expect(run.packages.filter((p) => AZURE_SDK.test(p))).toEqual([]);
  });

  describe('verify --subscription (a live read, against the local ARM server)', () => {
    let server: ArmServer;
    beforeAll(async () => {
      server = await startArmServer({ snapshotDirs: [join(SNAPSHOTS, 'hybrid')] });
    });
    afterAll(() => server.close());

    it('loads @azure/identity and the ARM SDK when it reads Azure, and still no bot package', async () => {
      const run = await runBuilt(['verify', '--subscription', SUBSCRIPTION, '--json'], server.childEnv());
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.packages).toEqual(
        expect.arrayContaining(['@azure/identity', '@azure/arm-network', '@azure/arm-resources', '@azure/arm-sql']),
      );
      expect(run.packages.filter((p) => BOT_ONLY.test(p) || p === '@azure/storage-blob')).toEqual([]);
    }, 60_000);
  });
});
