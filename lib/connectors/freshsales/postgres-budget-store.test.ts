import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresBudgetStore } from "./postgres-budget-store";
import { RateGovernor } from "./rate-governor";

const URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `rate_budget_test_${randomBytes(4).toString("hex")}`;
const table = `${schema}.rate_budget`;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const haveDb = await reachable();
if (!haveDb) console.warn(`postgres-budget-store.test: skipped, no Postgres reachable at ${URL} (set TEST_DATABASE_URL)`);

describe.skipIf(!haveDb)("PostgresBudgetStore", () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: URL, max: 8 });
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (account_key text NOT NULL, kind text NOT NULL, tat timestamptz NOT NULL,
      blocked_until timestamptz, calls bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (account_key, kind))`);
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it("hands out every slot once under concurrent reservations from several stores", async () => {
    const stores = Array.from({ length: 4 }, () => new PostgresBudgetStore(pool, { table }));
    const kinds = [
      { kind: "minute" as const, emissionMs: 10, toleranceMs: 0 },
      { kind: "hour" as const, emissionMs: 60_000, toleranceMs: 0 },
    ];
    const waits = await Promise.all(Array.from({ length: 120 }, (_, i) => stores[i % 4]!.reserve("acct-slots", kinds)));
    const sorted = waits.map((w) => w.waitMs).sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(5_000);
    // Slots are 60 s apart; statement start times differ by far less than a quarter of that.
    for (let i = 1; i < sorted.length; i++) {
      const gap = (sorted[i] ?? 0) - (sorted[i - 1] ?? 0);
      expect(gap).toBeGreaterThan(45_000);
      expect(gap).toBeLessThan(75_000);
    }
    const rows = await stores[0]!.snapshot("acct-slots");
    expect(rows.map((r) => [r.kind, r.calls])).toEqual([
      ["hour", 120],
      ["minute", 120],
    ]);
  });

  it("makes a block visible to every store and paces the calls after it", async () => {
    const a = new PostgresBudgetStore(pool, { table });
    const b = new PostgresBudgetStore(async (text, values) => pool.query(text, values), { table });
    const kinds = [{ kind: "hour" as const, emissionMs: 1_000, toleranceMs: 0 }];
    await a.reserve("acct-block", kinds);
    await a.block("acct-block", 30_000);
    const blocked = await b.blockedForMs("acct-block");
    expect(blocked).toBeGreaterThan(25_000);
    expect(blocked).toBeLessThanOrEqual(30_000);
    const first = await b.reserve("acct-block", kinds);
    const second = await b.reserve("acct-block", kinds);
    expect(first.waitMs).toBeGreaterThan(25_000);
    expect(second.waitMs - first.waitMs).toBeGreaterThan(900);
  });

  it("raises the arrival time from header corrections and feeds the gauge", async () => {
    const store = new PostgresBudgetStore(pool, { table });
    const governor = new RateGovernor({ accountKey: "acct-gauge", store, perHour: 1000, perMinute: 400 });
    await governor.acquire();
    await governor.observe({ limit: 1000, remaining: 1, resetSeconds: 120 });
    const gauge = await governor.gauge();
    expect(gauge.callsMade).toBe(1);
    expect(gauge.windowUsed).toBe(999);
    expect(gauge.windowUsedSource).toBe("server");
    // One call left for ~119 s: the next slot lies about two minutes out.
    expect(gauge.backlogMs).toBeGreaterThan(100_000);
  });
});
