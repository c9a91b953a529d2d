import { createHmac, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { LruMap } from '../lru';
import { svgToPng } from './png';
import { renderSvg, type Scene } from './scene';

interface StoredDiagram {
  scene: Scene;
  expiresAt: number;
}

export interface DiagramImageStoreOptions {
  ttlMs?: number;
  /** Rendered PNGs kept in memory. */
  cacheEntries?: number;
  now?: () => number;
  /** Keys the ids; random per process unless given (tests). */
  secret?: Buffer;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Diagrams behind unguessable ids that expire. A card only needs the id: the scene (small JSON) is stored at
 * send time and drawn into a PNG when Teams fetches it, so sending a card costs no rasterising. The id is an
 * HMAC of the scene, so the same diagram keeps one id and one stored item. Scenes live in the bot's storage,
 * so any instance behind one registration can draw them (blob storage) and a restart loses none (file storage).
 */
export class DiagramImageStore {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly secret: Buffer;
  private readonly pngs: LruMap<string, { png: Buffer; expiresAt: number }>;
  /** Ids this process stored, with the expiry it stored: a repeat within half the lifetime writes nothing. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly storage: Storage,
    options: DiagramImageStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DAY_MS;
    this.pngs = new LruMap(options.cacheEntries ?? 100);
    this.now = options.now ?? Date.now;
    this.secret = options.secret ?? randomBytes(32);
  }

  async put(scene: Scene): Promise<string> {
    const id = createHmac('sha256', this.secret).update(JSON.stringify(scene)).digest('base64url');
    if (this.isFresh(id)) return id;
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    await this.storage.write({ [`diagram/${id}`]: { scene, expiresAt } satisfies StoredDiagram });
    this.written.set(id, expiresAt);
    this.forgetExpiredWrites(now);
    return id;
  }

  /** Whether this process stored `id` and it has at least half its lifetime left (a card may still point to it). */
  isFresh(id: string): boolean {
    const writtenUntil = this.written.get(id);
    return writtenUntil !== undefined && writtenUntil - this.now() > this.ttlMs / 2;
  }

  /** The PNG, or undefined for an unknown, malformed or expired id. */
  async get(id: string): Promise<Buffer | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const now = this.now();
    const cached = this.pngs.get(id);
    if (cached && cached.expiresAt > now) return cached.png;
    const key = `diagram/${id}`;
    const stored = (await this.storage.read([key]))[key] as StoredDiagram | undefined;
    if (!stored) return undefined;
    if (stored.expiresAt <= now) {
      this.pngs.delete(id);
      await this.storage.delete([key]);
      return undefined;
    }
    const png = svgToPng(renderSvg(stored.scene));
    this.pngs.set(id, { png, expiresAt: stored.expiresAt });
    return png;
  }

  private forgetExpiredWrites(now: number): void {
    if (this.written.size < 1000) return;
    for (const [id, until] of this.written) if (until <= now) this.written.delete(id);
  }
}
