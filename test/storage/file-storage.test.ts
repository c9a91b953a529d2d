import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileStorage } from '../../src/storage';
import { fileNameForKey, lockFileNameFor } from '../../src/storage/file-names';
import { describeStorageContract } from './storage-contract';
import { useTempDirs } from './temp-dir';

const newDir = useTempDirs('file-storage-');

describeStorageContract('file', async () => {
  const dir = newDir();
  return { storage: new FileStorage(dir), twin: new FileStorage(dir) };
});

describe('FileStorage', () => {
  it('survives a restart: a new instance on the directory reads what the old one wrote', async () => {
    const dir = newDir();
    await new FileStorage(dir).write({ plan: { topology: 'hybrid' } });
    expect((await new FileStorage(dir).read(['plan'])).plan).toMatchObject({ topology: 'hybrid' });
  });

  it('keeps every file inside the directory with a plain name, whatever the key', async () => {
    const dir = newDir();
    const keys = ['../../escape', '/absolute/path', 'C:\\windows\\key', 'con', '.hidden', ''];
    await new FileStorage(dir).write(Object.fromEntries(keys.map((key) => [key, { key }])));
    const names = readdirSync(dir);
    expect(names).toHaveLength(keys.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_-]*\.[0-9a-f]{32}\.json$/);
  });

  it('names files so that keys differing only in case do not collide', () => {
    expect(fileNameForKey('Plan').toLowerCase()).not.toEqual(fileNameForKey('plan').toLowerCase());
  });

  it('removes scratch files of dead writers at start and never reads them', async () => {
    const dir = newDir();
    await new FileStorage(dir).write({ plan: { v: 1 } });
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max, so no such process
    const { HOST_ID } = await import('../../src/storage/process-identity');
    const scratch = `${fileNameForKey('plan')}.${HOST_ID}.${deadPid}.0123456789ab.tmp`;
    writeFileSync(join(dir, scratch), '{"half":');

    const restarted = new FileStorage(dir);
    expect((await restarted.read(['plan'])).plan).toMatchObject({ v: 1 });
    expect(readdirSync(dir)).not.toContain(scratch);
  });

  it('takes over a lock left by a process that died holding it', async () => {
    const dir = newDir();
    const { HOST_ID } = await import('../../src/storage/process-identity');
    const lock = { token: 'dead', host: HOST_ID, pid: 2 ** 22 + 12345, acquiredAt: Date.now() };
    writeFileSync(join(dir, lockFileNameFor(fileNameForKey('plan'))), JSON.stringify(lock));
    const storage = new FileStorage(dir, { lockTimeoutMs: 1_000 });
    await storage.write({ plan: { v: 1 } });
    expect((await storage.read(['plan'])).plan).toMatchObject({ v: 1 });
  });

  it('removes locks of dead processes at start but keeps live ones', async () => {
    const dir = newDir();
    const { HOST_ID } = await import('../../src/storage/process-identity');
    const deadLock = lockFileNameFor(fileNameForKey('dead'));
    const liveLock = lockFileNameFor(fileNameForKey('live'));
    writeFileSync(
      join(dir, deadLock),
      JSON.stringify({ token: 'd', host: HOST_ID, pid: 2 ** 22 + 1, acquiredAt: Date.now() }),
    );
    writeFileSync(
      join(dir, liveLock),
      JSON.stringify({ token: 'l', host: HOST_ID, pid: process.pid, acquiredAt: Date.now() }),
    );
    await new FileStorage(dir).read(['anything']);
    expect(readdirSync(dir)).toEqual([liveLock]);
  });

  it('takes over a lock older than staleLockMs even when its holder looks alive', async () => {
    const dir = newDir();
    const lock = { token: 'old', host: 'elsewhere', pid: process.pid, acquiredAt: Date.now() - 60_000 };
    writeFileSync(join(dir, lockFileNameFor(fileNameForKey('plan'))), JSON.stringify(lock));
    const storage = new FileStorage(dir, { staleLockMs: 30_000, lockTimeoutMs: 1_000 });
    await storage.write({ plan: { v: 1 } });
    expect((await storage.read(['plan'])).plan).toMatchObject({ v: 1 });
  });

  it('reports a live lock held too long as storage unavailable, writing nothing', async () => {
    const dir = newDir();
    const lock = { token: 'busy', host: 'elsewhere', pid: 1, acquiredAt: Date.now() };
    writeFileSync(join(dir, lockFileNameFor(fileNameForKey('plan'))), JSON.stringify(lock));
    const storage = new FileStorage(dir, { lockTimeoutMs: 200 });
    await expect(storage.write({ plan: { v: 1 } })).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      message: expect.stringContaining('please retry'),
    });
    expect(await storage.read(['plan'])).toEqual({});
  });

  it('names the file and the way out when a stored file is not JSON', async () => {
    const dir = newDir();
    writeFileSync(join(dir, fileNameForKey('plan')), 'not json');
    await expect(new FileStorage(dir).read(['plan'])).rejects.toThrow(/plan.*unreadable.*move it out/s);
  });

  it('writes a self-describing JSON file per key', async () => {
    const dir = newDir();
    await new FileStorage(dir).write({ 'a/b': { v: 1 } });
    const stored = JSON.parse(readFileSync(join(dir, fileNameForKey('a/b')), 'utf8'));
    expect(stored).toEqual({ key: 'a/b', eTag: expect.any(String), item: { v: 1 } });
  });
});
