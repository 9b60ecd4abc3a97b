/**
 * The live figures of a migration's full run: per collection the source count and the ledger
 * counts by state, throughput, calls used against the plan's limit, and time left, estimated
 * from the calls the remaining records need at the plan's rate (and from the observed pace,
 * whichever is slower).
 */
import { remedyFor, type Remedy } from "./failure-remedy";
import type { Db } from "@/lib/server/db";
import { stateCounts } from "./ledger";
import { latestRun } from "./service";

export const COLLECTIONS = ["companies", "contacts", "products", "deals", "activities", "attachments"] as const;
const BULK = new Set(["companies", "contacts", "deals"]);

export interface ObjectProgress {
  objectType: string;
  source: number;
  pending: number;
  intent: number;
  written: number;
  skipped: number;
  failed: number;
  /** written + skipped + failed + pending + intent = source. */
  addsUp: boolean;
}

export interface RunProgress {
  run: { id: string; status: string; phase: string | null; startedAt: string | null; finishedAt: string | null } | null;
  objects: ObjectProgress[];
  throughput: { recordsPerSecond: number; lastMinute: number };
  calls: { used: number; perHour: number | null; remainingEstimate: number };
  timeLeftSeconds: number | null;
  rollback: { id: string; status: string; report: unknown } | null;
}

/** Calls the unsettled records still need: bulk objects two per hundred (upsert + job poll), the rest one each. */
export function remainingCalls(objects: ObjectProgress[]): number {
  let calls = 0;
  for (const o of objects) {
    const open = o.pending + o.intent;
    calls += BULK.has(o.objectType) ? Math.ceil(open / 100) * 2 : open;
  }
  return calls;
}

export async function runProgress(db: Db, organizationId: string, migrationId: string, perHour: number | null): Promise<RunProgress> {
  // Independent reads side by side (the pool has ten connections): at a million records the two
  // counts take most of the page's time, and one after the other they doubled it.
  const [run, rollback, sources, counts] = await Promise.all([
    latestRun(db, organizationId, migrationId),
    latestRun(db, organizationId, migrationId, "rollback"),
    db.stagedRecord.groupBy({ by: ["collection"], where: { migrationId }, _count: { _all: true } }),
    stateCounts(db, migrationId),
  ]);
  const objects = COLLECTIONS.map((objectType): ObjectProgress => {
    const of = (state: string) => counts.find((c) => c.objectType === objectType && c.state === state)?.n ?? 0;
    const o = { objectType, source: sources.find((s) => s.collection === objectType)?._count._all ?? 0, pending: of("pending"), intent: of("intent"), written: of("written"), skipped: of("skipped"), failed: of("failed") };
    return { ...o, addsUp: o.pending + o.intent + o.written + o.skipped + o.failed === o.source };
  });
  let used = 0;
  let recordsPerSecond = 0;
  let lastMinute = 0;
  if (run) {
    const [total, minute] = await Promise.all([
      db.runMetric.aggregate({ where: { runId: run.id }, _sum: { calls: true, written: true, failed: true, skipped: true } }),
      db.runMetric.aggregate({ where: { runId: run.id, at: { gte: new Date(Date.now() - 60_000) } }, _sum: { written: true, failed: true, skipped: true } }),
    ]);
    used = total._sum.calls ?? 0;
    const settled = (total._sum.written ?? 0) + (total._sum.failed ?? 0) + (total._sum.skipped ?? 0);
    const end = run.finishedAt ?? new Date();
    const seconds = run.startedAt ? Math.max(1, (end.getTime() - run.startedAt.getTime()) / 1000) : 1;
    recordsPerSecond = settled / seconds;
    lastMinute = (minute._sum.written ?? 0) + (minute._sum.failed ?? 0) + (minute._sum.skipped ?? 0);
  }
  const remainingEstimate = remainingCalls(objects);
  const open = objects.reduce((n, o) => n + o.pending + o.intent, 0);
  const byBudget = perHour ? (remainingEstimate / perHour) * 3600 : 0;
  const byPace = lastMinute > 0 ? (open / lastMinute) * 60 : null;
  const timeLeftSeconds = open === 0 ? 0 : byPace === null && !perHour ? null : Math.max(byBudget, byPace ?? 0);
  // Phases overlap: every phase started and not done is shown ("contacts, activities:companies").
  const stats = run?.stats as { phase?: string; active?: Record<string, number>; done?: string[] } | undefined;
  const openPhases = Object.keys(stats?.active ?? {}).filter((p) => !(stats?.done ?? []).includes(p));
  return {
    run: run ? { id: run.id, status: run.status, phase: openPhases.length > 0 ? openPhases.join(", ") : (stats?.phase ?? null), startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null } : null,
    objects,
    throughput: { recordsPerSecond, lastMinute },
    calls: { used, perHour, remainingEstimate },
    timeLeftSeconds,
    rollback: rollback ? { id: rollback.id, status: rollback.status, report: rollback.stats } : null,
  };
}

export interface FailureGroup {
  reason: string;
  count: number;
  examples: string[];
  /** What to do about it (fix the map, create the field, retry…). */
  remedy: Remedy;
}

/**
 * Failed records grouped by reason, with the record ids taken out so like reasons group: the
 * grouping runs in Postgres (a million-record run can fail tens of thousands of records; reading
 * them all into the page cost more than the rest of the page). The patterns are the ones this
 * did in JavaScript: the record's own id, any word holding a digit, anything in double quotes.
 */
export async function failureGroups(db: Db, migrationId: string): Promise<FailureGroup[]> {
  const rows = await db.$queryRawUnsafe<{ reason: string; count: number; examples: string[]; first: string | null }[]>(
    `SELECT key AS reason, count(*)::int AS count, (array_agg("sourceId" ORDER BY "sourceId"))[1:5] AS examples,
            (array_agg(reason ORDER BY "sourceId"))[1] AS first
       FROM (SELECT "sourceId", reason, "objectType" || ': ' || regexp_replace(regexp_replace(
                      replace(coalesce(reason, 'no reason recorded'), "sourceId", '<id>'),
                      '\\y[[:alnum:]_-]*[0-9][[:alnum:]_-]*\\y', '<…>', 'g'), '"[^"]*"', '"…"', 'g') AS key
               FROM "LedgerEntry" WHERE "migrationId" = $1 AND state = 'failed') AS f
      GROUP BY key ORDER BY count DESC, key`,
    migrationId,
  );
  return rows.map((r) => ({ reason: r.reason, count: r.count, examples: r.examples, remedy: remedyFor(r.first ?? "") }));
}
