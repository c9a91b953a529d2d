import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Azurite's fixed development account; the key is public and documented, not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 20_000;

export interface RunningAzurite {
  /** Connection string for the dev account on this Azurite's port. */
  connectionString: string;
  port: number;
  /** Its data directory. */
  location: string;
  /** Stops Azurite and removes its data directory unless `keepData` (to restart on it); safe to call twice. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface AzuriteOptions {
  /** Reuse a data directory kept by an earlier `stop({ keepData: true })`. */
  location?: string;
  /** Listen on this port (e.g. the one of a stopped Azurite); by default the OS picks a free one. */
  port?: number;
}

/**
 * Starts `azurite-blob` from node_modules on 127.0.0.1 with an OS-chosen port and a fresh temp data
 * directory, and resolves once the port accepts connections.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const location = options.location ?? mkdtempSync(join(tmpdir(), 'azurite-'));
  const binary = join(__dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob');
  const args = ['--blobHost', '127.0.0.1', '--blobPort', String(options.port ?? 0), '--location', location];
  args.push('--silent', '--skipApiVersionCheck', '--loose', '--disableTelemetry');
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  let stopped: Promise<void> | undefined;
  const stop = ({ keepData = false } = {}): Promise<void> => {
    stopped ??= stopChild(child).finally(() => {
      if (!keepData) rmSync(location, { recursive: true, force: true });
    });
    return stopped;
  };

  try {
    const port = await waitForListeningPort(child);
    await waitForConnection(port);
    const connectionString =
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
    return { connectionString, port, location, stop };
  } catch (error) {
    await stop({ keepData: options.location !== undefined });
    throw error;
  }
}

function waitForListeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start within ${START_TIMEOUT_MS} ms: ${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) finish(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`Azurite exited (code ${code}) before listening: ${output}`));
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', fail);
      // Keep draining so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      settle();
    };
    function fail(error: Error): void {
      finish(() => reject(error));
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', fail);
  });
}

async function waitForConnection(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    if (Date.now() > deadline) throw new Error(`Azurite port ${port} did not accept connections`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
