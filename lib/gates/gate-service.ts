import { appendAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { GATES, gateStatuses, parseGateRecords, type GateKey } from "./gates";
import { getMigrationOrThrow } from "./data";

export class GateLockedError extends AppError {
  constructor(gate: GateKey, waitingFor: string) {
    super(`“${GATES.find((g) => g.key === gate)?.label}” is locked until “${waitingFor}” is done.`, 409, "gate_locked");
  }
}

/** Throws unless `gate` is open or done (every gate before it done) and the migration is not closed. */
export async function assertGateReachable(db: Db, organizationId: string, migrationId: string, gate: GateKey) {
  const migration = await getMigrationOrThrow(db, organizationId, migrationId);
  if (migration.closedAt) throw new AppError("This migration is live and closed to further writes.", 409, "closed");
  const statuses = gateStatuses(parseGateRecords(migration.gates));
  const target = statuses.find((s) => s.key === gate)!;
  if (target.status === "locked") {
    throw new GateLockedError(gate, statuses.find((s) => s.status === "open")?.label ?? "the previous step");
  }
  return migration;
}

/** Marks `gate` done (who and when) and audits it. Idempotent. */
export async function completeGate(db: Db, organizationId: string, migrationId: string, gate: GateKey, actor: AuditActor) {
  const migration = await assertGateReachable(db, organizationId, migrationId, gate);
  const records = parseGateRecords(migration.gates);
  if (records[gate]) return;
  records[gate] = { at: new Date().toISOString(), by: actor.email ?? "system" };
  await db.$transaction(async (tx) => {
    await tx.migration.update({ where: { id: migrationId, organizationId }, data: { gates: records as object } });
    await appendAudit(tx, { organizationId, migrationId, actor, action: `gate.${gate}.done` });
  });
}

/**
 * Withdraws `gate` and every gate after it (a changed map after approval invalidates what
 * was built on it) and audits the withdrawal with the reason.
 */
export async function withdrawGate(db: Db, organizationId: string, migrationId: string, gate: GateKey, actor: AuditActor, reason: string) {
  const migration = await getMigrationOrThrow(db, organizationId, migrationId);
  const records = parseGateRecords(migration.gates);
  const from = GATES.findIndex((g) => g.key === gate);
  const withdrawn = GATES.slice(from).map((g) => g.key).filter((k) => records[k]);
  if (withdrawn.length === 0) return;
  for (const k of withdrawn) delete records[k];
  await db.$transaction(async (tx) => {
    await tx.migration.update({ where: { id: migrationId, organizationId }, data: { gates: records as object } });
    await appendAudit(tx, { organizationId, migrationId, actor, action: `gate.withdrawn`, detail: { gates: withdrawn, reason } });
  });
}
