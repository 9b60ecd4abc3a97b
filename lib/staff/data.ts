import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db";

/**
 * Staff reads span every organisation on purpose: engineers watch all runs. These
 * functions are only called behind `requireEngineer*`.
 */
export interface StaffRunRow {
  id: string;
  kind: string;
  status: string;
  organizationName: string;
  migrationId: string;
  migrationName: string;
  startedAt: Date | null;
  lastProgressAt: Date;
  counts: Record<string, number>;
  total: number;
  stuck: boolean;
  /** A full run that ended with more failures than its migration allows, its gate not yet opened. */
  heldByFailures: boolean;
}

export async function listRunsForStaff(db: Db, stuckAfterMinutes: number, limit = 100): Promise<StaffRunRow[]> {
  const runs = await db.run.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  if (runs.length === 0) return [];
  const migrations = await db.migration.findMany({
    where: { id: { in: [...new Set(runs.map((r) => r.migrationId))] } },
    select: { id: true, name: true, gates: true, organization: { select: { name: true } } },
  });
  const byMigration = new Map(migrations.map((m) => [m.id, m]));
  const counts = await db.ledgerEntry.groupBy({
    by: ["runId", "state"],
    where: { runId: { in: runs.map((r) => r.id) } },
    _count: { _all: true },
  });
  const lastMetric = await db.runMetric.groupBy({ by: ["runId"], where: { runId: { in: runs.map((r) => r.id) } }, _max: { at: true } });
  const lastAt = new Map(lastMetric.map((m) => [m.runId, m._max.at]));
  const stuckBefore = Date.now() - stuckAfterMinutes * 60_000;
  return runs.map((r) => {
    const c: Record<string, number> = {};
    for (const row of counts) if (row.runId === r.id) c[row.state] = row._count._all;
    const last = [lastAt.get(r.id), r.updatedAt, r.startedAt].filter((d): d is Date => Boolean(d)).sort((a, b) => b.getTime() - a.getTime())[0] ?? r.createdAt;
    const m = byMigration.get(r.migrationId);
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      organizationName: m?.organization.name ?? "?",
      migrationId: r.migrationId,
      migrationName: m?.name ?? "?",
      startedAt: r.startedAt,
      lastProgressAt: last,
      counts: c,
      total: Object.values(c).reduce((a, b) => a + b, 0),
      stuck: r.status === "running" && last.getTime() < stuckBefore,
      heldByFailures: r.status === "done_with_failures" && !((m?.gates ?? {}) as Record<string, unknown>)["full-run"],
    };
  });
}

/**
 * Failed records grouped by reason: of one run, or of the latest `recentRuns` runs (the
 * dashboard's), so the read goes through the run index instead of every ledger row there is.
 */
export async function errorsByReason(db: Db, filter: { runId?: string }, limit = 20, recentRuns = 100) {
  const runIds = filter.runId ? [filter.runId] : (await db.run.findMany({ orderBy: { createdAt: "desc" }, take: recentRuns, select: { id: true } })).map((r) => r.id);
  const rows = await db.ledgerEntry.groupBy({
    by: ["reason", "objectType"],
    where: { state: "failed", runId: { in: runIds } },
    _count: { _all: true },
    orderBy: { _count: { reason: "desc" } },
    take: limit,
  });
  return rows.map((r) => ({ reason: r.reason ?? "(no reason recorded)", objectType: r.objectType, count: r._count._all }));
}

export const LEDGER_OBJECTS = ["companies", "contacts", "deals", "products", "activities", "attachments"] as const;
/** Counting stops here: past it the page says "100,000+" (a count of a million rows costs more than the page). */
export const LEDGER_COUNT_CAP = 100_000;

export interface LedgerQuery {
  runId: string;
  objectType?: string;
  state?: string;
  /** A source id (exact) or words of a skipped or failed record's reason (case-insensitive). */
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * One page of a run's ledger, in (object, source id) order. Every filter reaches its rows by an
 * index (the plan is in lib/migration/README.md): a source id by primary key, a state by
 * `(runId, state, objectType, sourceId)`, a reason among the failed and skipped rows, which are
 * the ones whose reason says why they were not written.
 */
export async function searchLedger(db: Db, query: LedgerQuery) {
  const run = await db.run.findUnique({ where: { id: query.runId }, select: { migrationId: true } });
  if (!run) return null;
  const base = {
    migrationId: run.migrationId,
    runId: query.runId,
    ...(query.objectType ? { objectType: query.objectType } : {}),
    ...(query.state ? { state: query.state } : {}),
  };
  let where: Prisma.LedgerEntryWhereInput = base;
  if (query.q) {
    // A source id first, by primary key (every object type named so the key answers); only when
    // none matches are the words looked for in the reasons of the failed and skipped rows.
    const byId = { ...base, objectType: { in: query.objectType ? [query.objectType] : [...LEDGER_OBJECTS] }, sourceId: query.q };
    const reasonStates = query.state ? (["failed", "skipped"].includes(query.state) ? [query.state] : []) : ["failed", "skipped"];
    where = (await db.ledgerEntry.findFirst({ where: byId, select: { sourceId: true } }))
      ? byId
      : { ...base, state: { in: reasonStates }, reason: { contains: query.q, mode: "insensitive" as const } };
  }
  const [rows, counted, objectTypes] = await Promise.all([
    db.ledgerEntry.findMany({
      where,
      orderBy: [{ objectType: "asc" }, { sourceId: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { objectType: true, sourceId: true, target: true, state: true, action: true, destId: true, attempts: true, reason: true, updatedAt: true },
    }),
    // Reads at most the cap + 1 index entries.
    db.ledgerEntry.count({ where, take: LEDGER_COUNT_CAP + 1 }),
    // One primary-key probe per object type, not a count of the whole ledger.
    Promise.all(LEDGER_OBJECTS.map((objectType) => db.ledgerEntry.findFirst({ where: { migrationId: run.migrationId, objectType }, select: { objectType: true } }))),
  ]);
  return { rows, total: Math.min(counted, LEDGER_COUNT_CAP), totalCapped: counted > LEDGER_COUNT_CAP, objectTypes: objectTypes.flatMap((o) => (o ? [o.objectType] : [])) };
}

/**
 * Records per second over time. Metrics are per batch (deltas, from any worker), so they are
 * summed into fixed buckets; a rate between two arbitrary rows would swing wildly.
 */
export async function runThroughput(db: Db, runId: string, bucketSeconds = 5) {
  const metrics = await db.runMetric.findMany({ where: { runId }, orderBy: { at: "asc" }, take: 20_000 });
  const buckets = new Map<number, { records: number; calls: number }>();
  for (const m of metrics) {
    const key = Math.floor(m.at.getTime() / (bucketSeconds * 1000)) * bucketSeconds * 1000;
    const b = buckets.get(key) ?? { records: 0, calls: 0 };
    b.records += m.written + m.failed + m.skipped;
    b.calls += m.calls;
    buckets.set(key, b);
  }
  return [...buckets.entries()].map(([at, b]) => ({
    at: new Date(at).toISOString(),
    recordsPerSecond: b.records / bucketSeconds,
    calls: b.calls,
  }));
}

/** API calls a run made in the last real hour, for the gauge against the plan's hourly limit. */
export async function callsInLastHour(db: Db, runId: string): Promise<number> {
  const r = await db.runMetric.aggregate({ where: { runId, at: { gte: new Date(Date.now() - 3_600_000) } }, _sum: { calls: true } });
  return r._sum.calls ?? 0;
}

/** Every organisation's migrations, most recently changed first: engineers only. */
export async function listMigrationsForStaff(db: Db, take = 200) {
  return db.migration.findMany({
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, name: true, gates: true, closedAt: true, updatedAt: true, organization: { select: { name: true } } },
  });
}

/** One run for the staff run page, with its destination's plan (the hourly budget the page shows). */
export async function staffRun(db: Db, runId: string) {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return null;
  const destination = await db.connection.findFirst({ where: { organizationId: run.organizationId, migrationId: run.migrationId, kind: "FRESHSALES" }, select: { plan: true } });
  return { run, plan: destination?.plan ?? null };
}
