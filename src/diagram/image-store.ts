import { randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';

interface StoredImage {
  pngBase64: string;
  expiresAt: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Diagram PNGs behind unguessable ids (256 random bits) that expire. Kept in the bot's storage, so any
 * instance behind one registration can serve them (with blob storage) and a restart loses none (file storage);
 * a small in-memory cache keeps the hot ones.
 */
export class DiagramImageStore {
  private readonly cache = new Map<string, StoredImage>();

  constructor(
    private readonly storage: Storage,
    private readonly options: { ttlMs: number; cacheEntries: number; now?: () => number } = {
      ttlMs: 24 * 60 * 60 * 1000,
      cacheEntries: 200,
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async put(png: Buffer): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const image: StoredImage = { pngBase64: png.toString('base64'), expiresAt: this.now() + this.options.ttlMs };
    await this.storage.write({ [`diagram/${id}`]: image });
    this.remember(id, image);
    return id;
  }

  /** The PNG, or undefined for an unknown, malformed or expired id. */
  async get(id: string): Promise<Buffer | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const key = `diagram/${id}`;
    const image = this.cache.get(id) ?? ((await this.storage.read([key]))[key] as StoredImage | undefined);
    if (!image) return undefined;
    if (image.expiresAt <= this.now()) {
      this.cache.delete(id);
      await this.storage.delete([key]);
      return undefined;
    }
    this.remember(id, image);
    return Buffer.from(image.pngBase64, 'base64');
  }

  private remember(id: string, image: StoredImage): void {
    this.cache.delete(id);
    this.cache.set(id, image);
    while (this.cache.size > this.options.cacheEntries) this.cache.delete(this.cache.keys().next().value as string);
  }
}
