import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { scratchSuffix } from './process-identity';

/**
 * Replaces `path` with `content` so that a reader (or a restart after SIGKILL or power loss) sees
 * either the old file or the new one, never a mix: scratch file in the same directory, fsync, rename
 * over the target, fsync the directory so the rename itself is durable.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const scratch = path + scratchSuffix();
  try {
    const handle = await open(scratch, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(scratch, path);
  } catch (error) {
    await unlink(scratch).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

export async function removeFileDurably(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
