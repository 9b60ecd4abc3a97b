import pRetry from "p-retry";
import { classifyFailure, HttpStatusError } from "./http-errors";

export interface RetryPolicy {
  /** Retries of transient failures (5xx, timeouts, resets). */
  retries: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  /** 429 answers waited out before giving up; they do not consume `retries`. */
  maxRateLimitWaits: number;
  /** Re-fetches of a 2xx answer with a malformed body before giving up. */
  maxMalformedRetries: number;
  /** Called on a 429 with the wait the server asked for; it must resolve when the caller may retry. */
  onRateLimited?: (retryAfterMs: number | undefined) => Promise<void>;
  /** Decides whether a transient or malformed answer may be repeated (false for unsafe writes). */
  mayRepeat?: (error: unknown) => boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  minBackoffMs: 250,
  maxBackoffMs: 20_000,
  maxRateLimitWaits: 8,
  maxMalformedRetries: 2,
};

const FALLBACK_RATE_LIMIT_WAIT_MS = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** p-retry's own backoff for the next transient retry (it never randomises here). */
function backoffFor(retriesConsumed: number, policy: RetryPolicy): number {
  return Math.min(policy.minBackoffMs * 2 ** retriesConsumed, policy.maxBackoffMs);
}

/**
 * Runs `attempt` until it succeeds or the policy gives up. A 429 is waited out once for the
 * time the server asked (or by the caller's hook, e.g. the shared rate governor) and does not
 * eat into the transient-retry budget; a 503 with `Retry-After` waits at least that long.
 */
export async function withRetry<T>(attempt: (attemptNumber: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  let rateLimitWaits = 0;
  let malformed = 0;
  return pRetry(attempt, {
    retries: policy.retries,
    minTimeout: policy.minBackoffMs,
    maxTimeout: policy.maxBackoffMs,
    factor: 2,
    randomize: false,
    onFailedAttempt: async ({ error, retriesConsumed }) => {
      const kind = classifyFailure(error);
      const retryAfterMs = error instanceof HttpStatusError ? error.retryAfterMs : undefined;
      if (kind === "rate-limit") {
        rateLimitWaits++;
        if (rateLimitWaits > policy.maxRateLimitWaits) return;
        if (policy.onRateLimited) await policy.onRateLimited(retryAfterMs);
        else await sleep(retryAfterMs ?? FALLBACK_RATE_LIMIT_WAIT_MS);
      } else if (kind === "malformed") {
        malformed++;
      } else if (kind === "transient" && retryAfterMs !== undefined) {
        const extra = retryAfterMs - backoffFor(retriesConsumed, policy);
        if (extra > 0) await sleep(extra);
      }
    },
    shouldConsumeRetry: ({ error }) => classifyFailure(error) !== "rate-limit",
    shouldRetry: ({ error }) => {
      switch (classifyFailure(error)) {
        case "rate-limit":
          return rateLimitWaits <= policy.maxRateLimitWaits;
        case "malformed":
          return malformed <= policy.maxMalformedRetries && (policy.mayRepeat ? policy.mayRepeat(error) : true);
        case "transient":
          return policy.mayRepeat ? policy.mayRepeat(error) : true;
        default:
          return false;
      }
    },
  });
}
