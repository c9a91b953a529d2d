import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  port: number;
  /** From spawn to the first 200 from /healthz. */
  startupMs: number;
  logFile: string;
  peakRssMb(): number;
  stop(): Promise<number | null>;
}

function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

async function firstHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Spawns `node args` with its output to a log file and waits for /healthz, timing the start. */
export async function spawnServer(options: {
  name: string;
  args: string[];
  port: number;
  env: Record<string, string>;
  cwd: string;
  logFile: string;
}): Promise<BenchProcess> {
  const log = openSync(options.logFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', log, log],
  });
  await firstHealthy(`http://127.0.0.1:${options.port}/healthz`, child, 60_000);
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  const pid = child.pid as number;
  return {
    name: options.name,
    child,
    port: options.port,
    startupMs,
    logFile: options.logFile,
    peakRssMb: () => procStatusKb(pid, 'VmHWM') / 1024,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
