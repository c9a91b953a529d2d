import { backoffDelayMs, DEFAULT_BACKOFF } from '../../src/connector/backoff';

describe('backoffDelayMs', () => {
  const options = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it('doubles the step each retry and keeps the jitter within [step/2, step]', () => {
    expect([0, 1, 2, 3].map((r) => backoffDelayMs(r, options, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((r) => backoffDelayMs(r, options, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it('caps the step at maxDelayMs', () => {
    expect(backoffDelayMs(10, options, () => 1)).toBe(1000);
  });

  it('spreads retries of simultaneous senders', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(2, DEFAULT_BACKOFF)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
