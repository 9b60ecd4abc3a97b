import type { SandboxClock } from "@/lib/sandbox/shared/clock";

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** When rejected: real seconds until the binding window ends (sent or not as Retry-After). */
  retrySeconds?: number;
}

/**
 * Account-wide fixed windows (decision 4) on the emulator's clock: one per emulated hour
 * and one per emulated minute. Rejected calls do not consume budget. The maxima of calls
 * accepted in any window are kept so tests can prove a client never went over.
 */
export class RateLimiter {
  private hourWindow = -1;
  private hourCount = 0;
  private minuteWindow = -1;
  private minuteCount = 0;
  maxHourCalls = 0;
  maxMinuteCalls = 0;
  rejected = 0;
  /** Calls accepted per hour window (window index → calls), the last 200 windows: where a client left budget unused. */
  readonly hourWindows = new Map<number, number>();

  constructor(
    private readonly clock: SandboxClock,
    readonly hourLimit: number,
    readonly minuteLimit: number,
    private readonly enabled: boolean,
    /** Which headers go out (profile.ts): `Retry-After` on 429s, `X-RateLimit-*` on every answer. */
    private readonly send: { retryAfter: boolean; headers: boolean; window?: "hour" | "minute" } = { retryAfter: true, headers: true },
  ) {}

  private headersOf(all: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(all)) {
      if (k === "retry-after" ? this.send.retryAfter : this.send.headers) out[k] = v;
    }
    return out;
  }

  /** Whether the headers describe the minute's window (a plan with no minute limit has only the hour's). */
  private statesMinute(): boolean {
    return this.send.window === "minute" && Number.isFinite(this.minuteLimit);
  }

  reset(): void {
    this.hourWindow = -1;
    this.hourCount = 0;
    this.minuteWindow = -1;
    this.minuteCount = 0;
    this.maxHourCalls = 0;
    this.maxMinuteCalls = 0;
    this.rejected = 0;
    this.hourWindows.clear();
  }

  /** Real seconds (integer ceiling, at least 1) until the window of `size` containing `now` ends. */
  private realSecondsUntilEnd(now: number, size: number): number {
    const end = (Math.floor(now / size) + 1) * size;
    return Math.max(1, Math.ceil(this.clock.toRealMs(end - now) / 1000));
  }

  take(): RateDecision {
    const now = this.clock.now();
    const hw = Math.floor(now / HOUR);
    const mw = Math.floor(now / MINUTE);
    if (hw !== this.hourWindow) {
      this.hourWindow = hw;
      this.hourCount = 0;
    }
    if (mw !== this.minuteWindow) {
      this.minuteWindow = mw;
      this.minuteCount = 0;
    }
    const hourFull = this.hourCount >= this.hourLimit;
    const minuteFull = this.minuteCount >= this.minuteLimit;
    if (this.enabled && (hourFull || minuteFull)) {
      this.rejected++;
      const retry = hourFull ? this.realSecondsUntilEnd(now, HOUR) : this.realSecondsUntilEnd(now, MINUTE);
      return {
        allowed: false,
        retrySeconds: retry,
        headers: this.headersOf({
          "x-ratelimit-limit": String(this.statesMinute() ? this.minuteLimit : this.hourLimit),
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(retry),
          "retry-after": String(retry),
        }),
      };
    }
    this.hourCount++;
    this.minuteCount++;
    this.hourWindows.set(hw, this.hourCount);
    if (this.hourWindows.size > 200) this.hourWindows.delete(this.hourWindows.keys().next().value!);
    this.maxHourCalls = Math.max(this.maxHourCalls, this.hourCount);
    this.maxMinuteCalls = Math.max(this.maxMinuteCalls, this.minuteCount);
    if (!this.enabled) return { allowed: true, headers: {} };
    const hourLeft = this.hourLimit - this.hourCount;
    const minuteLeft = this.minuteLimit - this.minuteCount;
    if (this.statesMinute()) {
      // The minute's window alone: its limit, what is left of it, and when it resets.
      return {
        allowed: true,
        headers: this.headersOf({
          "x-ratelimit-limit": String(this.minuteLimit),
          "x-ratelimit-remaining": String(Math.max(0, minuteLeft)),
          "x-ratelimit-reset": String(this.realSecondsUntilEnd(now, MINUTE)),
        }),
      };
    }
    // The binding window is the one that runs out first; its reset is what a client waits for.
    const reset = minuteLeft < hourLeft ? this.realSecondsUntilEnd(now, MINUTE) : this.realSecondsUntilEnd(now, HOUR);
    return {
      allowed: true,
      headers: this.headersOf({
        "x-ratelimit-limit": String(this.hourLimit),
        "x-ratelimit-remaining": String(Math.max(0, Math.min(hourLeft, minuteLeft))),
        "x-ratelimit-reset": String(reset),
      }),
    };
  }
}
