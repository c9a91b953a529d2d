import fc from 'fast-check';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { blobKeyFor, HASHED_PREFIX } from '../../src/storage/blob-keys';
import { fileNameForKey } from '../../src/storage/file-names';

/** The name of the blob a key ends up in: BlobsStorage applies sanitizeBlobKey to what BlobStorage gives it. */
const blobName = (key: string) => sanitizeBlobKey(blobKeyFor(key));

/** Keys built from the characters that gave trouble: separators, dots, the hash prefix, non-ASCII, surrogates. */
const awkwardKey = fc.oneof(
  fc.string({ unit: fc.constantFrom('/', '.', 'a', 'b', '~', '%', 'é', '\uD800', '\uDC00'), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: 300, max: 1_200 })).map(([tail, n]) => 'é'.repeat(n) + tail),
  fc.tuple(fc.integer({ min: 250, max: 260 }), fc.string({ maxLength: 2 })).map(([n, t]) => 'a/'.repeat(n) + t),
  fc.string({ unit: fc.constantFrom('0', 'f'), minLength: 64, maxLength: 64 }).map((hex) => HASHED_PREFIX + hex),
);

describe('storage keys are encoded one-to-one', () => {
  it('the SDK alone merged distinct keys into one blob (what this guards against)', () => {
    expect(sanitizeBlobKey('x/')).toBe(sanitizeBlobKey('x'));
    expect(sanitizeBlobKey('a//b')).toBe(sanitizeBlobKey('a/b'));
    expect(sanitizeBlobKey(`${'k'.repeat(1100)}1`)).toBe(sanitizeBlobKey(`${'k'.repeat(1100)}2`));
  });

  it('blob: distinct keys never share a blob, and every name is one Azure keeps as it is', () => {
    fc.assert(
      fc.property(fc.uniqueArray(awkwardKey, { minLength: 2, maxLength: 30 }), (keys) => {
        const names = keys.map(blobName);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(1024);
          expect(name).not.toMatch(/[./]$/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('file: distinct keys never share a file name, and names are short and safe', () => {
    fc.assert(
      fc.property(fc.uniqueArray(awkwardKey, { minLength: 2, maxLength: 30 }), (keys) => {
        const names = keys.map(fileNameForKey);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(name).toMatch(/^[a-z0-9_-]{0,60}\.[0-9a-f]{32}(\.u16)?\.json$/);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    'plan/19:abc@thread.tacv2;messageid=1700000000000',
    'plan/a:1Hb3Kq0-9_zZx',
    'checklist/0123456789abcdef0123',
    'verify-subscriptions/19:meeting_abc@thread.v2',
    'conversation-references/teams',
    'diagram/3f2c9a',
  ])('keeps the blob name of %s, as stored before (existing data is found in place)', (key) => {
    expect(blobKeyFor(key)).toBe(key);
    expect(blobName(key)).toBe(sanitizeBlobKey(key));
  });
});
