import { createHash } from 'node:crypto';
import { hasLoneSurrogate } from './file-names';

/**
 * botbuilder-azure-blobs names a blob sanitizeBlobKey(key): it drops empty path segments, joins segments past the
 * 255th without '/', URI-encodes the rest and cuts it at 1,024 characters. So `x` and `x/`, `a/b` and `a//b`, and
 * long keys that differ only at their end shared one blob. Azure also drops a trailing dot from a blob name.
 *
 * blobKeyFor gives BlobsStorage a key it maps one-to-one: a key that sanitizeBlobKey keeps whole is passed as it
 * is (so every blob stored so far keeps its name), any other becomes HASHED_PREFIX + sha256 of the exact key.
 */
export const HASHED_PREFIX = '~sha256/';

const MAX_ENCODED_CHARS = 1024;
const MAX_SLASHES = 254;
const EMPTY_SEGMENT = /^\/|\/\/|\/$/;

/** True when sanitizeBlobKey names the blob after the whole key, and no hashed key can take that name. */
export function isKeptWhole(key: string): boolean {
  if (key === '' || key.startsWith(HASHED_PREFIX) || EMPTY_SEGMENT.test(key) || key.endsWith('.')) return false;
  if (hasLoneSurrogate(key) || key.split('/').length - 1 > MAX_SLASHES) return false;
  return encodeURIComponent(key).length <= MAX_ENCODED_CHARS;
}

export function blobKeyFor(key: string): string {
  if (isKeptWhole(key)) return key;
  // The UTF-16 code units, not UTF-8: UTF-8 would turn every lone surrogate into the same U+FFFD.
  return `${HASHED_PREFIX}${createHash('sha256').update(Buffer.from(key, 'utf16le')).digest('hex')}`;
}
