/**
 * The Reconcile step on the server: an admin asks for a report (built by a job), explains each
 * divergence with a note (audited), and the gate completes once the latest report has no
 * divergence left unexplained.
 */
import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import { assertGateReachable, completeGate } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, ConflictError, NotFoundError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { buildReconcileReport, unexplained, type ReconcileDeps, type ReconcileReport } from "./reconcile";

export async function latestReconcile(db: Db, migrationId: string) {
  return db.run.findFirst({ where: { migrationId, kind: "reconcile" }, orderBy: { createdAt: "desc" } });
}

export function reportOf(run: { stats: unknown; status: string }): ReconcileReport | null {
  const stats = run.stats as Partial<ReconcileReport> | null;
  return run.status === "done" && stats?.objects ? (stats as ReconcileReport) : null;
}

export async function requestReconcile(db: Db, user: Actor, migrationId: string): Promise<{ runId: string }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "reconcile");
  if (await db.run.findFirst({ where: { migrationId, kind: "delta", status: "running" }, select: { id: true } })) {
    throw new ConflictError("End the delta window before reconciling: the destination is still changing.");
  }
  const busy = await db.run.findFirst({ where: { migrationId, kind: "reconcile", status: { in: ["queued", "running"] } } });
  if (busy) return { runId: busy.id };
  const run = await db.run.create({
    data: { organizationId: user.organizationId, migrationId, kind: "reconcile", status: "queued", settings: { requestedBy: user.email } as object, createdById: user.id },
  });
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "reconcile.requested", detail: { runId: run.id } });
  return { runId: run.id };
}

/** The job's body: builds the report and completes the gate when nothing diverges. */
export async function executeReconcile(deps: ReconcileDeps, runId: string): Promise<ReconcileReport | null> {
  const { db } = deps;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  if (run.kind !== "reconcile" || run.status === "done") return null;
  await db.run.update({ where: { id: runId }, data: { status: "running", startedAt: new Date() } });
  const report = await buildReconcileReport(deps, runId, run.migrationId);
  await db.run.update({ where: { id: runId }, data: { status: "done", finishedAt: new Date(), stats: report as unknown as object } });
  const actor: AuditActor = { id: run.createdById, email: String((run.settings as { requestedBy?: string }).requestedBy ?? "system") };
  await appendAudit(db, {
    organizationId: run.organizationId, migrationId: run.migrationId, actor, action: "reconcile.reported",
    detail: { runId, divergences: report.divergences.length, verdicts: report.summary.byVerdict },
  });
  if (unexplained(report).length === 0) await completeGate(db, run.organizationId, run.migrationId, "reconcile", actor);
  return report;
}

export async function explainDivergence(db: Db, user: Actor, migrationId: string, runId: string, key: string, note: string): Promise<{ gateCompleted: boolean; left: number }> {
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "reconcile");
  const latest = await latestReconcile(db, migrationId);
  if (!latest || latest.id !== runId) throw new ConflictError("That report is no longer the latest one. Explain the divergences of the latest report.");
  const report = reportOf(latest);
  if (!report) throw new AppError("The report is not ready yet.", 409, "not_ready");
  if (!report.divergences.some((d) => d.key === key)) throw new NotFoundError("Divergence");
  const explanation = { note, by: user.email, at: new Date().toISOString() };
  // One statement, so two admins explaining at once do not lose each other's notes.
  await db.$executeRawUnsafe(
    `UPDATE "Run" SET stats = jsonb_set(stats, '{explanations}', coalesce(stats->'explanations', '{}'::jsonb) || jsonb_build_object($2::text, $3::jsonb)), "updatedAt" = now() WHERE id = $1`,
    runId, key, JSON.stringify(explanation),
  );
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "reconcile.divergence.explained", detail: { runId, key, note } });
  const fresh = reportOf(await db.run.findUniqueOrThrow({ where: { id: runId } }))!;
  const left = unexplained(fresh).length;
  if (left === 0) await completeGate(db, user.organizationId, migrationId, "reconcile", user);
  return { gateCompleted: left === 0, left };
}
