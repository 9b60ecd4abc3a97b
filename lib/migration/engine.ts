/**
 * The full run: a sequence of phases in dependency order, each split into batches that any
 * worker may run, in any number, any number of times. A batch only moves ledger rows forward;
 * the phase advances (once, by a conditional update) when its rows are all settled.
 */
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { completeGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { countingConnection, MAX_ATTEMPTS, type BatchContext } from "./batch-context";
import { readRunJson, runSettingsSchema, runStatsSchema } from "./run-json";
import { countInStates, rowsById } from "./ledger";
import { classOf, displayPhase, forgetRun, isUpsertPhase, phaseBatchSize, phaseDef, phaseIds, phasePlan, readyPhases, isSeedPhase, SEED_PHASES, seededCollection, type PhaseDef, type PhaseState } from "./phases";
import { SEEDED_FIRST, seedLedger } from "./seed-ledger";
import { failureStanding } from "./failure-gate";
import { writeActivities } from "./write-activities";
import { writeDocuments } from "./write-documents";
import { writeDealProducts, writeProducts } from "./write-products";
import { writeUpserts } from "./write-upserts";
import { DEFAULT_POLICIES, type ApprovedMapping, type DestinationContext, type EngineDeps, type RunPolicies, type RunSettings } from "./types";

export interface RunStats extends PhaseState {
  /** The phase started last and its batch count ("done" at the end): a run starts with one phase, `phasePlan`'s root. */
  phase: string;
  batches: number;
  seeded?: Record<string, number>;
  /** Set by the last seed phase to finish, once every collection's ledger rows exist. */
  ledgerSeeded?: boolean;
  retryOf?: string;
}

/** Phase keys in plan order (dependency order), then "done". */
export function phaseList(settings: RunSettings): string[] {
  return [...phasePlan(settings).map((p) => p.key), "done"];
}

/** Started phases not done yet, with their batch counts: what a scheduler (re)enqueues. */
export function openPhases(stats: RunStats): { phase: string; batches: number }[] {
  const done = stats.done ?? [];
  return Object.entries(stats.active ?? {}).filter(([phase]) => !done.includes(phase)).map(([phase, batches]) => ({ phase, batches }));
}

/** The phase a person reads: the earliest open one ("done" at the end). */
export function currentPhase(settings: RunSettings, stats: RunStats): { phase: string; batches: number } {
  return displayPhase(phasePlan(settings), { active: stats.active ?? {}, done: stats.done ?? [] });
}

export interface StartRunInput {
  organizationId: string;
  migrationId: string;
  actor: AuditActor;
  mapping: ApprovedMapping;
  destination: DestinationContext;
  policies?: Partial<RunPolicies>;
  batchSize?: number;
}

/** Creates the run, seeds the ledger and sets the first phase. Callers enqueue `phaseBatches`. */
export async function startFullRun(db: Db, input: StartRunInput): Promise<{ runId: string }> {
  const run = await db.run.create({
    data: { organizationId: input.organizationId, migrationId: input.migrationId, kind: "full", status: "running", startedAt: new Date(), createdById: input.actor.id },
  });
  // Accounts and products now, so their phases start at once; the rest in the seed phases beside them.
  const seeded = await seedLedger(db, input.migrationId, run.id, input.mapping, SEEDED_FIRST);
  await analyzeLedger(db, true);
  const settings: RunSettings = {
    mapping: input.mapping,
    destination: input.destination,
    policies: { ...DEFAULT_POLICIES, ...input.policies },
    batchSize: Math.min(100, input.batchSize ?? 100),
    accountLevels: seeded.accountLevels,
  };
  await db.run.update({ where: { id: run.id }, data: { settings: settings as object, stats: { phase: "", batches: 0, active: {}, done: [], seeded: seeded.counts } } });
  await beginPhases(db, run.id, input.migrationId, settings);
  await appendAudit(db, { organizationId: input.organizationId, migrationId: input.migrationId, actor: input.actor, action: "run.full.started", detail: { runId: run.id, seeded: seeded.counts } });
  return { runId: run.id };
}

/**
 * Fresh statistics for the rows just staged and seeded. Without them (autovacuum off, or not
 * yet run) the planner believes these tables tiny and scans a whole object type where a
 * primary-key lookup of one batch's rows was meant: seconds per batch at 100k records. Only
 * the key columns the engine filters on: sampling the staged jsonb doubled the cost.
 */
async function analyzeLedger(db: Db, staged: boolean): Promise<void> {
  await db.$executeRawUnsafe(`ANALYZE "LedgerEntry" ("migrationId", "objectType", "sourceId", state)${staged ? `, "StagedRecord" ("migrationId", collection, "sourceId")` : ""}`);
}

/**
 * A seed phase's one batch: the collection's ledger rows (idempotent), then its count in the
 * run's stats, and `ledgerSeeded` once every seed phase has counted. One statement, so seed
 * phases finishing at once on several workers each add their count to the other's.
 */
async function seedCollection(db: Db, runId: string, migrationId: string, settings: RunSettings, collection: string): Promise<void> {
  await seedLedger(db, migrationId, runId, settings.mapping, [collection]);
  await analyzeLedger(db, false);
  const counts = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "migrationId" = $1 AND "objectType" = $2`, migrationId, collection,
  );
  await db.$executeRawUnsafe(
    // Both halves read the row's own stats: a concurrent seed phase's count, committed first, is kept.
    `UPDATE "Run" SET stats = stats || jsonb_build_object('seeded', coalesce(stats->'seeded', '{}'::jsonb) || $2::jsonb,
                                                      'ledgerSeeded', (coalesce(stats->'seeded', '{}'::jsonb) || $2::jsonb) ?& $3::text[]),
                      "updatedAt" = now()
      WHERE id = $1`,
    runId, JSON.stringify({ [collection]: counts[0]?.n ?? 0 }), SEED_PHASES.map(seededCollection),
  );
}

export async function loadRun(db: Db, runId: string) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  return { run, settings: readRunJson(runSettingsSchema, run.settings, runId, "settings"), stats: readRunJson(runStatsSchema, run.stats, runId, "stats") };
}

/** A run's settings never change once its first batch is scheduled, so a worker parses them once. */
const settingsCache = new Map<string, RunSettings>();

async function loadRunForBatch(db: Db, runId: string) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true, stats: true, migrationId: true, organizationId: true } });
  let settings = settingsCache.get(runId);
  if (!settings) {
    settings = readRunJson(runSettingsSchema, (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { settings: true } })).settings, runId, "settings");
    if (settingsCache.size > 100) settingsCache.clear();
    settingsCache.set(runId, settings);
  }
  return { run, settings, stats: readRunJson(runStatsSchema, run.stats, runId, "stats") };
}

export async function batchCount(db: Db, runId: string, migrationId: string, settings: RunSettings, phase: PhaseDef): Promise<number> {
  if (isSeedPhase(phase.key)) return 1;
  return Math.ceil((await phaseIds(db, runId, migrationId, settings, phase)).length / phaseBatchSize(settings, phase));
}

/**
 * Runs one batch of a phase. Idempotent: rows already settled are left alone, an intent is
 * resolved before anything is retried. Answers false when some outcome is still unknown.
 */
export async function processBatch(deps: EngineDeps, runId: string, phase: string, batch: number): Promise<boolean> {
  const { run, settings, stats } = await loadRunForBatch(deps.db, runId);
  // A job for a phase not started, or already done (a late duplicate), has nothing to do.
  if (run.status !== "running" || !(phase in (stats.active ?? {})) || (stats.done ?? []).includes(phase)) return true;
  const def = phaseDef(settings, phase);
  if (!def) return true;
  if (isSeedPhase(def.key)) {
    await seedCollection(deps.db, runId, run.migrationId, settings, seededCollection(def.key));
    return true;
  }
  const calls = { n: 0 };
  const ctx: BatchContext = {
    deps, db: deps.db, conn: countingConnection(deps.conn, calls, !isUpsertPhase(phase)), runId, migrationId: run.migrationId, settings, calls,
    chaos: deps.chaos ?? (() => {}),
  };
  const objectType = def.objectType;
  const size = phaseBatchSize(settings, def);
  const ids = (await phaseIds(deps.db, runId, run.migrationId, settings, def)).slice(batch * size, (batch + 1) * size);
  const rows = (await rowsById(deps.db, run.migrationId, objectType, ids)).sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  const before = settledCounts(rows);
  let settled = true;
  try {
    if (objectType === "companies" || objectType === "contacts" || (objectType === "deals" && phase === "deals")) settled = await writeUpserts(ctx, objectType, rows);
    else if (phase === "deal_products") await writeDealProducts(ctx, rows);
    else if (phase === "products") settled = await writeProducts(ctx, rows);
    else if (objectType === "activities") settled = await writeActivities(ctx, rows);
    else if (objectType === "attachments") settled = await writeDocuments(ctx, rows);
  } catch (error) {
    await giveUpOnStuckRows(deps.db, run.migrationId, objectType, runId, rows.map((r) => r.sourceId), error);
    throw error;
  }
  const after = settledCounts(await rowsById(deps.db, run.migrationId, objectType, rows.map((r) => r.sourceId)));
  await deps.db.runMetric.create({
    data: { runId, written: after.written - before.written, failed: after.failed - before.failed, skipped: after.skipped - before.skipped, calls: calls.n },
  });
  return settled;
}


/**
 * A batch that keeps throwing must not hold the run forever: its pending rows count the
 * attempt, and those past MAX_ATTEMPTS fail with the last error. Intent rows are left alone:
 * their write may have happened, and the next attempt's marker lookup settles them.
 */
async function giveUpOnStuckRows(db: Db, migrationId: string, objectType: string, runId: string, sourceIds: string[], error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    await db.$executeRawUnsafe(
      `UPDATE "LedgerEntry" SET attempts = attempts + 1,
          state = CASE WHEN attempts + 1 >= $5 THEN 'failed' ELSE state END,
          reason = CASE WHEN attempts + 1 >= $5 THEN $2 || ' ' || "sourceId" || ': gave up after ' || $5 || ' attempts: ' || $6 ELSE reason END,
          "runId" = $4, "updatedAt" = now()
        WHERE "migrationId" = $1 AND "objectType" = $2 AND "sourceId" = ANY($3::text[]) AND state = 'pending'`,
      migrationId, objectType, sourceIds, runId, MAX_ATTEMPTS, message.slice(0, 500),
    );
  } catch {
    // The database itself is failing; the job's retry comes back to these rows.
  }
}

function settledCounts(rows: { state: string }[]) {
  const c = { written: 0, failed: 0, skipped: 0 };
  for (const r of rows) if (r.state === "written" || r.state === "failed" || r.state === "skipped") c[r.state]++;
  return c;
}

/** Whether every row of the phase is settled (for deals: upserted; line items are the next phase). */
export async function phaseDone(db: Db, runId: string, migrationId: string, settings: RunSettings, phase: PhaseDef): Promise<boolean> {
  if (isSeedPhase(phase.key)) {
    const rows = await db.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT coalesce(stats->'seeded' ? $2, false) AS ok FROM "Run" WHERE id = $1`, runId, seededCollection(phase.key));
    return rows[0]?.ok ?? false;
  }
  if (phase.objectType === "companies") {
    const ids = settings.accountLevels[Number(phase.key.split(":")[1])] ?? [];
    return (await countInStates(db, migrationId, "companies", ["pending", "intent"], ids)) === 0;
  }
  if (phase.key === "deals") return (await countInStates(db, migrationId, "deals", ["pending"])) === 0;
  if (phase.linkClass) return !(await classHasOpenRows(db, migrationId, phase));
  return (await countInStates(db, migrationId, phase.objectType, ["pending", "intent"])) === 0;
}

/** Whether an unsettled row of the class is left: a probe over open rows only, stopping at the first. */
async function classHasOpenRows(db: Db, migrationId: string, phase: PhaseDef): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "LedgerEntry" l
      WHERE l."migrationId" = $1 AND l."objectType" = $2 AND l.state IN ('pending','intent') AND ${classOf(phase.objectType)} = $3 LIMIT 1`,
    migrationId, phase.objectType, phase.linkClass,
  );
  return rows.length > 0;
}

/**
 * Marks `phase` done when its rows are all settled and starts the phases that were waiting
 * only for it. Every change is a conditional update of the run's stats, so exactly one caller
 * marks a phase and exactly one starts each next phase; that caller gets it (with its batch
 * count) to enqueue. Null while the phase still has open rows.
 */
export async function advance(db: Db, runId: string, phase: string, batch?: number, onStart?: OnStart): Promise<{ started: { phase: string; batches: number }[] } | null> {
  if (batch !== undefined && !(await lastBatchSettled(db, runId, phase, batch))) return null;
  const { run, settings } = await loadRunForBatch(db, runId);
  const def = phaseDef(settings, phase);
  if (!def || !(await phaseDone(db, runId, run.migrationId, settings, def))) return null;
  return { started: await markDone(db, runId, run.migrationId, settings, [phase], onStart) };
}

/**
 * Called as each phase is started, before the next one's batches are counted: counting an
 * activity or document phase reads the link class of every row (seconds at 20k records), and
 * the contacts phase, started by the same last account batch, must not wait for it.
 */
export type OnStart = (started: { phase: string; batches: number }) => Promise<void>;

/**
 * Notes `batch` of `phase` as settled in the run's stats and answers whether every batch of
 * the phase now is. The ledger check (`phaseDone`) reads the phase's open rows, which costs
 * more as the ledger grows; run after every batch it made a run quadratic. So only a batch
 * that completes the set pays for it. A batch noted twice (a retried job) counts once, and the
 * watchdog's `reconcilePhases` still checks the ledger for a run whose last batch died here.
 */
async function lastBatchSettled(db: Db, runId: string, phase: string, batch: number): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ noted: number; batches: number | null }[]>(
    `WITH u AS (
       UPDATE "Run" SET stats = jsonb_set(stats, '{settled}', coalesce(stats->'settled', '{}'::jsonb)
                                  || jsonb_build_object($2::text, coalesce(stats->'settled'->$2, '[]'::jsonb) || to_jsonb($3::int)))
        WHERE id = $1 AND NOT coalesce(stats->'settled'->$2, '[]'::jsonb) @> to_jsonb($3::int)
        RETURNING stats)
     SELECT jsonb_array_length(coalesce(s->'settled'->$2, '[]'::jsonb))::int AS noted, (s->'active'->>$2)::int AS batches
       FROM (SELECT coalesce((SELECT stats FROM u), (SELECT stats FROM "Run" WHERE id = $1)) AS s) x`,
    runId, phase, batch,
  );
  const r = rows[0];
  return !r || r.batches === null || r.noted >= r.batches;
}

type StatsRow = { stats: RunStats };

/** Starts a run's first phases (stats hold no phase yet); answers them for the scheduler. */
export async function beginPhases(db: Db, runId: string, migrationId: string, settings: RunSettings): Promise<{ phase: string; batches: number }[]> {
  return startReadyPhases(db, runId, migrationId, settings, { active: {}, done: [] });
}

/**
 * Brings a run's phase bookkeeping up to date after a worker died between steps: open phases
 * whose rows are all settled are marked done, phases whose prerequisites are done are started
 * (both conditional updates, so racing callers agree). Answers every open phase with its batch
 * count: what must be (re)scheduled for the run to go on.
 */
export async function reconcilePhases(db: Db, runId: string): Promise<{ phase: string; batches: number }[]> {
  const { run, settings, stats } = await loadRun(db, runId);
  if (run.status !== "running") return [];
  const finished: string[] = [];
  for (const open of openPhases(stats)) {
    const def = phaseDef(settings, open.phase);
    if (def && (await phaseDone(db, runId, run.migrationId, settings, def))) finished.push(open.phase);
  }
  await markDone(db, runId, run.migrationId, settings, finished);
  const now = await loadRun(db, runId);
  await startReadyPhases(db, runId, run.migrationId, settings, { active: now.stats.active ?? {}, done: now.stats.done ?? [] });
  const after = await loadRun(db, runId);
  return after.run.status === "running" ? openPhases(after.stats) : [];
}

async function markDone(db: Db, runId: string, migrationId: string, settings: RunSettings, phases: string[], onStart?: OnStart): Promise<{ phase: string; batches: number }[]> {
  const started: { phase: string; batches: number }[] = [];
  for (const phase of phases) {
    const rows = await db.$queryRawUnsafe<StatsRow[]>(
      // The phase's settled-batch list (`lastBatchSettled`) has served its purpose and goes.
      `UPDATE "Run" SET stats = jsonb_set(stats, '{done}', coalesce(stats->'done', '[]'::jsonb) || to_jsonb($2::text)) #- array['settled', $2::text], "updatedAt" = now()
        WHERE id = $1 AND NOT coalesce(stats->'done', '[]'::jsonb) ? $2 RETURNING stats`,
      runId, phase,
    );
    // Someone else marked it: they start what follows.
    if (rows.length === 0) continue;
    started.push(...(await startReadyPhases(db, runId, migrationId, settings, rows[0]!.stats, onStart)));
  }
  return started;
}

/** Starts every phase whose prerequisites are done (a phase with no rows is done at once); the run finishes when all are. */
async function startReadyPhases(db: Db, runId: string, migrationId: string, settings: RunSettings, stats: PhaseState, onStart?: OnStart): Promise<{ phase: string; batches: number }[]> {
  const plan = phasePlan(settings);
  const state: PhaseState = { active: stats.active ?? {}, done: stats.done ?? [] };
  if (plan.every((p) => state.done.includes(p.key))) {
    await db.$executeRawUnsafe(`UPDATE "Run" SET stats = stats || jsonb_build_object('phase', 'done', 'batches', 0), "updatedAt" = now() WHERE id = $1`, runId);
    await finishRun(db, runId);
    return [];
  }
  const started: { phase: string; batches: number }[] = [];
  const empty: string[] = [];
  for (const next of readyPhases(plan, state)) {
    const batches = await batchCount(db, runId, migrationId, settings, next);
    if (batches === 0) {
      empty.push(next.key);
      continue;
    }
    const won = await db.$executeRawUnsafe(
      `UPDATE "Run" SET stats = jsonb_set(stats, '{active}', coalesce(stats->'active', '{}'::jsonb) || jsonb_build_object($2::text, $3::int))
                              || jsonb_build_object('phase', $2::text, 'batches', $3::int), "updatedAt" = now()
        WHERE id = $1 AND NOT coalesce(stats->'active', '{}'::jsonb) ? $2`,
      runId, next.key, batches,
    );
    if (won === 1) {
      started.push({ phase: next.key, batches });
      await onStart?.({ phase: next.key, batches });
    }
  }
  if (empty.length > 0) started.push(...(await markDone(db, runId, migrationId, settings, empty, onStart)));
  return started;
}

async function finishRun(db: Db, runId: string): Promise<void> {
  const { run } = await loadRun(db, runId);
  const { over, byState } = await failureStanding(db, run.organizationId, run.migrationId);
  // More failures than the admin allows: the run is over but has not passed, so nothing after it opens.
  const status = over.length > 0 ? "done_with_failures" : "done";
  const updated = await db.run.updateMany({ where: { id: runId, status: "running" }, data: { status, finishedAt: new Date() } });
  forgetRun(runId);
  if (updated.count !== 1) return;
  const actor = { id: null, email: "system" };
  await appendAudit(db, { organizationId: run.organizationId, migrationId: run.migrationId, actor, action: "run.full.finished", detail: { runId, status, ...byState, over } });
  // The gate needs the ledger to add up (every record written, skipped or failed) and failures within the thresholds.
  if (status === "done" && (byState.pending ?? 0) === 0 && (byState.intent ?? 0) === 0) {
    try {
      await completeGate(db, run.organizationId, run.migrationId, "full-run", actor);
    } catch {
      // A migration whose earlier gates were withdrawn meanwhile keeps the run's result; the page says the gate is open.
    }
  }
}
