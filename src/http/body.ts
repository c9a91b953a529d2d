import * as restify from 'restify';
import type { Request, Response } from 'restify';

export const MAX_BODY_BYTES = 256 * 1024;

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export interface Refusal {
  status: number;
  error: string;
}

/**
 * What can be refused from the headers alone, before a byte of the body is read. Bot Framework channels post
 * uncompressed JSON; a compressed body is refused because its inflated size is not bounded by the size limit.
 */
export function refuseFromHeaders(req: Request): Refusal | undefined {
  if (!JSON_CONTENT_TYPE.test(req.header('content-type') ?? '')) {
    return { status: 415, error: 'expected Content-Type: application/json' };
  }
  const encoding = (req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return { status: 415, error: 'expected an uncompressed body' };
  if (Number(req.header('content-length') ?? 0) > MAX_BODY_BYTES) {
    return { status: 413, error: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  }
  return undefined;
}

const bodyReader = restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES });

/** Reads the body with restify's reader, which stops keeping bytes past the limit (413, e.g. chunked uploads). */
export function readBody(req: Request, res: Response): Promise<Refusal | undefined> {
  return new Promise((resolve) => {
    // The reader may call back again when the response closes: only the first call counts.
    bodyReader(req, res, ((err?: unknown) => {
      if (!err) return resolve(undefined);
      const status = (err as { statusCode?: number }).statusCode ?? 400;
      resolve({
        status,
        error: status === 413 ? `the body is larger than ${MAX_BODY_BYTES} bytes` : 'unreadable body',
      });
    }) as restify.Next);
  });
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Parses the raw body; the caller answers 400 without echoing the body. */
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
