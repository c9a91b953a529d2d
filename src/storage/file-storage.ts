import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { StoreItem, StoreItems } from 'botbuilder';
import { writeFileAtomically, removeFileDurably } from './atomic-file';
import { type ConditionalStorage, isConcreteETag } from './conditional-storage';
import { StorageConflictError, StorageUnavailableError } from './errors';
import { fileNameForKey, LOCK_SUFFIX, lockFileNameFor } from './file-names';
import { type FileLockOptions, LockTimeoutError, removeStaleLock, withFileLock } from './file-lock';
import { KeyedMutex } from './keyed-mutex';
import { isDeadLocalProcess, scratchOwner } from './process-identity';

export interface FileStorageOptions {
  /** How long a write waits for another process's lock on the same key (default 5 s). */
  lockTimeoutMs?: number;
  /** Age after which a lock is taken over even if its holder may be alive (default 30 s). */
  staleLockMs?: number;
}

/** What one file holds: the exact key (file names are hashed), the eTag, and the item without it. */
interface Envelope {
  key: string;
  eTag: string;
  item: StoreItem;
}

type Precondition = 'eTag' | 'absent';

/** Scratch files this old are removed at start even if their writer might still run. */
const ABANDONED_SCRATCH_MS = 10 * 60_000;
const UNAVAILABLE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE']);

/**
 * Durable storage in a directory: one JSON file per key, replaced atomically, with eTag checks made
 * under a per-key lock file so they hold across processes sharing the directory.
 */
export class FileStorage implements ConditionalStorage {
  readonly directory: string;
  private readonly lockOptions: FileLockOptions;
  private readonly mutex = new KeyedMutex();
  private ready: Promise<void> | undefined;

  constructor(directory: string, options: FileStorageOptions = {}) {
    this.directory = resolve(directory);
    this.lockOptions = { timeoutMs: options.lockTimeoutMs ?? 5_000, staleMs: options.staleLockMs ?? 30_000 };
  }

  async read(keys: string[]): Promise<StoreItems> {
    return this.guard('read', async () => {
      const found: StoreItems = {};
      for (const key of keys) {
        const envelope = await this.readEnvelope(key);
        if (envelope) found[key] = { ...envelope.item, eTag: envelope.eTag };
      }
      return found;
    });
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]) => ({ key, item, precondition: 'eTag' as const }));
    await this.guard('write', () => this.writeAll(entries));
  }

  async writeIfAbsent(key: string, item: StoreItem): Promise<void> {
    await this.guard('write', () => this.writeAll([{ key, item, precondition: 'absent' }]));
  }

  async delete(keys: string[]): Promise<void> {
    await this.guard('delete', async () => {
      for (const key of keys) await this.withKeyLock(key, () => removeFileDurably(this.itemPath(key)));
    });
  }

  /** Checks every precondition, then writes every item, holding all the keys' locks (taken in key order). */
  private async writeAll(entries: { key: string; item: StoreItem; precondition: Precondition }[]): Promise<void> {
    const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const lockAll = async (index: number): Promise<void> => {
      if (index < sorted.length) return this.withKeyLock(sorted[index].key, () => lockAll(index + 1));
      for (const entry of sorted) await this.checkPrecondition(entry.key, entry.item, entry.precondition);
      for (const { key, item } of sorted) {
        const { eTag: _ignored, ...rest } = item;
        const envelope: Envelope = { key, eTag: randomUUID(), item: rest };
        await writeFileAtomically(this.itemPath(key), JSON.stringify(envelope));
      }
    };
    await lockAll(0);
  }

  private async checkPrecondition(key: string, item: StoreItem, precondition: Precondition): Promise<void> {
    if (precondition === 'eTag' && !isConcreteETag(item.eTag)) return;
    const current = await this.readEnvelope(key);
    if (precondition === 'absent' ? current !== undefined : current?.eTag !== item.eTag) {
      throw new StorageConflictError(key);
    }
  }

  private async readEnvelope(key: string): Promise<Envelope | undefined> {
    const path = this.itemPath(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const envelope = JSON.parse(text) as Envelope;
      if (envelope.key !== key || typeof envelope.eTag !== 'string' || typeof envelope.item !== 'object') {
        throw new Error('it is not a stored item for this key');
      }
      return envelope;
    } catch (error) {
      throw new Error(
        `Stored item file ${path} for key "${key}" is unreadable (${(error as Error).message}); ` +
          'move it out of the storage directory or restore it from a backup.',
      );
    }
  }

  private withKeyLock<T>(key: string, action: () => Promise<T>): Promise<T> {
    const lockPath = join(this.directory, lockFileNameFor(fileNameForKey(key)));
    return this.mutex.run(key, () => withFileLock(lockPath, this.lockOptions, action));
  }

  private itemPath(key: string): string {
    return join(this.directory, fileNameForKey(key));
  }

  private async guard<T>(operation: 'read' | 'write' | 'delete', action: () => Promise<T>): Promise<T> {
    try {
      await this.prepare();
      return await action();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
        throw new StorageUnavailableError(operation, `${code} in ${this.directory}`, { cause: error });
      }
      if (error instanceof LockTimeoutError) {
        throw new StorageUnavailableError(operation, 'another process holds the item for too long', { cause: error });
      }
      throw error;
    }
  }

  /** Creates the directory and removes scratch files and locks left by writers that died (e.g. on SIGKILL). */
  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.directory, { recursive: true });
      for (const name of await readdir(this.directory)) {
        if (name.endsWith(LOCK_SUFFIX)) await removeStaleLock(join(this.directory, name), this.lockOptions.staleMs);
        const owner = scratchOwner(name);
        if (!owner) continue;
        const path = join(this.directory, name);
        const info = await stat(path).catch(() => undefined);
        if (info && (isDeadLocalProcess(owner) || Date.now() - info.mtimeMs > ABANDONED_SCRATCH_MS)) {
          await unlink(path).catch(() => undefined);
        }
      }
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
