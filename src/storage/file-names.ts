import { createHash } from 'node:crypto';

const READABLE_PART_MAX = 60;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for a key with a lone surrogate: UTF-8 cannot carry it (it becomes U+FFFD), so it is hashed as UTF-16. */
export function hasLoneSurrogate(key: string): boolean {
  return LONE_SURROGATE.test(key);
}

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
  // UTF-8 turns every lone surrogate into U+FFFD: such keys (never written by the bot) are hashed by their UTF-16
  // code units and named apart, so the names of all other keys stay as they always were.
  if (hasLoneSurrogate(key)) {
    const hash = createHash('sha256').update(Buffer.from(key, 'utf16le')).digest('hex').slice(0, 32);
    return `${readable}.${hash}.u16.json`;
  }
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
  return `${readable}.${hash}.json`;
}

export const LOCK_SUFFIX = '.lock';

export function lockFileNameFor(itemFileName: string): string {
  return itemFileName + LOCK_SUFFIX;
}
