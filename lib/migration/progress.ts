/**
 * The live figures of a migration's full run: per collection the source count and the ledger
 * counts by state, throughput, calls used against the plan's limit, and time left with its range
 * from the one time model (lib/connectors/freshsales/time-model.ts): the calls the open records
 * still need at the plan's pace, with the share of repeated calls this run has shown so far; the
 * observed pace takes over where it is slower (a plan whose limits do not bind).
 */
import { predictTime, type CallLimits } from "@/lib/connectors/freshsales/time-model";
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
  /** The prediction behind `timeLeftSeconds`: its range and what it rests on. Null when nothing predicts it. */
  timeLeft: TimeLeft | null;
  rollback: { id: string; status: string; report: unknown } | null;
}

export interface TimeLeft {
  seconds: number;
  lowSeconds: number;
  highSeconds: number;
  /** Repeated calls per needed call, as this run showed it (the model's assumption until it has). */
  retryRate: number;
  /** "plan": the plan's limits bind; "pace": the run is slower than they allow, so its pace predicts. */
  basis: "plan" | "pace";
}

/** The plan's limits as the page knows them; `clockScale` for the sandbox's compressed clock. */
export interface RunLimits extends CallLimits {
  clockScale?: number;
  /** Calls already queued at the governor, in real seconds. */
  waitSeconds?: number;
}

/** The fewest calls `records` of an object need: bulk objects two per hundred (upsert + job poll), the rest one each. */
function callsFor(objectType: string, records: number): number {
  return BULK.has(objectType) ? Math.ceil(records / 100) * 2 : records;
}

/** Calls the unsettled records still need. */
export function remainingCalls(objects: ObjectProgress[]): number {
  return objects.reduce((n, o) => n + callsFor(o.objectType, o.pending + o.intent), 0);
}

/**
 * Repeated calls per needed call so far: calls made over the fewest the settled records needed
 * (written or failed by a write; records settled at seeding made none), less one. Until enough
 * records settled for the share to mean anything, the model's assumption.
 */
export function observedRetryRate(objects: ObjectProgress[], callsUsed: number): number | undefined {
  const needed = objects.reduce((n, o) => n + callsFor(o.objectType, o.written + o.failed), 0);
  return needed < 20 ? undefined : Math.min(1, Math.max(0, callsUsed / needed - 1));
}

/** Time left from the model, or from the observed pace where that is slower. */
export function timeLeftOf(objects: ObjectProgress[], callsUsed: number, limits: RunLimits | null, recordsLastMinute: number): TimeLeft | null {
  const open = objects.reduce((n, o) => n + o.pending + o.intent, 0);
  if (open === 0) return { seconds: 0, lowSeconds: 0, highSeconds: 0, retryRate: 0, basis: "plan" };
  const byPace = recordsLastMinute > 0 ? (open / recordsLastMinute) * 60 : null;
  const plan = limits ? predictTime({ calls: remainingCalls(objects), limits, retryRate: observedRetryRate(objects, callsUsed), clockScale: limits.clockScale, waitSeconds: limits.waitSeconds }) : null;
  if (plan && (byPace === null || plan.seconds >= byPace)) {
    return { seconds: plan.seconds, lowSeconds: plan.lowSeconds, highSeconds: plan.highSeconds, retryRate: plan.retryRate, basis: "plan" };
  }
  if (byPace === null) return null;
  // The last minute's pace, which moves as phases change: the range is as wide as the plan's.
  return { seconds: byPace, lowSeconds: Math.max(plan?.lowSeconds ?? 0, byPace * 0.8), highSeconds: byPace * 1.25, retryRate: plan?.retryRate ?? 0, basis: "pace" };
}

export async function runProgress(db: Db, organizationId: string, migrationId: string, limits: RunLimits | null): Promise<RunProgress> {
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
  const timeLeft = timeLeftOf(objects, used, limits, lastMinute);
  const perHour = limits?.perHour ?? null;
  // Phases overlap: every phase started and not done is shown ("contacts, activities:companies").
  const stats = run?.stats as { phase?: string; active?: Record<string, number>; done?: string[] } | undefined;
  const openPhases = Object.keys(stats?.active ?? {}).filter((p) => !(stats?.done ?? []).includes(p));
  return {
    run: run ? { id: run.id, status: run.status, phase: openPhases.length > 0 ? openPhases.join(", ") : (stats?.phase ?? null), startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null } : null,
    objects,
    throughput: { recordsPerSecond, lastMinute },
    calls: { used, perHour, remainingEstimate },
    timeLeftSeconds: timeLeft ? Math.round(timeLeft.seconds) : null,
    timeLeft,
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
