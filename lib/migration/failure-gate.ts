/**
 * What holds the full-run gate when a run ends with more failures than the admin allows, and
 * the two ways past it besides a retry that brings them under: changing the thresholds (for
 * the runs that follow) and accepting the failures with a written reason. Both are audited.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import { completeGate } from "@/lib/gates/gate-service";
import { getMigrationOrThrow } from "@/lib/gates/data";
import type { Db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { assertAdmin } from "@/lib/server/roles";
import { overThreshold, thresholdsOf, type FailureThresholds, type ObjectOutcome, type OverThreshold } from "./failure-thresholds";
import { stateCounts } from "./ledger";
import { acceptanceReason } from "./schemas";
import type { Actor as RunActor } from "./service";

type Actor = RunActor & { role: string };

/**
 * The migration's ledger per state and per object, and which objects are over its thresholds:
 * one aggregate over the ledger, read by the run's finish and by accepting failures.
 */
export async function failureStanding(db: Db, organizationId: string, migrationId: string): Promise<{ thresholds: FailureThresholds; over: OverThreshold[]; failed: number; byState: Record<string, number> }> {
  const migration = await getMigrationOrThrow(db, organizationId, migrationId);
  const byState: Record<string, number> = {};
  const byObject = new Map<string, ObjectOutcome>();
  for (const c of await stateCounts(db, migrationId)) {
    byState[c.state] = (byState[c.state] ?? 0) + c.n;
    const o = byObject.get(c.objectType) ?? { objectType: c.objectType, total: 0, failed: 0 };
    o.total += c.n;
    if (c.state === "failed") o.failed += c.n;
    byObject.set(c.objectType, o);
  }
  const thresholds = thresholdsOf(migration.failureThresholds);
  return { thresholds, over: overThreshold([...byObject.values()], thresholds), failed: byState.failed ?? 0, byState };
}

export async function setFailureThresholds(db: Db, user: Actor, migrationId: string, thresholds: FailureThresholds): Promise<FailureThresholds> {
  assertAdmin(user);
  const migration = await getMigrationOrThrow(db, user.organizationId, migrationId);
  const before = thresholdsOf(migration.failureThresholds);
  await db.$transaction(async (tx) => {
    await tx.migration.update({ where: { id: migrationId, organizationId: user.organizationId }, data: { failureThresholds: thresholds } });
    await appendAudit(tx, { organizationId: user.organizationId, migrationId, actor: user, action: "run.failure_thresholds.changed", detail: { before, after: thresholds } });
  });
  return thresholds;
}

/**
 * Opens the full-run gate over a run that ended with failures: the latest full run must have
 * ended `done_with_failures` with nothing left pending, and the reason is kept in the audit log
 * with the figures the admin accepted.
 */
export async function acceptFailures(db: Db, user: Actor, migrationId: string, reason: string): Promise<void> {
  assertAdmin(user);
  // The form checks this too; the service is what every caller goes through.
  const why = acceptanceReason.safeParse(reason);
  if (!why.success) throw new AppError(why.error.issues[0]?.message ?? "A reason is required.", 400, "reason_too_short");
  reason = why.data;
  // First, so another organisation's migration answers as missing (getMigrationOrThrow inside).
  const { over, failed, byState } = await failureStanding(db, user.organizationId, migrationId);
  const run = await db.run.findFirst({ where: { organizationId: user.organizationId, migrationId, kind: "full" }, orderBy: { createdAt: "desc" } });
  if (!run || run.status !== "done_with_failures") throw new AppError("Only a full run that ended with failures over the thresholds can have them accepted.", 409, "nothing_to_accept");
  const open = (byState.pending ?? 0) + (byState.intent ?? 0);
  if (open > 0) throw new AppError(`${open} records are still being written: wait for them, or retry.`, 409, "records_open");
  await appendAudit(db, { organizationId: user.organizationId, migrationId, actor: user, action: "run.failures.accepted", detail: { runId: run.id, reason, failed, over } });
  await completeGate(db, user.organizationId, migrationId, "full-run", user);
}
