import type { RateLimitHeaders } from "../http/rate-limit-headers";
import type { BudgetStore, KindParams, WindowKind } from "./budget-store";
import { DEFAULT_FRESHSALES_PLAN, FRESHSALES_PLAN_LIMITS, type FreshsalesPlan } from "./plan-facts";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface RateGovernorOptions {
  /** One budget per Freshsales account (e.g. the bundle domain); every worker uses the same key. */
  accountKey: string;
  store: BudgetStore;
  plan?: FreshsalesPlan;
  /** Overrides the plan's figures. */
  perHour?: number;
  /**
   * The most calls per hour the admin allows (a custom, purchased limit): a server that states
   * a higher `X-RateLimit-Limit` raises the pace up to this and no further. Default `perHour`.
   */
  maxPerHour?: number;
  perMinute?: number | null;
  /** Emulated ms per real ms on the server's clock (720: one emulated hour in five real seconds). */
  clockScale?: number;
  /** Calls that may go back to back after a quiet spell; default 1 % of the hourly limit, 1..10. */
  burst?: number;
  /**
   * Fraction of the limit left unused, a margin for network jitter. Default: the time a call's
   * arrival may drift (JITTER_MS) as a share of the window, between 0.2% and 2%. A fixed 2%
   * cost a real hour 20 calls for a drift of milliseconds.
   */
  headroom?: number;
  /**
   * After a wait at least this long (real ms), ask the store whether another worker hit a 429
   * meanwhile. Shorter waits only consult this process's own block, sparing a query per call;
   * the cost is at most one extra 429 from this worker, which then blocks it too. Default 100.
   */
  blockRecheckMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface GovernorGauge {
  accountKey: string;
  /** Calls reserved through the shared store, all workers together. */
  callsMade: number;
  limitPerHour: number;
  limitPerMinute: number | null;
  /** Where the hourly limit comes from: the plan, the admin's custom figure, or the server's own header. */
  limitSource: "plan" | "custom" | "server";
  /** Calls counted in the current hourly window: the server's own figure when a response told it. */
  windowUsed: number;
  windowUsedSource: "server" | "local";
  blockedForMs: number;
  /** How long a call reserved now would wait. */
  backlogMs: number;
}

/** How far a call's arrival at Freshsales may drift from its reserved slot (real ms: latency varies, the window does not). */
const JITTER_MS = 25;
/** Slots a deferrable call lets the queue hold before it reserves one of its own. */
const DEFER_SLOTS = 3;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces every call to one Freshsales account with GCRA, shared through a BudgetStore. Each
 * call reserves a slot atomically and sleeps until it; no lock is held across the HTTP call.
 * In any window of the plan's length at most `limit` slots are handed out: the increment is
 * T = W / ((L − burst + 1)·(1 − headroom)), and GCRA lets at most burst + (W/T − 1) calls
 * through a half-open window of length W, which is ≤ L.
 */
export class RateGovernor {
  readonly accountKey: string;
  private readonly store: BudgetStore;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly clockScale: number;
  private readonly burstOption: number | undefined;
  private readonly headroom: number | undefined;
  private perHour: number;
  private readonly maxPerHour: number;
  private limitSource: "plan" | "custom" | "server";
  private readonly perMinute: number | null;
  private kinds: KindParams[] = [];
  /** Local estimate of the shared hourly TAT (a lower bound), to skip no-op corrections. */
  private knownHourTat = 0;
  private lastServer: { used: number; at: number; resetAt: number } | undefined;
  private readonly localCalls: number[] = [];
  private readonly blockRecheckMs: number;
  /** The deferrable caller whose turn it is to read the backlog and reserve (see `acquire`). */
  private deferTurn: Promise<void> = Promise.resolve();
  /** This process's own knowledge of a block (set by its 429s and header reads). */
  private localBlockedUntil = 0;

  constructor(options: RateGovernorOptions) {
    const plan = FRESHSALES_PLAN_LIMITS[options.plan ?? DEFAULT_FRESHSALES_PLAN];
    this.accountKey = options.accountKey;
    this.store = options.store;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.clockScale = options.clockScale ?? 1;
    if (!(this.clockScale > 0)) throw new Error("clockScale must be positive");
    this.burstOption = options.burst;
    this.headroom = options.headroom;
    this.blockRecheckMs = options.blockRecheckMs ?? 100;
    this.perHour = options.perHour ?? plan.perHour;
    this.maxPerHour = Math.max(this.perHour, options.maxPerHour ?? this.perHour);
    // A figure given here overrides the plan's table: it is the admin's (custom) limit.
    this.limitSource = options.perHour === undefined ? "plan" : "custom";
    this.perMinute = options.perMinute === undefined ? plan.perMinute : options.perMinute;
    this.recomputeKinds();
  }

  get windowMs(): Record<WindowKind, number> {
    return { hour: HOUR_MS / this.clockScale, minute: MINUTE_MS / this.clockScale };
  }

  private kindParams(kind: WindowKind, limit: number): KindParams {
    const burst = Math.max(1, Math.min(this.burstOption ?? Math.min(10, Math.floor(limit / 100)), limit));
    const headroom = this.headroom ?? Math.min(0.02, Math.max(0.002, JITTER_MS / this.windowMs[kind]));
    const paced = (limit - burst + 1) * (1 - headroom);
    const emissionMs = this.windowMs[kind] / Math.max(1, paced);
    return { kind, emissionMs, toleranceMs: (burst - 1) * emissionMs };
  }

  private recomputeKinds(): void {
    this.kinds = [this.kindParams("hour", this.perHour)];
    if (this.perMinute !== null) this.kinds.push(this.kindParams("minute", this.perMinute));
  }

  /**
   * Resolves when the caller may send one call. Call it once per HTTP attempt. A deferrable
   * call (a create nothing else waits for) does not join a queue more than DEFER_SLOTS deep:
   * it sleeps until the backlog this governor knows of is that short, so a call others wait
   * for (a bulk upsert, its job poll) reserves a near slot instead of one behind every create.
   * The pace is the same; only the order changes.
   */
  async acquire(options: { deferrable?: boolean } = {}): Promise<void> {
    const first = this.kinds[0];
    let reserved: number | undefined;
    if (options.deferrable && first) {
      // One deferrable caller at a time reads the backlog and reserves, so a batch's creates
      // starting together do not all see the same short queue and join it at once.
      const before = this.deferTurn;
      let done!: () => void;
      this.deferTurn = new Promise<void>((resolve) => (done = resolve));
      await before;
      try {
        for (let i = 0; i < 1000; i++) {
          const backlog = this.knownHourTat - first.toleranceMs - this.now();
          if (backlog <= DEFER_SLOTS * first.emissionMs) break;
          await this.sleep(backlog - DEFER_SLOTS * first.emissionMs);
        }
        reserved = await this.reserve();
      } finally {
        done();
      }
    }
    for (let round = 0; ; round++) {
      const waitMs = reserved ?? (await this.reserve());
      reserved = undefined;
      if (waitMs <= 0) break;
      await this.sleep(waitMs);
      // A 429 seen by another caller while this one slept holds everyone; its slot is given
      // up and a new one taken after the block, so the block ends in paced calls, not a burst.
      const local = this.localBlockedUntil - this.now();
      const blocked = local > 0 ? local : waitMs >= this.blockRecheckMs ? await this.store.blockedForMs(this.accountKey) : 0;
      if (blocked <= 0 || round >= 3) break;
      await this.sleep(blocked);
    }
    this.noteLocalCall();
  }

  /** Reserves one slot in the shared store; answers how long to wait for it. */
  private async reserve(): Promise<number> {
    const reservedAt = this.now();
    const { waitMs } = await this.store.reserve(this.accountKey, this.kinds);
    const hour = this.kinds[0];
    if (hour) this.knownHourTat = Math.max(this.knownHourTat, reservedAt + waitMs + hour.toleranceMs + hour.emissionMs);
    return waitMs;
  }

  /** Reads a response's X-RateLimit-* headers and corrects the shared state when they say less room is left. */
  async observe(headers: RateLimitHeaders): Promise<void> {
    const now = this.now();
    const scope = this.limitScope(headers.limit, headers.resetSeconds);
    if (scope === "hour" && headers.limit !== undefined) {
      // The server knows the account's real (possibly purchased) limit; the admin's figure
      // bounds how far we trust a higher one.
      const effective = Math.min(this.maxPerHour, headers.limit);
      if (effective !== this.perHour) {
        this.perHour = effective;
        this.limitSource = "server";
        this.recomputeKinds();
      }
    }
    // Remaining of a per-minute window says nothing of the hour; only its exhaustion matters.
    if (scope === "minute") {
      if (headers.remaining !== undefined && headers.remaining <= 0) await this.rateLimited(Math.max(1, headers.resetSeconds ?? 1) * 1000);
      return;
    }
    if (headers.remaining === undefined) return;
    const resetMs = (headers.resetSeconds ?? 1) * 1000;
    this.lastServer = { used: this.perHour - headers.remaining, at: now, resetAt: now + resetMs };
    if (headers.remaining <= 0) {
      this.localBlockedUntil = Math.max(this.localBlockedUntil, now + resetMs);
      await this.store.block(this.accountKey, resetMs);
      return;
    }
    const hour = this.kinds[0];
    if (!hour) return;
    // Reset is a ceiling in whole seconds: the window may end up to 1 s sooner. Taking the
    // earlier end keeps steady pacing from pushing itself back; a 429 covers the rest.
    const windowEndMs = Math.max(0, resetMs - 1000);
    const aheadMs = windowEndMs + hour.toleranceMs - headers.remaining * hour.emissionMs;
    if (aheadMs > 0 && now + aheadMs > this.knownHourTat) {
      await this.store.raiseTat(this.accountKey, "hour", aheadMs);
      this.knownHourTat = now + aheadMs;
    }
  }

  /**
   * Which window a stated limit describes: the doc names the header, not its window. A reset
   * further off than a minute can only be the hour's; otherwise a figure within half again of
   * the minute budget (400 on every paid plan, against 1,000+ an hour) is the minute's.
   */
  private limitScope(limit: number | undefined, resetSeconds: number | undefined): "hour" | "minute" | undefined {
    if (limit === undefined || !(limit > 0)) return undefined;
    if (this.perMinute === null || (resetSeconds !== undefined && resetSeconds > 60)) return "hour";
    return limit <= this.perMinute * 1.5 ? "minute" : "hour";
  }

  /** A 429: every worker waits `retryAfterMs` once; the retried call then reserves a fresh slot. */
  async rateLimited(retryAfterMs: number | undefined): Promise<void> {
    const ms = retryAfterMs ?? this.windowMs.minute;
    this.localBlockedUntil = Math.max(this.localBlockedUntil, this.now() + ms);
    await this.store.block(this.accountKey, ms);
  }

  async gauge(): Promise<GovernorGauge> {
    const rows = await this.store.snapshot(this.accountKey);
    const hourRow = rows.find((r) => r.kind === "hour");
    const now = this.now();
    const server = this.lastServer && now < this.lastServer.resetAt ? this.lastServer : undefined;
    this.pruneLocal(now);
    const hour = this.kinds[0];
    const backlog = hourRow && hour ? hourRow.tatAheadMs - hour.toleranceMs : 0;
    return {
      accountKey: this.accountKey,
      callsMade: hourRow?.calls ?? 0,
      limitPerHour: this.perHour,
      limitPerMinute: this.perMinute,
      limitSource: this.limitSource,
      windowUsed: server ? server.used : this.localCalls.length,
      windowUsedSource: server ? "server" : "local",
      blockedForMs: Math.max(0, ...rows.map((r) => r.blockedForMs)),
      backlogMs: Math.max(0, backlog, ...rows.map((r) => r.blockedForMs)),
    };
  }

  private noteLocalCall(): void {
    const now = this.now();
    this.localCalls.push(now);
    this.pruneLocal(now);
  }

  private pruneLocal(now: number): void {
    const cutoff = now - this.windowMs.hour;
    let drop = 0;
    while (drop < this.localCalls.length && (this.localCalls[drop] ?? now) <= cutoff) drop++;
    if (drop > 0) this.localCalls.splice(0, drop);
  }
}
