import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Never log activities, cards, tokens or secrets: callers log ids through `hashId`
 * and the redaction paths below are a second line of defence.
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
