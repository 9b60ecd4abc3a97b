/**
 * The admin's decisions on conflicts: per record (take the source, keep Freshsales, or a choice
 * per field) or in bulk for one object type and field ("for all contacts, take the source's
 * phone"). A conflict stays open until every field in it has a choice; then the fields chosen
 * from the source are written to Freshsales together, the rest keep Freshsales' value, and the
 * decision is audited with the values written. The last conflict decided after the window ended
 * completes the "delta" gate.
 */
import { appendAudit } from "@/lib/audit/audit-log";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { FreshsalesValidationError } from "@/lib/connectors/freshsales/errors";
import { updateRecord } from "@/lib/connectors/freshsales/record-writes";
import type { FsFields } from "@/lib/connectors/freshsales/wire";
import type { ApprovedMapping } from "@/lib/migration/types";
import { assertGateReachable } from "@/lib/gates/gate-service";
import type { Db } from "@/lib/server/db";
import { AppError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { assertAdmin, type Actor } from "@/lib/server/roles";
import { contextFor, settingsFor } from "@/lib/migration/engine-bridge";
import { ENTITY, payloadOf, type Upsertable } from "./conflict-check";
import { completeIfSettled } from "./delta-window";
import { conflictFieldsSchema, type ConflictField, type FieldChoice } from "./types";

/** Whole-record decisions, or a choice per field (fields not named keep any choice made before). */
export type ConflictDecision = "keep_destination" | "apply_source" | { fields: Record<string, FieldChoice> };

export interface DecideDeps {
  db: Db;
  /** Needed only when a field is taken from the source. */
  conn?: FreshsalesConnection;
  mapping?: ApprovedMapping;
}

type ConflictRow = NonNullable<Awaited<ReturnType<Db["deltaConflict"]["findFirst"]>>>;

function withChoices(conflict: ConflictRow, decision: ConflictDecision): ConflictField[] {
  const fields = conflictFieldsSchema.parse(conflict.fields);
  if (decision === "apply_source" || decision === "keep_destination") {
    const choice: FieldChoice = decision === "apply_source" ? "source" : "destination";
    return fields.map((f) => ({ ...f, choice }));
  }
  const known = new Set(fields.map((f) => f.field));
  for (const field of Object.keys(decision.fields)) {
    if (!known.has(field)) throw new ValidationError(`${conflict.objectType} ${conflict.sourceId}: field "${field}" is not in conflict.`);
  }
  return fields.map((f) => (decision.fields[f.field] ? { ...f, choice: decision.fields[f.field] } : f));
}

function statusOf(fields: readonly ConflictField[]): string {
  if (fields.every((f) => f.choice === "source")) return "apply_source";
  if (fields.every((f) => f.choice === "destination")) return "keep_destination";
  return "per_field";
}

/** Writes the fields chosen from the source: the staged record is the source's latest value. */
async function writeSourceFields(deps: DecideDeps, conflict: ConflictRow, fields: readonly ConflictField[]): Promise<FsFields> {
  const take = fields.filter((f) => f.choice === "source").map((f) => f.field);
  if (take.length === 0) return {};
  if (!deps.conn || !deps.mapping) throw new Error("taking a value from the source needs the destination connection and the approved map");
  const { db } = deps;
  const { migrationId, sourceId } = conflict;
  const objectType = conflict.objectType as Upsertable;
  const staged = await db.stagedRecord.findUnique({ where: { migrationId_collection_sourceId: { migrationId, collection: objectType, sourceId } } });
  const ledger = await db.ledgerEntry.findUnique({ where: { migrationId_objectType_sourceId: { migrationId, objectType, sourceId } } });
  if (!staged || !ledger) throw new AppError(`${objectType} ${sourceId} is no longer staged; its source values cannot be written.`, 409, "missing");
  const ctx = contextFor({ db, conn: deps.conn }, conflict.runId, migrationId, await settingsFor(deps.conn, deps.mapping));
  const payload = await payloadOf(ctx, objectType, sourceId, staged.data as Record<string, unknown>, ledger.target);
  if (!payload?.ok) throw new AppError(`${objectType} ${sourceId}: the source values cannot be written: ${payload?.reason ?? "no payload"}`, 409, "unwritable");
  const values: FsFields = Object.fromEntries(take.map((f) => [f, payload.fields[f] ?? null]));
  try {
    await updateRecord(deps.conn, ENTITY[objectType], Number(conflict.destId), values);
  } catch (error) {
    if (!(error instanceof FreshsalesValidationError)) throw error;
    throw new AppError(`${objectType} ${sourceId}: Freshsales refused the source's ${take.join(", ")}: ${error.messages.join("; ") || error.message}. Keep Freshsales' value, or correct it in Visual Practice.`, 409, "refused");
  }
  await db.ledgerEntry.update({ where: { migrationId_objectType_sourceId: { migrationId, objectType, sourceId } }, data: { state: "written", runId: conflict.runId } });
  return values;
}

/** Records the choices on one open conflict; resolves it (writes and audits) once every field has one. */
async function applyDecision(deps: DecideDeps, user: Actor, conflict: ConflictRow, decision: ConflictDecision): Promise<boolean> {
  const { db } = deps;
  const fields = withChoices(conflict, decision);
  if (fields.some((f) => !f.choice)) {
    await db.deltaConflict.updateMany({ where: { id: conflict.id, status: "open" }, data: { fields: fields as object } });
    return false;
  }
  const written = await writeSourceFields(deps, conflict, fields);
  const status = statusOf(fields);
  const decided = await db.deltaConflict.updateMany({ where: { id: conflict.id, status: "open" }, data: { fields: fields as object, status, decidedBy: user.email, decidedAt: new Date() } });
  if (decided.count === 1) {
    await appendAudit(db, {
      organizationId: user.organizationId, migrationId: conflict.migrationId, actor: user, action: "delta.conflict.decided",
      detail: {
        conflictId: conflict.id, objectType: conflict.objectType, sourceId: conflict.sourceId, destId: conflict.destId, decision: status,
        choices: Object.fromEntries(fields.map((f) => [f.field, f.choice])), written,
      },
    });
  }
  return decided.count === 1;
}

export async function decideConflict(deps: DecideDeps, user: Actor, migrationId: string, conflictId: string, decision: ConflictDecision): Promise<{ gateCompleted: boolean; resolved: boolean }> {
  const { db } = deps;
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const conflict = await db.deltaConflict.findFirst({ where: { id: conflictId, migrationId } });
  if (!conflict) throw new NotFoundError("Conflict");
  if (conflict.status !== "open") throw new AppError("This conflict has been decided already.", 409, "decided");
  const resolved = await applyDecision(deps, user, conflict, decision);
  return { resolved, gateCompleted: await completeIfSettled(db, user.organizationId, migrationId, user) };
}

export interface BulkChoice {
  objectType: string;
  /** One field; every field of each conflict when absent. */
  field?: string;
  choice: FieldChoice;
}

/** One choice for every open conflict of an object type that has the field; audited as one event. */
export async function decideConflictsInBulk(deps: DecideDeps, user: Actor, migrationId: string, bulk: BulkChoice): Promise<{ matched: number; resolved: number; gateCompleted: boolean }> {
  const { db } = deps;
  assertAdmin(user);
  await assertGateReachable(db, user.organizationId, migrationId, "delta");
  const open = await db.deltaConflict.findMany({ where: { migrationId, objectType: bulk.objectType, status: "open" }, orderBy: { createdAt: "asc" } });
  let matched = 0;
  let resolved = 0;
  for (const conflict of open) {
    const fields = conflictFieldsSchema.parse(conflict.fields);
    const names = bulk.field ? fields.filter((f) => f.field === bulk.field).map((f) => f.field) : fields.map((f) => f.field);
    if (names.length === 0) continue;
    matched++;
    if (await applyDecision(deps, user, conflict, { fields: Object.fromEntries(names.map((n) => [n, bulk.choice])) })) resolved++;
  }
  if (matched === 0) throw new ValidationError(`No open ${bulk.objectType} conflict has ${bulk.field ? `the field "${bulk.field}"` : "a field"} to decide.`);
  await appendAudit(db, {
    organizationId: user.organizationId, migrationId, actor: user, action: "delta.conflicts.bulk_decided",
    detail: { objectType: bulk.objectType, field: bulk.field ?? null, choice: bulk.choice, matched, resolved },
  });
  return { matched, resolved, gateCompleted: await completeIfSettled(db, user.organizationId, migrationId, user) };
}
