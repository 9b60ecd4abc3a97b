/**
 * Bench: the pages a customer and an engineer open after a million-record run, timed on the
 * server (the functions their routes and pages call, without HTTP or rendering).
 *   DATABASE_URL=postgres://… npx tsx bench/pages.bench.ts [--total 1000000] [--requests 20]
 * The database is filled by set-based SQL (generate_series), not by a run: the shape of a
 * finished run (per collection, 96 % written, 2 % skipped, 2 % failed with a handful of reasons
 * carrying record ids, one metric row per batch, a stored reconcile report) is what the pages
 * read, and a real run of a million records takes minutes the bench does not need.
 * Prints one JSON object: per page p50/p95 (ms) over `--requests` calls, target < 500 ms; the
 * map edit's payload and server time, target < 200 ms; the ledger search's plan.
 */
import { parseArgs } from "node:util";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { requireBenchDatabase } from "./bench-env";

const { values } = parseArgs({ options: { total: { type: "string", default: "1000000" }, requests: { type: "string", default: "20" } } });
requireBenchDatabase();

const { db } = await import("@/lib/server/db");
const { createTenant } = await import("@/test/support/migration");
const { fullRunView } = await import("@/lib/migration/live-view");
const { searchLedger, listRunsForStaff, errorsByReason, listMigrationsForStaff } = await import("@/lib/staff/data");
const { failuresCsv } = await import("@/lib/migration/failures-csv");
const { reconcileView } = await import("@/lib/verification/reconcile-view");
const { fillMillionRun } = await import("./pages-fill");
const { mapEditFigures } = await import("./pages-map-edit");

const total = Number(values.total);
const requests = Number(values.requests);
const TARGET_MS = 500;

const tenant = await createTenant(db());
const fillStarted = performance.now();
const { runId } = await fillMillionRun(db(), tenant, total);
const fillSeconds = (performance.now() - fillStarted) / 1000;

async function timed(name: string, fn: () => Promise<unknown>) {
  await fn(); // one warm-up: the first call compiles Prisma's query plans and fills caches
  const ms: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
  return { name, p50Ms: at(0.5), p95Ms: at(0.95), targetMs: TARGET_MS, met: at(0.95) < TARGET_MS };
}

/** The whole CSV read through, as the browser would: the stream's time to its end. */
async function drainCsv(): Promise<number> {
  let bytes = 0;
  await pipeline(failuresCsv(db(), tenant.migrationId), new Writable({ write(chunk: Buffer, _e, cb) { bytes += chunk.length; cb(); } }));
  return bytes;
}

const search = (q: Partial<Parameters<typeof searchLedger>[1]>) => () => searchLedger(db(), { runId, page: 1, pageSize: 50, ...q });
const pages = [
  await timed("run page (fullRunView)", () => fullRunView(db(), tenant.organizationId, tenant.migrationId)),
  await timed("ledger search: by source id", search({ q: "ct_000123457" })),
  await timed("ledger search: by state (failed)", search({ state: "failed" })),
  await timed("ledger search: by state (written, page 200)", search({ state: "written", page: 200 })),
  await timed("ledger search: by reason", search({ q: "owner" })),
  await timed("failure CSV (streamed to its end)", drainCsv),
  await timed("reconcile page (reconcileView)", () => reconcileView(db(), tenant.organizationId, tenant.migrationId)),
  await timed("staff dashboard", () => Promise.all([listRunsForStaff(db(), 10), errorsByReason(db(), {}), listMigrationsForStaff(db())])),
  await timed("staff run page (ledger + errors)", () => Promise.all([search({})(), errorsByReason(db(), { runId })])),
];

const explain = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
  `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON)
   SELECT "objectType", "sourceId", state, reason FROM "LedgerEntry"
    WHERE "migrationId" = $1 AND "runId" = $2 AND reason IS NOT NULL AND reason ILIKE '%owner%'
    ORDER BY "objectType", "sourceId" LIMIT 50`,
  tenant.migrationId, runId,
);
const size = await db().$queryRawUnsafe<{ ledger: bigint; staged: bigint }[]>(
  `SELECT pg_total_relation_size('"LedgerEntry"') AS ledger, pg_total_relation_size('"StagedRecord"') AS staged`,
);

console.log(JSON.stringify({
  records: total,
  fillSeconds: Math.round(fillSeconds * 10) / 10,
  csvBytes: await drainCsv(),
  pages,
  mapEdit: await mapEditFigures(db(), await createTenant(db()), requests),
  bytesPerRecord: { ledger: Math.round(Number(size[0]!.ledger) / total), staged: Math.round(Number(size[0]!.staged) / total) },
  ledgerSearchPlan: explain.map((r) => r["QUERY PLAN"]),
}, null, 2));
await db().$disconnect();
