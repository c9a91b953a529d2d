import type { ConnectorClientOptions } from 'botframework-connector';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { realClock, ThreadSendLimiter, type Clock } from './thread-send-limiter';

type PolicyFactories = Extract<NonNullable<ConnectorClientOptions['requestPolicyFactories']>, unknown[]>;
export type RequestPolicyFactory = PolicyFactories[number];
type RequestPolicy = ReturnType<RequestPolicyFactory['create']>;
type WebResource = Parameters<RequestPolicy['sendRequest']>[0];

export interface ConnectorSendPolicyOptions {
  backoff?: BackoffOptions;
  limiter?: ThreadSendLimiter;
  clock?: Clock;
  random?: () => number;
  /** Called once per retry, for logs and tests; gets no request content. */
  onRetry?: (info: { status: number; retry: number; delayMs: number }) => void;
}

/**
 * Statuses this policy retries itself. The SDK pipeline underneath (core-rest-pipeline's default retry policy)
 * already retries 502 and 504 (exponential backoff with jitter) and any 429/503 that carries Retry-After; retrying
 * those here too would multiply the attempts. What it leaves out is 412 and a 429 without Retry-After.
 */
function retriedHere(status: number, retryAfter: string | undefined): boolean {
  return status === 412 || (status === 429 && !retryAfter);
}

const CONVERSATION_PATH = /\/v3\/conversations\/([^/]+)\/activities(?:\/|$|\?)/;

/** The conversation (thread) a connector request posts to, or undefined for other calls. */
export function threadOf(method: string, url: string): string | undefined {
  if (method.toUpperCase() !== 'POST') return undefined;
  const match = CONVERSATION_PATH.exec(new URL(url).pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

interface StatusAndRetryAfter {
  status: number;
  retryAfter?: string;
}

function statusOf(outcome: { status?: number; headers?: { get(name: string): string | undefined } }) {
  return { status: outcome.status ?? 0, retryAfter: outcome.headers?.get('retry-after') ?? undefined };
}

/** A thrown RestError (what the deserializer makes of a non-2xx answer) carries the status too. */
function statusOfError(err: unknown): StatusAndRetryAfter | undefined {
  const e = err as { statusCode?: number; response?: { headers?: { get(name: string): string | undefined } } };
  if (typeof e?.statusCode !== 'number') return undefined;
  return { status: e.statusCode, retryAfter: e.response?.headers?.get('retry-after') ?? undefined };
}

/**
 * A request policy for the Bot Connector client: each post to a conversation first waits for the thread's
 * send window (Teams' per-thread limits), and 412 / Retry-After-less 429 answers are retried with backoff.
 */
export function connectorSendPolicy(options: ConnectorSendPolicyOptions = {}): RequestPolicyFactory {
  const clock = options.clock ?? realClock;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const limiter = options.limiter ?? new ThreadSendLimiter(undefined, clock);
  return {
    create: (next) => ({
      sendRequest: async (request: WebResource) => {
        const thread = threadOf(request.method, request.url);
        for (let retry = 0; ; retry++) {
          if (thread !== undefined) await limiter.acquire(thread);
          let outcome: StatusAndRetryAfter;
          try {
            const response = await next.sendRequest(request);
            outcome = statusOf(response);
            if (retry >= backoff.maxRetries || !retriedHere(outcome.status, outcome.retryAfter)) return response;
          } catch (err) {
            const failed = statusOfError(err);
            if (!failed || retry >= backoff.maxRetries || !retriedHere(failed.status, failed.retryAfter)) throw err;
            outcome = failed;
          }
          const delayMs = backoffDelayMs(retry, backoff, options.random);
          options.onRetry?.({ status: outcome.status, retry: retry + 1, delayMs });
          await clock.sleep(delayMs);
        }
      },
    }),
  };
}
