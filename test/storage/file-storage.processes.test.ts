import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileStorage } from '../../src/storage';
import { useTempDirs } from './temp-dir';

jest.setTimeout(60_000);

const newDir = useTempDirs('file-processes-');
const WORKER = join(__dirname, 'children', 'file-worker.ts');

function startWorker(args: string[]) {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', WORKER, ...args], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runWorker(args: string[]): Promise<void> {
  const child = startWorker(args);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${stderr}`))));
  });
}

/** Starts a churning writer, waits until it is writing, lets it write a while, then SIGKILLs it. */
async function killMidWrites(dir: string, writeForMs: number): Promise<void> {
  const child = startWorker(['churn', dir]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('writing') && resolve());
    void exited.then(() => reject(new Error(`churn worker stopped before writing: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, writeForMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

function expectEveryFileIsJson(dir: string): string[] {
  const names = readdirSync(dir);
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    expect(() => JSON.parse(text)).not.toThrow();
  }
  return names;
}

describe('FileStorage shared by several processes', () => {
  it('loses none of the concurrent updates two processes make to one key', async () => {
    const dir = newDir();
    await Promise.all([runWorker(['update', dir, 'a', '25']), runWorker(['update', dir, 'b', '25'])]);
    const tally = (await new FileStorage(dir).read(['tally'])).tally;
    const expected = ['a', 'b'].flatMap((worker) => Array.from({ length: 25 }, (_, index) => `${worker}-${index}`));
    expect([...tally.entries].sort()).toEqual(expected.sort());
  });

  it('leaves no half-written file when a writer is SIGKILLed mid-writes, twice, and a restart reads everything', async () => {
    const dir = newDir();
    await killMidWrites(dir, 300);
    // The second writer must also get past locks and scratch files the first one left behind.
    await killMidWrites(dir, 300);

    const itemFiles = readdirSync(dir).filter((name) => name.endsWith('.json'));
    expect(itemFiles).toHaveLength(4);
    for (const name of itemFiles) JSON.parse(readFileSync(join(dir, name), 'utf8'));

    const restarted = new FileStorage(dir);
    const keys = ['plans/conversation-a', 'checklists/conversation-a', 'references/team-1', 'references/team-2'];
    const items = await restarted.read(keys);
    for (const key of keys) {
      const { round, payload } = items[key];
      expect(round).toBeGreaterThan(0);
      expect(new Set(payload)).toEqual(new Set([`round-${round}`]));
    }
    // Scratch files of the killed writers are gone after the restart; whatever remains is JSON.
    expect(expectEveryFileIsJson(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await restarted.write({ [keys[0]]: { ...items[keys[0]], round: -1 } });
    expect((await restarted.read([keys[0]]))[keys[0]].round).toBe(-1);
  });
});
