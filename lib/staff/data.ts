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

export async function errorsByReason(db: Db, filter: { runId?: string }, limit = 20) {
  const rows = await db.ledgerEntry.groupBy({
    by: ["reason", "objectType"],
    where: { state: "failed", ...(filter.runId ? { runId: filter.runId } : {}) },
    _count: { _all: true },
    orderBy: { _count: { reason: "desc" } },
    take: limit,
  });
  return rows.map((r) => ({ reason: r.reason ?? "(no reason recorded)", objectType: r.objectType, count: r._count._all }));
}

export interface LedgerQuery {
  runId: string;
  objectType?: string;
  state?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function searchLedger(db: Db, query: LedgerQuery) {
  const run = await db.run.findUnique({ where: { id: query.runId }, select: { migrationId: true } });
  if (!run) return null;
  const where = {
    migrationId: run.migrationId,
    runId: query.runId,
    ...(query.objectType ? { objectType: query.objectType } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.q
      ? { OR: [{ sourceId: { contains: query.q } }, { destId: { contains: query.q } }, { reason: { contains: query.q, mode: "insensitive" as const } }] }
      : {}),
  };
  const [rows, total, objectTypes] = await Promise.all([
    db.ledgerEntry.findMany({
      where,
      orderBy: [{ objectType: "asc" }, { sourceId: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { objectType: true, sourceId: true, target: true, state: true, action: true, destId: true, attempts: true, reason: true, updatedAt: true },
    }),
    db.ledgerEntry.count({ where }),
    db.ledgerEntry.groupBy({ by: ["objectType"], where: { runId: query.runId }, _count: { _all: true } }),
  ]);
  return { rows, total, objectTypes: objectTypes.map((o) => o.objectType) };
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
