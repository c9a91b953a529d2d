import type { Request } from 'restify';

export const MAX_BODY_BYTES = 256 * 1024;

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Bot Framework channels post JSON; anything else is refused before the body is read. */
export function isJsonContentType(req: Request): boolean {
  return JSON_CONTENT_TYPE.test(req.header('content-type') ?? '');
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Parses the raw body read by restify's bodyReader; the caller answers 400 without echoing the body. */
export function parseJsonBody(req: Request): ParsedBody {
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
