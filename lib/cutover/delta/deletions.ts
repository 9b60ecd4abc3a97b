/**
 * Records deleted in Visual Practice during the window. Freshsales is never changed by a poll:
 * each deletion is listed with its destination record, and the admin deletes it there or keeps
 * it. Only a record the run created may be deleted from here; one that was in Freshsales before
 * the migration (the run updated it) is the customer's own, so it can only be kept.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import { Prisma } from "@/lib/generated/prisma/client";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { deleteRecord } from "@/lib/connectors/freshsales/record-writes";
import { assertGateReachable } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, NotFoundError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { ENTITY, type Upsertable } from "./conflict-check";
import { completeIfSettled } from "./delta-window";
import { deletionSnapshotSchema, detachChildren, takeSnapshot } from "./restore-deletion";

export type DeletionDecision = "delete" | "keep";

export interface ListedDeletion {
  migrationId: string;
  runId: string;
  objectType: string;
  sourceId: string;
  destId: string;
  createdByRun: boolean;
}

/** Lists (or lists again, if it was restored and deleted once more) a source deletion. */
export async function listDeletion(db: Db, d: ListedDeletion): Promise<void> {
  await db.deltaDeletion.upsert({
    where: { migrationId_objectType_sourceId: { migrationId: d.migrationId, objectType: d.objectType, sourceId: d.sourceId } },
    create: d,
    // A snapshot from an earlier deletion is stale: the next delete takes a new one.
    update: { runId: d.runId, destId: d.destId, createdByRun: d.createdByRun, status: "open", decidedBy: null, decidedAt: null, snapshot: Prisma.DbNull },
  });
}

/** Whether a deletion may be carried out in Freshsales (and why not, when it may not). */
export function deletableInFreshsales(d: { objectType: string; createdByRun: boolean }): { ok: true } | { ok: false; why: string } {
  if (!d.createdByRun) return { ok: false, why: "it was in Freshsales before the migration; delete it there by hand if it should go" };
  if (!(d.objectType in ENTITY)) return { ok: false, why: `${d.objectType} are removed with the record they belong to, not one by one` };
  return { ok: true };
}

export async function decideDeletion(deps: { db: Db; conn?: FreshsalesConnection }, user: Actor, migrationId: string, deletionId: string, decision: DeletionDecision): Promise<{ gateCompleted: boolean }> {
  const { db } = deps;
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const deletion = await db.deltaDeletion.findFirst({ where: { id: deletionId, migrationId } });
  if (!deletion) throw new NotFoundError("Deletion");
  if (deletion.status !== "open") throw new AppError("This deletion has been decided already.", 409, "decided");
  if (decision === "delete") {
    const allowed = deletableInFreshsales(deletion);
    if (!allowed.ok) throw new AppError(`${deletion.objectType} ${deletion.sourceId} cannot be deleted from here: ${allowed.why}.`, 409, "not_deletable");
    if (!deps.conn) throw new Error("deleting in Freshsales needs the destination connection");
    const entity = ENTITY[deletion.objectType as Upsertable];
    // Kept before the delete, so that "restore" can bring the record and its children back.
    const snapshot = deletion.snapshot ? deletionSnapshotSchema.parse(deletion.snapshot) : await takeSnapshot(db, deps.conn, deletion, entity);
    if (snapshot && !deletion.snapshot) await db.deltaDeletion.update({ where: { id: deletion.id }, data: { snapshot: snapshot as object } });
    await deleteRecord(deps.conn, entity, Number(deletion.destId));
    if (snapshot) await detachChildren(db, deps.conn, migrationId, snapshot, `removed in Freshsales with ${deletion.objectType} ${deletion.sourceId}, deleted in Visual Practice during the cutover window`);
    // The ledger no longer points at a record: a rollback has nothing left to remove for it.
    await db.ledgerEntry.update({
      where: { migrationId_objectType_sourceId: { migrationId, objectType: deletion.objectType, sourceId: deletion.sourceId } },
      data: { state: "skipped", destId: null, reason: `deleted in Visual Practice during the cutover window; Freshsales ${deletion.destId} deleted by ${user.email}` },
    });
  }
  const decided = await db.deltaDeletion.updateMany({ where: { id: deletionId, status: "open" }, data: { status: decision === "delete" ? "deleted" : "kept", decidedBy: user.email, decidedAt: new Date() } });
  if (decided.count === 1) {
    await appendAudit(db, {
      organizationId: user.organizationId, migrationId, actor: user, action: "delta.deletion.decided",
      detail: { deletionId, objectType: deletion.objectType, sourceId: deletion.sourceId, destId: deletion.destId, decision },
    });
  }
  return { gateCompleted: await completeIfSettled(db, user.organizationId, migrationId, user) };
}
