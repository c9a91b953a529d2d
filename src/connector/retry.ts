import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { realClock, type Clock } from './thread-send-limiter';

export interface RetryOptions {
  backoff?: BackoffOptions;
  clock?: Clock;
  random?: () => number;
  /** Called once per retry, for logs and tests; gets no request content. */
  onRetry?: (info: { status: number; retry: number; delayMs: number }) => void;
}

interface HttpFailure {
  status: number;
  retryAfter?: string;
}

/** The status of a failed connector call: the SDK throws a RestError carrying statusCode and the response. */
export function httpFailureOf(err: unknown): HttpFailure | undefined {
  const e = err as { statusCode?: unknown; response?: { headers?: { get?(name: string): string | undefined } } };
  if (typeof e?.statusCode !== 'number') return undefined;
  const retryAfter = typeof e.response?.headers?.get === 'function' ? e.response.headers.get('retry-after') : undefined;
  return { status: e.statusCode, retryAfter: retryAfter ?? undefined };
}

/**
 * Whether a failed call is retried here. The connector client's own pipeline (core-rest-pipeline's default retry
 * policy) already retries 502 and 504 with exponential backoff and jitter, and any 429/503 carrying Retry-After,
 * before the error reaches us; retrying those again would multiply the attempts. It leaves 412 and a 429
 * without Retry-After, which Teams also uses for throttling.
 */
export function retriedHere(failure: HttpFailure): boolean {
  return failure.status === 412 || (failure.status === 429 && !failure.retryAfter);
}

/** Runs `call`, retrying the failures `retriedHere` accepts with exponential backoff and jitter. */
export async function withConnectorRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const clock = options.clock ?? realClock;
  for (let retry = 0; ; retry++) {
    try {
      return await call();
    } catch (err) {
      const failure = httpFailureOf(err);
      if (!failure || retry >= backoff.maxRetries || !retriedHere(failure)) throw err;
      const delayMs = backoffDelayMs(retry, backoff, options.random);
      options.onRetry?.({ status: failure.status, retry: retry + 1, delayMs });
      await clock.sleep(delayMs);
    }
  }
}
