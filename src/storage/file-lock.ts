import { randomUUID } from 'node:crypto';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { HOST_ID, isDeadLocalProcess, scratchSuffix } from './process-identity';

export interface FileLockOptions {
  /** Give up waiting for another holder after this long. */
  timeoutMs: number;
  /** A lock older than this is taken over even if its holder may still run (e.g. on another host). */
  staleMs: number;
}

interface LockOwner {
  token: string;
  host: string;
  pid: number;
  acquiredAt: number;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

/**
 * Runs `action` while holding an exclusive lock file shared by every process using the directory.
 * The lock appears atomically with its content (written to a scratch file, then hard-linked, which
 * fails if the lock exists), so a holder killed at any point leaves either no lock or a complete one,
 * naming its process: a lock whose local process is dead, or that is older than `staleMs`, is broken.
 */
export async function withFileLock<T>(
  lockPath: string,
  options: FileLockOptions,
  action: () => Promise<T>,
): Promise<T> {
  const owner = await acquire(lockPath, options);
  try {
    return await action();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<LockOwner> {
  const owner: LockOwner = { token: randomUUID(), host: HOST_ID, pid: process.pid, acquiredAt: Date.now() };
  const scratch = lockPath + scratchSuffix();
  await writeFile(scratch, JSON.stringify(owner));
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await createLockFile(scratch, lockPath, owner);
        return owner;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (await breakIfStale(lockPath, options.staleMs)) continue;
      if (Date.now() > deadline) {
        throw new LockTimeoutError(`Timed out after ${options.timeoutMs} ms waiting for the lock ${lockPath}`);
      }
      await sleep(Math.min(50, 1 + attempt) * Math.random() + 1);
    }
  } finally {
    await unlink(scratch).catch(() => undefined);
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

async function createLockFile(scratch: string, lockPath: string, owner: LockOwner): Promise<void> {
  try {
    await link(scratch, lockPath);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    // A file system without hard links (FAT, some network shares): exclusive create, then write. A
    // holder killed in between leaves an empty lock, which is judged stale by its age.
    await writeFile(lockPath, JSON.stringify(owner), { flag: 'wx' });
  }
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const current = await readOwner(lockPath);
  // Only remove our own lock: if it was broken as stale, the file now belongs to someone else.
  if (current.owner?.token === owner.token) await unlink(lockPath).catch(() => undefined);
}

/** Removes the lock if its holder died or it is older than `staleMs` (used at start to tidy up). */
export async function removeStaleLock(lockPath: string, staleMs: number): Promise<void> {
  await breakIfStale(lockPath, staleMs);
}

/** Returns true when the lock is gone (or was removed as stale) and acquiring should be retried at once. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await readOwner(lockPath);
  if (seen.missing) return true;
  const age = Date.now() - (seen.owner?.acquiredAt ?? seen.modifiedAt);
  const stale = age > staleMs || (seen.owner !== undefined && isDeadLocalProcess(seen.owner));
  if (!stale) return false;

  // Move the lock aside under a unique name, so of several breakers only one gets it, then make sure
  // it is the lock judged stale and not a fresh one taken in between; a fresh one is put back.
  const aside = lockPath + scratchSuffix();
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== seen.content) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return true;
}

interface SeenLock {
  missing: boolean;
  content?: string;
  owner?: LockOwner;
  modifiedAt: number;
}

async function readOwner(lockPath: string): Promise<SeenLock> {
  try {
    const [content, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { missing: false, content, owner: parseOwner(content), modifiedAt: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true, modifiedAt: 0 };
    throw error;
  }
}

function parseOwner(content: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(content) as Partial<LockOwner>;
    if (typeof parsed.token === 'string' && typeof parsed.pid === 'number' && typeof parsed.acquiredAt === 'number') {
      return { token: parsed.token, host: String(parsed.host), pid: parsed.pid, acquiredAt: parsed.acquiredAt };
    }
  } catch {
    // An unreadable lock is judged by its file time.
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
