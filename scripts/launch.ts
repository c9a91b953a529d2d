import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const ROOT = join(__dirname, '..');

export interface Launched {
  process: ChildProcess;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function track(child: ChildProcess, port: number, echo: boolean): Launched {
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
    if (echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return {
    process: child,
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Starts the bot from source (ts-node) or from the build (dist/) on the given port. */
export async function startBot(options: {
  port: number;
  env?: Record<string, string>;
  fromBuild?: boolean;
  echo?: boolean;
}): Promise<Launched> {
  if (!(await portIsFree(options.port))) {
    throw new Error(`port ${options.port} is already in use: stop what runs there or set PORT to another port`);
  }
  const entry = options.fromBuild
    ? [join(ROOT, 'dist', 'src', 'index.js')]
    : ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'index.ts')];
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const launched = track(child, options.port, options.echo ?? false);
  try {
    await waitForHttp(`http://127.0.0.1:${options.port}/healthz`, 90_000, child);
  } catch (e) {
    await launched.stop();
    throw new Error(`${(e as Error).message}\n${launched.output()}`);
  }
  return launched;
}

/**
 * The Playground opens a browser with xdg-open and dies when the command is missing (headless machines, CI).
 * There, a do-nothing xdg-open goes first on PATH; on a desktop the real one opens the page.
 */
function pathWithBrowserOpener(): string {
  const path = process.env.PATH ?? '';
  if (path.split(delimiter).some((dir) => existsSync(join(dir, 'xdg-open')))) return path;
  const dir = mkdtempSync(join(tmpdir(), 'playground-opener-'));
  writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'xdg-open'), 0o755);
  return `${dir}${delimiter}${path}`;
}

/** Starts the Microsoft 365 Agents Playground (Teams channel, telemetry off) against a bot endpoint. */
export async function startPlayground(options: { botPort: number; port: number; echo?: boolean }): Promise<Launched> {
  const bin = join(ROOT, 'node_modules', '.bin', 'agentsplayground');
  const child = spawn(
    bin,
    [
      'start',
      '-e',
      `http://127.0.0.1:${options.botPort}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(options.port),
      '--dt',
    ],
    { cwd: ROOT, env: { ...process.env, PATH: pathWithBrowserOpener() }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const launched = track(child, options.port, options.echo ?? false);
  try {
    await waitForHttp(`http://127.0.0.1:${options.port}/`, 60_000, child);
  } catch (e) {
    await launched.stop();
    throw new Error(`${(e as Error).message}\n${launched.output()}`);
  }
  return launched;
}
