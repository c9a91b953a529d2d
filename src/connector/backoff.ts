export interface BackoffOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8000 };

/**
 * Exponential backoff with "equal jitter": half of the exponential step is fixed, half random, so retries
 * of many bots throttled at once spread out but never fire immediately.
 */
export function backoffDelayMs(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + random() * (step / 2));
}
