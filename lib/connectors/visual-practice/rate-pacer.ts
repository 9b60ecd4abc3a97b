import type { RateLimitHeaders } from "../http/rate-limit-headers";

/**
 * Client-side view of the Visual Practice per-token window, fed by X-RateLimit-* headers.
 * It holds requests back once the window's remaining budget is spoken for (so parallel page
 * fetches slow down before the server answers 429) and suggests a concurrency for p-limit.
 */
export class RatePacer {
  private limit: number | undefined;
  private remaining = Number.POSITIVE_INFINITY;
  private resetAt = 0;
  /** Requests started since the last header was read; the header did not count them yet. */
  private unseen = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when a request may start, and counts it. */
  async beforeRequest(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now >= this.resetAt) {
        this.remaining = Number.POSITIVE_INFINITY;
      }
      if (this.remaining - this.unseen > 0) {
        this.unseen++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.resetAt - now)));
    }
  }

  /** A request started by `beforeRequest` ended, with the answer's headers if there was one. */
  complete(headers?: RateLimitHeaders): void {
    // The ended request is no longer "unseen"; the others in flight still are.
    this.unseen = Math.max(0, this.unseen - 1);
    if (!headers) return;
    if (headers.limit !== undefined) this.limit = headers.limit;
    if (headers.remaining !== undefined) this.remaining = headers.remaining;
    if (headers.resetSeconds !== undefined) this.resetAt = this.now() + headers.resetSeconds * 1000;
  }

  /** After a 429: nothing starts until the server's wait is over. */
  blockFor(ms: number): void {
    this.remaining = 0;
    this.resetAt = Math.max(this.resetAt, this.now() + ms);
  }

  /** Concurrency that the current window can carry, within [1, max]. */
  suggestedConcurrency(max: number): number {
    const byLimit = this.limit ?? max;
    const byRemaining = Number.isFinite(this.remaining) ? this.remaining : max;
    return Math.max(1, Math.min(max, byLimit, byRemaining));
  }
}
