/**
 * The dry run behind the console, a gate of the flow between Preflight and Sample: requested
 * once the preflight is done and again any time before the full run; the first that finishes
 * completes the gate (audited as done by whoever requested it). Each runs as a job with the
 * approved map and the destination as they are then, read with the migration's own connection (its governor
 * counts the dry run's reads against the shared budget like every other call).
 */
import { appendAudit } from "@/lib/audit/audit-log";
import { openDestination } from "@/lib/connections/open-clients";
import { attachmentStore } from "@/lib/connections/file-store";
import { attachmentKey } from "@/lib/extraction/copy-attachments";
import { assertGateReachable, completeGate, GateLockedError } from "@/lib/gates/gate-service";
import { loadApprovedMapping } from "@/lib/mapping/review/approved";
import type { Db } from "@/lib/server/db";
import { AppError, NotFoundError } from "@/lib/server/errors";
import { engineMapping, readDestination, type Actor } from "../service";
import { comparePlan, type PlanComparison } from "./compare-plan";
import { runDryRun, type PlanSummary } from "./dry-run";

export async function requestDryRun(db: Db, user: Actor, migrationId: string, schedule: (payload: { dryRunId: string; organizationId: string; migrationId: string }) => Promise<void>): Promise<{ dryRunId: string }> {
  await assertGateReachable(db, user.organizationId, migrationId, "dry-run");
  const busy = await db.dryRun.findFirst({ where: { organizationId: user.organizationId, migrationId, status: { in: ["queued", "running"] } } });
  if (busy) throw new AppError("A dry run is already in progress.", 409, "dry_run_active");
  const dryRun = await db.dryRun.create({ data: { organizationId: user.organizationId, migrationId, createdById: user.id, status: "queued" } });
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "run.dry.requested", detail: { dryRunId: dryRun.id } });
  await schedule({ dryRunId: dryRun.id, organizationId: user.organizationId, migrationId });
  return { dryRunId: dryRun.id };
}

/** The job's work: the map and destination as they are now, then the prediction. */
export async function executeDryRun(db: Db, payload: { dryRunId: string; organizationId: string; migrationId: string }): Promise<void> {
  const row = await db.dryRun.findFirst({ where: { id: payload.dryRunId, organizationId: payload.organizationId, migrationId: payload.migrationId } });
  if (!row || row.status === "done") return;
  const { mapping, policies } = engineMapping(await loadApprovedMapping(db, payload.organizationId, payload.migrationId));
  const destination = await readDestination(db, payload.organizationId, payload.migrationId);
  const dest = await openDestination(db, payload.organizationId, payload.migrationId);
  try {
    await runDryRun({
      db, organizationId: payload.organizationId, migrationId: payload.migrationId, actorId: row.createdById, dryRunId: row.id,
      conn: dest.connection, mapping, destination, policies,
      files: attachmentStore(db), attachmentKey, limits: { perHour: dest.plan.perHour, perMinute: dest.plan.perMinute },
    });
  } finally {
    dest.connection.close();
  }
  const by = row.createdById ? await db.user.findFirst({ where: { id: row.createdById, organizationId: payload.organizationId }, select: { id: true, email: true } }) : null;
  try {
    await completeGate(db, payload.organizationId, payload.migrationId, "dry-run", by ?? { id: null, email: "system" });
  } catch (error) {
    // The preflight was withdrawn while the plan was made (a map change): the plan stays, the gate waits.
    if (!(error instanceof GateLockedError)) throw error;
  }
}

export interface DryRunView {
  id: string;
  status: string;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  summary: PlanSummary | null;
}

export async function latestDryRun(db: Db, organizationId: string, migrationId: string): Promise<DryRunView | null> {
  const row = await db.dryRun.findFirst({ where: { organizationId, migrationId }, orderBy: { createdAt: "desc" } });
  if (!row) return null;
  return { id: row.id, status: row.status, error: row.error, createdAt: row.createdAt, finishedAt: row.finishedAt, summary: row.status === "done" ? (row.summary as unknown as PlanSummary) : null };
}

/** The plan of the migration's latest full run next to its ledger, or null when the run followed no plan. */
export async function planVsOutcome(db: Db, organizationId: string, migrationId: string): Promise<(PlanComparison & { dryRunId: string; runId: string }) | null> {
  const run = await db.run.findFirst({ where: { organizationId, migrationId, kind: "full", dryRunId: { not: null } }, orderBy: { createdAt: "desc" } });
  if (!run?.dryRunId) return null;
  return { ...(await comparePlan(db, migrationId, run.dryRunId)), dryRunId: run.dryRunId, runId: run.id };
}

/** Per-record predictions of one dry run of the organisation, for the CSV. */
export async function dryRunRecords(db: Db, organizationId: string, dryRunId: string) {
  const row = await db.dryRun.findFirst({ where: { id: dryRunId, organizationId }, select: { id: true } });
  if (!row) throw new NotFoundError("Dry run");
  return db.dryRunRecord.findMany({ where: { dryRunId }, orderBy: [{ objectType: "asc" }, { sourceId: "asc" }] });
}
