/**
 * Bench: the rate governor against the Freshsales sandbox emulator on a compressed clock.
 *   npx tsx bench/rate-governor.bench.ts [calls=1500] [callers=12] [governors=3] [scale=720] [store=memory|postgres]
 * Prints efficiency (time the calls need at the plan's limit ÷ time taken), 429s and the
 * busiest emulated hour/minute as the emulator counted them. The Postgres store uses
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and a throwaway table.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startFreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { SandboxClock } from "@/lib/sandbox/shared/clock";
import { MemoryBudgetStore, type BudgetStore } from "../lib/connectors/freshsales/budget-store";
import { FreshsalesConnection } from "../lib/connectors/freshsales/connection";
import { PostgresBudgetStore } from "../lib/connectors/freshsales/postgres-budget-store";
import { RateGovernor } from "../lib/connectors/freshsales/rate-governor";

const [calls = 1500, callers = 12, governorCount = 3, scale = 720] = process.argv.slice(2, 6).map(Number);
const storeKind = process.argv[6] ?? "memory";

const emulator = await startFreshsalesEmulator({ plan: "growth", clock: new SandboxClock(scale) });
let pool: pg.Pool | undefined;
let store: BudgetStore = new MemoryBudgetStore();
const table = `rate_budget_bench_${randomBytes(3).toString("hex")}`;
if (storeKind === "postgres") {
  pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", max: 10, options: process.env.BENCH_PG_OPTIONS });
  await pool.query(`CREATE TABLE ${table} (account_key text NOT NULL, kind text NOT NULL, tat timestamptz NOT NULL, blocked_until timestamptz,
    calls bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (account_key, kind))`);
  store = new PostgresBudgetStore(pool, { table });
}

const connections = Array.from({ length: governorCount }, () => {
  const governor = new RateGovernor({ accountKey: "bench", store, plan: "growth", clockScale: scale });
  return new FreshsalesConnection({ baseUrl: emulator.apiBase, apiKey: emulator.apiKey, governor, timeoutMs: 10_000 });
});

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: callers }, async (_, c) => {
    const conn = connections[c % connections.length];
    while (conn && next < calls) {
      next++;
      await conn.request("GET", "selector/owners");
    }
  }),
);
const elapsedMs = performance.now() - started;
const stats = emulator.stats();
const hourRealMs = 3_600_000 / scale;
const neededMs = (calls / stats.hourLimit) * hourRealMs;
const gauge = await connections[0]?.governor.gauge();
console.log(
  JSON.stringify(
    {
      store: storeKind,
      calls,
      callers,
      governors: governorCount,
      clockScale: scale,
      hourLimit: stats.hourLimit,
      elapsedMs: Math.round(elapsedMs),
      neededAtLimitMs: Math.round(neededMs),
      efficiency: Number((neededMs / elapsedMs).toFixed(3)),
      rateLimited429: stats.rateLimited,
      maxCallsInHourWindow: stats.maxCallsInHourWindow,
      maxCallsInMinuteWindow: stats.maxCallsInMinuteWindow,
      gauge,
    },
    null,
    2,
  ),
);
for (const c of connections) c.close();
await emulator.close();
if (pool) {
  await pool.query(`DROP TABLE ${table}`);
  await pool.end();
}
