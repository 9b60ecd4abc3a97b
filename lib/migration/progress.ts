/**
 * The live figures of a migration's full run: per collection the source count and the ledger
 * counts by state, throughput, calls used against the plan's limit, and time left with its range
 * from the one time model (lib/connectors/freshsales/time-model.ts): the calls the open records
 * still need at the plan's pace, with the share of repeated calls this run has shown so far; the
 * observed pace takes over where it is slower (a plan whose limits do not bind).
 */
import { PACE_EFFICIENCY, predictTime, type CallLimits } from "@/lib/connectors/freshsales/time-model";
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
  /** Both predictions, for the page's detail and the bench: the plan's expected figure and the recent pace's. */
  planSeconds: number | null;
  paceSeconds: number | null;
}

/** The plan's limits as the page knows them; `clockScale` for the sandbox's compressed clock. */
export interface RunLimits extends CallLimits {
  clockScale?: number;
  /** Calls already queued at the governor, in real seconds. */
  waitSeconds?: number;
}

/**
 * The calls `records` of an object need: bulk objects two per hundred (upsert + job poll), the
 * rest one each; a deal also one PUT for its line items (written after the deal, so the ledger
 * cannot tell which deals still need one: every deal is counted, an upper bound).
 */
function callsFor(objectType: string, records: number): number {
  if (objectType === "deals") return Math.ceil(records / 100) * 2 + records;
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
  // Records in flight (intent) have had their calls made: leaving them out read a run's first
  // batches as 40 % repeats. The metadata reads and account searches a run makes first fade only
  // once a fifth of its calls are behind it, so the assumption stands until then.
  const needed = objects.reduce((n, o) => n + callsFor(o.objectType, o.written + o.failed + o.intent), 0);
  const total = needed + objects.reduce((n, o) => n + callsFor(o.objectType, o.pending), 0);
  return needed < 20 || needed < total / 5 ? undefined : Math.min(1, Math.max(0, callsUsed / needed - 1));
}

/**
 * Real seconds a run's end takes beside its calls (the last bulk jobs polled, the ledger checked,
 * the run finished): measured at 1–2 s on the compressed clock, where it is a visible share of
 * the time left; against a real account it is lost in the hours.
 */
const FINISH_SECONDS = 2;

/**
 * Time left from the model: the calls still needed, with the repeats this run showed, at the
 * plan's pace. The run's own recent pace of calls predicts only where the plan is not known (no
 * destination connected): while accounts and contacts go a hundred to a call its calls are few
 * and the calls left many, so taken as the pace it read a run 40 % done as three times longer
 * than it was (tried: time-left.db.test.ts). Against a real account the plan's limits set the
 * pace; on the compressed clock a busy machine may not keep it (bench/timeline.bench.ts says).
 */
export function timeLeftOf(objects: ObjectProgress[], callsUsed: number, limits: RunLimits | null, recentCallsPerSecond: number): TimeLeft | null {
  const open = objects.reduce((n, o) => n + o.pending + o.intent, 0);
  if (open === 0) return { seconds: 0, lowSeconds: 0, highSeconds: 0, retryRate: 0, basis: "plan", planSeconds: 0, paceSeconds: 0 };
  const calls = remainingCalls(objects);
  const retryRate = observedRetryRate(objects, callsUsed);
  const plan = limits ? predictTime({ calls, limits, retryRate, clockScale: limits.clockScale, waitSeconds: limits.waitSeconds, finishSeconds: FINISH_SECONDS }) : null;
  // The run's pace as if it were a plan: its recent calls already include its idle share, so the
  // model's efficiency is taken back out of it (expected = calls needed ÷ recent calls a second).
  const pace = recentCallsPerSecond > 0 ? predictTime({ calls, limits: { perHour: (recentCallsPerSecond * 3600) / PACE_EFFICIENCY.expected }, retryRate, finishSeconds: FINISH_SECONDS }) : null;
  const chosen = plan ?? pace;
  if (!chosen) return null;
  return { seconds: chosen.seconds, lowSeconds: chosen.lowSeconds, highSeconds: chosen.highSeconds, retryRate: chosen.retryRate, basis: chosen === plan ? "plan" : "pace", planSeconds: plan?.seconds ?? null, paceSeconds: pace?.seconds ?? null };
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
  let recentCallsPerSecond = 0;
  if (run) {
    const end = run.finishedAt ?? new Date();
    const seconds = run.startedAt ? Math.max(1, (end.getTime() - run.startedAt.getTime()) / 1000) : 1;
    // The recent pace of calls (what the model counts; records per call differ a hundredfold
    // between phases) over the last quarter of the run's time, at most a minute: a window
    // reaching back to the seeding, which makes no calls, read a young run as slow.
    const window = Math.min(60, Math.max(1, seconds / 4));
    const [total, minute, recent] = await Promise.all([
      db.runMetric.aggregate({ where: { runId: run.id }, _sum: { calls: true, written: true, failed: true, skipped: true } }),
      db.runMetric.aggregate({ where: { runId: run.id, at: { gte: new Date(Date.now() - 60_000) } }, _sum: { written: true, failed: true, skipped: true } }),
      db.runMetric.aggregate({ where: { runId: run.id, at: { gte: new Date(end.getTime() - window * 1000) } }, _sum: { calls: true } }),
    ]);
    used = total._sum.calls ?? 0;
    const settled = (total._sum.written ?? 0) + (total._sum.failed ?? 0) + (total._sum.skipped ?? 0);
    recordsPerSecond = settled / seconds;
    lastMinute = (minute._sum.written ?? 0) + (minute._sum.failed ?? 0) + (minute._sum.skipped ?? 0);
    recentCallsPerSecond = (recent._sum.calls ?? 0) / window;
  }
  const remainingEstimate = remainingCalls(objects);
  const timeLeft = timeLeftOf(objects, used, limits, recentCallsPerSecond);
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
