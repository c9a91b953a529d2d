import { AsyncLocalStorage } from 'node:async_hooks';
import { AuthenticationError } from 'botframework-connector';

/** A request's token was refused; `reason` is a short code for the log (never the token or its claims). */
export class TokenRefusedError extends AuthenticationError {
  override readonly name = 'TokenRefusedError';
  constructor(readonly reason: string) {
    super(`the token was refused (${reason})`, 401);
  }
}

/** What botframework-connector and jsonwebtoken say, as a short reason; the first match wins. */
const REASONS: [RegExp, string][] = [
  [/expired/i, 'expired'],
  [/not active|NotBefore/i, 'not-yet-valid'],
  [/signature is required/i, 'unsigned'],
  [/invalid signature/i, 'bad-signature'],
  [/algorithm/i, 'bad-algorithm'],
  [/malformed|invalid token|unexpected token/i, 'malformed'],
  [/Invalid AppId|audience/i, 'wrong-audience'],
  [/ServiceUrl claim/i, 'wrong-service-url'],
  [/Issuer/i, 'wrong-issuer'],
  [/Signing Key could not be retrieved/i, 'unknown-signing-key'],
  [/endorsement/i, 'key-not-endorsed'],
  [/No valid identity/i, 'not-a-channel-token'],
  [/not authorized|Unauthorized Access/i, 'no-token'],
];

/** The short reason a token was refused, from the SDK's error (its message may quote claims: it is not logged). */
export function tokenRefusalReason(error: unknown): string {
  if (error instanceof TokenRefusedError) return error.reason;
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? ''}`;
  return REASONS.find(([pattern]) => pattern.test(text))?.[1] ?? 'refused';
}

/** jsonwebtoken's errors: the token itself is bad (signature, dates, algorithm, format), not the bot's setup. */
const TOKEN_ERROR_NAMES = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

const quiet = new AsyncLocalStorage<true>();
let checksRunning = 0;
let consoleError: typeof console.error = console.error;

/**
 * botframework-connector prints every refused token with console.error (the error with its stack, and the signing
 * keys). While checks run, console.error drops what comes from inside a check (an async context of its own): the
 * HTTP layer logs one line per refusal instead. Anything else printed meanwhile passes through.
 */
async function withQuietConsole<T>(check: () => Promise<T>): Promise<T> {
  if (checksRunning++ === 0) {
    consoleError = console.error;
    console.error = (...args: unknown[]) => {
      if (quiet.getStore() !== true) consoleError.apply(console, args);
    };
  }
  try {
    return await quiet.run(true, check);
  } finally {
    if (--checksRunning === 0) console.error = consoleError;
  }
}

/**
 * Runs the SDK's token check: a token that fails verification becomes a TokenRefusedError (answered 401) instead of
 * a plain Error (which would read as "cannot check tokens now"), and the SDK's console output is kept out of the log.
 */
export async function checkingToken<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await withQuietConsole(check);
  } catch (error) {
    if (TOKEN_ERROR_NAMES.has((error as Error)?.name)) throw new TokenRefusedError(tokenRefusalReason(error));
    throw error;
  }
}
