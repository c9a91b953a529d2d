import { createHash } from 'node:crypto';

const READABLE_PART_MAX = 60;

/**
 * A safe, unique file name for a storage key: a readable, lower-case prefix (only a-z, 0-9, '-' and
 * '_', so no separators, dots or traversal) plus a hash of the exact key, which keeps keys distinct
 * on case-insensitive file systems and bounds the length however long the key is.
 */
export function fileNameForKey(key: string): string {
  const readable = key
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .slice(0, READABLE_PART_MAX);
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
  return `${readable}.${hash}.json`;
}

export const LOCK_SUFFIX = '.lock';

export function lockFileNameFor(itemFileName: string): string {
  return itemFileName + LOCK_SUFFIX;
}
