/*
 * The shared rate budget lives in this table (created by the project's Prisma migration):
 *
 *   CREATE TABLE rate_budget (
 *     account_key  text        NOT NULL,
 *     kind         text        NOT NULL,          -- 'hour' | 'minute'
 *     tat          timestamptz NOT NULL,          -- GCRA theoretical arrival time
 *     blocked_until timestamptz,                  -- set from a 429's Retry-After
 *     calls        bigint      NOT NULL DEFAULT 0,
 *     updated_at   timestamptz NOT NULL DEFAULT now(),
 *     PRIMARY KEY (account_key, kind)
 *   );
 *
 * Every reservation is one UPDATE … RETURNING statement on the account's rows: Postgres serialises
 * concurrent updaters on the row locks, and under READ COMMITTED the waiting UPDATE recomputes
 * from the row the winner wrote, so no slot is handed out twice. All times come from the
 * database clock, so workers on machines with skewed clocks still agree.
 */
import type { BudgetRow, BudgetStore, KindParams, WindowKind } from "./budget-store";

export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}
export type SqlQueryFn = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

export class PostgresBudgetStore implements BudgetStore {
  private readonly query: SqlQueryFn;
  private readonly table: string;
  private readonly ensured = new Map<string, Promise<void>>();

  /** `db` is a pg.Pool (or anything with `query`); `table` may be schema-qualified. */
  constructor(db: SqlClient | SqlQueryFn, options: { table?: string } = {}) {
    this.query = typeof db === "function" ? db : (text, values) => db.query(text, values);
    this.table = options.table ?? "rate_budget";
    if (!IDENTIFIER.test(this.table)) throw new Error(`invalid table name ${this.table}`);
  }

  /** Creates the account's rows once per store; concurrent first calls share one INSERT. */
  private ensureRows(accountKey: string, kinds: readonly WindowKind[]): Promise<void> {
    const key = `${accountKey}\u0000${[...kinds].sort().join(",")}`;
    let pending = this.ensured.get(key);
    if (!pending) {
      pending = this.query(
        `INSERT INTO ${this.table} (account_key, kind, tat) SELECT $1, k, now() FROM unnest($2::text[]) AS k ON CONFLICT (account_key, kind) DO NOTHING`,
        [accountKey, kinds],
      ).then(() => undefined);
      pending.catch(() => this.ensured.delete(key));
      this.ensured.set(key, pending);
    }
    return pending;
  }

  async reserve(accountKey: string, kinds: readonly KindParams[]): Promise<{ waitMs: number }> {
    // A fixed row order keeps two reservations from locking the rows in opposite orders.
    const sorted = [...kinds].sort((a, b) => a.kind.localeCompare(b.kind));
    await this.ensureRows(accountKey, sorted.map((k) => k.kind));
    // The locking CTE takes the row locks in kind order before the UPDATE touches them:
    // without it, two reservations can lock 'hour' and 'minute' in opposite orders and deadlock.
    // synchronous_commit off for this statement only: the row lock is held until commit, and
    // waiting for the WAL flush there caps every worker together at one call per fsync. A
    // reservation lost in a server crash is a slot not used, never a slot given twice.
    const sql = `
      WITH cfg AS (SELECT set_config('synchronous_commit', 'off', true)),
      p AS (
        SELECT unnest($2::text[]) AS kind,
               unnest($3::float8[]) * interval '1 millisecond' AS t,
               unnest($4::float8[]) * interval '1 millisecond' AS tol
      ), locked AS (
        SELECT account_key, kind FROM ${this.table}
         WHERE account_key = $1 AND kind = ANY($2::text[])
         ORDER BY kind FOR UPDATE
      )
      UPDATE ${this.table} AS b SET
        tat = greatest(b.tat, now(), b.blocked_until + p.tol) + p.t,
        calls = b.calls + 1,
        updated_at = now()
      FROM p, locked AS l, cfg
      WHERE b.account_key = l.account_key AND b.kind = l.kind AND p.kind = l.kind
      RETURNING greatest(
        extract(epoch FROM (b.tat - p.t - p.tol - now())) * 1000,
        extract(epoch FROM (b.blocked_until - now())) * 1000,
        0)::float8 AS wait_ms`;
    const params = [accountKey, sorted.map((k) => k.kind), sorted.map((k) => k.emissionMs), sorted.map((k) => k.toleranceMs)];
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await this.query(sql, params);
        if (rows.length < sorted.length && attempt === 0) {
          // Rows removed behind our back (a reset of the table): create them again.
          this.ensured.clear();
          await this.ensureRows(accountKey, sorted.map((k) => k.kind));
          continue;
        }
        return { waitMs: Math.max(0, ...rows.map((r) => Number((r as { wait_ms: unknown }).wait_ms))) };
      } catch (error) {
        if ((error as { code?: string }).code === "40P01" && attempt < 3) continue; // deadlock victim
        throw error;
      }
    }
  }

  async block(accountKey: string, ms: number): Promise<void> {
    await this.ensureRows(accountKey, ["hour"]);
    await this.query(
      `UPDATE ${this.table} SET blocked_until = greatest(blocked_until, now() + $2::float8 * interval '1 millisecond'), updated_at = now() WHERE account_key = $1`,
      [accountKey, ms],
    );
  }

  async blockedForMs(accountKey: string): Promise<number> {
    const { rows } = await this.query(
      `SELECT coalesce(greatest(extract(epoch FROM (max(blocked_until) - now())) * 1000, 0), 0)::float8 AS ms FROM ${this.table} WHERE account_key = $1`,
      [accountKey],
    );
    return Number((rows[0] as { ms?: unknown } | undefined)?.ms ?? 0);
  }

  async raiseTat(accountKey: string, kind: WindowKind, aheadMs: number): Promise<void> {
    await this.ensureRows(accountKey, [kind]);
    await this.query(
      `UPDATE ${this.table} SET tat = greatest(tat, now() + $3::float8 * interval '1 millisecond'), updated_at = now() WHERE account_key = $1 AND kind = $2`,
      [accountKey, kind, aheadMs],
    );
  }

  async snapshot(accountKey: string): Promise<BudgetRow[]> {
    const { rows } = await this.query(
      `SELECT kind, calls::float8 AS calls,
              (extract(epoch FROM (tat - now())) * 1000)::float8 AS tat_ahead_ms,
              coalesce(greatest(extract(epoch FROM (blocked_until - now())) * 1000, 0), 0)::float8 AS blocked_ms
         FROM ${this.table} WHERE account_key = $1 ORDER BY kind`,
      [accountKey],
    );
    return rows.map((raw) => {
      const r = raw as { kind: WindowKind; calls: number; tat_ahead_ms: number; blocked_ms: number };
      return { kind: r.kind, calls: Number(r.calls), tatAheadMs: Number(r.tat_ahead_ms), blockedForMs: Number(r.blocked_ms) };
    });
  }
}
