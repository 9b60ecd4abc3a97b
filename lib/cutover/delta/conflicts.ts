/**
 * The admin's decision on a conflict: keep what Freshsales holds, or apply the source's new
 * values over it. Either way the decision is audited, and the last one decided after the
 * window ended completes the "delta" gate.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { ApprovedMapping } from "@/lib/migration/types";
import { assertGateReachable } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, NotFoundError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { contextFor, settingsFor } from "@/lib/migration/engine-bridge";
import { ENTITY, payloadOf, type Upsertable } from "./conflict-check";
import { completeIfSettled } from "./delta-window";

export type ConflictDecision = "keep_destination" | "apply_source";

export interface DecideDeps {
  db: Db;
  /** Needed only to apply the source's values. */
  conn?: FreshsalesConnection;
  mapping?: ApprovedMapping;
}

export async function decideConflict(deps: DecideDeps, user: Actor, migrationId: string, conflictId: string, decision: ConflictDecision): Promise<{ gateCompleted: boolean }> {
  const { db } = deps;
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const conflict = await db.deltaConflict.findFirst({ where: { id: conflictId, migrationId } });
  if (!conflict) throw new NotFoundError("Conflict");
  if (conflict.status !== "open") throw new AppError("This conflict has been decided already.", 409, "decided");
  if (decision === "apply_source") {
    if (!deps.conn || !deps.mapping) throw new Error("applying the source needs the destination connection and the approved map");
    const objectType = conflict.objectType as Upsertable;
    const staged = await db.stagedRecord.findUnique({ where: { migrationId_collection_sourceId: { migrationId, collection: objectType, sourceId: conflict.sourceId } } });
    const ledger = await db.ledgerEntry.findUnique({ where: { migrationId_objectType_sourceId: { migrationId, objectType, sourceId: conflict.sourceId } } });
    if (!staged || !ledger) throw new AppError("The source record is no longer staged; it cannot be applied.", 409, "missing");
    const ctx = contextFor({ db, conn: deps.conn }, conflict.runId, migrationId, await settingsFor(deps.conn, deps.mapping));
    const payload = await payloadOf(ctx, objectType, conflict.sourceId, staged.data as Record<string, unknown>, ledger.target);
    if (!payload?.ok) throw new AppError(`The source values cannot be written: ${payload?.reason ?? "no payload"}`, 409, "unwritable");
    await updateRecord(deps.conn, ENTITY[objectType], Number(conflict.destId), payload.fields);
    await db.ledgerEntry.update({ where: { migrationId_objectType_sourceId: { migrationId, objectType, sourceId: conflict.sourceId } }, data: { state: "written", runId: conflict.runId } });
  }
  const decided = await db.deltaConflict.updateMany({ where: { id: conflictId, status: "open" }, data: { status: decision, decidedBy: user.email, decidedAt: new Date() } });
  if (decided.count === 1) {
    await appendAudit(db, {
      organizationId: user.organizationId, migrationId, actor: user, action: "delta.conflict.decided",
      detail: { conflictId, objectType: conflict.objectType, sourceId: conflict.sourceId, destId: conflict.destId, decision },
    });
  }
  return { gateCompleted: await completeIfSettled(db, user.organizationId, migrationId, user) };
}
