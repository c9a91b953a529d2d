import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, waitForHttp } from '../../scripts/launch';

/**
 * What the Dockerfile's runtime stage (and App Service) runs: the build output, package.json, the lock file, .npmrc
 * and cards/ in an empty directory, `npm ci --omit=dev`, then `node dist/src/index.js`. Docker itself cannot run
 * here, so this test does the same steps by hand. It needs the npm registry (or a warm npm cache).
 */
const ROOT = join(__dirname, '..', '..');
const SHIPPED = ['package.json', 'package-lock.json', '.npmrc', 'cards'];
const SETUP_TIMEOUT = 10 * 60_000;

/** The Node major the Dockerfile (and, by infra-contract.test.ts, App Service) runs. */
const DEPLOYED_MAJOR = Number(/^FROM node:(\d+)-/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1]);
/** The Node majors package.json's engines names (e.g. "^22 || ^24"). */
const SUPPORTED_MAJORS = [
  ...(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
  ).engines.node.matchAll(/\^(\d+)/g),
].map((m) => Number(m[1]));
const majorOf = (node: string) =>
  Number(spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0]);

/**
 * The production build must start on every Node it supports. CI (.ci/run) lists one Node binary per supported major
 * in PRODUCTION_NODES (path-delimited); a developer's machine runs this file on its own Node, and only CI requires
 * the whole set.
 */
const RUNTIME_NODES = (process.env.PRODUCTION_NODES || process.execPath).split(delimiter).filter(Boolean);
const inCi = process.env.E2E === 'required';

let scratch: string;

/** The machine's environment without anything that would configure the bot differently from this test. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(BOT_|BLOB_|STORAGE|AZURE_|PORT$|LOG_LEVEL$|NODE_OPTIONS$)/.test(k)),
  );
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv({}), timeout: SETUP_TIMEOUT });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function post(
  port: number,
  activity: Record<string, unknown>,
): Promise<{
  status: number;
  replies: { text?: string; attachments?: { contentType: string; content: { body?: { text?: string }[] } }[] }[];
}> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: 'production-start' },
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot', name: 'Migration Network Advisor' },
      id: `activity-${Date.now()}`,
      // The replies come back in the HTTP response instead of going to serviceUrl.
      deliveryMode: 'expectReplies',
      ...activity,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { activities?: [] };
  return { status: response.status, replies: body.activities ?? [] };
}

describe('the production build started from a scratch directory after npm ci --omit=dev', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'production-start-'));
    run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        join(scratch, 'dist'),
      ],
      ROOT,
    );
    for (const item of SHIPPED) cpSync(join(ROOT, item), join(scratch, item), { recursive: true });
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], scratch);
  }, SETUP_TIMEOUT);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  (inCi ? it : it.skip)(
    `runs on every Node major engines names (${SUPPORTED_MAJORS.join(', ')}), the Dockerfile's ${DEPLOYED_MAJOR} among them`,
    () => {
      expect(SUPPORTED_MAJORS).toContain(DEPLOYED_MAJOR);
      expect(RUNTIME_NODES.map(majorOf).sort((a, b) => a - b)).toEqual(SUPPORTED_MAJORS);
    },
  );

  describe.each(RUNTIME_NODES.map((node) => [majorOf(node), node] as const))('on Node %i (%s)', (_major, node) => {
    let bot: ChildProcess | undefined;
    let port: number;
    let output = '';

    beforeAll(async () => {
      port = await freePort();
      bot = spawn(node, ['dist/src/index.js'], {
        cwd: scratch,
        env: cleanEnv({ PORT: String(port), STORAGE: 'memory' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      bot.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      bot.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      try {
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000, bot);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n${output}`);
      }
    }, 60_000);

    afterAll(async () => {
      if (bot && bot.exitCode === null) {
        const exited = new Promise((resolve) => bot?.once('exit', resolve));
        bot.kill('SIGKILL');
        await exited;
      }
    });

    it('answers 200 on /healthz with the package version', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      expect(await response.json()).toEqual({ status: 'ok', version });
    });

    it('answers a help message with the help card (cards/ shipped, every package it needs installed)', async () => {
      const { status, replies } = await post(port, { text: 'help' });
      expect(status).toBe(200);
      const card = replies
        .flatMap((r) => r.attachments ?? [])
        .find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(card?.content)).toContain('verify');
    });

    it('loads every compiled module with production dependencies only (nothing needed sits in devDependencies)', () => {
      const script = `
        const { readdirSync, statSync } = require('node:fs');
        const { join } = require('node:path');
        const walk = (d) => readdirSync(d).flatMap((f) => statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]);
        const failed = [];
        for (const file of walk('dist/src').filter((f) => f.endsWith('.js') && f !== join('dist', 'src', 'index.js'))) {
          try { require('./' + file); } catch (e) { failed.push(file + ': ' + e.message.split('\\n')[0]); }
        }
        if (failed.length) { console.error(failed.join('\\n')); process.exit(1); }
      `;
      const result = spawnSync(node, ['-e', script], { cwd: scratch, encoding: 'utf8', env: cleanEnv({}) });
      expect(result.stderr.split('\n').filter((l) => l.includes('dist/src'))).toEqual([]);
      expect(result.status).toBe(0);
    }, 60_000);

    it('the CLI runs from the same install (the package bin)', () => {
      const result = spawnSync(node, ['dist/src/cli.js', '--help'], {
        cwd: scratch,
        encoding: 'utf8',
        env: cleanEnv({}),
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/recommend/);
    }, 60_000);

    it('stops with exit code 0 on SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => bot?.once('exit', (code) => resolve(code)));
      bot?.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds in one stage and runs in another with production dependencies only', () => {
    expect(dockerfile.match(new RegExp(`^FROM node:${DEPLOYED_MAJOR}-bookworm-slim AS \\w+$`, 'gm'))).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
  });

  it('runs as a non-root user, exposes 3978 and starts the production entry', () => {
    const user = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(user.length).toBeGreaterThan(0);
    expect(user[user.length - 1]).not.toMatch(/^(root|0)$/);
    expect(dockerfile).toMatch(/^EXPOSE 3978$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/index\.js"\]$/m);
  });

  it('checks health on /healthz with node fetch (no curl in the image)', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\\\n\s*CMD \["node", "-e", ".*fetch\(.*\/healthz/m);
  });

  it('ships what the production start above needed, and the build context keeps it', () => {
    // npm run build in the build stage runs scripts/build.js.
    for (const item of [...SHIPPED, 'src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js']) {
      expect(dockerfile).toContain(item);
      expect(ignored).not.toContain(item);
    }
    expect(ignored).not.toContain('scripts');
    for (const secretOrBulk of ['env', 'node_modules', '.git', '.data']) expect(ignored).toContain(secretOrBulk);
  });
});
