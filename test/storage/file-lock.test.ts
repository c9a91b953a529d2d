import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from '../../src/storage/file-lock';
import { useTempDirs } from './temp-dir';

// The module object itself (an `import * as` copy cannot be spied on), shared with the code under test.
const fsPromises = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');

const newDir = useTempDirs('file-lock-');
const OPTIONS = { timeoutMs: 2_000, staleMs: 30_000 };

/** Ten holders of one lock at once, each inside for a few ms: how many were ever inside together. */
async function mostHoldersAtOnce(lockPath: string): Promise<number> {
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 10 }, () =>
      withFileLock(lockPath, OPTIONS, async () => {
        inside += 1;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inside -= 1;
      }),
    ),
  );
  return most;
}

describe('withFileLock', () => {
  afterEach(() => jest.restoreAllMocks());

  it('runs holders of one lock one at a time and removes the lock afterwards', async () => {
    const dir = newDir();
    const lockPath = join(dir, 'k.lock');
    const most = await mostHoldersAtOnce(lockPath);
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('still excludes on a file system without hard links', async () => {
    jest.spyOn(fsPromises, 'link').mockRejectedValue(Object.assign(new Error('no links here'), { code: 'EPERM' }));
    const dir = newDir();
    const lockPath = join(dir, 'k.lock');
    const most = await mostHoldersAtOnce(lockPath);
    expect(fsPromises.link).toHaveBeenCalled();
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('releases the lock when the action throws', async () => {
    const dir = newDir();
    const lockPath = join(dir, 'k.lock');
    await expect(withFileLock(lockPath, OPTIONS, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });
});
