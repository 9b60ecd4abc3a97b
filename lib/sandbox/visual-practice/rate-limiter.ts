import type { SandboxClock } from "../shared/clock";

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Emulated seconds until the window resets (at least 1). */
  resetSeconds: number;
}

/** A fixed one-second window per token, measured on the sandbox clock. */
export class RateLimiter {
  private readonly windows = new Map<string, { window: number; used: number }>();

  constructor(
    readonly limit: number,
    private readonly clock: SandboxClock,
  ) {}

  private resetSeconds(now: number): number {
    const window = Math.floor(now / 1000);
    return Math.max(1, Math.ceil(((window + 1) * 1000 - now) / 1000));
  }

  take(token: string): RateDecision {
    const now = this.clock.now();
    const window = Math.floor(now / 1000);
    let state = this.windows.get(token);
    if (!state || state.window !== window) {
      state = { window, used: 0 };
      this.windows.set(token, state);
    }
    const allowed = state.used < this.limit;
    if (allowed) state.used++;
    return { allowed, limit: this.limit, remaining: Math.max(0, this.limit - state.used), resetSeconds: this.resetSeconds(now) };
  }

  /** Headers for a request that has no budget of its own (a bad token): nothing is spent. */
  peek(): RateDecision {
    return { allowed: true, limit: this.limit, remaining: this.limit, resetSeconds: this.resetSeconds(this.clock.now()) };
  }
}
