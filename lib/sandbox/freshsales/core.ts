import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { FaultInjector, mulberry32 } from "@/lib/sandbox/shared/faults";
import { HOURLY_LIMIT, MAX_FILE_BYTES, STORAGE_PER_USER } from "./default-state";
import { resolveProfile, type EmulatorProfile } from "./profile";
import { RateLimiter } from "./rate-limiter";
import { BULK_MAX } from "./bulk-limits";
import { Store } from "./store";
import type { Entity, FreshsalesEmulatorOptions, Plan } from "./types";

export interface JobRecordResult {
  index: number;
  identifier: Record<string, unknown>;
  status: "success" | "failed";
  action?: "created" | "updated";
  id?: number;
  errors?: string[];
}

export interface Job {
  id: number;
  entity: Entity;
  status: "in_progress" | "completed" | "completed_with_errors" | "failed";
  progress: number;
  createdAt: number;
  statusUpdatedAt: number;
  records: JobRecordResult[];
}

export interface EmulatorStats {
  totalCalls: number;
  callsByEndpoint: Record<string, number>;
  rateLimited: number;
  maxCallsInHourWindow: number;
  maxCallsInMinuteWindow: number;
  /** Calls accepted in each recent hour window, oldest first. */
  callsByHourWindow: { window: number; calls: number }[];
  hourLimit: number;
  minuteLimit: number | null;
  bulkJobs: { count: number; totalProcessingMs: number; maxProcessingMs: number; lastProcessingMs: number };
  storageUsedBytes: number;
  storageQuotaBytes: number;
  /** Writes whose answer hid them (profile.hiddenWrites): bulk items reported failed with an id, answers replaced by a 502. */
  hiddenWrites: { bulkFailedWithId: number; writeAnswered502: number };
}

/** Everything the route handlers share: the account state, the clock, limits and counters. */
export class Core {
  readonly clock: SandboxClock;
  readonly plan: Plan;
  readonly store: Store;
  readonly limiter: RateLimiter;
  readonly faults = new FaultInjector();
  readonly jobs = new Map<number, Job>();
  readonly calls = new Map<string, number>();
  readonly bulkTimings = { count: 0, totalProcessingMs: 0, maxProcessingMs: 0, lastProcessingMs: 0 };
  readonly maxFileBytes: number;
  readonly bulkJobDelayMs: number;
  readonly bulkMax: number;
  readonly classic: boolean;
  private readonly quotaOverride: number | undefined;
  readonly pendingTimers = new Set<NodeJS.Timeout>();
  readonly profile: EmulatorProfile;
  /** Draws for `profile.hiddenWrites`: seeded, so a run hides the same writes each time. */
  readonly hiddenDraw = mulberry32(7919);
  readonly hiddenWrites = { bulkFailedWithId: 0, writeAnswered502: 0 };
  /** The emulator's own origin (set once it listens), for answers that name it whatever Host was asked. */
  selfOrigin = "";

  constructor(readonly options: FreshsalesEmulatorOptions = {}) {
    this.clock = options.clock ?? new SandboxClock(1);
    this.plan = options.plan ?? "growth";
    if (!(this.plan in HOURLY_LIMIT)) throw new Error(`unknown plan ${this.plan}`);
    this.profile = resolveProfile(options);
    this.store = new Store(options.requiredFields, this.profile.rules);
    const minuteLimit = this.plan === "free" ? Number.POSITIVE_INFINITY : (options.minuteLimit ?? 400);
    this.limiter = new RateLimiter(this.clock, HOURLY_LIMIT[this.plan] ?? 1000, minuteLimit, options.rateLimit !== false, this.profile.rateLimit);
    this.maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
    this.bulkJobDelayMs = options.bulkJobDelayMs ?? 20;
    this.bulkMax = options.bulkMax ?? BULK_MAX;
    this.classic = options.classic ?? false;
    this.quotaOverride = options.storageQuotaBytes;
  }

  now(): number {
    return this.clock.now();
  }

  /** Pooled storage: per-user allowance times active users, unless overridden. */
  storageQuota(): number {
    if (this.quotaOverride !== undefined) return this.quotaOverride;
    const active = this.store.users.filter((u) => u.is_active).length;
    return (STORAGE_PER_USER[this.plan] ?? 0) * active;
  }

  countCall(endpoint: string): void {
    this.calls.set(endpoint, (this.calls.get(endpoint) ?? 0) + 1);
  }

  /** Back to a fresh account: state, jobs, counters and faults. */
  reset(): void {
    for (const t of this.pendingTimers) clearTimeout(t);
    this.pendingTimers.clear();
    this.store.reset();
    this.jobs.clear();
    this.calls.clear();
    this.limiter.reset();
    this.faults.clear();
    Object.assign(this.hiddenWrites, { bulkFailedWithId: 0, writeAnswered502: 0 });
    Object.assign(this.bulkTimings, { count: 0, totalProcessingMs: 0, maxProcessingMs: 0, lastProcessingMs: 0 });
  }

  stats(): EmulatorStats {
    let total = 0;
    const byEndpoint: Record<string, number> = {};
    for (const [k, v] of [...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      byEndpoint[k] = v;
      total += v;
    }
    return {
      totalCalls: total,
      callsByEndpoint: byEndpoint,
      rateLimited: this.limiter.rejected,
      maxCallsInHourWindow: this.limiter.maxHourCalls,
      maxCallsInMinuteWindow: this.limiter.maxMinuteCalls,
      callsByHourWindow: [...this.limiter.hourWindows].map(([window, calls]) => ({ window, calls })),
      hourLimit: this.limiter.hourLimit,
      minuteLimit: Number.isFinite(this.limiter.minuteLimit) ? this.limiter.minuteLimit : null,
      bulkJobs: { ...this.bulkTimings },
      storageUsedBytes: this.store.storageUsed,
      storageQuotaBytes: this.storageQuota(),
      hiddenWrites: { ...this.hiddenWrites },
    };
  }
}
