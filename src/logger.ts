import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Never log activities, cards, tokens or secrets: callers log ids through `hashId`,
 * free text from errors through `scrubSecrets`, and the redaction paths below are a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'migration-network-advisor' },
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          '*.authorization',
          '*.password',
          '*.secret',
          '*.token',
          '*.connectionString',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A short, stable, non-reversible id for a user or conversation, so logs can be correlated without personal data. */
export function hashId(id: string | undefined): string | undefined {
  return id === undefined ? undefined : createHash('sha256').update(id).digest('hex').slice(0, 16);
}

const JWT_LIKE = /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g;
const BEARER = /\bbearer\s+\S+/gi;
const KEY_VALUE_SECRET = /\b(password|secret|token|accountkey|sig)=([^;&\s]+)/gi;

/** Error messages may quote what they choke on: drop bearer tokens, JWTs and key=secret pairs, and bound the length. */
export function scrubSecrets(text: string, maxLength = 300): string {
  const cleaned = text
    .replace(BEARER, '[redacted]')
    .replace(JWT_LIKE, '[redacted]')
    .replace(KEY_VALUE_SECRET, '$1=[redacted]');
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}…` : cleaned;
}

/** The loggable part of an error: its type and a scrubbed message, never its stack. */
export function errorFields(err: unknown): { type: string; message: string } {
  if (err instanceof Error) return { type: err.name, message: scrubSecrets(err.message) };
  return { type: typeof err, message: scrubSecrets(String(err)) };
}
