/**
 * Storage behind the rate governor: one GCRA state (theoretical arrival time, block, call
 * count) per account and window kind. The memory store serves tests and single processes;
 * `postgres-budget-store.ts` shares the budget between every worker.
 */
export type WindowKind = "hour" | "minute";

export interface KindParams {
  kind: WindowKind;
  /** Real milliseconds between two calls at the paced rate (GCRA increment T). */
  emissionMs: number;
  /** How far ahead of its theoretical arrival a call may go (GCRA tolerance τ = (burst−1)·T). */
  toleranceMs: number;
}

export interface BudgetRow {
  kind: WindowKind;
  calls: number;
  /** How far the theoretical arrival time lies ahead of now (negative when idle). */
  tatAheadMs: number;
  blockedForMs: number;
}

export interface BudgetStore {
  /**
   * Atomically reserves one call in every kind and answers how long the caller must wait
   * before sending it (by the store's clock), a block included.
   */
  reserve(accountKey: string, kinds: readonly KindParams[]): Promise<{ waitMs: number }>;
  /** Nobody sends for `ms` from now; an existing longer block stays. */
  block(accountKey: string, ms: number): Promise<void>;
  blockedForMs(accountKey: string): Promise<number>;
  /** Header correction: the theoretical arrival time of `kind` becomes at least now + `aheadMs`. */
  raiseTat(accountKey: string, kind: WindowKind, aheadMs: number): Promise<void>;
  snapshot(accountKey: string): Promise<BudgetRow[]>;
}

interface MemoryRow {
  tat: number;
  blockedUntil: number;
  calls: number;
}

/** GCRA state in process memory; the same arithmetic as the Postgres store's UPDATE. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly rows = new Map<string, MemoryRow>();

  constructor(private readonly now: () => number = Date.now) {}

  private row(accountKey: string, kind: WindowKind): MemoryRow {
    const key = `${accountKey}\u0000${kind}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { tat: this.now(), blockedUntil: 0, calls: 0 };
      this.rows.set(key, row);
    }
    return row;
  }

  private rowsOf(accountKey: string): [WindowKind, MemoryRow][] {
    const prefix = `${accountKey}\u0000`;
    return [...this.rows.entries()].filter(([key]) => key.startsWith(prefix)).map(([key, row]) => [key.slice(prefix.length) as WindowKind, row]);
  }

  async reserve(accountKey: string, kinds: readonly KindParams[]): Promise<{ waitMs: number }> {
    const now = this.now();
    let waitMs = 0;
    for (const { kind, emissionMs, toleranceMs } of kinds) {
      const row = this.row(accountKey, kind);
      const base = Math.max(row.tat, now, row.blockedUntil + toleranceMs);
      row.tat = base + emissionMs;
      row.calls++;
      waitMs = Math.max(waitMs, base - toleranceMs - now, row.blockedUntil - now);
    }
    return { waitMs };
  }

  async block(accountKey: string, ms: number): Promise<void> {
    const until = this.now() + ms;
    const rows = this.rowsOf(accountKey).map(([, row]) => row);
    for (const row of rows.length > 0 ? rows : [this.row(accountKey, "hour")]) {
      row.blockedUntil = Math.max(row.blockedUntil, until);
    }
  }

  async blockedForMs(accountKey: string): Promise<number> {
    const now = this.now();
    return Math.max(0, ...this.rowsOf(accountKey).map(([, row]) => row.blockedUntil - now));
  }

  async raiseTat(accountKey: string, kind: WindowKind, aheadMs: number): Promise<void> {
    const row = this.row(accountKey, kind);
    row.tat = Math.max(row.tat, this.now() + aheadMs);
  }

  async snapshot(accountKey: string): Promise<BudgetRow[]> {
    const now = this.now();
    return this.rowsOf(accountKey).map(([kind, row]) => ({
      kind,
      calls: row.calls,
      tatAheadMs: row.tat - now,
      blockedForMs: Math.max(0, row.blockedUntil - now),
    }));
  }
}
