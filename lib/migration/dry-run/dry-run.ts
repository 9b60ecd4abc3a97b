/**
 * A dry run, stored: the predictions of `predictFullRun`, one DryRunRecord per source record,
 * and the figures the page shows (`DryRun.summary`): outcomes, reasons and flags per object,
 * calls by endpoint with the time at the plan's limits, and the reads the dry run itself made.
 */
import type { Db } from "@/lib/server/db";
import { callPlan, type CallPlan } from "./call-plan";
import { predictFullRun, type LeadsPlan, type PredictInput, type Prediction, type PredictedOutcome } from "./predict";
import { policyEffects, type PolicyEffect } from "./policy-effects";
import { readOnlyConnection } from "./read-only-connection";

export interface ObjectPlan {
  total: number;
  outcomes: Record<PredictedOutcome, number>;
  /** Skip and failure reasons, grouped (ids blanked), most frequent first. */
  reasons: { outcome: PredictedOutcome; reason: string; count: number }[];
  /** Records whose payload is truncated or transformed. */
  flagged: number;
}

export interface PlanSummary {
  objects: Record<string, ObjectPlan>;
  calls: CallPlan;
  /** The dry run's own read calls by endpoint (spent from the shared budget like any other). */
  reads: Record<string, number>;
  /** Examples of truncated or transformed fields (the CSV has them all). */
  flagExamples: { objectType: string; sourceId: string; flag: string }[];
  /** What the duplicate policies do, with the records they affect; absent in plans made before they existed. */
  policies?: PolicyEffect[];
  /** Where contacts without a company go (Leads module or Contacts at the Lead stage) and why; absent in older plans. */
  leads?: LeadsPlan;
  durationMs: number;
}

export interface DryRunInput extends Omit<PredictInput, "conn"> {
  organizationId: string;
  actorId: string | null;
  conn: PredictInput["conn"];
  limits: { perHour: number; perMinute: number | null };
  /** The row `requestDryRun` queued; a new one when absent (tests, bench). */
  dryRunId?: string;
}

export async function runDryRun(input: DryRunInput): Promise<{ dryRunId: string; summary: PlanSummary }> {
  const { db, organizationId, migrationId } = input;
  const started = Date.now();
  const dryRun = input.dryRunId
    ? await db.dryRun.update({ where: { id: input.dryRunId, organizationId }, data: { status: "running" } })
    : await db.dryRun.create({ data: { organizationId, migrationId, createdById: input.actorId, status: "running" } });
  try {
    const reads: Record<string, number> = {};
    const { predictions, work, leads } = await predictFullRun({ ...input, conn: readOnlyConnection(input.conn, reads) });
    await storePredictions(db, dryRun.id, predictions);
    const summary: PlanSummary = { objects: summarize(predictions), calls: callPlan(work, input.limits), reads, flagExamples: flagExamples(predictions), policies: policyEffects(predictions), leads, durationMs: Date.now() - started };
    await db.dryRun.update({ where: { id: dryRun.id }, data: { status: "done", summary: summary as object, finishedAt: new Date() } });
    await dropSupersededPredictions(db, organizationId, migrationId, dryRun.id);
    return { dryRunId: dryRun.id, summary };
  } catch (error) {
    await db.dryRun.update({ where: { id: dryRun.id }, data: { status: "failed", error: error instanceof Error ? error.message : String(error), finishedAt: new Date() } });
    throw error;
  }
}

/**
 * An earlier dry run no full run followed will never be compared: its per-record rows go (its
 * summary stays for the record). 200,000 rows a plan would otherwise pile up with every rerun.
 */
async function dropSupersededPredictions(db: Db, organizationId: string, migrationId: string, keep: string): Promise<void> {
  await db.$executeRawUnsafe(
    `DELETE FROM "DryRunRecord" r USING "DryRun" d
      WHERE r."dryRunId" = d.id AND d."organizationId" = $1 AND d."migrationId" = $2 AND d.id <> $3
        AND NOT EXISTS (SELECT 1 FROM "Run" x WHERE x."dryRunId" = d.id)`,
    organizationId, migrationId, keep,
  );
}

async function storePredictions(db: Db, dryRunId: string, predictions: Prediction[]): Promise<void> {
  for (let i = 0; i < predictions.length; i += 10_000) {
    const page = predictions.slice(i, i + 10_000);
    await db.$executeRawUnsafe(
      `INSERT INTO "DryRunRecord" ("dryRunId", "objectType", "sourceId", outcome, reason, flags)
       SELECT $1, t.o, t.s, t.out, t.r, t.f FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(o, s, out, r, f)
       ON CONFLICT DO NOTHING`,
      dryRunId,
      page.map((p) => p.objectType), page.map((p) => p.sourceId), page.map((p) => p.outcome),
      page.map((p) => p.reason?.slice(0, 2000) ?? null), page.map((p) => (p.flags.length > 0 ? p.flags.join("; ").slice(0, 2000) : null)),
    );
  }
}

/** A reason with its record ids and quoted values blanked, so reasons group by kind. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, "\"…\"")
    .replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, "…")
    .replace(/\b[A-Za-z]*[_-]?\d[\w-]*\b/g, "…");
}

function summarize(predictions: Prediction[]): Record<string, ObjectPlan> {
  const objects: Record<string, ObjectPlan> = {};
  const groups = new Map<string, Map<string, { outcome: PredictedOutcome; reason: string; count: number }>>();
  for (const p of predictions) {
    const o = (objects[p.objectType] ??= { total: 0, outcomes: { created: 0, updated: 0, skipped: 0, failed: 0 }, reasons: [], flagged: 0 });
    o.total++;
    o.outcomes[p.outcome]++;
    if (p.flags.length > 0) o.flagged++;
    if ((p.outcome === "skipped" || p.outcome === "failed") && p.reason) {
      const kind = reasonKind(p.reason);
      let g = groups.get(p.objectType);
      if (!g) groups.set(p.objectType, (g = new Map()));
      const key = `${p.outcome}|${kind}`;
      const hit = g.get(key);
      if (hit) hit.count++;
      else g.set(key, { outcome: p.outcome, reason: kind, count: 1 });
    }
  }
  for (const [objectType, g] of groups) objects[objectType]!.reasons = [...g.values()].sort((a, b) => b.count - a.count).slice(0, 50);
  return objects;
}

function flagExamples(predictions: Prediction[]): PlanSummary["flagExamples"] {
  const out: PlanSummary["flagExamples"] = [];
  for (const p of predictions) {
    for (const flag of p.flags) {
      if (out.length >= 100) return out;
      out.push({ objectType: p.objectType, sourceId: p.sourceId, flag });
    }
  }
  return out;
}
