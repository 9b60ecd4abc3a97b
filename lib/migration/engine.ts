/**
 * The full run: a sequence of phases in dependency order, each split into batches that any
 * worker may run, in any number, any number of times. A batch only moves ledger rows forward;
 * the phase advances (once, by a conditional update) when its rows are all settled.
 */
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { completeGate } from "@/lib/migrations/gate-service";
import type { Db } from "@/lib/server/db";
import { countingConnection, type BatchContext } from "./batch-context";
import { batchRows, countInStates, countWorkRows, rowsById } from "./ledger";
import { seedLedger } from "./seed-ledger";
import { writeActivities } from "./write-activities";
import { writeDocuments } from "./write-documents";
import { writeDealProducts, writeProducts } from "./write-products";
import { writeUpserts } from "./write-upserts";
import { DEFAULT_POLICIES, type ApprovedMapping, type DestinationContext, type EngineDeps, type RunPolicies, type RunSettings } from "./types";

export interface RunStats {
  phase: string;
  batches: number;
  seeded?: Record<string, number>;
}

/** Phase keys: `companies:<level>` per hierarchy level, then the other collections. */
export function phaseList(settings: RunSettings): string[] {
  return [...settings.accountLevels.map((_, i) => `companies:${i}`), "contacts", "products", "deals", "deal_products", "activities", "attachments", "done"];
}

const OBJECT_OF_PHASE = (phase: string): string => (phase.startsWith("companies") ? "companies" : phase === "deal_products" ? "deals" : phase);

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
  const seeded = await seedLedger(db, input.migrationId, run.id, input.mapping);
  const settings: RunSettings = {
    mapping: input.mapping,
    destination: input.destination,
    policies: { ...DEFAULT_POLICIES, ...input.policies },
    batchSize: Math.min(100, input.batchSize ?? 100),
    accountLevels: seeded.accountLevels,
  };
  const first = phaseList(settings)[0]!;
  const batches = await batchCount(db, input.migrationId, settings, first);
  await db.run.update({ where: { id: run.id }, data: { settings: settings as object, stats: { phase: first, batches, seeded: seeded.counts } } });
  await appendAudit(db, { organizationId: input.organizationId, migrationId: input.migrationId, actor: input.actor, action: "run.full.started", detail: { runId: run.id, seeded: seeded.counts } });
  return { runId: run.id };
}

export async function loadRun(db: Db, runId: string) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  return { run, settings: run.settings as unknown as RunSettings, stats: run.stats as unknown as RunStats };
}

/** A run's settings never change once its first batch is scheduled, so a worker parses them once. */
const settingsCache = new Map<string, RunSettings>();

async function loadRunForBatch(db: Db, runId: string) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true, stats: true, migrationId: true, organizationId: true } });
  let settings = settingsCache.get(runId);
  if (!settings) {
    settings = (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { settings: true } })).settings as unknown as RunSettings;
    if (settingsCache.size > 100) settingsCache.clear();
    settingsCache.set(runId, settings);
  }
  return { run, settings, stats: run.stats as unknown as RunStats };
}

export async function batchCount(db: Db, migrationId: string, settings: RunSettings, phase: string): Promise<number> {
  if (phase === "done") return 0;
  if (phase.startsWith("companies:")) return Math.ceil((settings.accountLevels[Number(phase.split(":")[1])]?.length ?? 0) / settings.batchSize);
  return Math.ceil((await countWorkRows(db, migrationId, OBJECT_OF_PHASE(phase))) / settings.batchSize);
}

/**
 * Runs one batch of a phase. Idempotent: rows already settled are left alone, an intent is
 * resolved before anything is retried. Answers false when some outcome is still unknown.
 */
export async function processBatch(deps: EngineDeps, runId: string, phase: string, batch: number): Promise<boolean> {
  const { run, settings, stats } = await loadRunForBatch(deps.db, runId);
  if (run.status !== "running" || stats.phase !== phase) return true;
  const calls = { n: 0 };
  const ctx: BatchContext = {
    deps, db: deps.db, conn: countingConnection(deps.conn, calls), runId, migrationId: run.migrationId, settings, calls,
    chaos: deps.chaos ?? (() => {}),
  };
  const objectType = OBJECT_OF_PHASE(phase);
  let rows;
  if (phase.startsWith("companies:")) {
    const ids = (settings.accountLevels[Number(phase.split(":")[1])] ?? []).slice(batch * settings.batchSize, (batch + 1) * settings.batchSize);
    rows = (await rowsById(deps.db, run.migrationId, "companies", ids)).sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  } else {
    rows = await batchRows(deps.db, run.migrationId, objectType, batch, settings.batchSize);
  }
  const before = settledCounts(rows);
  let settled = true;
  try {
    if (objectType === "companies" || objectType === "contacts" || (objectType === "deals" && phase === "deals")) await writeUpserts(ctx, objectType, rows);
    else if (phase === "deal_products") await writeDealProducts(ctx, rows);
    else if (phase === "products") settled = await writeProducts(ctx, rows);
    else if (phase === "activities") settled = await writeActivities(ctx, rows);
    else if (phase === "attachments") settled = await writeDocuments(ctx, rows);
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

/** Attempts a pending row may take before it fails with the error that keeps stopping it. */
export const MAX_ATTEMPTS = 10;

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
export async function phaseDone(db: Db, migrationId: string, settings: RunSettings, phase: string): Promise<boolean> {
  if (phase === "done") return true;
  if (phase.startsWith("companies:")) {
    const ids = settings.accountLevels[Number(phase.split(":")[1])] ?? [];
    return (await countInStates(db, migrationId, "companies", ["pending", "intent"], ids)) === 0;
  }
  if (phase === "deals") return (await countInStates(db, migrationId, "deals", ["pending"])) === 0;
  return (await countInStates(db, migrationId, OBJECT_OF_PHASE(phase), ["pending", "intent"])) === 0;
}

/**
 * Moves the run past `phase` when it is done. Exactly one caller wins (a conditional update);
 * it gets the next phase and its batch count to enqueue. Skips phases with nothing to do.
 */
export async function advance(db: Db, runId: string, phase: string): Promise<{ phase: string; batches: number } | null> {
  const { run, settings } = await loadRun(db, runId);
  if (!(await phaseDone(db, run.migrationId, settings, phase))) return null;
  const phases = phaseList(settings);
  let next = phases[phases.indexOf(phase) + 1] ?? "done";
  let batches = await batchCount(db, run.migrationId, settings, next);
  while (next !== "done" && batches === 0) {
    next = phases[phases.indexOf(next) + 1] ?? "done";
    batches = await batchCount(db, run.migrationId, settings, next);
  }
  const won = await db.$executeRawUnsafe(
    `UPDATE "Run" SET stats = stats || jsonb_build_object('phase', $2::text, 'batches', $3::int), "updatedAt" = now() WHERE id = $1 AND stats->>'phase' = $4`,
    runId, next, batches, phase,
  );
  if (won !== 1) return null;
  if (next === "done") await finishRun(db, runId);
  return { phase: next, batches };
}

async function finishRun(db: Db, runId: string): Promise<void> {
  const { run } = await loadRun(db, runId);
  const updated = await db.run.updateMany({ where: { id: runId, status: "running" }, data: { status: "done", finishedAt: new Date() } });
  if (updated.count !== 1) return;
  const counts = await db.ledgerEntry.groupBy({ by: ["state"], where: { migrationId: run.migrationId }, _count: { _all: true } });
  const byState = Object.fromEntries(counts.map((c) => [c.state, c._count._all]));
  const actor = { id: null, email: "system" };
  await appendAudit(db, { organizationId: run.organizationId, migrationId: run.migrationId, actor, action: "run.full.finished", detail: { runId, ...byState } });
  // The gate needs the ledger to add up: every record written, skipped or failed (failures are listed, not hidden).
  if ((byState.pending ?? 0) === 0 && (byState.intent ?? 0) === 0) {
    try {
      await completeGate(db, run.organizationId, run.migrationId, "full-run", actor);
    } catch {
      // A migration whose earlier gates were withdrawn meanwhile keeps the run's result; the page says the gate is open.
    }
  }
}
